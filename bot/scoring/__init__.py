"""Reply scorer: one trainee reply -> four behaviours and three mistake flags.

    from bot.scoring import score_reply, detect_language, load
    score_reply("That's on us, sorry.", lang="en", scenario="bank_card_failure",
                customer="My new card doesn't work anywhere!")
    -> {"lang": "en",
        "dimensions": {"listening": {"detected": False, "confidence": 0.08, "evidence": ""},
                       "apologizing": {"detected": True, "confidence": 0.97, "evidence": "That's on us"},
                       "explaining": {...}, "committing": {..., "concrete": False}},
        "flags": {"blame": {...}, "deflect": {...}, "dismiss": {...}}}

How: spaCy rules find the rubric's concepts and their evidence (rules.py), a
trained textcat and an n-gram classifier score the reply, and per label a logistic
combiner and a small forest weigh all of it with the customer's last line; the
three votes are averaged (model.py, features.py). Models load lazily, once
per process; `load()` preloads them (the action server calls it at start-up).
"""
import logging
import threading

from .labels import DIMENSIONS, FLAGS, LABELS, LANGS, SCENARIOS
from .lang import MAX_CHARS, detect_language

__all__ = ["score_reply", "detect_language", "load", "empty_verdict", "DIMENSIONS", "FLAGS", "LABELS", "SCENARIOS"]

log = logging.getLogger(__name__)
_models = {}
_lock = threading.Lock()


def load(langs=LANGS, model_dir=None):
    """Load (once) and return {lang: model}. Raises ModelMissing if `make setup` was not run."""
    from .model import LangModel
    with _lock:
        for lang in langs:
            if lang not in _models:
                _models[lang] = LangModel.load(lang, model_dir)
    return {lang: _models[lang] for lang in langs}


def empty_verdict(lang="en") -> dict:
    off = {"detected": False, "confidence": 0.0, "evidence": ""}
    dims = {k: dict(off) for k in DIMENSIONS}
    dims["committing"]["concrete"] = False
    return {"lang": lang, "dimensions": dims, "flags": {k: dict(off) for k in FLAGS}}


def score_reply(text: str, lang: str = None, scenario: str = None, customer: str = None) -> dict:
    """Verdict for one reply. Never raises on str input; only the first 1,000 characters
    are scored. `scenario` is accepted for the API's sake: the rubric is the same in
    every scenario, and the customer's line carries the context that matters."""
    text = text if isinstance(text, str) else ""
    text = text[:MAX_CHARS]
    if lang not in LANGS:
        lang = detect_language(text)
    customer = customer[:MAX_CHARS] if isinstance(customer, str) and customer.strip() else None
    if not text.strip():
        return empty_verdict(lang)
    model = _models.get(lang) or load((lang,))[lang]  # a missing model is a set-up error: let it raise
    try:
        labels = model.score(text, customer)
    except Exception:  # a scorer bug must not take the role-play down with it
        log.exception("scoring failed for %r", text[:80])
        return empty_verdict(lang)
    return {"lang": lang, "dimensions": {k: labels[k] for k in DIMENSIONS}, "flags": {k: labels[k] for k in FLAGS}}
