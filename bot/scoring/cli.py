"""`bot score`: JSONL replies on stdin -> one JSONL verdict per line on stdout, in order.

Input line:  {"id": ..., "scenario": "queue_complaint", "lang": "en"|"zh"|null, "text": "...",
              "customer": "..." (optional: the customer's last line)}
Output line: {"id": ..., "lang": ..., "dimensions": {...}, "flags": {...}}
A bad line gets {"id": ... (null if unknown), "error": "..."} instead; empty text is valid.
"""
import argparse
import json
import sys

from . import load, score_reply
from .labels import LANGS, SCENARIOS


def check(line: str):
    """(record, None) for a good line, (id or None, error message) for a bad one."""
    try:
        rec = json.loads(line)
    except ValueError as exc:
        return None, f"invalid JSON: {exc.msg}"
    if not isinstance(rec, dict):
        return None, "a line must be a JSON object"
    rid = rec.get("id")
    if "text" not in rec or not isinstance(rec["text"], str):
        return rid, "missing or non-string 'text'"
    if rec.get("lang") is not None and rec["lang"] not in LANGS:
        return rid, f"unknown lang {rec['lang']!r} (expected one of {', '.join(LANGS)}, or none to detect it)"
    if rec.get("scenario") is not None and rec["scenario"] not in SCENARIOS:
        return rid, f"unknown scenario {rec['scenario']!r} (expected one of {', '.join(SCENARIOS)})"
    if rec.get("customer") is not None and not isinstance(rec["customer"], str):
        return rid, "'customer' must be a string"
    return rec, None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="bot score", description=__doc__.split("\n")[0])
    ap.parse_args(argv)
    load()  # fail fast, with the "run make setup" message, before reading any input
    out = sys.stdout
    for line in sys.stdin:
        rec, error = check(line) if line.strip() else (None, "empty line")
        if error is not None:
            result = {"id": rec if not isinstance(rec, dict) else rec.get("id"), "error": error}
        else:
            verdict = score_reply(rec["text"], rec.get("lang"), rec.get("scenario"), rec.get("customer"))
            result = {"id": rec.get("id"), **verdict}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return 0
