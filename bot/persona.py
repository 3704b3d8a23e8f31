"""How the customer feels and reacts: an explicit mood state machine.

Mood moves one level per event, on the scale furious < angry < annoyed < calm
< satisfied. What a person needs before they are satisfied is scenario data
(`needs`, e.g. an apology, a reason and a concrete next step); until all of it
has been given the customer stays at most calm. Mistakes (blame, deflection,
brushing off) push the mood down; one more mistake when already furious ends
the role-play: a brush-off makes them hang up, blame or deflection makes them
demand the manager or threaten a complaint.
"""
from dataclasses import dataclass, field
from typing import List, Optional

from bot import BEHAVIOURS, FLAGS, MOODS

FURIOUS, ANGRY, ANNOYED, CALM, SATISFIED = range(len(MOODS))
UNPRODUCTIVE_PATIENCE = 2  # turns of nothing useful before the mood drops

# which line a reaction to a mistake or a behaviour uses (scenario `lines` keys)
MISTAKE_LINES = {"blame": "blamed", "deflect": "deflected", "dismiss": "dismissed"}
BEHAVIOUR_LINES = {
    "committing": "committed",
    "explaining": "explained",
    "apologizing": "apologized",
    "listening": "listened",
}
NEED_NUDGES = {
    "apologizing": "want_apology",
    "explaining": "want_reason",
    "committing": "want_action",
    "listening": "want_listening",
}


def level(mood: str) -> int:
    return MOODS.index(mood)


@dataclass
class Reaction:
    """What one trainee reply did to the customer."""

    mood: str
    line_kind: str                 # key of the scenario line to say
    outcome: Optional[str] = None  # set when the role-play ends here
    nudge: Optional[str] = None    # a `want_*` line to add, if the customer still needs something
    reveal_fact: bool = False      # answer a question with a fact from the scenario
    newly_covered: List[str] = field(default_factory=list)
    mistakes: List[str] = field(default_factory=list)


def detected(verdict: dict, group: str, names) -> List[str]:
    return [n for n in names if verdict.get(group, {}).get(n, {}).get("detected")]


def react(
    *,
    mood: str,
    covered: List[str],
    needs: List[str],
    unproductive: int,
    verdict: dict,
    message_kind: str = "speech",
    intent: Optional[str] = None,
    is_question: bool = False,
    turn: int = 1,
    max_turns: int = 12,
) -> Reaction:
    """The customer's reaction to one scored reply (pure function of the state)."""
    now = level(mood)
    mistakes = detected(verdict, "flags", FLAGS)
    behaviours = detected(verdict, "dimensions", BEHAVIOURS)

    if mistakes:
        if now == FURIOUS:
            ending = "hung_up" if mistakes == ["dismiss"] else "escalated"
            kind = "hang_up" if ending == "hung_up" else (
                "escalate_manager" if "deflect" in mistakes else "escalate_complaint")
            return Reaction(MOODS[FURIOUS], kind, outcome=ending, mistakes=mistakes)
        drop = 2 if len(mistakes) > 1 or (mistakes == ["dismiss"] and now <= ANGRY) else 1
        new = max(FURIOUS, now - drop)
        return Reaction(MOODS[new], MISTAKE_LINES[mistakes[0]], mistakes=mistakes)

    newly = [b for b in behaviours if b not in covered]
    all_covered = set(needs) <= set(covered) | set(behaviours)
    gain = len([b for b in newly if b in needs]) + (1 if "listening" in newly and "listening" not in needs else 0)
    new = now + min(gain, 2)
    if not all_covered:
        new = min(new, CALM)
    elif gain or now >= CALM:
        new = SATISFIED if new >= CALM else new

    if message_kind in ("silence", "gibberish") or not behaviours:
        kind = {"silence": "silence", "gibberish": "gibberish"}.get(message_kind) or {
            "greet": "greeted", "thank": "thanked", "out_of_scope": "off_topic"}.get(intent, "neutral")
        if now == SATISFIED and intent == "thank":
            kind = "farewell"
        if unproductive + 1 >= UNPRODUCTIVE_PATIENCE and now < SATISFIED and kind != "greeted":
            new = max(FURIOUS, now - 1)
        reaction = Reaction(MOODS[new], kind)
    elif new == SATISFIED and now < SATISFIED:
        reaction = Reaction(MOODS[new], "resolved", newly_covered=newly)
    elif now == SATISFIED:
        reaction = Reaction(MOODS[new], "farewell" if intent == "thank" else "resolved", newly_covered=newly)
    else:
        best = next((b for b in BEHAVIOURS[::-1] if b in newly), None) or next(
            b for b in BEHAVIOURS[::-1] if b in behaviours)
        reveal = is_question and "listening" in behaviours and not newly[1:]
        reaction = Reaction(MOODS[new], BEHAVIOUR_LINES[best], reveal_fact=reveal, newly_covered=newly)

    if level(reaction.mood) < SATISFIED and reaction.line_kind not in ("silence",):
        missing = [n for n in needs if n not in covered and n not in behaviours]
        if missing and not reaction.reveal_fact:
            reaction.nudge = NEED_NUDGES[missing[0]]
        if turn >= max_turns:
            reaction.line_kind, reaction.outcome, reaction.nudge = "gave_up", "unresolved", None
    return reaction


def is_productive(reaction: Reaction) -> bool:
    return bool(reaction.newly_covered) or reaction.reveal_fact
