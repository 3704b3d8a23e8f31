"""`bot trainer ...` (accounts) and `bot review ...` (stored role-plays) in the terminal.

Both use DATABASE_URL (SQLAlchemy URL) or, by default, the SQLite file rasa.db
in the project root; `--database-url` overrides either.
"""
import argparse
import getpass
import sys
import unicodedata
from typing import List, Optional

from sqlalchemy.exc import SQLAlchemyError

from bot.review import auth
from bot.review.db import database_url, describe, get_engine, init_db
from bot.review.service import Filters, NotFound, ReviewService, ValidationError, iso


def _db_arg(parser: argparse.ArgumentParser, sub: bool = False) -> None:
    parser.add_argument("--database-url", default=argparse.SUPPRESS if sub else None,
                        help="SQLAlchemy URL (default: $DATABASE_URL or sqlite:///<project>/rasa.db)")


def _fail(message: str, code: int = 1) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def read_new_password(stdin=None, prompt=None) -> str:
    """From the terminal (asked twice, not echoed), else the first line of stdin."""
    stdin = stdin or sys.stdin
    prompt = prompt or getpass.getpass
    if stdin.isatty():
        first = prompt("Password (at least 8 characters): ")
        auth.check_password(first)
        if prompt("Repeat the password: ") != first:
            raise auth.AccountError("the passwords do not match")
        return first
    line = stdin.readline()
    password = line.rstrip("\r\n")
    auth.check_password(password)
    return password


# --- bot trainer ------------------------------------------------------------------
def trainer_main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="bot trainer", description="Manage trainer accounts.")
    _db_arg(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    add = commands.add_parser("add", help="add a trainer (password from the terminal, or stdin)")
    add.add_argument("username")
    passwd = commands.add_parser("passwd", help="set a trainer's password (logs them out everywhere)")
    passwd.add_argument("username")
    commands.add_parser("list", help="list the trainers")
    remove = commands.add_parser("remove", help="remove a trainer and their logins")
    remove.add_argument("username")
    for sub in (add, passwd, remove):
        _db_arg(sub, sub=True)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    url = args.database_url or database_url()
    try:
        engine = get_engine(url)
        init_db(engine)
        if args.command in ("add", "passwd"):
            username = auth.normalize_username(args.username)
            password = read_new_password()
            if args.command == "add":
                auth.add_trainer(engine, username, password)
                print(f"trainer {username!r} added")
            else:
                auth.set_password(engine, username, password)
                print(f"password of {username!r} changed")
        elif args.command == "list":
            rows = auth.list_trainers(engine)
            if not rows:
                print("no trainers yet: add one with `bot trainer add USERNAME`")
            for trainer in rows:
                print(f"{trainer.username}\tcreated {iso(trainer.created_at)}\t"
                      f"{trainer.active_tokens} active login(s)")
        elif args.command == "remove":
            username = auth.normalize_username(args.username)
            if not auth.remove_trainer(engine, username):
                return _fail(f"no trainer named {username!r}")
            print(f"trainer {username!r} removed")
    except auth.AccountError as exc:
        return _fail(str(exc))
    except (EOFError, KeyboardInterrupt):
        return _fail("cancelled")
    except SQLAlchemyError as exc:
        return _fail(f"cannot use the database {describe(url)} ({type(exc).__name__})")
    return 0


# --- bot review ---------------------------------------------------------------------
def _score(value) -> str:
    return "-" if value is None else str(round(value))


def _list(service: ReviewService, args) -> int:
    params = {"sort": "started_at"}
    for name in ("trainee", "scenario", "language"):
        if getattr(args, name):
            params[name] = getattr(args, name)
    params["limit"] = str(args.limit)
    sessions = service.list_sessions(Filters(params))
    if not sessions:
        print("no sessions")
        return 0
    header = ["id", "started (UTC)", "trainee", "scenario", "lang", "outcome", "overall",
              "listen", "apol", "expl", "commit", "turns", "reviewed"]
    rows = []
    for s in sessions:
        dims = s.get("dimensions") or {}
        overall = _score(s.get("overall"))
        if "overall" in s["session_overrides"]:
            overall += f"->{s['session_overrides']['overall']}"
        rows.append([
            s["id"], (s.get("started_at") or "-").replace("T", " ").rstrip("Z"),
            s.get("trainee") or f"({s['sender_id']})", s.get("scenario") or "-", s.get("language") or "-",
            s.get("outcome") or "in progress", overall,
            _score(dims.get("listening")), _score(dims.get("apologizing")),
            _score(dims.get("explaining")), _score(dims.get("committing")),
            str(s.get("turn_count", 0)), "yes" if s.get("reviewed") else "no",
        ])
    widths = [max(_width(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    for row in [header] + rows:
        print("  ".join(str(cell) + " " * (width - _width(str(cell)))
                        for cell, width in zip(row, widths)).rstrip())
    return 0


def _width(text: str) -> int:
    """Columns a string takes in a terminal (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _value(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "-" if value is None else str(value)


def _resolve_id(service: ReviewService, given: str) -> str:
    """A full session id, or a unique prefix of one (at least 6 characters)."""
    try:
        service.get_session(given)
        return given
    except NotFound:
        pass
    if len(given) >= 6:
        matches = [s["id"] for s in service.all_sessions() if s["id"].startswith(given)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ValidationError(f"{given!r} matches {len(matches)} sessions; give more of the id")
    raise NotFound(f"no session {given!r} (see `bot review list`)")


def _verdict_line(turn: dict, group: str, names) -> List[str]:
    verdict = turn.get("verdict") or {}
    entries = verdict.get(group) or {}
    parts = []
    for name in names:
        entry = entries.get(name) if isinstance(entries, dict) else None
        if not isinstance(entry, dict):
            continue
        mark = "yes" if entry.get("detected") else "no"
        final = turn["final"].get(name)
        if final is not None and final != entry.get("detected"):
            mark += f" (trainer: {'yes' if final else 'no'})"
        parts.append(f"{name}={mark}")
    return parts


def _show(service: ReviewService, session_id: str) -> int:
    session = service.get_session(_resolve_id(service, session_id))
    dims = session.get("dimensions") or {}
    print(f"session   {session['id']}   (conversation {session['sender_id']})")
    print(f"trainee   {session.get('trainee') or '-'}")
    print(f"scenario  {session.get('scenario') or '-'}   language {session.get('language') or '-'}")
    print(f"started   {session.get('started_at') or '-'}   ended {session.get('ended_at') or '-'}")
    print(f"outcome   {session.get('outcome') or 'in progress'}   final mood {session.get('mood') or '-'}")
    print(f"overall   {_score(session.get('overall'))}   " + "  ".join(
        f"{name} {_score(dims.get(name))}" for name in ("listening", "apologizing", "explaining", "committing")))
    if session.get("reviewed"):
        print(f"reviewed  by {session['reviewed_by']} at {session['reviewed_at']}")
    if session.get("opening"):
        print(f"\ncustomer: {session['opening']}")
    for turn in session["turns"]:
        print(f"\n--- turn {turn['turn']} ---")
        print(f"agent:    {turn['reply']}")
        print("behaviours: " + ", ".join(_verdict_line(turn, "dimensions", ("listening", "apologizing",
                                                                            "explaining", "committing"))))
        flags = _verdict_line(turn, "flags", ("blame", "deflect", "dismiss"))
        if flags:
            print("flags:      " + ", ".join(flags))
        for name, text in turn["evidence"].items():
            print(f"  evidence ({name}): {text}")
        for item in turn["overrides"]:
            print(f"  override {item['dimension']}: {_value(item['automatic'])} -> {_value(item['value'])} "
                  f"by {item['trainer']} ({item['created_at']}): {item['comment']}")
        print(f"customer: {turn['customer_after']}   [mood: {turn.get('mood_after') or '-'}]")
    session_level = [o for o in session["overrides"] if o["turn"] is None]
    if session_level:
        print("\nsession overrides:")
        for item in session_level:
            print(f"  {item['dimension']}: {_value(item['automatic'])} -> {_value(item['value'])} by {item['trainer']} "
                  f"({item['created_at']}): {item['comment']}")
    if session.get("tips"):
        print("\ntips:")
        for tip in session["tips"]:
            print(f"  - {tip}")
    return 0


def review_main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="bot review", description="Read stored role-play sessions.")
    _db_arg(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    lister = commands.add_parser("list", help="list sessions (oldest first)")
    lister.add_argument("--trainee")
    lister.add_argument("--scenario")
    lister.add_argument("--language", choices=("en", "zh"))
    lister.add_argument("--limit", type=int, default=5000)
    show = commands.add_parser("show", help="one transcript with verdicts, evidence and overrides")
    show.add_argument("session_id")
    for sub in (lister, show):
        _db_arg(sub, sub=True)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    url = args.database_url or database_url()
    try:
        service = ReviewService(url)
        if args.command == "list":
            return _list(service, args)
        return _show(service, args.session_id)
    except ValidationError as exc:
        return _fail(str(exc), 2)
    except NotFound as exc:
        return _fail(str(exc))
    except SQLAlchemyError as exc:
        return _fail(f"cannot read the database {describe(url)} ({type(exc).__name__})")
