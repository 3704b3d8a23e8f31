"""Plain keyword baseline for the benchmark: a label is detected when any of its
keywords occurs in the reply (lower-cased substring match), nothing more."""
from .labels import DIMENSIONS, FLAGS

KEYWORDS = {
    "en": {
        "listening": ["?", "i understand", "i see", "tell me", "go on", "so you"],
        "apologizing": ["sorry", "apolog", "our mistake", "our fault"],
        "explaining": ["because", "due to", "the reason", "that's why", "since"],
        "committing": ["i will", "i'll", "we will", "we'll", "right now", "today"],
        "blame": ["your fault", "you should", "you must have", "did you", "you didn't"],
        "deflect": ["policy", "not my", "nothing i can do", "head office", "can't do"],
        "dismiss": ["calm down", "whatever", "next", "take it or leave it", "not my problem"],
    },
    "zh": {
        "listening": ["?", "?", "理解", "您是说", "慢慢说", "请问"],
        "apologizing": ["对不起", "抱歉", "不好意思", "失误", "道歉"],
        "explaining": ["因为", "由于", "原因", "所以"],
        "committing": ["马上", "现在就", "我会", "我们会", "今天", "给您办"],
        "blame": ["你是不是", "谁让你", "你自己", "怪你", "你的问题"],
        "deflect": ["规定", "没办法", "不归我", "公司定的", "不是我"],
        "dismiss": ["爱买不买", "嚷什么", "下一位", "冷静", "随便"],
    },
}


def score_reply(text: str, lang: str = "en", scenario=None, customer=None) -> dict:
    low = (text or "").lower()
    out = {}
    for label, words in KEYWORDS.get(lang, KEYWORDS["en"]).items():
        hit = next((w for w in words if w in low), "")
        start = low.find(hit) if hit else -1
        out[label] = {"detected": bool(hit), "confidence": 1.0 if hit else 0.0,
                      "evidence": text[start:start + len(hit)] if hit else ""}
    return {"lang": lang, "dimensions": {k: out[k] for k in DIMENSIONS}, "flags": {k: out[k] for k in FLAGS}}
