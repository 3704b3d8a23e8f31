"""spaCy import and the blank pipelines the scorer builds on.

Start-up time matters (the action server and `bot score` load the scorer in a fresh
process), so the first spaCy import skips what the scorer never uses:
  - thinc (spaCy's ML library) imports TensorFlow at import time only to find out
    whether it is installed; with TensorFlow in the venv (Rasa needs it) that alone
    costs 10+ s. While spaCy is imported we make `import tensorflow` fail fast;
  - `import spacy` imports its command-line package (spacy.cli: jinja2, requests,
    typer ...) for the sake of `spacy.info`. A stand-in is used during the import.
Both are undone right after: code that imports TensorFlow or spacy.cli later in the
same process gets the real modules.

jieba builds a prefix dictionary from its word list on first use (seconds) and caches
it. The scorer gives jieba a smaller word list, the 105,000 words of its dictionary
seen at least JIEBA_MIN_FREQ times (what jieba's own dict.txt.small is; rarer words are
left to its HMM), written next to the trained model at training together with the
cache, so that start-up reads a 3 MB cache instead of a 9 MB one and the model always
runs with the segmentation it was trained with.
"""
import sys
import threading
import types
from pathlib import Path

_lock = threading.Lock()
JIEBA_CACHE = "jieba.cache"
JIEBA_DICT = "jieba_dict.txt"
JIEBA_MIN_FREQ = 10


def _cli_stand_in():
    """Modules standing in for spacy.cli and spacy.cli.info while spaCy is imported."""
    def info(*args, **kwargs):  # the real spacy.info, imported when first called
        from spacy.cli.info import info as real
        return real(*args, **kwargs)
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    cli_info = types.ModuleType("spacy.cli.info")
    cli_info.info = info
    cli.info = cli_info
    return {"spacy.cli": cli, "spacy.cli.info": cli_info}


def import_spacy():
    with _lock:
        if "spacy" in sys.modules and sys.modules["spacy"] is not None:
            import spacy
            return spacy
        stand_ins = {} if "spacy.cli" in sys.modules else _cli_stand_in()
        block_tf = "thinc" not in sys.modules and "tensorflow" not in sys.modules
        if block_tf:
            sys.modules["tensorflow"] = None  # makes `import tensorflow` raise ImportError
        sys.modules.update(stand_ins)
        try:
            import spacy
        finally:
            if block_tf and sys.modules.get("tensorflow", 0) is None:
                del sys.modules["tensorflow"]
            for name, module in stand_ins.items():
                if sys.modules.get(name) is module:
                    del sys.modules[name]
        return spacy


def use_jieba_cache(model_dir, build=False):
    """Segment with the word list kept in model_dir (the zh model's folder; written there
    when `build`, at training) and keep jieba's prefix-dictionary cache there too.
    Without a word list there (an older model), jieba's full dictionary is used."""
    import logging
    import jieba
    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" chatter on stderr
    if model_dir is None or jieba.dt.initialized:
        return jieba
    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    words = model_dir / JIEBA_DICT
    if build:
        full = Path(jieba.__file__).parent / "dict.txt"
        kept = [line for line in full.read_text(encoding="utf-8").splitlines()
                if len(line.split()) >= 2 and int(line.split()[1]) >= JIEBA_MIN_FREQ]
        words.write_text("\n".join(kept) + "\n", encoding="utf-8")
        (model_dir / JIEBA_CACHE).unlink(missing_ok=True)
    if words.exists():
        jieba.dt.set_dictionary(str(words))
    jieba.dt.tmp_dir, jieba.dt.cache_file = str(model_dir), JIEBA_CACHE
    return jieba


def blank(lang: str, jieba_cache=None):
    """Blank en pipeline, or blank zh pipeline segmented by jieba."""
    spacy = import_spacy()
    if lang == "zh":
        use_jieba_cache(jieba_cache)
        return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    return spacy.blank("en")
