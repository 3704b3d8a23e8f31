"""Train the reply scorer: `python -m bot.scoring.train [--lang en|zh] [--out DIR]`.

For each language, on the train split only (with two paraphrases of each of its replies,
three in English, data.paraphrases: the same acts in other words, so that the classifiers
learn more than the words the writers happened to use):
  1. the textcat and the n-gram classifier (model.NgramModel) are trained on 4/5 of
     train and score the other 1/5, five times, so every train reply has out-of-fold
     scores (what the combiner will see on replies they never saw);
  2. per label, a logistic regression and a small gradient-boosted forest are fitted on
     the rule/context/classifier features (plus the rubric's own examples, anchors.py),
     and again on every train reply with its rule evidence blanked (rule dropout,
     RULE_DROPOUT), so that a reply no rule matches is still judged by the classifiers;
  3. the textcat and the n-gram classifier are trained on all of train;
  4. rule concepts that were always right on train + dev become decisive: their hits
     detect the label whatever the ensemble says (see decisive_concepts);
     each label's decision threshold for the ensemble (model.ensemble_logit) is tuned
     (max F1, ties -> closest to 0.5) on the dev replies written after the rules
     (data.is_fresh): the rules were written while reading the earlier ones and
     overrate themselves there;
  5. steps 1-3 are redone on train + dev, keeping the dev-tuned thresholds.
The test split is never read. Seeds are fixed, so two runs give identical models.
"""
import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # single-threaded numpy: deterministic and fair to 2 cores

from . import data  # noqa: E402
from .anchors import ANCHOR_WEIGHT, ANCHORS  # noqa: E402
from .features import logit, prior_logit  # noqa: E402
from .labels import FLAGS, LABELS, LANGS  # noqa: E402
from .nlp import use_jieba_cache  # noqa: E402
from .model import (FORMAT, MODEL_DIR, Forest, LangModel, NgramModel, data_fingerprint, decisive, ensemble_logit,  # noqa: E402
                    fit_forest, textcat_probs, train_textcat)

THRESHOLDS = [round(0.1 + 0.05 * i, 2) for i in range(13)]  # 0.10 .. 0.70
# Flags may be tuned for F-beta with beta > 1 (recall weighs more), for a tuning set the
# rules overrate; on replies written after the rules plain F1 does best (bench/dev_scorer.py).
FLAG_BETA = float(os.environ.get("SCORER_FLAG_BETA", "1.0"))
# Rule dropout: the combiner also sees every train reply with its rule features blanked
# (weighted this much), as if no rule had matched. The rules were written on these very
# replies, so without it the combiner learns that a reply no rule matches is (nearly)
# never the label, and ignores the classifiers exactly where unseen phrasings need them.
RULE_DROPOUT = float(os.environ.get("SCORER_RULE_DROPOUT", "0.5"))
DROPOUT_LABELS = FLAGS if os.environ.get("SCORER_DROPOUT_LABELS", "all") == "flags" else LABELS
RULE_PREFIXES = ("pos:", "weak:", "hint:", "any:")  # evidence against (neg:) is kept
# Flag thresholds may also be tuned, with this share, on the tuning set with its rule
# features blanked (how a threshold fares on a phrasing no rule knows). Not needed when
# the tuning set was written after the rules.
BLIND_SHARE = float(os.environ.get("SCORER_BLIND_SHARE", "0"))
# A rule concept decides on its own when tp / (hits + 1) reaches this. At 0.85, "I'll ..."
# (first_person_action) decided committing and cost precision on the replies written
# after the rules (committing F1 .89 -> .93 en, .92 -> .95 zh at 0.95; bench/dev_scorer.py).
DECISIVE_PRECISION = 0.95
COMBINER_C = float(os.environ.get("SCORER_COMBINER_C", "1.0"))  # inverse L2 strength of the per-label regressions
# Training weight of a paraphrase (data.paraphrases) relative to a written reply, in the
# n-gram model and the combiner (the textcat takes no weights: it sees them at 1); 0 leaves
# them out everywhere. With them, fresh dev macro-F1 went .876/.838 -> .878/.845 (en behaviours/flags)
# and .879/.861 -> .887/.868 (zh) (bench/dev_scorer.py --tune-on-fresh); a second paraphrase
# of each reply, .887/.851 -> .890/.856 (en) and .891/.874 -> .895/.877 (zh); a third in English, with
# 1,799 more train replies, .895/.847 -> .898/.846 (docs/labelling.md).
PARAPHRASE_WEIGHT = float(os.environ.get("SCORER_PARAPHRASE_WEIGHT", "1.0"))


def _fold(record, folds: int) -> int:
    """A reply's cross-validation fold; a paraphrase shares its source's, so no fold's
    scores come from a model that learnt the same reply in other words."""
    key = record.get("source") or record["id"]
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % folds


def fit_combiner(rows, targets, weights=None, C=None):
    C = COMBINER_C if C is None else C
    from sklearn.linear_model import LogisticRegression
    if len(set(targets)) < 2:  # a label never (or always) seen: constant prior
        return [0.0] * len(rows[0]), prior_logit(targets)
    lr = LogisticRegression(C=C, max_iter=2000, solver="lbfgs")
    lr.fit(rows, targets, sample_weight=weights)
    return [round(float(w), 6) for w in lr.coef_[0]], round(float(lr.intercept_[0]), 6)


def prf(pairs):
    """(precision, recall, F1, number of gold positives) of (predicted, gold) pairs."""
    tp = sum(1 for p, g in pairs if p and g)
    fp = sum(1 for p, g in pairs if p and not g)
    fn = sum(1 for p, g in pairs if g and not p)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), tp + fn


def f1(pairs, beta=1.0):
    tp = sum(1 for p, g in pairs if p and g)
    fp = sum(1 for p, g in pairs if p and not g)
    fn = sum(1 for p, g in pairs if g and not p)
    b2 = beta * beta
    return (1 + b2) * tp / max(1, (1 + b2) * tp + b2 * fn + fp)


def decisive_concepts(model, records) -> dict:
    """{label: (concepts, confidence)}: the rule concepts whose hits on the labelled
    replies were the label (nearly) every time, smoothed as tp / (hits + 1) so that a
    concept needs several hits and no more than the odd miss. Such a hit decides the
    label even when the classifier is unsure (a phrasing it has not seen)."""
    counts = {}
    for r in records:
        hits = model.rules.find(model.sentencizer(model.nlp.make_doc(r["text"])))
        for label, concept in {(h.label, h.concept) for h in hits if h.kind == "pos" and h.label in LABELS}:
            tp, n = counts.get((label, concept), (0, 0))
            counts[(label, concept)] = (tp + r["labels"][label], n + 1)
    out = {label: ([], 1.0) for label in LABELS}
    for (label, concept), (tp, n) in sorted(counts.items()):
        precision = tp / (n + 1)
        if precision >= DECISIVE_PRECISION:
            concepts, conf = out[label]
            out[label] = (concepts + [concept], min(conf, round(precision, 2)))
    return out


def fit_models(lang, records, seed=0, folds=5, epochs=12, use_anchors=True, log=print):
    """Textcat and n-gram model (out-of-fold scores for the combiner, then on all records)
    + one logistic regression and one forest per label. Returns (model, {label: (w, b, forest)})."""
    started = time.time()
    anchors = ANCHORS.get(lang, []) if use_anchors else []
    # the n-gram model learns the rubric's own examples too (weighted as for the combiner)
    anchor_records = [{"text": text, "labels": {label: int(label in yes) for label in LABELS}} for text, yes in anchors]
    anchor_weights = [ANCHOR_WEIGHT] * len(anchors)

    if PARAPHRASE_WEIGHT > 0:
        records = records + data.paraphrases(lang, records)

    def weight(r):
        return PARAPHRASE_WEIGHT if r.get("source") else 1.0

    def fit_ngrams(nlp_, recs):
        return NgramModel.fit(nlp_, recs + anchor_records, weights=[weight(r) for r in recs] + anchor_weights)

    oof, oof_ngrams = {}, {}
    for k in range(folds):
        inside = [r for r in records if _fold(r, folds) != k]
        held = [r for r in records if _fold(r, folds) == k]
        if not held or not inside:
            continue
        nlp_k = train_textcat(lang, inside, seed=seed, epochs=epochs)
        oof.update({r["id"]: p for r, p in zip(held, textcat_probs(nlp_k, [r["text"] for r in held]))})
        ngrams_k = fit_ngrams(nlp_k, inside)
        oof_ngrams.update({r["id"]: ngrams_k.logits(nlp_k, r["text"]) for r in held})
        log(f"  {lang}: textcat fold {k + 1}/{folds} done ({time.time() - started:.0f}s)")
    nlp = train_textcat(lang, records, seed=seed, epochs=epochs)
    model = LangModel(lang, nlp, combiner=None)
    model.ngrams = fit_ngrams(nlp, records)
    rows = [model.analyse(r["text"], r["customer"], probs=oof.get(r["id"]) or {},
                          ngram_logits=oof_ngrams.get(r["id"]) or {})[-1] for r in records]
    rows += [model.analyse(text)[-1] for text, _ in anchors]
    weights = [weight(r) for r in records] + [ANCHOR_WEIGHT] * len(anchors)
    targets = {label: [r["labels"][label] for r in records] + [int(label in yes) for _, yes in anchors] for label in LABELS}
    if RULE_DROPOUT > 0:
        keep = [not name.startswith(RULE_PREFIXES) for name in model.feature_names]
        rows += [[x if k else 0.0 for x, k in zip(row, keep)] for row in rows[:len(records)]]
        weights += [RULE_DROPOUT * w for w in weights[:len(records)]]
        targets = {label: t + t[:len(records)] for label, t in targets.items()}
    n = len(rows) - len(records) if RULE_DROPOUT > 0 else len(rows)
    fitted = {}
    for label in LABELS:
        m = len(rows) if label in DROPOUT_LABELS else n
        w, b = fit_combiner(rows[:m], targets[label][:m], weights[:m])
        fitted[label] = (w, b, fit_forest(rows[:m], targets[label][:m], weights[:m], seed=seed))
    return model, fitted


def tune_thresholds(model, fitted, tune, decisive_on) -> dict:
    """{label: combiner entry}: the fitted regression and forest, the rule concepts that
    decide on their own (decisive_concepts on `decisive_on`), and the ensemble's decision
    threshold that maximises F1 on `tune` (ties -> the threshold nearest 0.5)."""
    rules_decide = decisive_concepts(model, decisive_on)
    tune_analysed = [model.analyse(r["text"], r["customer"]) for r in tune]
    keep = [not name.startswith(RULE_PREFIXES) for name in model.feature_names]
    out = {}
    for label in LABELS:
        w, b, forest = fitted[label]
        concepts, conf = rules_decide[label]
        c = {"w": w, "b": b, "forest": forest, "decisive": concepts, "decisive_conf": conf}
        forced = [decisive(c, label, a[0]) for a in tune_analysed]
        trees = Forest(forest)
        scores = [ensemble_logit(c, a[-1], a[-2][label], trees) for a in tune_analysed]
        blind = ([ensemble_logit(c, [x if k else 0.0 for x, k in zip(a[-1], keep)], a[-2][label], trees)
                  for a in tune_analysed] if BLIND_SHARE and label in FLAGS else [])
        best = (0.5, -1.0)
        beta = FLAG_BETA if label in FLAGS else 1.0
        for t in THRESHOLDS:
            score = f1([(s >= logit(t) or d, r["labels"][label]) for s, d, r in zip(scores, forced, tune)], beta) if tune else 0.0
            if label in FLAGS and BLIND_SHARE and tune:  # also as if no rule had matched (unseen phrasings)
                score = ((1 - BLIND_SHARE) * score
                         + BLIND_SHARE * f1([(s >= logit(t), r["labels"][label]) for s, r in zip(blind, tune)], beta))
            if score > best[1] + 1e-9 or (abs(score - best[1]) <= 1e-9 and abs(t - 0.5) < abs(best[0] - 0.5)):
                best = (t, score)
        out[label] = dict(c, threshold=best[0], dev_f1=round(best[1], 4))
    return out


def train_language(lang, train, dev, seed=0, folds=5, epochs=12, out_dir=None, log=print, use_anchors=True, refit=True,
                   tune=None):
    """Fit on train, tune thresholds on `tune` (default: dev); then (refit) fit again on
    train + dev and keep the tuned thresholds: the shipped model learns from every reply
    outside test."""
    tune = dev if tune is None else tune
    started = time.time()
    if lang == "zh" and out_dir is not None:  # jieba's dictionary cache ships with the model
        use_jieba_cache(Path(out_dir) / lang, build=True)
    model, fitted = fit_models(lang, train, seed, folds, epochs, use_anchors, log)
    combiner = {"format": FORMAT, "lang": lang, "seed": seed, "features": model.feature_names,
                "data": data_fingerprint(train + dev), "fitted_on": "train+dev" if refit else "train",
                "labels": tune_thresholds(model, fitted, tune, train + dev)}
    log(f"  {lang}: fitted on {len(train)} train replies, thresholds tuned on {len(tune)} dev; dev F1 "
        + ", ".join(f"{k} {v['dev_f1']:.2f}" for k, v in combiner["labels"].items()))
    if refit and dev:
        model, fitted = fit_models(lang, train + dev, seed, folds, epochs, use_anchors, log)
        for label, (w, b, forest) in fitted.items():
            combiner["labels"][label].update(w=w, b=b, forest=forest)
    model.set_combiner(combiner)
    if out_dir is not None:
        path = Path(out_dir) / lang
        path.mkdir(parents=True, exist_ok=True)
        model.nlp.to_disk(path / "pipeline")
        model.ngrams.save(path)
        (path / "combiner.json").write_text(json.dumps(combiner, separators=(",", ":")) + "\n", encoding="utf-8")
    log(f"  {lang}: done in {time.time() - started:.1f}s")
    return model


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bot.scoring.train", description=__doc__.split("\n")[0])
    ap.add_argument("--lang", choices=LANGS, action="append", help="only this language (repeatable)")
    ap.add_argument("--out", default=str(MODEL_DIR), help="artifact directory (default: bot/scoring/model)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    started = time.time()
    for lang in args.lang or LANGS:
        parts = data.split(lang, update_manifest=True)
        print(f"{lang}: train {len(parts['train'])}, dev {len(parts['dev'])}, test {len(parts['test'])} (test not used)")
        fresh_dev = [r for r in parts["dev"] if data.is_fresh(r)]
        train_language(lang, parts["train"], parts["dev"], seed=args.seed, out_dir=args.out, tune=fresh_dev or None)
    print(f"done in {time.time() - started:.1f}s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
