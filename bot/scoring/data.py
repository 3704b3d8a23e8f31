"""Labelled replies and their train / dev / test split.

The split is stratified and stable: within each stratum (the reply's rarest positive
label, or "none") ids are ordered by a hash and dealt round-robin 6 : 2 : 2 into
train, dev and test. The assignment is kept in data/splits.json, so an id never
changes split when more data arrives (new ids are dealt the same way, continuing
each stratum's round). Tuning looks at dev only; test is for the benchmark.
The English replies en-18001 to en-19800 (session 11) were written as training data only
and entered in the manifest as train, so that dev and test stayed as they were and the
figures stayed comparable with earlier sessions (docs/labelling.md).
"""
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from .labels import LABELS, LANGS

DATA_DIR = Path(__file__).parent / "data"
SPLITS_FILE = DATA_DIR / "splits.json"
DEAL = ("train", "dev", "train", "test", "train", "train", "dev", "train", "test", "train")
# Replies numbered from here on were written after the rules, by writers who never saw
# them: the dev ones tune the decision thresholds, the test ones say how the scorer does
# on phrasings no rule was fitted to (what the trainers' held-out set asks).
FRESH_FROM = 2001


def is_fresh(record, fresh_from: int = FRESH_FROM) -> bool:
    return int(record["id"].rsplit("-", 1)[-1]) >= fresh_from


def load_replies(lang: str, path=None) -> list:
    """Records {id, scenario, lang, customer, text, labels{label: 0/1}} of one language."""
    path = Path(path or DATA_DIR / f"replies_{lang}.jsonl")
    out, seen = [], set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            labels = {k: int(bool(rec["labels"].get(k, 0))) for k in LABELS}
            text = rec["text"]
        except (ValueError, KeyError, TypeError, AttributeError):
            print(f"{path.name}:{n}: skipped unreadable line", file=sys.stderr)
            continue
        if rec.get("id") in seen:
            continue
        seen.add(rec.get("id"))
        out.append({"id": str(rec.get("id")), "scenario": rec.get("scenario"), "lang": rec.get("lang", lang),
                    "customer": rec.get("customer") or "", "text": text, "labels": labels})
    return out


def paraphrases(lang: str, sources, path=None) -> list:
    """Training-only paraphrases of the given replies (data/paraphrases_{lang}.jsonl, lines
    {id, source, text}): the same acts in other words, so the classifiers learn what words
    mean and not only which ones the writers used. Each takes its source's scenario,
    customer line and labels, so relabelling a source relabels its paraphrase; only
    paraphrases of `sources` are returned, so a split never learns from another's replies."""
    path = Path(path or DATA_DIR / f"paraphrases_{lang}.jsonl")
    if not path.exists():
        return []
    by_id = {r["id"]: r for r in sources}
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line) if line.strip() else {}
        source = by_id.get(rec.get("source"))
        if source is not None and rec.get("text", "").strip() and rec["text"] != source["text"]:
            out.append(dict(source, id=rec["id"], source=source["id"], text=rec["text"]))
    return out


def load_sessions(lang: str) -> list:
    path = DATA_DIR / f"sessions_{lang}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _key(rec, freq):
    positives = [k for k in LABELS if rec["labels"][k]]
    return min(positives, key=lambda k: (freq[k], k)) if positives else "none"


def _hash(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def assign(records, known=None) -> dict:
    """{id: split}; ids in `known` keep their split, the others are dealt per stratum."""
    known = dict(known or {})
    freq = Counter(k for r in records for k in LABELS if r["labels"][k])
    strata = defaultdict(list)
    for rec in records:
        strata[_key(rec, freq)].append(rec["id"])
    out = {}
    for key, ids in sorted(strata.items()):
        done = [i for i in ids if i in known]
        out.update({i: known[i] for i in done})
        fresh = sorted((i for i in ids if i not in known), key=lambda i: _hash(f"{key}:{i}"))
        for pos, i in enumerate(fresh, start=len(done)):
            out[i] = DEAL[pos % len(DEAL)]
    return out


def read_manifest() -> dict:
    if SPLITS_FILE.exists():
        data = json.loads(SPLITS_FILE.read_text(encoding="utf-8"))
        return {lang: {i: s for s, ids in data.get(lang, {}).items() for i in ids} for lang in LANGS}
    return {lang: {} for lang in LANGS}


def write_manifest(assignments: dict):
    data = {lang: {s: sorted(i for i, v in assignments[lang].items() if v == s) for s in ("train", "dev", "test")}
            for lang in LANGS}
    SPLITS_FILE.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def split(lang: str, records=None, update_manifest=False) -> dict:
    """{"train": [...], "dev": [...], "test": [...]} records of one language."""
    records = load_replies(lang) if records is None else records
    manifest = read_manifest()
    assignment = assign(records, manifest.get(lang))
    if update_manifest and assignment != manifest.get(lang):
        manifest[lang] = assignment
        write_manifest(manifest)
    parts = {"train": [], "dev": [], "test": []}
    for rec in records:
        parts[assignment[rec["id"]]].append(rec)
    return parts


if __name__ == "__main__":  # python -m bot.scoring.data: (re)write the manifest and show the sizes
    for lang in LANGS:
        parts = split(lang, update_manifest=True)
        print(lang, {k: len(v) for k, v in parts.items()},
              {k: sum(r["labels"][k] for r in parts["test"]) for k in LABELS})
