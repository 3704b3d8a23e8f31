"""The one-line coach note shown after each customer line in the terminal."""
from bot import BEHAVIOURS, FLAGS

LABELS = {
    "en": {"listening": "listening", "apologizing": "apology", "explaining": "reason", "committing": "next step",
           "blame": "BLAME", "deflect": "DEFLECT", "dismiss": "BRUSH-OFF", "mood": "mood", "none": "no behaviour scored"},
    "zh": {"listening": "倾听", "apologizing": "道歉", "explaining": "解释", "committing": "承诺",
           "blame": "指责客户", "deflect": "推卸", "dismiss": "敷衍", "mood": "情绪", "none": "未检测到得分行为"},
}
MOOD_NAMES = {
    "en": {m: m for m in ("furious", "angry", "annoyed", "calm", "satisfied")},
    "zh": {"furious": "暴怒", "angry": "生气", "annoyed": "不满", "calm": "平静", "satisfied": "满意"},
}


def coach_note(verdict: dict, mood: str, lang: str) -> str:
    labels = LABELS[lang]
    parts = []
    for group, names, mark in (("dimensions", BEHAVIOURS, "✓"), ("flags", FLAGS, "✗")):
        for name in names:
            judgement = verdict[group][name]
            if judgement["detected"]:
                evidence = f" «{judgement['evidence']}»" if judgement.get("evidence") else ""
                parts.append(f"{mark} {labels[name]}{evidence}")
    body = " · ".join(parts) or labels["none"]
    return f"  [coach] {body} | {labels['mood']}: {MOOD_NAMES[lang].get(mood, mood)}"
