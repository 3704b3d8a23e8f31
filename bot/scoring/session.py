"""Session score for the end-of-session scorecard.

score_session(turns, hotline=False) with turns = [{"verdict": <score_reply verdict>,
"reply": str, "mood_before": optional furious|angry|annoyed|calm|satisfied}, ...]:

- a behaviour earns credit in the turn where it shows, weighted by how much the
  customer needed it then (an apology matters most to a furious or angry customer)
  and by how early it came (see DECAY: a late apology is worth half an early one); a
  commitment earns full credit only when it is concrete (a time or an object);
  listening is also rewarded for being kept up across the session;
- each mistake flag costs points on the behaviours it undermines and a share
  (FLAG_SHARE) of the total;
- hotline sessions are also checked for a standard opening (greeting + unit name +
  staff number) on the first reply.
"""
import math
import re

from .labels import DIMENSIONS, FLAGS, MOODS
from .lang import detect_language

# how much a customer in each mood needs each behaviour
NEED = {
    "listening": {"furious": 1.0, "angry": 1.0, "annoyed": 1.0, "calm": 1.0, "satisfied": 0.8},
    "apologizing": {"furious": 1.0, "angry": 1.0, "annoyed": 0.85, "calm": 0.65, "satisfied": 0.45},
    "explaining": {"furious": 0.8, "angry": 0.9, "annoyed": 1.0, "calm": 1.0, "satisfied": 0.8},
    "committing": {"furious": 0.9, "angry": 1.0, "annoyed": 1.0, "calm": 1.0, "satisfied": 0.8},
}
# points each mistake takes off the behaviours it undermines, and off the total
PENALTY = {"blame": {"listening": 15, "explaining": 10}, "deflect": {"committing": 15, "apologizing": 10},
           "dismiss": {"listening": 15, "apologizing": 10}}
# how much lateness costs: an apology or an attentive question is worth most early,
# a commitment naturally comes after listening and explaining
DECAY = {"listening": 0.4, "apologizing": 0.5, "explaining": 0.3, "committing": 0.1}
# each mistake takes this share off the total: what the behaviours earned still counts,
# so a session with some good moves stays above one of mistakes only
FLAG_SHARE = 0.15
NO_GREETING_COST = 5
VAGUE_COMMITMENT = 0.6


def _detected(verdict, name):
    group = "flags" if name in FLAGS else "dimensions"
    item = (verdict or {}).get(group, {}).get(name) or {}
    return bool(item.get("detected")), item


def _moods(turns):
    """The mood before each turn: as given, else a simple estimate (start angry; a turn
    with a mistake makes things worse, one with two or more behaviours better)."""
    level, out = MOODS.index("angry"), []
    for turn in turns:
        given = turn.get("mood_before")
        if given in MOODS:
            level = MOODS.index(given)
        out.append(MOODS[level])
        verdict = turn.get("verdict")
        mistakes = sum(_detected(verdict, f)[0] for f in FLAGS)
        good = sum(_detected(verdict, d)[0] for d in DIMENSIONS)
        level = max(0, level - mistakes) if mistakes else min(len(MOODS) - 1, level + (good >= 2))
    return out


def score_session(turns, hotline=False) -> dict:
    turns = list(turns or [])
    n = len(turns)
    moods = _moods(turns)
    evidence = {name: [] for name in DIMENSIONS + FLAGS}
    best = {d: 0.0 for d in DIMENSIONS}
    listened = 0
    flags = {f: 0 for f in FLAGS}
    for i, (turn, mood) in enumerate(zip(turns, moods)):
        verdict = turn.get("verdict") or {}
        position = i / (n - 1) if n > 1 else 0.0
        for d in DIMENSIONS:
            hit, item = _detected(verdict, d)
            if not hit:
                continue
            evidence[d].append({"turn": i + 1, "evidence": item.get("evidence", "")})
            credit = NEED[d][mood] * (1.0 - DECAY[d] * position) * (0.5 + 0.5 * float(item.get("confidence", 1.0)))
            if d == "committing" and not item.get("concrete", True):
                credit *= VAGUE_COMMITMENT
            best[d] = max(best[d], credit)
            listened += d == "listening"
        for f in FLAGS:
            hit, item = _detected(verdict, f)
            if hit:
                flags[f] += 1
                evidence[f].append({"turn": i + 1, "evidence": item.get("evidence", "")})
    coverage = min(1.0, listened / max(1, math.ceil(n / 2)))
    scores = {d: 100 * best[d] for d in DIMENSIONS}
    scores["listening"] = 100 * (0.6 * best["listening"] + 0.4 * coverage)
    for f, count in flags.items():
        for d, cost in PENALTY[f].items():
            scores[d] -= cost * count
    dims = {d: int(round(min(100, max(0, s)))) for d, s in scores.items()}
    greeting = None
    if hotline:
        first = turns[0].get("reply", "") if turns else ""
        lang = (turns[0].get("verdict") or {}).get("lang") if turns else None
        greeting = bool(first) and is_standard_greeting(first, lang or detect_language(first))
    overall = sum(dims.values()) / len(dims) * (1 - FLAG_SHARE) ** sum(flags.values())
    if greeting is False:
        overall -= NO_GREETING_COST
    return {"overall": int(round(min(100, max(0, overall)))) if n else 0, "dimensions": dims, "flags": flags,
            "greeting": greeting, "evidence": evidence}


# --------------------------------------------------------------- greeting --
_GREET = {
    "en": re.compile(r"\b(hello|hi|hey|good (morning|afternoon|evening|day)|morning|afternoon|evening|welcome|"
                     r"thanks? (you )?for calling|greetings)\b", re.I),
    "zh": re.compile(r"您好|你好|早上好|上午好|下午好|晚上好|欢迎致电|感谢(您的)?致电|欢迎来电|感谢来电"),
}
_UNIT = {
    "en": re.compile(r"\b(bank|banking|card services|customer (service|care|support)|service cent(re|er)|"
                     r"cent(re|er)|help ?line|hotline|savings|credit union|branch|department|team|store|shop)\b", re.I),
    "zh": re.compile(r"银行|客服中心|服务中心|中心|热线|营业厅|网点|分行|支行|客服部|公司|信用社"),
}
_STAFF = {
    "en": re.compile(r"(\b(agent|operator|staff|employee|badge|id|number|no\.?|ext(ension)?)\b\W{0,3}(number|no\.?|id)?\W{0,3}#?\d{2,}"
                     r"|#\s?\d{2,}|\b\d{3,}\b)", re.I),
    "zh": re.compile(r"\d{2,}\s*号|工号\s*\d+|编号\s*\d+|[零一二三四五六七八九〇]{3,}号|\d{3,}"),
}


def is_standard_greeting(text, lang=None) -> bool:
    """A hotline opening: greeting + the unit's name + a staff number
    ("您好,XX银行客服中心,我是1047号" / "Good morning, City Bank card services, this is agent 2231")."""
    if not isinstance(text, str) or not text.strip():
        return False
    lang = lang if lang in _GREET else detect_language(text)
    head = text[:300]
    return bool(_GREET[lang].search(head) and _UNIT[lang].search(head) and _STAFF[lang].search(head))
