"""Every action, with rasa_sdk's Tracker built from JSON fixtures and a CollectingDispatcher."""
import copy

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.customer_reply import ActionCustomerReply
from actions.end_roleplay import ActionEndRoleplay
from actions.hint import ActionHint
from actions.restart import ActionRestart
from actions.score_reply import ActionScoreReply
from actions.set_coach import ActionSetCoach
from actions.show_menu import ActionShowMenu
from actions.start_roleplay import ActionStartRoleplay
from bot.roleplay import RolePlay
from tests.conftest import load_fixture


def tracker(text="hello", intent="greet", channel="rest", entities=(), **slots) -> Tracker:
    data = copy.deepcopy(load_fixture("tracker_idle.json"))
    data["latest_message"] = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": list(entities)}
    data["events"][-1].update(text=text, input_channel=channel)
    data["slots"].update(slots)
    return Tracker.from_dict(data)


async def run(action, t: Tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, t, {})
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}, events


def custom(messages, key):
    return next((m["custom"][key] for m in messages if key in (m.get("custom") or {})), None)


def started(scenario="queue_complaint", lang="en"):
    return RolePlay.start(scenario, lang, trainee="Wang Fang").state


async def test_show_menu_lists_every_scenario_in_the_trainees_language():
    messages, slots, _ = await run(ActionShowMenu(), tracker("你好"))
    text = custom(messages, "system")["text"]
    assert "银行卡" in text or "刷" in text
    assert "1." in text and "2." in text and "3." in text and slots["ui_language"] == "zh"


async def test_start_roleplay_sends_the_opening_in_the_chosen_language():
    entities = [{"entity": "scenario", "value": "queue_complaint"}, {"entity": "language", "value": "zh"},
                {"entity": "trainee", "value": "李雷"}]
    messages, slots, _ = await run(ActionStartRoleplay(), tracker("/start_roleplay", "start_roleplay", entities=entities))
    assert custom(messages, "roleplay_started")["language"] == "zh"
    opening = [m["text"] for m in messages if m.get("text")]
    assert len(opening) == 1 and any("\u4e00" <= ch <= "\u9fff" for ch in opening[0])
    assert slots["scenario"] == "queue_complaint" and slots["mood"] == "angry"
    assert slots["roleplay"]["trainee"] == "李雷"


@pytest.mark.parametrize("entities", [[], [{"entity": "scenario", "value": "mars_base"}],
                                      [{"entity": "scenario", "value": 42}]])
async def test_start_roleplay_with_a_bad_scenario_shows_the_menu(entities):
    messages, slots, _ = await run(ActionStartRoleplay(), tracker("/start_roleplay", "start_roleplay", entities=entities))
    assert custom(messages, "system")["kind"] == "menu" and "roleplay" not in slots


async def test_score_reply_records_the_verdict_with_evidence():
    t = tracker("I'm so sorry you had to wait, that's on us.", "apologize", roleplay=started())
    _, slots, _ = await run(ActionScoreReply(), t)
    apology = slots["last_verdict"]["dimensions"]["apologizing"]
    assert apology["detected"] and apology["evidence"]


async def test_score_reply_does_nothing_without_a_roleplay():
    _, slots, _ = await run(ActionScoreReply(), tracker("hello"))
    assert slots == {"last_verdict": None}


async def test_customer_reply_reacts_and_sends_the_verdict_payload():
    state = started()
    t = tracker("You should have come earlier, it's your own fault.", "blame", roleplay=state)
    messages, slots, _ = await run(ActionCustomerReply(), t)
    verdict = custom(messages, "turn_verdict")
    assert verdict["flags"]["blame"]["detected"] and verdict["mood"] == "furious"
    assert [m for m in messages if m.get("text")]
    assert len(slots["roleplay"]["turns"]) == 1 and slots["last_verdict"] is None


async def test_customer_reply_in_the_terminal_adds_a_coach_note_unless_off():
    state = started()
    messages, _, _ = await run(ActionCustomerReply(), tracker("I'm sorry for the wait.", "apologize",
                                                             channel="cmdline", roleplay=state))
    texts = [m["text"] for m in messages if m.get("text")]
    assert len(texts) == 2 and "[coach]" in texts[1] and not custom(messages, "turn_verdict")
    messages, _, _ = await run(ActionCustomerReply(), tracker("I'm sorry for the wait.", "apologize",
                                                             channel="cmdline", roleplay=state, coach=False))
    assert len([m for m in messages if m.get("text")]) == 1


async def test_customer_reply_before_a_roleplay_handles_the_menu_choice():
    messages, slots, _ = await run(ActionCustomerReply(), tracker("3 zh", "choose_scenario"))
    assert custom(messages, "roleplay_started")["scenario"] == "expensive_cigarettes"
    assert slots["language"] == "zh"
    messages, _, _ = await run(ActionCustomerReply(), tracker("what is this?", "out_of_scope"))
    assert custom(messages, "system")["kind"] == "menu"


async def test_end_roleplay_returns_the_scorecard():
    state = started()
    rp = RolePlay(state)
    from tests.verdicts import verdict
    rp.respond("sorry", verdict("apologizing"))
    messages, slots, _ = await run(ActionEndRoleplay(), tracker("/end_roleplay", "end_roleplay", roleplay=rp.state))
    card = custom(messages, "scorecard")
    assert card["outcome"] == "unresolved" and len(card["turns"]) == 1
    assert set(card) >= {"scenario", "language", "outcome", "overall", "dimensions", "flags", "turns", "tips"}
    assert slots["roleplay"]["ended_at"] is not None


async def test_end_roleplay_in_the_terminal_prints_a_text_scorecard():
    messages, _, _ = await run(ActionEndRoleplay(), tracker("/end_roleplay", "end_roleplay", channel="cmdline",
                                                           roleplay=started(lang="zh")))
    assert any("成绩单" in (m.get("text") or "") for m in messages)


async def test_end_roleplay_with_no_roleplay_explains():
    messages, _, _ = await run(ActionEndRoleplay(), tracker("/end_roleplay", "end_roleplay"))
    assert custom(messages, "system")["kind"] == "menu"


async def test_hint_is_a_coach_whisper_not_a_customer_line():
    messages, _, events = await run(ActionHint(), tracker("/hint", "hint", roleplay=started()))
    assert custom(messages, "hint")["text"] and not [m for m in messages if m.get("text")] and events == []


async def test_coach_on_and_off():
    _, slots, _ = await run(ActionSetCoach(), tracker("/coach off", "coach_off"))
    assert slots["coach"] is False
    _, slots, _ = await run(ActionSetCoach(), tracker("/coach on", "coach_on"))
    assert slots["coach"] is True


async def test_restart_closes_the_running_roleplay_then_restarts():
    rp = RolePlay(started())
    from tests.verdicts import verdict
    rp.respond("sorry", verdict("apologizing"))
    messages, _, events = await run(ActionRestart(), tracker("/restart", "restart", roleplay=rp.state))
    kinds = [e["event"] for e in events]
    assert kinds.index("slot") < kinds.index("restart")
    assert events[0]["value"]["outcome"] == "unresolved"
    assert custom(messages, "system")["kind"] == "menu"
