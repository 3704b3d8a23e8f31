"""Language detection and the clause/sentence geometry the rules share."""
import re

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z]+")
MAX_CHARS = 1000  # longer replies are scored on their first 1,000 characters

# Sentence ends; clause ends add commas, colons, dashes and a few contrastive words
# (negation and ownership do not carry across "but").
SENT_END = re.compile(r"[.!?。!?;;\n…]+")
CLAUSE_END = re.compile(r"[.!?。!?;;\n…,,、::—()()\"“”]+|\s-\s|\bbut\b|\bhowever\b|但是|但|不过|可是")


def detect_language(text) -> str:
    """'zh' when Han characters make up a meaningful share of the text, else 'en'.

    A Chinese word is about two characters, so Han characters are weighed at half
    a word each against Latin words: "我的card坏了" is zh, "I'm at 工商银行 branch" is en.
    """
    if not isinstance(text, str):
        return "en"
    han = len(HAN.findall(text[:MAX_CHARS]))
    words = len(LATIN_WORD.findall(text[:MAX_CHARS]))
    return "zh" if han and han >= 2 * words else "en"


def boundaries(text: str, pattern=CLAUSE_END):
    """[(start, end)] char ranges of the clauses (or sentences) of text."""
    out, start = [], 0
    for m in pattern.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out or [(0, len(text))]


def sentences(text: str):
    """Sentence ranges, each including its closing punctuation (so '?' stays visible)."""
    out, start = [], 0
    for m in SENT_END.finditer(text):
        if m.end() > start and text[start:m.end()].strip():
            out.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def enclosing(ranges, pos: int):
    for s, e in ranges:
        if s <= pos < e:
            return s, e
    return pos, pos
