"""End to end: role-plays played through Rasa's REST channel reach the trainer API
with the scores the trainee saw, and survive a restart of every server."""
import json
import urllib.error
import uuid

import pytest

from bot.review import auth
from bot.review.db import get_engine, init_db
from tests.dialogues import BAD_HOTLINE_AGENT, QUEUE_MODEL_ANSWER
from tests.servers import http_json, payload

pytestmark = pytest.mark.e2e

GOOD_QUEUE = QUEUE_MODEL_ANSWER["en"]
BAD_HOTLINE_ZH = [BAD_HOTLINE_AGENT["zh"][i] for i in (0, 2, 4)]  # the greeting and two blaming lines
PASSWORD = "e2e-review-password"


def play(stack, sender, scenario, language, trainee, lines):
    start = stack.send(sender, "/start_roleplay" + json.dumps(
        {"scenario": scenario, "language": language, "trainee": trainee}))
    started = payload(start, "roleplay_started")
    assert started and started["scenario"] == scenario, start
    verdicts, card = [], None
    for line in lines:
        replies = stack.send(sender, line)
        verdict = payload(replies, "turn_verdict")
        if verdict is None:
            break
        verdicts.append(verdict)
        card = payload(replies, "scorecard") or card
        if card:
            break
    if card is None:
        card = payload(stack.send(sender, "/end_roleplay"), "scorecard")
    assert card, stack.logs()
    return started["id"], verdicts, card


def get(stack, path, token):
    return http_json(stack.web_url + path, headers={"Authorization": f"Bearer {token}"})


def test_played_sessions_reach_the_review_side_and_survive_a_restart(stack):
    engine = get_engine(stack.database_url)
    init_db(engine)
    username = f"e2e{uuid.uuid4().hex[:6]}"
    auth.add_trainer(engine, username, PASSWORD)

    sender = f"review-e2e-{uuid.uuid4().hex[:8]}"
    trainee = f"Trainee {uuid.uuid4().hex[:4]}"
    # two role-plays in ONE conversation: two sessions
    first = play(stack, sender, "queue_complaint", "en", trainee, GOOD_QUEUE)
    second = play(stack, sender, "bank_card_failure", "zh", trainee, BAD_HOTLINE_ZH)
    assert first[0] != second[0]

    with pytest.raises(urllib.error.HTTPError) as refused:
        http_json(stack.web_url + "/api/sessions")
    assert refused.value.code == 401
    token = http_json(stack.web_url + "/api/login", {"username": username, "password": PASSWORD})["token"]

    def check():
        mine = {s["id"]: s for s in get(stack, "/api/sessions", token) if s["sender_id"] == sender}
        assert set(mine) == {first[0], second[0]}
        for session_id, verdicts, card in (first, second):
            listed = mine[session_id]
            assert listed["trainee"] == trainee
            assert listed["scenario"] == card["scenario"] and listed["language"] == card["language"]
            assert listed["outcome"] == card["outcome"]
            assert listed["overall"] == card["overall"]
            assert listed["dimensions"] == card["dimensions"]
            detail = get(stack, f"/api/sessions/{session_id}", token)
            assert len(detail["turns"]) == len(verdicts)
            for turn, verdict in zip(detail["turns"], verdicts):
                assert turn["verdict"]["dimensions"] == verdict["dimensions"]
                assert turn["verdict"]["flags"] == verdict["flags"]
                assert turn["reply"] and turn["customer_after"]
            assert detail["scorecard"]["overall"] == card["overall"]
        return mine

    check()
    assert first[2]["overall"] > second[2]["overall"]  # good handling outscores bad
    override = http_json(stack.web_url + f"/api/sessions/{second[0]}/overrides",
                         {"turn": 1, "dimension": "blame", "value": True, "comment": "kept after restart"},
                         headers={"Authorization": f"Bearer {token}"})
    assert override["value"] is True

    stack.restart()  # every server: Rasa, actions and the web app

    check()  # the same token still works: tokens are stored (hashed) in the database
    detail = get(stack, f"/api/sessions/{second[0]}", token)
    assert [o["comment"] for o in detail["overrides"]] == ["kept after restart"]
    csv_text = urllib_get_text(stack.web_url + "/api/sessions.csv?trainee=" + trainee.replace(" ", "%20"), token)
    assert len(csv_text.strip().splitlines()) == 3
    auth.remove_trainer(engine, username)


def urllib_get_text(url, token):
    import urllib.request

    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()
