"""Input hygiene: what kind of message the trainee sent, and a clean text to score.

Trainees type anything: nothing at all, whole essays, emoji, pasted HTML.
The customer must react in character to each, so we sort messages first.
"""
import html
import re
import unicodedata

MAX_SCORED_CHARS = 1000  # a reply longer than this is scored on its first part
MAX_SHOWN_CHARS = 2000   # and stored / echoed in transcripts at most this long

_TAG = re.compile(r"<[^>]{0,200}>")
_SCRIPT = re.compile(r"<(script|style)\b.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_CONSONANT_RUN = re.compile(r"[b-df-hj-np-tv-xz]{6,}", re.IGNORECASE)  # "strengths" has 5 at most


def clean(text) -> str:
    """Plain text to score: markup removed, entities decoded, whitespace folded."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = _SCRIPT.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    return re.sub(r"\s+", " ", text).strip()[:MAX_SHOWN_CHARS]


def is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))


def has_words(text: str) -> bool:
    return bool(_HAN.search(text)) or bool(_LATIN_WORD.search(text)) or any(ch.isdigit() for ch in text)


def _is_keyboard_mash(text: str) -> bool:
    """Most Latin 'words' unpronounceable or one letter repeated: asdfghjkl, qwrtzp, aaaaaaa."""
    words = _LATIN_WORD.findall(text)
    if not words or _HAN.search(text):
        return False
    odd = [w for w in words if _CONSONANT_RUN.search(w) or (len(w) >= 6 and len(set(w.lower())) <= 2)]
    return len(odd) >= max(1, (len(words) + 1) // 2)


def message_kind(raw) -> str:
    """'silence' (empty), 'gibberish' (no words: emoji, symbols, mashed keys, bare markup) or 'speech'."""
    text = clean(raw)
    if not text:
        return "gibberish" if isinstance(raw, str) and raw.strip() else "silence"
    if not has_words(text) or _is_keyboard_mash(text):
        return "gibberish"
    return "speech"


def detect_language(text: str, default: str = "en") -> str:
    """'zh' when Han characters make up a real share of the letters, else 'en'."""
    han = len(_HAN.findall(text or ""))
    latin = sum(len(w) for w in _LATIN_WORD.findall(text or ""))
    if han == 0 and latin == 0:
        return default
    return "zh" if han * 3 >= latin else "en"
