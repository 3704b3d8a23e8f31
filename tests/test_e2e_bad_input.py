"""Bad input through the real servers: every message gets a clear answer, nothing crashes or hangs."""
import uuid

import pytest

from tests.servers import payload, texts

pytestmark = pytest.mark.e2e


def new_sender() -> str:
    return f"bad-{uuid.uuid4().hex[:8]}"


def start(stack, scenario="queue_complaint", lang="en") -> str:
    sender = new_sender()
    stack.send(sender, f'/start_roleplay{{"scenario": "{scenario}", "language": "{lang}"}}')
    return sender


@pytest.mark.parametrize("message", ["", "   ", "😀😀😀", "<script>alert(1)</script>", "asdfghjkl qwrtzp",
                                     "x" * 10_000, "我的 card 坏了 ok? 😀", "<b>sorry</b> for the wait"],
                         ids=["empty", "blank", "emoji", "script", "mash", "10k", "mixed", "markup"])
def test_odd_messages_get_an_in_character_answer(stack, message):
    sender = start(stack)
    replies = stack.send(sender, message)
    verdict = payload(replies, "turn_verdict")
    assert verdict is not None, replies
    assert texts(replies) and all(t.strip() for t in texts(replies))
    # the role-play goes on afterwards
    assert payload(stack.send(sender, "I'm sorry, how can I help?"), "turn_verdict") is not None


def test_markup_is_scored_as_text(stack):
    verdict = payload(stack.send(start(stack), "<b>I'm so sorry</b> for the wait"), "turn_verdict")
    assert verdict["dimensions"]["apologizing"]["detected"]
    assert "<b>" not in verdict["reply"]


def test_huge_message_is_scored_and_flagged(stack):
    replies = stack.send(start(stack), "I'm sorry for the wait. " + "blah " * 3000)
    assert payload(replies, "turn_verdict")["dimensions"]["apologizing"]["detected"]
    assert payload(replies, "system")["kind"] == "too_long"


@pytest.mark.parametrize("command", ['/start_roleplay{"scenario": "moon_landing"}', '/start_roleplay{"scenario": 5}',
                                     "/start_roleplay{broken json", "/start_roleplay", '/start_roleplay{"language": "fr"}'])
def test_bad_start_commands_show_the_menu(stack, command):
    replies = stack.send(new_sender(), command)
    system = payload(replies, "system")
    assert system and system["kind"] == "menu"
    assert "queue" in system["text"].lower() or "排队" in system["text"]
    assert payload(replies, "roleplay_started") is None


def test_messages_before_a_scenario_get_the_menu_then_a_choice_starts_one(stack):
    sender = new_sender()
    assert payload(stack.send(sender, "hello there"), "system")["kind"] == "menu"
    replies = stack.send(sender, "2")
    assert payload(replies, "roleplay_started")["scenario"] == "queue_complaint"
    assert texts(replies)


def test_chinese_menu_choice_picks_chinese(stack):
    sender = new_sender()
    menu = payload(stack.send(sender, "你好"), "system")
    assert "排队" in menu["text"] or "银行" in menu["text"]
    started = payload(stack.send(sender, "3"), "roleplay_started")
    assert started["scenario"] == "expensive_cigarettes" and started["language"] == "zh"


def test_end_with_no_turns_explains_and_scores_nothing(stack):
    replies = stack.send(start(stack), "/end_roleplay")
    assert payload(replies, "system")["kind"] == "ended_no_turns"
    card = payload(replies, "scorecard")
    assert card["turns"] == [] and card["overall"] == 0


def test_end_without_a_roleplay_is_explained(stack):
    replies = stack.send(new_sender(), "/end_roleplay")
    assert payload(replies, "system")["kind"] == "menu"


def test_hint_and_coach_commands(stack):
    sender = start(stack)
    hint = payload(stack.send(sender, "/hint"), "hint")
    assert hint and hint["text"]
    assert payload(stack.send(sender, "/coach off"), "system")["kind"] == "coach_off"
    assert payload(stack.send(sender, "/restart"), "system")["kind"] == "menu"


def test_action_server_down_gets_a_clear_message(stack):
    sender = start(stack)
    stack.stop_process("actions")
    try:
        replies = stack.send(sender, "I'm sorry for the wait.")
        assert any("not answering" in t for t in texts(replies)), replies
    finally:
        stack.start_actions()
    assert payload(stack.send(sender, "I'm sorry for the wait."), "turn_verdict") is not None
