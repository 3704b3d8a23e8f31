"""From a reply (and the customer's last line) to the combiner's feature vector.

The features, per language:
  - rule features: which of the rules' concepts found evidence for a label, whether
    any did, and whether there is evidence against it (neg: blockers, negation,
    accusatory questions ...) or only a weak cue (a commitment without a time);
  - context features for listening: how much of the customer's last line the reply
    picks up (content words in common), and whether it asks them something;
  - what kind of line the customer's was: a question, or an outburst (an exclamation
    mark). The same reply reads differently after each: an answer to a question need not
    acknowledge anything, an outburst needs hearing first;
  - the trained text classifier's probability for each label;
  - the n-gram classifier's score for each label (model.NgramModel: TF-IDF words and
    character n-grams): characters generalise to unseen inflections better than words do.
"""
import math
import re

from .labels import LABELS
from .lang import MAX_CHARS

ANY_SCALE = 3.0
CONTEXT_FEATURES = ["overlap", "overlap_share", "question", "concrete", "length", "echo",
                    "customer_asks", "customer_exclaims"]


def feature_names(rules_table) -> list:
    """Per label: evidence for it (one feature per rule concept, so the combiner can
    learn that an invitation to go on is surer listening than any question), evidence
    against it, and weak cues; then the context and textcat features."""
    concepts = []
    for rule in rules_table:
        if rule["label"] in LABELS and rule["kind"] != "neg":
            name = f"{rule['kind']}:{rule['label']}:{rule['concept']}"
            if name not in concepts:
                concepts.append(name)
    concepts.append("pos:listening:question")
    return (concepts + [f"any:{label}" for label in LABELS] + [f"neg:{label}" for label in LABELS]
            + CONTEXT_FEATURES + [f"textcat:{label}" for label in LABELS] + [f"ngrams:{label}" for label in LABELS])


_WORD = re.compile(r"\w", re.U)


def logit(p, clip=6.0):
    p = min(max(p, 1e-6), 1 - 1e-6)
    return max(-clip, min(clip, math.log(p / (1 - p))))


def prior_logit(targets) -> float:
    """Log-odds of a label's share in the targets, kept off 0 and 1: the constant score
    of a label the training data never (or always) show."""
    return logit(min(max(sum(targets) / max(1, len(targets)), 0.01), 0.99))


def content_words(doc) -> set:
    """Normalised content words: no stop words, punctuation or very short words;
    English words lose a plural/verb -s, so "cards" meets "card"."""
    out = set()
    for tok in doc:
        text = tok.lower_
        if tok.is_stop or tok.is_punct or not _WORD.search(text):
            continue
        if tok.is_ascii:
            if len(text) < 3:
                continue
            text = text[:-1] if text.endswith("s") and len(text) > 3 else text
        elif len(text) < 2:  # single Han characters carry little on their own
            continue
        out.add(text)
    return out


def overlap(doc, customer_doc):
    """(words in common with the customer's line, their share of the reply's content words)."""
    if customer_doc is None or not len(customer_doc):
        return set(), 0.0
    mine = content_words(doc)
    common = mine & content_words(customer_doc)
    return common, (len(common) / len(mine) if mine else 0.0)


def vector(names, hits, doc, customer_doc, textcat_probs, ngram_logits=None) -> list:
    """The feature row, in the order of `names` (see feature_names)."""
    values = {}
    for h in hits:
        if h.label in LABELS:
            values[f"{h.kind}:{h.label}:{h.concept}"] = 1.0
            # label-level evidence is scaled up so that, under the combiner's L2 penalty, it is the
            # cheap explanation: concept features then only correct it where the data disagree
            values[f"{'neg' if h.kind == 'neg' else 'any'}:{h.label}"] = ANY_SCALE
    common, share = overlap(doc, customer_doc)
    values["overlap"] = min(len(common), 4) / 4.0
    values["overlap_share"] = share
    values["question"] = values.get("pos:listening:question", 0.0)
    values["concrete"] = float(any(h.label in ("_time", "_object") for h in hits))
    values["length"] = math.log1p(len(doc)) / math.log1p(MAX_CHARS)
    # "Cheaper? These are cigarettes, not sweets." / "贵?你去别的店看看": the customer's word
    # thrown back as a one-word question, then an answer: mockery more often than listening
    first = next(iter(doc.sents), None) if doc.has_annotation("SENT_START") else None
    values["echo"] = float(first is not None and len(first) <= 3 and first.text.rstrip().endswith(("?", "?"))
                           and first.end < len(doc) and bool(content_words(first) & common))
    # the kind of line the reply answers. With these two, fresh dev macro-F1 went
    # .892/.842 -> .895/.847 (en behaviours/flags; listening .832 -> .837) and
    # .895/.877 -> .895/.880 (zh; listening .830 -> .837) (bench/dev_scorer.py --tune-on-fresh)
    said = customer_doc.text if customer_doc is not None else ""
    values["customer_asks"] = float("?" in said or "?" in said)
    values["customer_exclaims"] = float("!" in said or "!" in said)
    for label in LABELS:
        values[f"textcat:{label}"] = logit(textcat_probs.get(label, 0.0)) / 4.0
        if ngram_logits:
            values[f"ngrams:{label}"] = max(-6.0, min(6.0, ngram_logits.get(label, 0.0))) / 4.0
    return [values.get(name, 0.0) for name in names]
