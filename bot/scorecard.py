"""The end-of-session scorecard: outcome, scores, every turn with its evidence, tips."""
from functools import lru_cache
from typing import List

from bot import BEHAVIOURS, FLAGS, scenarios
from bot.scoring import score_reply
from bot.scoring.session import score_session

# the outcome is the customer's verdict on the whole conversation
OUTCOME_ADJUSTMENT = {"resolved": 5, "unresolved": 0, "escalated": -10, "hung_up": -15}
WEAK = 70  # a dimension scored under this earns a tip


def build_scorecard(state: dict, scenario) -> dict:
    turns = state["turns"]
    session = score_session(
        [{"verdict": t["verdict"], "reply": t["reply"], "mood_before": t["mood_before"]} for t in turns],
        hotline=scenario.hotline,
    )
    overall = session["overall"] + OUTCOME_ADJUSTMENT.get(state["outcome"], 0) if turns else 0
    card = {
        "id": state["id"],
        "scenario": scenario.id,
        "title": scenario.title[state["language"]],
        "language": state["language"],
        "trainee": state.get("trainee"),
        "outcome": state["outcome"],
        "overall": max(0, min(100, int(round(overall)))),
        "dimensions": {d: int(session["dimensions"].get(d, 0)) for d in BEHAVIOURS},
        "flags": {f: int(session["flags"].get(f, 0)) for f in FLAGS},
        "greeting": session.get("greeting"),
        "turns": [
            {
                "turn": t["turn"],
                "reply": t["reply"],
                "customer": t["customer_before"],
                "customer_reply": t["customer_after"],
                "verdict": t["verdict"],
                "evidence": evidence_of(t["verdict"]),
                "mood_after": t["mood_after"],
            }
            for t in turns
        ],
        "started_at": state["started_at"],
        "ended_at": state["ended_at"],
    }
    card["tips"] = tips_for(card, scenario)
    return card


def evidence_of(verdict: dict) -> dict:
    """{label: evidence} for every behaviour or mistake detected in one reply."""
    found = {}
    for group in ("dimensions", "flags"):
        for name, judgement in verdict.get(group, {}).items():
            if judgement.get("detected"):
                found[name] = judgement.get("evidence", "")
    return found


def model_example(scenario, lang: str, behaviour: str) -> str:
    """The first line of the course's model answer that shows this behaviour."""
    return _model_example(scenario.id, lang, behaviour)


@lru_cache(maxsize=None)  # the model answer never changes while the process runs
def _model_example(scenario_id: str, lang: str, behaviour: str) -> str:
    for line in scenarios.get(scenario_id).model_answer[lang]:
        if score_reply(line, lang=lang, scenario=scenario_id)["dimensions"][behaviour]["detected"]:
            return line
    return ""


def tips_for(card: dict, scenario) -> List[str]:
    """Two or three tips: mistakes first, then the weakest behaviours, each with a model line."""
    lang = card["language"]
    example_intro = {"en": "Model answer: “{}”", "zh": "参考答法:「{}」"}[lang]
    tips = []
    for flag in sorted(FLAGS, key=lambda f: -card["flags"][f]):
        if card["flags"][flag]:
            tips.append(scenario.tips[flag][lang])
    if scenario.hotline and card.get("greeting") is False and "greeting" in scenario.tips:
        tips.append(scenario.tips["greeting"][lang])
    for dim in sorted(BEHAVIOURS, key=lambda d: card["dimensions"][d]):
        if card["dimensions"][dim] < WEAK or len(tips) < 2:
            example = model_example(scenario, lang, dim)
            tip = scenario.tips[dim][lang]
            tips.append(f"{tip} {example_intro.format(example)}" if example else tip)
    return tips[:3]


def format_scorecard(card: dict) -> str:
    """The scorecard as terminal text."""
    lang = card["language"]
    zh = lang == "zh"
    names = {
        "listening": ("Listening", "倾听"), "apologizing": ("Apologizing", "道歉"),
        "explaining": ("Explaining", "解释"), "committing": ("Committing", "承诺"),
        "blame": ("Blaming", "指责客户"), "deflect": ("Deflecting", "推卸责任"), "dismiss": ("Brushing off", "敷衍怠慢"),
        "resolved": ("resolved", "问题解决"), "unresolved": ("unresolved", "未解决"),
        "escalated": ("escalated", "投诉升级"), "hung_up": ("customer hung up", "客户挂断/离开"),
    }
    pick = lambda key: names[key][1 if zh else 0]  # noqa: E731
    out = [
        ("══ 成绩单 ══ " if zh else "══ Scorecard ══ ") + card["title"],
        ("结果:" if zh else "Outcome: ") + pick(card["outcome"]) + ("    总分:" if zh else "    Overall: ") + f"{card['overall']}/100",
    ]
    out.append("  ".join(f"{pick(d)} {card['dimensions'][d]}" for d in BEHAVIOURS))
    mistakes = [f"{pick(f)} ×{n}" for f, n in card["flags"].items() if n]
    if mistakes:
        out.append(("失误:" if zh else "Mistakes: ") + ", ".join(mistakes))
    if card.get("greeting") is not None:
        ok = card["greeting"]
        out.append(("标准开场白:" + ("有" if ok else "无")) if zh else ("Standard greeting: " + ("yes" if ok else "no")))
    for t in card["turns"]:
        marks = ", ".join(f"{pick(k)} «{v}»" if v else pick(k) for k, v in t["evidence"].items()) or "—"
        out.append(f"  {t['turn']}. {t['reply'][:80]}  →  {marks}")
    out.append("提示:" if zh else "Tips:")
    out += [f"  • {tip}" for tip in card["tips"]]
    return "\n".join(out)
