"""Benchmark the reply scorer against the keyword baseline on the test split.

    .venv/bin/python bench/bench_scorer.py [--json]

Per language: precision / recall / F1 of each behaviour and flag, macro-F1 of the
behaviours and of the flags, ms per reply after load (one core), and load time
(spaCy import + both pipelines + models, measured in this fresh process).
Targets: macro-F1 >= 0.90 (behaviours) and >= 0.85 (flags) per language,
< 10 ms per reply, load < 3 s.
"""
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
if hasattr(os, "sched_setaffinity"):  # "one core": pin the process to a single CPU
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

_t0 = time.perf_counter()
from bot.scoring import load, score_reply  # noqa: E402

load()
LOAD_S = time.perf_counter() - _t0

from bot.scoring import baseline  # noqa: E402
from bot.scoring.data import is_fresh, split  # noqa: E402
from bot.scoring.labels import DIMENSIONS, FLAGS, LABELS, LANGS  # noqa: E402
from bot.scoring.train import prf  # noqa: E402

TARGETS = {"behaviours": 0.90, "flags": 0.85, "ms": 10.0, "load_s": 3.0}


def evaluate(score, records, passes=1):
    started = time.perf_counter()
    for _ in range(passes):
        verdicts = [score(r["text"], r["lang"], r["scenario"], r["customer"]) for r in records]
    ms = (time.perf_counter() - started) * 1000 / max(1, passes * len(records))
    per_label = {k: prf([(v["dimensions" if k in DIMENSIONS else "flags"][k]["detected"], bool(r["labels"][k]))
                         for r, v in zip(records, verdicts)])[:3] for k in LABELS}
    macro = {"behaviours": sum(per_label[k][2] for k in DIMENSIONS) / len(DIMENSIONS),
             "flags": sum(per_label[k][2] for k in FLAGS) / len(FLAGS)}
    return per_label, macro, ms


def main():
    as_json = "--json" in sys.argv
    report = {"load_s": round(LOAD_S, 2), "langs": {}}
    print(f"load time (spaCy import + en/zh pipelines + models): {LOAD_S:.2f} s   [target < {TARGETS['load_s']} s]")
    for lang in LANGS:
        test = split(lang)["test"]
        for r in test[:20]:  # warm-up (first calls build caches)
            score_reply(r["text"], r["lang"], r["scenario"], r["customer"])
        ours = evaluate(score_reply, test, passes=3)
        base = evaluate(baseline.score_reply, test, passes=3)
        report["langs"][lang] = {"n": len(test), "scorer": ours, "baseline": base}
        print(f"\n== {lang}: test split, {len(test)} replies ==")
        print(f"{'':13s}{'scorer P':>9s}{'R':>6s}{'F1':>6s}   {'baseline P':>10s}{'R':>6s}{'F1':>6s}")
        for k in LABELS:
            (p, r, f), (bp, br, bf) = ours[0][k], base[0][k]
            print(f"{k:13s}{p:9.2f}{r:6.2f}{f:6.2f}   {bp:10.2f}{br:6.2f}{bf:6.2f}")
        for group in ("behaviours", "flags"):
            ok = "ok" if ours[1][group] >= TARGETS[group] else "BELOW TARGET"
            print(f"macro-F1 {group:10s} scorer {ours[1][group]:.3f}   baseline {base[1][group]:.3f}   "
                  f"[target >= {TARGETS[group]}: {ok}]")
        print(f"ms per reply       scorer {ours[2]:.2f}   baseline {base[2]:.3f}   [target < {TARGETS['ms']}]")
        fresh = [r for r in test if is_fresh(r)]
        if fresh:
            f_ours, f_base = evaluate(score_reply, fresh)[1], evaluate(baseline.score_reply, fresh)[1]
            report["langs"][lang]["fresh"] = {"n": len(fresh), "scorer": f_ours, "baseline": f_base}
            print(f"  of which written after the rules ({len(fresh)} replies): scorer behaviours "
                  f"{f_ours['behaviours']:.3f}, flags {f_ours['flags']:.3f}; baseline "
                  f"{f_base['behaviours']:.3f}, {f_base['flags']:.3f}")
    if as_json:
        import json
        print(json.dumps(report, default=lambda o: round(o, 4) if isinstance(o, float) else o))


if __name__ == "__main__":
    main()
