"""The trained part of the scorer and the per-language model that runs it all.

Per language, these artifacts under bot/scoring/model/<lang>/ (built by
`python -m bot.scoring.train`, git-ignored):
  pipeline/      a blank spaCy pipeline (jieba for zh) with a sentencizer and a
                 textcat_multilabel (bag of words and word bigrams) over the 7 labels;
  ngrams.*       the n-gram model (NgramModel: TF-IDF words and characters, one
                 logistic regression per label);
  combiner.json  per label, a logistic regression and a gradient-boosted forest over
                 the rule, context and classifier features (see features.py), fitted
                 on out-of-fold classifier scores of the train split, plus a decision
                 threshold tuned on dev.
A label's score is the average log-odds of three votes: the regression, the forest
and the n-gram model (ensemble_logit).
"""
import hashlib
import json
import math
import random
import re
from pathlib import Path

from . import features
from .features import logit, prior_logit
from .labels import LABELS
from .lang import HAN, MAX_CHARS, boundaries, enclosing, sentences
from .nlp import blank, import_spacy, use_jieba_cache
from .rules import Rules

MODEL_DIR = Path(__file__).parent / "model"
TEXTCAT = "textcat_multilabel"
# A reply that is only a greeting ("Hello.", "喂!你好。"): the rubric scores the
# opening at session level (standard greeting or not), so it carries no mistake.
BARE_GREETING = re.compile(
    r"^\s*(((hello|hi|hey)( there)?|good (morning|afternoon|evening)|喂|你好|您好|哈喽)[\s,.!?,。!?~、]*){1,3}$",
    re.IGNORECASE)
# The same for a hotline opening with the unit's name, a staff number and a neutral
# "go ahead" ("你好,XX银行,请讲。" / "Hello, City Bank, agent 2231 speaking.").
OPENING = re.compile(
    r"^\s*(喂[\s,,、]*)?(您好|你好)[\s,,。!!、]*([^,,。!?!?]{0,12}(银行|中心|热线|营业厅|网点|分行|支行)[^,,。!?!?]{0,6}[\s,,。、]*)?"
    r"(我是)?(\d+\s*号|工号\s*\d+)?[\s,,。、]*(请讲|请说|请问有什么可以帮您|有什么可以帮您)?[\s。!?!?~]*$"
    r"|^\s*(hello|hi|good (morning|afternoon|evening))[\s,.!]*([\w' ]{0,30}\b(bank|centre|center|services|hotline)\b[\s,.]*)?"
    r"((this is |i'm |my name is )?[\w ]{0,20}?(agent|operator|staff number|number)?\s*#?\d+( speaking)?[\s,.]*)?"
    r"(go ahead|how can i help( you)?( today)?|what can i do for you( today)?)?[\s.!?]*$",
    re.IGNORECASE)
FLAG_LABELS = ("blame", "deflect", "dismiss")

FORMAT = 8  # bump when the artifacts change shape


class ModelMissing(RuntimeError):
    pass


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# ------------------------------------------------------------------ textcat --
def register_architecture():
    """spaCy's TextCatBOW.v2 with a smaller hash table (2^16 rows instead of 2^18): a few
    hundred replies use a few thousand n-grams, and the model loads 4x faster."""
    import_spacy()
    from functools import partial
    from spacy.util import registry
    if "bot.scoring.TextCatBOW.v1" in registry.architectures.get_all():
        return

    @registry.architectures("bot.scoring.TextCatBOW.v1")
    def build_bow(exclusive_classes: bool, ngram_size: int, length: int = 2 ** 16, nO=None):
        from spacy.attrs import ORTH
        from spacy.ml.extract_ngrams import extract_ngrams
        from thinc.api import Logistic, Model, SparseLinear, chain, resizable, with_cpu
        from thinc.layers.resizable import resize_linear_weighted
        from spacy.ml.models.textcat import resize_and_set_ref, NEG_VALUE
        with Model.define_operators({">>": chain}):
            sparse_linear = SparseLinear(nO=nO, length=length)
            layer = resizable(sparse_linear, resize_layer=partial(
                resize_linear_weighted, fill_defaults={"b": NEG_VALUE, "W": 0}))
            model = with_cpu(extract_ngrams(ngram_size, attr=ORTH) >> layer, sparse_linear.ops)
            model = model >> with_cpu(Logistic(), sparse_linear.ops)
        if nO is not None:
            model.set_dim("nO", nO)
        model.set_ref("output_layer", sparse_linear)
        model.attrs["multi_label"] = not exclusive_classes
        model.attrs["resize_output"] = partial(resize_and_set_ref, resizable_layer=layer)
        return model


def new_pipeline(lang: str):
    register_architecture()
    nlp = blank(lang)
    nlp.add_pipe("sentencizer")
    textcat = nlp.add_pipe(TEXTCAT, config={"threshold": 0.5, "model": {
        "@architectures": "bot.scoring.TextCatBOW.v1", "exclusive_classes": False, "ngram_size": 2}})
    for label in LABELS:
        textcat.add_label(label)
    return nlp


def textcat_input(nlp, text: str):
    """The classifier sees lower-cased text ("Sorry" and "sorry" are one feature); in
    Chinese it sees jieba's words and also the single characters, because jieba cuts
    the same phrase differently in different sentences."""
    doc = nlp.make_doc(text[:MAX_CHARS].lower())
    if nlp.lang != "zh":
        return doc
    from spacy.tokens import Doc
    words = [t.text for t in doc if not t.is_space] + ["#" + c for c in doc.text if HAN.match(c)]
    return Doc(nlp.vocab, words=words or [" "])


def train_textcat(lang: str, records, seed: int = 0, epochs: int = 12, batch: int = 16):
    """Deterministic: fixed seeds, fixed shuffling, single thread."""
    spacy = import_spacy()
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch
    fix_random_seed(seed)
    nlp = new_pipeline(lang)
    examples = [Example.from_dict(textcat_input(nlp, r["text"]), {"cats": {k: float(r["labels"][k]) for k in LABELS}})
                for r in records]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(epochs):
        order = list(examples)
        rng.shuffle(order)
        for chunk in minibatch(order, size=batch):
            nlp.update(chunk, sgd=optimizer, exclude=["sentencizer"])
    del spacy
    return nlp


def textcat_probs(nlp, texts):
    textcat = nlp.get_pipe(TEXTCAT)
    return [dict(textcat(textcat_input(nlp, t)).cats) for t in texts]


# -------------------------------------------------------------- char n-grams --
_SPACES = re.compile(r"\s+")


def char_ngrams(text: str, lang: str) -> set:
    """Character n-grams of the lower-cased reply: within words padded with a space
    (like scikit-learn's char_wb), 2-5 characters in English; 1-3 characters over the
    whole text in Chinese, where words are not spaced."""
    text = _SPACES.sub(" ", text[:MAX_CHARS].lower()).strip()
    out = set()
    if lang == "zh":
        lo, hi, words = 1, 3, [text]
    else:
        lo, hi, words = 2, 5, [f" {w} " for w in text.split(" ") if w]
    for w in words:
        for n in range(lo, hi + 1):
            out.update(w[i:i + n] for i in range(len(w) - n + 1))
    return out


def word_ngrams(nlp, text: str, textcat_doc=None) -> list:
    """The words the textcat sees (textcat_input, or its doc if already made) and their
    bigrams, with repeats."""
    words = [t.text for t in (textcat_doc if textcat_doc is not None else textcat_input(nlp, text))]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


class NgramModel:
    """One logistic regression per label over TF-IDF word n-grams (1-2) and character
    n-grams (char_ngrams), each block L2-normalised, as scikit-learn's TfidfVectorizer
    (sublinear tf, smoothed idf) makes them. Its scores are a combiner feature and one of
    the ensemble's three votes (LangModel.score). Saved as ngrams.json (the n-grams, the
    biases) and ngrams.npy (per n-gram: idf, then one weight per label), so scoring does
    not import scikit-learn and loading does not parse 30,000 JSON rows."""

    BLOCKS = ("w", "c")  # feature keys are "w <word n-gram>" and "c <char n-gram>"

    def __init__(self, lang: str, keys: list, matrix, bias: list):
        import numpy as np
        self.lang, self.keys, self.bias = lang, keys, np.asarray(bias, dtype=np.float64)
        self.matrix = np.asarray(matrix, dtype=np.float64)  # rows: [idf, weight per label]
        self.index = {key: i for i, key in enumerate(keys)}

    @staticmethod
    def grams(nlp, text: str, textcat_doc=None) -> dict:
        return {"w": word_ngrams(nlp, text, textcat_doc), "c": sorted(char_ngrams(text, nlp.lang))}

    @classmethod
    def fit(cls, nlp, records, C: float = 4.0, min_df: int = 2, weights=None):
        import numpy as np
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        texts = [r["text"] for r in records]
        vecs = {b: TfidfVectorizer(analyzer=lambda t, b=b: cls.grams(nlp, t)[b], sublinear_tf=True, min_df=min_df)
                for b in cls.BLOCKS}
        x = hstack([vecs[b].fit_transform(texts) for b in cls.BLOCKS]).tocsr()
        keys = [f"{b} {g}" for b in cls.BLOCKS for g in vecs[b].get_feature_names_out()]
        columns, bias = [np.concatenate([vecs[b].idf_ for b in cls.BLOCKS])], []
        for label in LABELS:
            y = [r["labels"][label] for r in records]
            if len(set(y)) < 2:
                columns.append(np.zeros(len(keys)))
                bias.append(prior_logit(y))
                continue
            lr = LogisticRegression(C=C, max_iter=3000, solver="lbfgs", class_weight="balanced")
            lr.fit(x, y, sample_weight=weights)
            columns.append(lr.coef_[0])
            bias.append(float(lr.intercept_[0]))
        return cls(nlp.lang, keys, np.stack(columns, axis=1), bias)

    def save(self, path: Path):
        import numpy as np
        (path / "ngrams.json").write_text(json.dumps({"lang": self.lang, "bias": self.bias.tolist(), "keys": self.keys},
                                                     ensure_ascii=False) + "\n", encoding="utf-8")
        np.save(path / "ngrams.npy", self.matrix, allow_pickle=False)

    @classmethod
    def load(cls, path: Path):
        import numpy as np
        d = json.loads((path / "ngrams.json").read_text(encoding="utf-8"))
        return cls(d["lang"], d["keys"], np.load(path / "ngrams.npy", allow_pickle=False), d["bias"])

    def logits(self, nlp, text: str, textcat_doc=None) -> dict:
        import numpy as np
        z = self.bias.copy()
        for block, grams in self.grams(nlp, text, textcat_doc).items():
            counts = {}
            for g in grams:
                i = self.index.get(f"{block} {g}")
                if i is not None:
                    counts[i] = counts.get(i, 0) + 1
            if not counts:
                continue
            rows = self.matrix[list(counts)]
            values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * rows[:, 0]
            z += (values / np.sqrt(values @ values)) @ rows[:, 1:]
        return dict(zip(LABELS, z.tolist()))


# -------------------------------------------------------------- the forests --
def fit_forest(rows, targets, weights, seed: int = 0) -> dict:
    """Gradient-boosted trees over the combiner's features, exported as plain lists
    ([feature, threshold, left, right, value], feature -1 for a leaf) so that scoring
    does not import scikit-learn. They catch what the linear combiner cannot: feature
    interactions (a rule hit that counts only when the classifiers agree, say)."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    if len(set(targets)) < 2:
        return {"base": prior_logit(targets), "trees": []}
    gb = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, l2_regularization=1.0,
                                        early_stopping=False, random_state=seed)
    gb.fit(rows, targets, sample_weight=weights)
    trees = []
    for (predictor,) in gb._predictors:  # one tree per boosting round for a binary target
        trees.append([[-1 if n["is_leaf"] else int(n["feature_idx"]), float(n["num_threshold"]),
                       int(n["left"]), int(n["right"]), round(float(n["value"]), 6)] for n in predictor.nodes])
    return {"base": float(gb._baseline_prediction.ravel()[0]), "trees": trees}


class Forest:
    """A fitted forest (fit_forest), compiled to flat arrays so that all its trees are
    walked at once, one level per step: 200 trees in about 0.1 ms instead of 0.25."""

    def __init__(self, forest: dict):
        import numpy as np
        self.base = forest["base"]
        nodes = [node for tree in forest["trees"] for node in tree]
        starts = np.cumsum([0] + [len(tree) for tree in forest["trees"]])[:-1]
        offset = np.repeat(starts, [len(tree) for tree in forest["trees"]]).astype(np.int64)
        self.roots = starts.astype(np.int64)
        arr = np.array(nodes, dtype=np.float64).reshape(-1, 5)
        self.feature = arr[:, 0].astype(np.int64)
        self.threshold = arr[:, 1]
        leaf = self.feature < 0
        here = np.arange(len(nodes), dtype=np.int64)
        self.left = np.where(leaf, here, arr[:, 2].astype(np.int64) + offset)  # a leaf points at itself
        self.right = np.where(leaf, here, arr[:, 3].astype(np.int64) + offset)
        self.value = arr[:, 4]
        self.feature[leaf] = 0
        self.leaf = leaf

    def logit(self, row) -> float:
        import numpy as np
        if not len(self.roots):
            return self.base
        x = np.asarray(row, dtype=np.float64)
        at = self.roots
        while not self.leaf[at].all():
            at = np.where(x[self.feature[at]] <= self.threshold[at], self.left[at], self.right[at])
        return self.base + float(self.value[at].sum())


# ------------------------------------------------------------------ runtime --
class LangModel:
    """Rules + textcat + combiner of one language."""

    def __init__(self, lang: str, nlp, combiner: dict, ngrams: NgramModel = None):
        self.lang, self.nlp, self.ngrams = lang, nlp, ngrams
        self.set_combiner(combiner)
        self.rules = Rules(nlp, lang)
        self.feature_names = combiner["features"] if combiner else features.feature_names(self.rules.table)
        self.sentencizer = nlp.get_pipe("sentencizer")
        self.textcat = nlp.get_pipe(TEXTCAT)

    def set_combiner(self, combiner: dict):
        self.combiner = combiner
        self.forests = {label: Forest(c["forest"]) for label, c in combiner["labels"].items()} if combiner else {}

    @classmethod
    def load(cls, lang: str, model_dir=None):
        path = Path(model_dir or MODEL_DIR) / lang
        if not all((path / name).exists() for name in ("combiner.json", "ngrams.json", "ngrams.npy", "pipeline")):
            raise ModelMissing(f"the reply scorer's {lang} model is missing from {path}: run `make setup` "
                               f"(or `python -m bot.scoring.train`) to build it")
        combiner = json.loads((path / "combiner.json").read_text(encoding="utf-8"))
        if combiner.get("format") != FORMAT:
            raise ModelMissing(f"the reply scorer's model in {path} is out of date: run `make setup`")
        spacy = import_spacy()
        register_architecture()
        if lang == "zh":
            use_jieba_cache(path)
        # the tokenizer is the language's default one, built from the config: reading its
        # saved copy (4,000 English special cases) again would only double the load time
        return cls(lang, spacy.load(path / "pipeline", exclude=["tokenizer"]), combiner, NgramModel.load(path))

    def analyse(self, text: str, customer=None, probs=None, ngram_logits=None):
        """(hits, doc, customer doc, textcat probabilities, n-gram logits, feature row) of one reply."""
        doc = self.sentencizer(self.nlp.make_doc(text))
        cdoc = self.nlp.make_doc(customer[:MAX_CHARS]) if customer else None
        hits = self.rules.find(doc)
        textcat_doc = None  # tokenised once for both classifiers (jieba is the slow part in zh)
        if probs is None:
            textcat_doc = textcat_input(self.nlp, text)
            probs = dict(self.textcat(textcat_doc).cats)
        if ngram_logits is None and self.ngrams is not None:
            ngram_logits = self.ngrams.logits(self.nlp, text, textcat_doc)
        row = features.vector(self.feature_names, hits, doc, cdoc, probs, ngram_logits)
        return hits, doc, cdoc, probs, ngram_logits, row

    def score(self, text: str, customer=None) -> dict:
        hits, doc, cdoc, probs, ngram_logits, row = self.analyse(text, customer)
        out = {}
        for label in LABELS:
            c = self.combiner["labels"][label]
            z = ensemble_logit(c, row, ngram_logits[label], self.forests[label]) - logit(c["threshold"])
            conf = sigmoid(z)
            detected = conf >= 0.5
            if detected and label in FLAG_LABELS and (BARE_GREETING.match(text) or OPENING.match(text)):
                detected, conf = False, min(conf, 0.49)  # the rubric scores greetings per session, never as a mistake
            if detected and (whole_reply_blocked(label, hits, text) or only_denies_a_mistake(label, hits, text)
                             or only_asks_to_blame(label, hits)):
                detected, conf = False, min(conf, 0.49)
            if not detected and decisive(c, label, hits):  # a rule that is (nearly) always right on its own
                detected, conf = True, max(conf, c["decisive_conf"])
            conf = round(conf, 2)
            if not detected and conf >= 0.5:  # 0.496 would print as 0.5
                conf = 0.49
            out[label] = {"detected": detected, "confidence": conf,
                          "evidence": self.evidence(label, text, hits, doc, cdoc) if detected else ""}
        concrete = any(h.label in ("_time", "_object") for h in hits)
        out["committing"]["concrete"] = bool(out["committing"]["detected"] and concrete)
        return out

    def evidence(self, label, text, hits, doc, cdoc) -> str:
        """The words that earned the label: the most specific rule hit, else the clause
        that carries it (the one most like the customer's words, for listening; the one
        the classifier rates highest, otherwise)."""
        for kinds in (("pos",), ("weak", "hint")):
            found = [h for h in hits if h.label == label and h.kind in kinds]
            if found:  # the best hit, widened to the other hits in its sentence
                best = min(found, key=lambda h: (h.order, -(h.end - h.start)))
                s, e = enclosing(sentences(text), best.start)
                same = [h for h in found if s <= h.start < max(e, best.end)] or [best]
                return text[min(h.start for h in same):max(h.end for h in same)].strip()
        clauses = [(s, e) for s, e in boundaries(text) if text[s:e].strip()]
        if not clauses:
            return ""
        if label == "listening" and cdoc is not None:
            theirs = features.content_words(cdoc)
            scored = [(len(features.content_words(self.nlp.make_doc(text[s:e])) & theirs), (s, e)) for s, e in clauses]
            n, best = max(scored, key=lambda x: x[0])
            if n:
                return text[best[0]:best[1]].strip()
        probs = [self.textcat(textcat_input(self.nlp, text[s:e])).cats[label] for s, e in clauses]
        s, e = clauses[max(range(len(clauses)), key=probs.__getitem__)]
        return text[s:e].strip()


def ensemble_logit(c: dict, row, ngram_logit: float, forest: Forest) -> float:
    """The three votes, averaged as log-odds: the logistic combiner and the trees over the
    feature row, and the n-gram model on its own. On the dev replies written after the
    rules, the average beat each of them in both languages (bench/dev_scorer.py)."""
    linear = sum(w * x for w, x in zip(c["w"], row)) + c["b"]
    return (linear + forest.logit(row) + ngram_logit) / 3.0


def whole_reply_blocked(label: str, hits, text: str) -> bool:
    """Evidence against the label and none for it, of a kind the classifiers (which weigh
    the words, not their scope) must not overrule: evidence against that is the whole
    reply ("Sorry?" as pardon, a bare "ok"), or a brush-off the agent denies ("I'm not
    going to tell you to calm down": the words of a brush-off, but not one)."""
    core = text.strip().rstrip("??!!.。 ")
    if not core or any(h.label == label and h.kind != "neg" for h in hits):
        return False
    return any(h.label == label and h.kind == "neg" and (h.concept == "denied" or
               len(h.text.strip().rstrip("??!!.。 ")) >= len(core)) for h in hits)


DENIAL_CONCEPTS = ("negated", "denied", "not_blame")


def only_denies_a_mistake(label: str, hits, text: str) -> bool:
    """A one-sentence reply that denies a mistake and has no evidence of any ("I'm not
    blaming you.", "我不是说您的问题。"): the classifiers see the words of the mistake
    and the curtness of a short reply, but the rubric's negation trap says it is neither."""
    if label not in FLAG_LABELS or len(sentences(text)) > 1:
        return False
    if any(h.label in FLAG_LABELS and h.kind != "neg" for h in hits):
        return False
    return any(h.label in FLAG_LABELS and h.kind == "neg" and h.concept in DENIAL_CONCEPTS for h in hits)


def only_asks_to_blame(label: str, hits) -> bool:
    """Listening with no evidence but a question that blames ("Sorry to hear that. Did you
    keep it next to your phone?"): the rubric says a leading question that blames is not
    listening, and the classifiers, which see a question and sympathy, must not say it is."""
    if label != "listening" or any(h.label == "listening" and h.kind == "pos" for h in hits):
        return False
    return any(h.label == "blame" and h.kind == "pos" and h.concept == "accusing_question" for h in hits)


def decisive(c: dict, label: str, hits) -> bool:
    """Whether the reply has evidence from one of the label's decisive rule concepts:
    concepts whose hits were (nearly) always the label on the labelled data (train.py),
    so they decide even when the classifier has not seen such a phrasing."""
    concepts = c.get("decisive") or ()
    return any(h.label == label and h.kind == "pos" and h.concept in concepts for h in hits)


def data_fingerprint(records) -> str:
    h = hashlib.sha1()
    for r in sorted(records, key=lambda r: r["id"]):
        h.update(json.dumps([r["id"], r["text"], r["customer"], r["labels"]], ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()[:16]
