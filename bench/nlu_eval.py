"""Held-out evaluation of the Rasa NLU intent classifier, per language.

Reads every data/nlu/*.yml, splits each intent's examples per language
(zh = the example contains Han characters, otherwise en) into train/test by a
stable hash of the text, trains an NLU-only model with the given config
(`rasa train nlu`), parses every test example in-process with the trained
model and prints, per language: accuracy, macro-F1, weighted-F1, per-intent
F1 and the most frequent confusions, plus the training time.

The split is deterministic: within each (intent, language) group the
round(fraction * n) examples with the smallest md5(salt + text) are held out,
so the proportions are exact and an edit to the data only moves examples at
the boundary of its own group.

Usage (from the repository root):
    .venv/bin/python bench/nlu_eval.py [--config config.yml] [--data data/nlu]
        [--test-fraction 0.2] [--salt nlu-eval] [--show-errors]
        [--json results.json] [--keep DIR]
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parents[1]

# The dialogue acts a trainee reply is classified into (the commands are
# menu/trainer controls and are reported separately as well).
DIALOGUE_ACTS = [
    "greet", "ask", "acknowledge", "apologize", "explain", "commit",
    "blame", "deflect", "dismiss", "thank", "out_of_scope",
]

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def language(text: str) -> str:
    return "zh" if HAN.search(text) else "en"


def stable_hash(text: str, salt: str) -> str:
    return hashlib.md5(f"{salt}\x00{text}".encode("utf-8")).hexdigest()


def load_examples(data_dir: Path):
    """All intent examples of data_dir/*.yml as rasa Messages."""
    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.shared.nlu.training_data.training_data import TrainingData

    files = sorted(data_dir.glob("*.yml")) + sorted(data_dir.glob("*.yaml"))
    if not files:
        raise SystemExit(f"no NLU files under {data_dir}")
    parts = [load_data(str(f)) for f in files]
    merged: TrainingData = parts[0].merge(*parts[1:]) if len(parts) > 1 else parts[0]
    return list(merged.intent_examples), files


def split(examples, fraction: float, salt: str):
    from rasa.shared.nlu.training_data.training_data import TrainingData

    # Per (intent, language) group, the round(fraction * n) examples with the
    # smallest hash are held out: exact proportions, and an edit to the data
    # moves at most the examples at the boundary of its own group.
    groups = collections.defaultdict(list)
    for message in examples:
        groups[(message.get("intent"), language(message.get("text")))].append(message)
    train, test = [], []
    for key in sorted(groups):
        ranked = sorted(groups[key], key=lambda m: stable_hash(m.get("text"), salt))
        n_test = int(round(fraction * len(ranked))) if len(ranked) >= 3 else 0
        test.extend(ranked[:n_test])
        train.extend(ranked[n_test:])
    return TrainingData(training_examples=train), TrainingData(training_examples=test)


def write_yaml(path: Path, data) -> None:
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter

    RasaYAMLWriter().dump(str(path), data)


def rasa_command() -> List[str]:
    exe = Path(sys.executable).with_name("rasa")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "rasa"]


def train(config: Path, train_file: Path, out_dir: Path) -> Tuple[Path, float]:
    cmd = rasa_command() + [
        "train", "nlu",
        "--config", str(config),
        "--nlu", str(train_file),
        "--out", str(out_dir),
        "--fixed-model-name", "nlu-eval",
    ]
    env = dict(os.environ)
    # custom components (rasa_addons.*) must be importable by the rasa CLI
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    print("$ " + " ".join(cmd), flush=True)
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=str(ROOT), env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + "\n" + proc.stderr[-4000:] + "\n")
        raise SystemExit(f"rasa train nlu failed (exit {proc.returncode})")
    model = out_dir / "nlu-eval.tar.gz"
    if not model.exists():
        found = sorted(out_dir.glob("*.tar.gz"))
        if not found:
            raise SystemExit(f"no model archive in {out_dir}")
        model = found[-1]
    return model, seconds


def predict(model: Path, texts: List[str]) -> List[str]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    started = time.perf_counter()
    with warnings.catch_warnings():
        # tensorflow/keras/sqlalchemy deprecation noise while rasa loads the
        # model; sanic re-adds a DeprecationWarning filter on import, so mute
        # the output rather than rely on the filters alone
        warnings.simplefilter("ignore")
        warnings.showwarning = lambda *args, **kwargs: None
        from rasa.core.agent import Agent
        from rasa.utils.log_utils import configure_structlog

        configure_structlog(logging.WARNING)
        try:
            import jieba

            jieba.setLogLevel(logging.WARNING)
        except ImportError:
            pass
        agent = Agent.load(str(model))
    print(f"model load: {time.perf_counter() - started:.1f} s", flush=True)

    async def parse_all() -> List[str]:
        out = []
        for text in texts:
            result = await agent.parse_message(text)
            out.append(((result.get("intent") or {}).get("name")) or "None")
        return out

    return asyncio.run(parse_all())


def report(lang: str, rows: List[Tuple[str, str, str]], show_errors: bool) -> Dict:
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

    y_true = [t for _, t, _ in rows]
    y_pred = [p for _, _, p in rows]
    labels = sorted(set(y_true))
    acc = accuracy_score(y_true, y_pred)
    macro = f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)
    weighted = f1_score(y_true, y_pred, labels=labels, average="weighted", zero_division=0)
    acts = [label for label in labels if label in DIALOGUE_ACTS]
    act_rows = [(t, p) for _, t, p in rows if t in DIALOGUE_ACTS]
    act_macro = (
        f1_score([t for t, _ in act_rows], [p for _, p in act_rows], labels=acts,
                 average="macro", zero_division=0)
        if act_rows else float("nan")
    )
    prec, rec, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, zero_division=0
    )

    print(f"\n=== {lang}: {len(rows)} test examples, {len(labels)} intents ===")
    print(f"accuracy     {acc:.3f}")
    print(f"macro-F1     {macro:.3f}")
    print(f"weighted-F1  {weighted:.3f}")
    print(f"macro-F1 (11 dialogue acts only) {act_macro:.3f}")
    print(f"{'intent':<16} {'prec':>6} {'rec':>6} {'F1':>6} {'n':>4}")
    per_intent = {}
    for label, p, r, f, n in zip(labels, prec, rec, f1, support):
        print(f"{label:<16} {p:6.3f} {r:6.3f} {f:6.3f} {n:4d}")
        per_intent[label] = {"precision": p, "recall": r, "f1": f, "support": int(n)}
    confusions = collections.Counter((t, p) for _, t, p in rows if t != p)
    if confusions:
        print("top confusions (true -> predicted):")
        for (t, p), n in confusions.most_common(8):
            print(f"  {t} -> {p}: {n}")
    if show_errors:
        for text, t, p in rows:
            if t != p:
                print(f"  [{t} -> {p}] {text}")
    return {
        "n": len(rows), "accuracy": acc, "macro_f1": macro, "weighted_f1": weighted,
        "dialogue_act_macro_f1": act_macro, "per_intent": per_intent,
        "confusions": [{"true": t, "pred": p, "n": n} for (t, p), n in confusions.most_common()],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="config.yml", help="Rasa config (default config.yml)")
    parser.add_argument("--data", default="data/nlu", help="directory of NLU yml files")
    parser.add_argument("--test-fraction", type=float, default=0.2)
    parser.add_argument("--salt", default="nlu-eval", help="changes which examples are held out")
    parser.add_argument("--show-errors", action="store_true", help="print every misclassified test example")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--keep", help="copy the train/test files and the model into this directory")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.WARNING)
    warnings.filterwarnings("ignore")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    config = Path(args.config)
    if not config.is_absolute():
        config = (Path.cwd() / config) if (Path.cwd() / config).exists() else ROOT / config
    data_dir = Path(args.data)
    if not data_dir.is_absolute():
        data_dir = (Path.cwd() / data_dir) if (Path.cwd() / data_dir).exists() else ROOT / data_dir
    if not config.exists():
        raise SystemExit(f"config not found: {config}")

    examples, files = load_examples(data_dir)
    train_data, test_data = split(examples, args.test_fraction, args.salt)
    counts = collections.Counter()
    for name, data in (("train", train_data), ("test", test_data)):
        for m in data.intent_examples:
            counts[(name, language(m.get("text")))] += 1
    print(f"config: {config}")
    print(f"data: {len(files)} files, {len(examples)} examples "
          f"(train en {counts[('train', 'en')]} / zh {counts[('train', 'zh')]}, "
          f"test en {counts[('test', 'en')]} / zh {counts[('test', 'zh')]})")

    with tempfile.TemporaryDirectory(prefix="nlu-eval-") as tmp:
        tmp_dir = Path(tmp)
        train_file, test_file = tmp_dir / "train.yml", tmp_dir / "test.yml"
        write_yaml(train_file, train_data)
        write_yaml(test_file, test_data)
        model, seconds = train(config, train_file, tmp_dir / "models")
        print(f"training time: {seconds:.1f} s (rasa train nlu, incl. CLI start-up)")

        tests = [(m.get("text"), m.get("intent")) for m in test_data.intent_examples]
        started = time.perf_counter()
        predicted = predict(model, [text for text, _ in tests])
        parse_seconds = time.perf_counter() - started
        print(f"parsing: {len(tests)} messages in {parse_seconds:.1f} s (incl. model load)", flush=True)

        if args.keep:
            keep = Path(args.keep)
            keep.mkdir(parents=True, exist_ok=True)
            for f in (train_file, test_file, model):
                shutil.copy2(f, keep / f.name)

    by_lang: Dict[str, List[Tuple[str, str, str]]] = collections.defaultdict(list)
    for (text, true), pred in zip(tests, predicted):
        by_lang[language(text)].append((text, true, pred))
    results = {
        "config": str(config), "training_seconds": seconds, "test_fraction": args.test_fraction,
        "salt": args.salt, "languages": {},
    }
    for lang in ("en", "zh"):
        if by_lang.get(lang):
            results["languages"][lang] = report(lang, by_lang[lang], args.show_errors)
    all_rows = [row for rows in by_lang.values() for row in rows]
    overall = sum(t == p for _, t, p in all_rows) / max(1, len(all_rows))
    print(f"\noverall accuracy {overall:.3f} on {len(all_rows)} test examples; "
          f"training time {seconds:.1f} s")
    results["overall_accuracy"] = overall
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
