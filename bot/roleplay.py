"""One role-play session: its state, the customer's replies, its end.

The whole state is a plain dict (stored by Rasa in the `roleplay` slot, so
every transcript carries it); `RolePlay` wraps it with the behaviour.
"""
import random
import time
import uuid
from dataclasses import dataclass
from typing import Optional

from bot import persona, scenarios
from bot.text import clean, message_kind

QUESTION_MARKS = ("?", "？", "吗", "呢", "么")


@dataclass
class TurnResult:
    customer_line: str
    mood: str
    outcome: Optional[str]
    turn: dict


def is_question(text: str) -> bool:
    stripped = text.rstrip(" .!。！~")
    return "?" in text or "？" in text or stripped.endswith(QUESTION_MARKS)


class RolePlay:
    def __init__(self, state: dict):
        self.state = state
        self.scenario = scenarios.get(state["scenario"])

    # --- life cycle -------------------------------------------------------
    @classmethod
    def start(cls, scenario_id: str, language: str, trainee: Optional[str] = None,
              now: Optional[float] = None) -> "RolePlay":
        scenario = scenarios.get(scenario_id)
        state = {
            "id": uuid.uuid4().hex,
            "scenario": scenario.id,
            "language": language,
            "trainee": (clean(trainee)[:80] if trainee else None) or None,
            "started_at": now if now is not None else time.time(),
            "ended_at": None,
            "mood": scenario.persona["starting_mood"],
            "covered": [],
            "revealed": [],
            "unproductive": 0,
            "outcome": None,
            "turns": [],
            "scorecard": None,
        }
        roleplay = cls(state)
        state["opening"] = roleplay._say("opening", 0)
        return roleplay

    @property
    def language(self) -> str:
        return self.state["language"]

    @property
    def active(self) -> bool:
        return self.state["ended_at"] is None

    @property
    def turn_count(self) -> int:
        return len(self.state["turns"])

    def last_customer_line(self) -> str:
        turns = self.state["turns"]
        return turns[-1]["customer_after"] if turns else self.state.get("opening", "")

    def _rng(self, salt) -> random.Random:
        return random.Random(f"{self.state['id']}:{salt}")

    def _say(self, kind: str, salt) -> str:
        """A variant of this kind of line, avoiding what the customer already said."""
        variants = list(self.scenario.lines[kind][self.language])
        said = [t["customer_after"] for t in self.state["turns"]] + [self.state.get("opening") or ""]
        fresh = [v for v in variants if not any(v in line for line in said)] or variants
        return self._rng(f"{salt}:{kind}").choice(fresh)

    # --- one trainee reply ------------------------------------------------
    def respond(self, raw_reply, verdict: dict, intent: Optional[str] = None,
                now: Optional[float] = None) -> TurnResult:
        """The customer's answer to one scored trainee reply."""
        if not self.active:
            raise RuntimeError("this role-play has ended")
        state = self.state
        reply = clean(raw_reply)
        turn_no = self.turn_count + 1
        kind_of_message = message_kind(raw_reply)
        reaction = persona.react(
            mood=state["mood"],
            covered=state["covered"],
            needs=list(self.scenario.needs),
            unproductive=state["unproductive"],
            verdict=verdict,
            message_kind=kind_of_message,
            intent=intent,
            is_question=is_question(reply),
            turn=turn_no,
            max_turns=self.scenario.max_turns,
        )
        line = self._fact_line(reply, turn_no) if reaction.reveal_fact else None
        if line is None:
            line = self._say(reaction.line_kind, turn_no)
        if reaction.nudge:
            joiner = "" if self.language == "zh" else " "
            line = line + joiner + self._say(reaction.nudge, turn_no)

        mood_before = state["mood"]
        state["covered"] = state["covered"] + reaction.newly_covered
        productive = persona.is_productive(reaction) or reaction.mistakes
        dropped = persona.level(reaction.mood) < persona.level(mood_before)
        state["unproductive"] = 0 if productive or dropped else state["unproductive"] + 1
        state["mood"] = reaction.mood
        turn = {
            "turn": turn_no,
            "reply": reply,  # clean() caps its length
            "message_kind": kind_of_message,
            "intent": intent,
            "customer_before": self.last_customer_line(),
            "customer_after": line,
            "verdict": verdict,
            "mood_before": mood_before,
            "mood_after": reaction.mood,
            "reaction": reaction.line_kind,
            "at": now if now is not None else time.time(),
        }
        state["turns"] = state["turns"] + [turn]
        if reaction.outcome:
            self.finish(reaction.outcome, now=now)
        return TurnResult(line, reaction.mood, reaction.outcome, turn)

    def _fact_line(self, reply: str, salt) -> Optional[str]:
        """Answer a question with the most relevant fact not yet revealed."""
        facts = self.scenario.facts
        unrevealed = [i for i in range(len(facts)) if i not in self.state["revealed"]]
        if not unrevealed:
            return None
        lowered = reply.lower()

        def overlap(i: int) -> int:
            return sum(1 for word in facts[i]["topic"][self.language] if word.lower() in lowered)

        best = max(unrevealed, key=lambda i: (overlap(i), -i))
        self.state["revealed"] = self.state["revealed"] + [best]
        variants = facts[best]["line"][self.language]
        return self._rng(f"{salt}:fact").choice(variants)

    # --- the end ----------------------------------------------------------
    def final_outcome(self) -> str:
        if self.state["outcome"]:
            return self.state["outcome"]
        satisfied = self.state["mood"] == "satisfied"
        return "resolved" if satisfied and set(self.scenario.needs) <= set(self.state["covered"]) else "unresolved"

    def finish(self, outcome: Optional[str] = None, now: Optional[float] = None) -> dict:
        """End the role-play (idempotent) and return its scorecard."""
        from bot.scorecard import build_scorecard

        if self.state["scorecard"] is None:
            self.state["outcome"] = outcome or self.final_outcome()
            self.state["ended_at"] = now if now is not None else time.time()
            self.state["scorecard"] = build_scorecard(self.state, self.scenario)
        return self.state["scorecard"]

    # --- coaching ---------------------------------------------------------
    def hint(self) -> str:
        """A rubric tip for the present moment, without breaking the role-play:
        the opening greeting on a hotline, then undoing the last mistake, then
        the first thing the customer still needs."""
        hints, lang, state = self.scenario.hints, self.language, self.state
        if self.scenario.hotline and not state["turns"] and "greeting" in hints:
            return hints["greeting"][lang]
        if state["turns"]:
            mistakes = persona.detected(state["turns"][-1]["verdict"], "flags", persona.MISTAKE_LINES)
            if mistakes:
                return hints[mistakes[0]][lang]
        for behaviour in list(self.scenario.needs) + list(persona.BEHAVIOUR_LINES)[::-1]:
            if behaviour not in state["covered"]:
                return hints[behaviour][lang]
        return _CLOSE_HINT[lang]


_CLOSE_HINT = {
    "en": "The customer is satisfied: thank them, then end the role-play (/end_roleplay) to see your scorecard.",
    "zh": "客户已经满意了:向客户致谢,然后结束练习(/end_roleplay)查看成绩单。",
}


def active_roleplay(state: Optional[dict]) -> Optional[RolePlay]:
    """The RolePlay for a slot value, if one is under way (tolerates stale or broken slot values)."""
    if not isinstance(state, dict) or state.get("ended_at") is not None:
        return None
    try:
        return RolePlay(state)
    except (KeyError, TypeError):
        return None

