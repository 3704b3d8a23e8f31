"""The `bot` console script: one entry point, one module per sub-command."""
import sys

USAGE = """usage: bot COMMAND [ARGS]

commands:
  score       score JSONL replies from stdin, one JSONL verdict per line
  validate    check every scenario file (or the files given)
  trainer     manage trainer accounts: add USERNAME | list | remove USERNAME
  review      read stored role-plays: list | show SESSION_ID
"""


def main(argv=None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0
    command, rest = args[0], args[1:]
    if command == "score":
        from bot.scoring.cli import main as run
    elif command == "validate":
        from bot.scenarios import validate_main as run
    elif command == "trainer":
        from bot.review.cli import trainer_main as run
    elif command == "review":
        from bot.review.cli import review_main as run
    else:
        print(f"bot: unknown command {command!r}\n\n{USAGE}", file=sys.stderr)
        return 2
    return run(rest) or 0


if __name__ == "__main__":
    sys.exit(main())
