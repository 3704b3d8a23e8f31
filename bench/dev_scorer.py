"""Tune the scorer without touching test: train in memory and score a held-out part of dev.

    .venv/bin/python bench/dev_scorer.py [--lang en] [--fresh-from 2001] [--errors] [--tune-on-fresh]

The model is trained on train, as `make setup` trains it (bot.scoring.train), and
scored on the dev replies numbered from --fresh-from on. Those replies were written
after the rules, so no rule was fitted to them: their figures say how the scorer does
on phrasings it has not seen, which is what the trainers' held-out set asks.
Thresholds are tuned on the earlier dev replies, or with --tune-on-fresh (what
`make setup` does: it tunes on the fresh dev replies) on one half of the fresh ones,
scoring the other half, both ways round (one fit, two tunings). The test split is never
read. About 8 minutes for English on one core.
"""
import argparse
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bot.scoring import data  # noqa: E402
from bot.scoring.labels import DIMENSIONS, FLAGS, LABELS, LANGS  # noqa: E402
from bot.scoring.model import FORMAT  # noqa: E402
from bot.scoring.train import fit_models, prf, train_language, tune_thresholds  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lang", choices=LANGS, action="append")
    ap.add_argument("--fresh-from", type=int, default=data.FRESH_FROM)
    ap.add_argument("--errors", action="store_true", help="list the misjudged replies")
    ap.add_argument("--tune-on-fresh", action="store_true",
                    help="tune thresholds on one half of the fresh replies and score the other, both ways round")
    args = ap.parse_args()
    for lang in args.lang or LANGS:
        parts = data.split(lang)
        fresh = [r for r in parts["dev"] if data.is_fresh(r, args.fresh_from)]
        dev = [r for r in parts["dev"] if not data.is_fresh(r, args.fresh_from)]
        if not fresh:
            print(f"{lang}: no dev replies numbered from {args.fresh_from}")
            continue
        if args.tune_on_fresh:  # two folds of the fresh replies: tune on one, score the other
            halves = [[r for i, r in enumerate(fresh) if i % 2 == k] for k in (0, 1)]
            model, fitted = fit_models(lang, parts["train"], log=lambda *_: None)
            scored = {}
            for k in (0, 1):  # as train_language(train, halves[1 - k], refit=False), without fitting twice
                labels = tune_thresholds(model, fitted, halves[1 - k], parts["train"] + halves[1 - k])
                model.set_combiner({"format": FORMAT, "lang": lang, "features": model.feature_names, "labels": labels})
                scored.update({r["id"]: model.score(r["text"], r["customer"] or None) for r in halves[k]})
            verdicts = [scored[r["id"]] for r in fresh]
        else:
            model = train_language(lang, parts["train"], dev, log=lambda *_: None, refit=False)
            verdicts = [model.score(r["text"], r["customer"] or None) for r in fresh]
        tuned_on = "the other half of them" if args.tune_on_fresh else f"{len(dev)} earlier dev"
        print(f"\n== {lang}: {len(fresh)} fresh dev replies (trained on {len(parts['train'])} train, "
              f"thresholds on {tuned_on}) ==")
        f1s = {}
        for k in LABELS:
            p, r, f, n = prf([(v[k]["detected"], bool(rec["labels"][k])) for v, rec in zip(verdicts, fresh)])
            f1s[k] = f
            print(f"{k:13s} P {p:.2f}  R {r:.2f}  F1 {f:.2f}  (n={n})")
        print(f"macro-F1 behaviours {sum(f1s[k] for k in DIMENSIONS) / 4:.3f}   flags {sum(f1s[k] for k in FLAGS) / 3:.3f}")
        if args.errors:
            for v, rec in zip(verdicts, fresh):
                wrong = [("+" if v[k]["detected"] else "-") + k for k in LABELS if v[k]["detected"] != bool(rec["labels"][k])]
                if wrong:
                    print(f"  {rec['id']} {' '.join(wrong)} | {rec['customer'][:60]} || {rec['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
