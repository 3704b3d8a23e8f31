"""Input hygiene: what kind of message the trainee sent, and a clean text to score.

Trainees type anything: nothing at all, whole essays, emoji, pasted HTML.
The customer must react in character to each, so we sort messages first.
"""
import html
import re
import unicodedata

from bot.scoring.lang import HAN as _HAN, LATIN_WORD as _LATIN_WORD, MAX_CHARS
from bot.scoring.lang import detect_language as _scorer_language

MAX_SCORED_CHARS = MAX_CHARS  # the scorer reads this much of a reply
MAX_SHOWN_CHARS = 2000        # and it is stored and echoed at most this long

_TAG = re.compile(r"<[^>]{0,200}>")
_SCRIPT = re.compile(r"<(script|style)\b.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
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
    """The scorer's language detection, or `default` for text with no letters at all."""
    if not _HAN.search(text or "") and not _LATIN_WORD.search(text or ""):
        return default
    return _scorer_language(text)
