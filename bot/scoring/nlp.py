"""spaCy import and the blank pipelines the scorer builds on.

thinc (spaCy's ML library) imports TensorFlow at import time only to find out
whether it is installed; with TensorFlow in the venv (Rasa needs it) that alone
costs 10+ s. The scorer never uses TensorFlow through thinc, so while spaCy is
imported for the first time we make `import tensorflow` fail fast, then undo it:
code that imports TensorFlow later in the same process still gets it.
"""
import sys
import threading

_lock = threading.Lock()


def import_spacy():
    with _lock:
        if "thinc" in sys.modules or "tensorflow" in sys.modules:
            import spacy
            return spacy
        sys.modules["tensorflow"] = None  # makes `import tensorflow` raise ImportError
        try:
            import spacy
        finally:
            if sys.modules.get("tensorflow", 0) is None:
                del sys.modules["tensorflow"]
        return spacy


def blank(lang: str):
    """Blank en pipeline, or blank zh pipeline segmented by jieba."""
    spacy = import_spacy()
    if lang == "zh":
        import logging
        import jieba
        jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" chatter on stderr
        return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    return spacy.blank("en")
