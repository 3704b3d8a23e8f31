"""The customer's mood machine and the role-play session, without Rasa and without the scorer."""
import re

import pytest

from bot import persona
from bot.roleplay import RolePlay, active_roleplay
from tests.verdicts import verdict

HAN = re.compile(r"[\u4e00-\u9fff]")
NEEDS = ["apologizing", "explaining", "committing"]


def react(mood="angry", covered=(), v=None, **kw):
    return persona.react(mood=mood, covered=list(covered), needs=NEEDS, unproductive=kw.pop("unproductive", 0),
                         verdict=v or verdict(), **kw)


def test_an_apology_calms_an_angry_customer_one_step():
    r = react("angry", v=verdict("apologizing"))
    assert r.mood == "annoyed" and r.line_kind == "apologized" and r.newly_covered == ["apologizing"]
    assert r.nudge == "want_reason"  # still wants to know why


def test_not_satisfied_until_every_need_is_met():
    r = react("calm", covered=["apologizing"], v=verdict("explaining", "listening"))
    assert r.mood == "calm" and r.outcome is None
    r = react("calm", covered=["apologizing", "explaining"], v=verdict("committing"))
    assert r.mood == "satisfied" and r.line_kind == "resolved"


def test_blame_makes_the_customer_angrier_and_blame_when_furious_escalates():
    assert react("annoyed", v=verdict("blame")).mood == "angry"
    r = react("furious", v=verdict("blame"))
    assert r.outcome == "escalated" and r.line_kind == "escalate_complaint"
    assert react("furious", v=verdict("deflect")).line_kind == "escalate_manager"


def test_a_brush_off_when_furious_makes_them_hang_up():
    r = react("furious", v=verdict("dismiss"))
    assert r.outcome == "hung_up" and r.line_kind == "hang_up"


def test_a_mistake_outweighs_the_apology_in_the_same_reply():
    r = react("annoyed", v=verdict("apologizing", "deflect"))
    assert r.mood == "angry" and r.line_kind == "deflected" and r.newly_covered == []


def test_repeated_unproductive_replies_wear_patience_down():
    assert react("annoyed", unproductive=0).mood == "annoyed"
    assert react("annoyed", unproductive=1).mood == "angry"


def test_odd_messages_get_their_own_reactions():
    assert react(message_kind="silence").line_kind == "silence"
    assert react(message_kind="gibberish").line_kind == "gibberish"
    assert react(intent="out_of_scope").line_kind == "off_topic"


def test_a_question_that_listens_reveals_a_fact():
    assert react(v=verdict("listening"), is_question=True).reveal_fact


def test_the_customer_gives_up_after_max_turns():
    r = react("annoyed", v=verdict(), turn=12, max_turns=12)
    assert r.outcome == "unresolved" and r.line_kind == "gave_up"


# --- the role-play session ---------------------------------------------------------------

def play(scenario, lang, verdicts):
    roleplay = RolePlay.start(scenario, lang, trainee="Li Lei")
    results = [roleplay.respond(f"reply {i}", v) for i, v in enumerate(verdicts) if roleplay.active]
    return roleplay, results


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_blaming_agent_on_the_hotline_ends_escalated(lang):
    roleplay, results = play("bank_card_failure", lang,
                             [verdict(), verdict("blame"), verdict("blame"), verdict("blame"), verdict("deflect")])
    assert roleplay.state["outcome"] == "escalated" and not roleplay.active
    assert all(bool(HAN.search(r.customer_line)) == (lang == "zh") for r in results)
    assert roleplay.state["scorecard"]["outcome"] == "escalated"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_model_answer_to_the_queue_ends_resolved(lang):
    roleplay, _ = play("queue_complaint", lang, [
        verdict("apologizing"), verdict("explaining"), verdict("listening"),
        verdict("committing"), verdict("apologizing", "committing"), verdict()])
    assert roleplay.state["mood"] == "satisfied"
    assert roleplay.finish()["outcome"] == "resolved"


def test_apologies_alone_end_unresolved():
    roleplay, _ = play("queue_complaint", "en", [verdict("apologizing")] * 4)
    assert roleplay.finish()["outcome"] == "unresolved"


def test_two_sessions_do_not_read_the_same():
    openings = {RolePlay.start("queue_complaint", "en").state["opening"] for _ in range(12)}
    assert len(openings) > 1


def test_state_round_trips_through_a_plain_dict():
    roleplay, _ = play("expensive_cigarettes", "en", [verdict("listening")])
    again = active_roleplay(dict(roleplay.state))
    assert again is not None and again.turn_count == 1
    assert active_roleplay({"nonsense": True}) is None and active_roleplay(None) is None


def test_a_finished_roleplay_refuses_more_turns():
    roleplay, _ = play("queue_complaint", "en", [verdict("apologizing")])
    roleplay.finish()
    with pytest.raises(RuntimeError):
        roleplay.respond("hello", verdict())


def test_hints_follow_the_rubric_and_the_moment():
    roleplay = RolePlay.start("bank_card_failure", "en")
    assert roleplay.hint() == roleplay.scenario.hints["greeting"]["en"]
    roleplay.respond("you must have broken it", verdict("blame"))
    assert roleplay.hint() == roleplay.scenario.hints["blame"]["en"]


def test_the_customer_does_not_repeat_a_line_while_fresh_variants_remain():
    roleplay = RolePlay.start("bank_card_failure", "en")
    lines = [roleplay.respond("it's your fault", verdict("blame")).customer_line for _ in range(2)]
    assert lines[0] != lines[1]
