"""End to end through the REST channel: real Rasa + action servers, SQL tracker store.

Plays the course's bad hotline agent and the queue model answer in both
languages and checks what a trainee would notice: the outcome, that good
handling outscores bad, and that the customer speaks the session's language.
"""
import json
import re
import uuid

import pytest

from tests.dialogues import BAD_HOTLINE_AGENT, QUEUE_MODEL_ANSWER
from tests.servers import payload, texts

pytestmark = pytest.mark.e2e

HAN = re.compile(r"[\u4e00-\u9fff]")


def play(stack, scenario: str, lang: str, lines):
    """Start a role-play, type every line, end it; return (customer lines, verdicts, scorecard)."""
    sender = f"e2e-{scenario}-{lang}-{uuid.uuid4().hex[:6]}"
    start = stack.send(sender, "/start_roleplay" + json.dumps({"scenario": scenario, "language": lang}))
    assert payload(start, "roleplay_started")["scenario"] == scenario
    customer, verdicts, card = texts(start), [], None
    for line in lines:
        replies = stack.send(sender, line)
        assert replies, f"no answer to {line!r}"
        verdict = payload(replies, "turn_verdict")
        if verdict is None:  # the customer already left: the bot says so
            break
        verdicts.append(verdict)
        customer += texts(replies)
        card = payload(replies, "scorecard") or card
    if card is None:
        card = payload(stack.send(sender, "/end_roleplay"), "scorecard")
    assert card is not None, stack.logs()
    return customer, verdicts, card


@pytest.fixture(scope="module")
def played(stack):
    results = {}
    for lang in ("en", "zh"):
        results["bad", lang] = play(stack, "bank_card_failure", lang, BAD_HOTLINE_AGENT[lang])
        results["model", lang] = play(stack, "queue_complaint", lang, QUEUE_MODEL_ANSWER[lang])
    return results


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_hotline_agent_ends_escalated(played, lang):
    customer, verdicts, card = played["bad", lang]
    assert card["outcome"] == "escalated"
    assert card["flags"]["blame"] >= 2
    blamed = [v for v in verdicts if v["flags"]["blame"]["detected"]]
    assert blamed and all(v["flags"]["blame"]["evidence"] for v in blamed)
    assert verdicts[-1]["mood"] == "furious"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_queue_model_answer_ends_resolved(played, lang):
    customer, verdicts, card = played["model", lang]
    assert card["outcome"] == "resolved"
    assert verdicts[0]["dimensions"]["apologizing"]["detected"]
    assert verdicts[-1]["mood"] == "satisfied"
    assert len(card["turns"]) == len(QUEUE_MODEL_ANSWER[lang])
    assert 2 <= len(card["tips"]) <= 3
    assert set(card["dimensions"]) == {"listening", "apologizing", "explaining", "committing"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_good_handling_outscores_bad(played, lang):
    assert played["model", lang][2]["overall"] > played["bad", lang][2]["overall"] + 30


@pytest.mark.parametrize("kind", ["bad", "model"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_customer_speaks_the_session_language(played, kind, lang):
    customer = played[kind, lang][0]
    assert customer
    for line in customer:
        assert bool(HAN.search(line)) == (lang == "zh"), line


def test_apologies_alone_leave_the_customer_unresolved(stack):
    lines = ["I'm so sorry.", "I really do apologise.", "Sorry again, truly."]
    _, verdicts, card = play(stack, "queue_complaint", "en", lines)
    assert all(v["dimensions"]["apologizing"]["detected"] for v in verdicts)
    assert card["outcome"] == "unresolved"


def test_every_turn_is_in_the_tracker(stack, played):
    sender = f"e2e-tracker-{uuid.uuid4().hex[:6]}"
    stack.send(sender, '/start_roleplay{"scenario": "queue_complaint", "language": "en"}')
    stack.send(sender, "I'm sorry for the wait, the system was down; I'll serve you myself now.")
    tracker = stack.tracker(sender)
    roleplay = tracker["slots"]["roleplay"]
    assert roleplay["scenario"] == "queue_complaint" and len(roleplay["turns"]) == 1
    assert roleplay["turns"][0]["verdict"]["dimensions"]["apologizing"]["detected"]
