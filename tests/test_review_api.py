"""The trainer API through aiohttp's test client, on a SQLite file written by Rasa."""
import asyncio
import csv
import io
import json
import shutil
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from aiohttp.test_utils import TestClient, TestServer

from bot.review.db import get_engine, overrides, reviews, tokens
from bot.web.app import create_app
from tests import test_review_helpers as helpers

LEAKS = ("Traceback", "SELECT", "sqlalchemy", "sqlite3", "psycopg2", 'File "', "events")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "rasa.db"
    conversations = helpers.populate_sqlite(str(path))
    return path, helpers.expected_sessions(conversations)


@pytest.fixture
def db(seeded, tmp_path):
    path = tmp_path / "rasa.db"
    shutil.copy(seeded[0], path)
    url = f"sqlite:///{path}"
    helpers.add_admin(url)
    yield url, seeded[1], path
    get_engine(url).dispose()


@pytest.fixture
async def client(db):
    async with TestClient(TestServer(create_app(db[0]))) as c:
        yield c


async def login(client, username=helpers.ADMIN, password=helpers.ADMIN_PASSWORD) -> dict:
    response = await client.post("/api/login", json={"username": username, "password": password})
    assert response.status == 200, await response.text()
    return {"Authorization": "Bearer " + (await response.json())["token"]}


async def error_of(response, status) -> str:
    assert response.status == status, (response.status, await response.text())
    assert response.content_type == "application/json"
    body = await response.json()
    assert isinstance(body.get("error"), str) and body["error"]
    for leak in LEAKS:
        assert leak not in body["error"], body
    return body["error"]


def by_trainee(expected, name, outcome=None):
    return [s for s in expected.values() if s["trainee"] == name and (outcome is None or s["outcome"] == outcome)]


def event_count(url) -> int:
    with get_engine(url).connect() as conn:
        return conn.execute(sa.text("SELECT COUNT(*) FROM events")).scalar()


def override_count(url) -> int:
    with get_engine(url).connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(overrides)).scalar()


PROTECTED = [
    ("GET", "/api/sessions"), ("GET", "/api/sessions.csv"), ("GET", "/api/sessions/{id}"),
    ("POST", "/api/sessions/{id}/overrides"), ("POST", "/api/sessions/{id}/reviewed"),
    ("GET", "/api/progress?trainee=Alice"), ("GET", "/api/stats/scenarios"), ("GET", "/api/me"),
    ("POST", "/api/logout"),
]


# --- login and tokens ---------------------------------------------------------------------
async def test_every_trainer_route_needs_a_token(client, db):
    sid = next(iter(db[1]))
    for method, path in PROTECTED:
        path = path.format(id=sid)
        for headers in ({}, {"Authorization": "Bearer nonsense-token-of-some-length"},
                        {"Authorization": "Basic Y29hY2g6cGFzc3dvcmQ="}, {"Authorization": "Bearer "}):
            response = await client.request(method, path, headers=headers, json={"dimension": "overall"})
            await error_of(response, 401)
            assert response.headers["WWW-Authenticate"].startswith("Bearer")


async def test_login(client):
    error = await error_of(await client.post("/api/login", json={"username": "coach", "password": "wrong-password"}), 401)
    assert error == "wrong username or password"
    assert await error_of(await client.post("/api/login", json={"username": "ghost", "password": "whatever-pw"}),
                          401) == error  # the same answer for an unknown user
    await error_of(await client.post("/api/login", json={"username": "coach"}), 400)
    await error_of(await client.post("/api/login", json={"username": 1, "password": ["x"]}), 400)
    await error_of(await client.post("/api/login", data="{not json"), 400)
    await error_of(await client.post("/api/login", json=["coach", "pw"]), 400)
    await error_of(await client.post("/api/login", data=b"\xff\xfe"), 400)

    response = await client.post("/api/login", json={"username": "Coach", "password": helpers.ADMIN_PASSWORD})
    assert response.status == 200
    body = await response.json()
    expires = datetime.fromisoformat(body["expires_at"].replace("Z", "+00:00"))
    assert timedelta(hours=7, minutes=59) < expires - datetime.now(timezone.utc) <= timedelta(hours=8)
    headers = {"Authorization": "Bearer " + body["token"]}
    me = await (await client.get("/api/me", headers=headers)).json()
    assert me["username"] == "coach"
    assert (await client.post("/api/logout", headers=headers)).status == 200
    await error_of(await client.get("/api/sessions", headers=headers), 401)


async def test_expired_and_revoked_tokens(client, db):
    url = db[0]
    headers = await login(client)
    assert (await client.get("/api/sessions", headers=headers)).status == 200
    with get_engine(url).begin() as conn:
        conn.execute(tokens.update().values(expires_at=1.0))
    assert "expired" in await error_of(await client.get("/api/sessions", headers=headers), 401)

    headers = await login(client)
    from bot.review import auth

    auth.remove_trainer(get_engine(url), helpers.ADMIN)
    await error_of(await client.get("/api/sessions", headers=headers), 401)


async def test_token_ttl_from_the_environment(client, monkeypatch):
    monkeypatch.setenv("TOKEN_TTL_SECONDS", "90")
    body = await (await client.post("/api/login", json={"username": "coach", "password": helpers.ADMIN_PASSWORD})).json()
    assert body["expires_in"] <= 90


async def test_repeated_failed_logins_are_slowed_down(client):
    for _ in range(10):
        await error_of(await client.post("/api/login", json={"username": "coach", "password": "guess-guess"}), 401)
    response = await client.post("/api/login", json={"username": "coach", "password": helpers.ADMIN_PASSWORD})
    await error_of(response, 429)
    assert int(response.headers["Retry-After"]) > 0


# --- sessions ------------------------------------------------------------------------------------
async def test_session_list(client, db):
    expected = db[1]
    headers = await login(client)
    sessions = await (await client.get("/api/sessions", headers=headers)).json()
    assert len(sessions) == len(expected) == 6
    for s in sessions:
        for key in ("id", "sender_id", "trainee", "scenario", "language", "started_at", "outcome",
                    "overall", "dimensions", "reviewed"):
            assert key in s
        want = expected[s["id"]]
        assert (s["sender_id"], s["trainee"], s["scenario"], s["language"], s["outcome"]) == (
            want["sender_id"], want["trainee"], want["scenario"], want["language"], want["outcome"])
        if want["scorecard"]:
            assert s["overall"] == want["scorecard"]["overall"]
            assert s["dimensions"] == want["scorecard"]["dimensions"]
        else:
            assert s["overall"] is None and s["dimensions"] is None
        assert s["reviewed"] is False
        assert "turns" not in s  # lists stay small
    started = [s["started_at"] for s in sessions]
    assert started == sorted(started, reverse=True)  # newest first by default


async def test_filters_and_sorting(client, db):
    expected = db[1]
    headers = await login(client)

    async def ids(query):
        response = await client.get("/api/sessions" + query, headers=headers)
        assert response.status == 200, await response.text()
        return [s["id"] for s in await response.json()]

    alice = {s["id"] for s in by_trainee(expected, "Alice")}
    assert set(await ids("?trainee=Alice")) == alice
    assert set(await ids("?trainee=%20alice%20")) == alice  # trimmed, case-insensitive
    assert set(await ids("?trainee=%E9%B2%8D%E5%8B%83")) == {s["id"] for s in by_trainee(expected, "鲍勃")}
    assert set(await ids("?scenario=queue_complaint")) == {
        s["id"] for s in expected.values() if s["scenario"] == "queue_complaint"}
    assert set(await ids("?language=zh")) == {s["id"] for s in expected.values() if s["language"] == "zh"}
    assert set(await ids("?trainee=Alice&language=en&scenario=bank_card_failure")) == {
        by_trainee(expected, "Alice", "escalated")[0]["id"]}
    assert set(await ids("?outcome=in_progress")) == {s["id"] for s in expected.values() if not s["outcome"]}

    now = datetime.now(timezone.utc)
    last_week = (now - timedelta(days=7)).date().isoformat()
    recent = {s["id"] for s in expected.values() if s["started_at"] >= helpers.NOW - 7 * 86400 - 86400}
    got = set(await ids(f"?from={last_week}"))
    assert got and got <= recent and len(got) < len(expected)
    assert set(await ids(f"?to={(now - timedelta(days=15)).date().isoformat()}")) == {
        by_trainee(expected, "Alice", "unresolved")[0]["id"]}
    assert await ids("?from=2000-01-01T00:00:00Z&to=2000-01-02") == []

    scores = [expected[i]["scorecard"]["overall"] for i in await ids("?sort=overall") if expected[i]["scorecard"]]
    assert scores == sorted(scores)
    desc = await ids("?sort=-overall")
    assert expected[desc[0]]["scorecard"]["overall"] == 78
    assert expected[desc[-1]]["scorecard"] is None  # unscored sessions go last either way
    names = [expected[i]["trainee"].casefold() for i in await ids("?sort=trainee")]
    assert names == sorted(names)
    assert len(await ids("?limit=2")) == 2
    assert len(await ids("?limit=2&offset=5")) == 1


@pytest.mark.parametrize("query", [
    "?scenario=x'%20OR%201=1--", "?language=fr", "?language=en'--", "?sort=id;DROP%20TABLE%20events",
    "?sort=data", "?from=yesterday", "?to=2024-13-45", "?from=2024-02-01&to=2024-01-01", "?limit=0",
    "?limit=-1", "?limit=99999999999", "?offset=abc", "?reviewed=maybe", "?order=sideways",
    "?trainee=" + "x" * 300, "?outcome=resolved'--",
])
async def test_bad_filters_are_refused(client, db, query):
    headers = await login(client)
    before = event_count(db[0])
    await error_of(await client.get("/api/sessions" + query, headers=headers), 400)
    await error_of(await client.get("/api/sessions.csv" + query, headers=headers), 400)
    assert event_count(db[0]) == before


async def test_sql_looking_text_is_only_text(client, db):
    headers = await login(client)
    before = event_count(db[0])
    for trainee in ("x' OR '1'='1", "'; DROP TABLE events; --", "%", "_", "Alice' --", "\\"):
        response = await client.get("/api/sessions", params={"trainee": trainee}, headers=headers)
        assert response.status == 200 and await response.json() == []
        response = await client.get("/api/progress", params={"trainee": trainee}, headers=headers)
        assert response.status == 200 and (await response.json())["sessions"] == []
    assert event_count(db[0]) == before
    assert len(await (await client.get("/api/sessions", headers=headers)).json()) == 6


async def test_one_session_with_its_transcript(client, db):
    expected = db[1]
    headers = await login(client)
    want = by_trainee(expected, "Alice", "resolved")[0]
    response = await client.get(f"/api/sessions/{want['id']}", headers=headers)
    assert response.status == 200
    s = await response.json()
    assert s["id"] == want["id"] and s["sender_id"] == want["sender_id"]
    assert s["scorecard"] == want["scorecard"]
    assert s["opening"] == want["opening"]
    assert [t["turn"] for t in s["turns"]] == [1, 2, 3]
    for got, raw in zip(s["turns"], want["turns"]):
        assert got["reply"] == raw["reply"]
        assert got["customer_reply"] == got["customer_after"] == raw["customer_after"]
        assert got["customer"] == got["customer_before"] == raw["customer_before"]
        assert got["verdict"] == raw["verdict"]
        assert got["evidence"] == {name: entry["evidence"] for group in ("dimensions", "flags")
                                   for name, entry in raw["verdict"][group].items() if entry["detected"]}
    assert s["turns"][0]["evidence"]["apologizing"] == "I'm so sorry"
    assert s["overrides"] == [] and s["tips"] == want["scorecard"]["tips"]


async def test_unknown_and_malformed_ids(client, db):
    headers = await login(client)
    assert await error_of(await client.get("/api/sessions/" + "0" * 32, headers=headers), 404) == "no such session"
    for bad in ("abc%27%20OR%201=1", "x" * 65, "%2e%2e%2f%2e%2e%2fetc", "a%22b", "a%25", "%E5%90%8D"):
        await error_of(await client.get("/api/sessions/" + bad, headers=headers), 400)
        await error_of(await client.post(f"/api/sessions/{bad}/overrides", headers=headers,
                                         json={"turn": None, "dimension": "overall", "value": 1}), 400)
        await error_of(await client.post(f"/api/sessions/{bad}/reviewed", headers=headers), 400)
    await error_of(await client.post("/api/sessions/" + "0" * 32 + "/overrides", headers=headers,
                                     json={"turn": None, "dimension": "overall", "value": 1}), 404)
    await error_of(await client.post("/api/sessions/" + "0" * 32 + "/reviewed", headers=headers), 404)
    await error_of(await client.get("/api/nothing-here", headers=headers), 404)
    await error_of(await client.delete("/api/sessions", headers=headers), 405)
    assert override_count(db[0]) == 0


# --- overrides and reviews -----------------------------------------------------------------------------
async def test_overrides_are_kept_beside_the_automatic_verdict(db):
    url, expected, _ = db
    want = by_trainee(expected, "Alice", "resolved")[0]
    path = f"/api/sessions/{want['id']}"
    async with TestClient(TestServer(create_app(url))) as client:
        headers = await login(client)
        response = await client.post(path + "/overrides", headers=headers, json={
            "turn": 2, "dimension": "listening", "value": True, "comment": "She named the outage."})
        assert response.status == 201
        created = await response.json()
        assert created["automatic"] is False and created["value"] is True and created["trainer"] == "coach"
        for body in ({"turn": 1, "dimension": "dismiss", "value": True, "comment": "a bit curt"},
                     {"turn": None, "dimension": "overall", "value": 85, "comment": "model answer"},
                     {"dimension": "committing", "value": 90},  # turn omitted: the session
                     {"turn": None, "dimension": "overall", "value": 88, "comment": "on reflection"}):
            assert (await client.post(path + "/overrides", headers=headers, json=body)).status == 201
        assert (await client.post(path + "/reviewed", headers=headers)).status == 200

    # a new app (a restart) on the same database still has them
    async with TestClient(TestServer(create_app(url))) as client:
        headers = await login(client)
        s = await (await client.get(path, headers=headers)).json()
        assert len(s["overrides"]) == 5
        assert s["reviewed"] is True and s["reviewed_by"] == "coach" and s["reviewed_at"]
        turn2 = s["turns"][1]
        assert turn2["verdict"]["dimensions"]["listening"]["detected"] is False  # automatic, untouched
        assert turn2["final"]["listening"] is True
        assert [o["comment"] for o in turn2["overrides"]] == ["She named the outage."]
        assert s["turns"][0]["final"]["dismiss"] is True
        assert s["overall"] == 78 and s["final"]["overall"] == 88  # the latest override wins
        assert s["session_overrides"] == {"overall": 88, "committing": 90}
        assert s["dimensions"]["committing"] == 80 and s["final"]["dimensions"]["committing"] == 90
        overall_history = [(o["automatic"], o["value"]) for o in s["overrides"] if o["dimension"] == "overall"]
        assert overall_history == [(78, 85), (78, 88)]

        listed = await (await client.get("/api/sessions", headers=headers)).json()
        mine = [x for x in listed if x["id"] == want["id"]][0]
        assert mine["reviewed"] and mine["override_count"] == 5 and mine["session_overrides"]["overall"] == 88
        assert [x["id"] for x in await (await client.get("/api/sessions?reviewed=true", headers=headers)).json()] \
            == [want["id"]]

        # un-review
        response = await client.post(path + "/reviewed", headers=headers, json={"reviewed": False})
        assert (await response.json())["reviewed"] is False
        assert (await (await client.get(path, headers=headers)).json())["reviewed"] is False


BAD_OVERRIDES = [
    {"turn": 1, "dimension": "listening", "value": "true"},
    {"turn": 1, "dimension": "listening", "value": 1},
    {"turn": 1, "dimension": "listening", "value": None},
    {"turn": 1, "dimension": "listening"},
    {"turn": None, "dimension": "overall", "value": True},
    {"turn": None, "dimension": "overall", "value": 101},
    {"turn": None, "dimension": "overall", "value": -1},
    {"turn": None, "dimension": "overall", "value": 50.5},
    {"turn": None, "dimension": "overall", "value": "80"},
    {"turn": None, "dimension": "overall", "value": 1e308},
    {"turn": "1", "dimension": "listening", "value": True},
    {"turn": True, "dimension": "listening", "value": True},
    {"turn": 1.0, "dimension": "listening", "value": True},
    {"turn": 99, "dimension": "listening", "value": True},
    {"turn": 0, "dimension": "listening", "value": True},
    {"turn": -1, "dimension": "listening", "value": True},
    {"turn": 1, "dimension": "LISTENING", "value": True},
    {"turn": 1, "dimension": "empathy", "value": True},
    {"turn": 1, "dimension": None, "value": True},
    {"turn": 1, "dimension": ["listening"], "value": True},
    {"turn": 1, "dimension": "listening'; DROP TABLE overrides; --", "value": True},
    {"turn": None, "dimension": "blame", "value": 3},
    {"turn": 1, "dimension": "overall", "value": True},
    {"turn": 1, "dimension": "overall", "value": 50},
    {"turn": 1, "dimension": "listening", "value": True, "comment": 5},
    {"turn": 1, "dimension": "listening", "value": True, "comment": "x" * 2001},
    ["turn", 1],
    "overall",
    42,
    None,
]


@pytest.mark.parametrize("body", BAD_OVERRIDES, ids=[json.dumps(b)[:40] for b in BAD_OVERRIDES])
async def test_wrong_overrides_are_refused(client, db, body):
    url, expected, _ = db
    sid = by_trainee(expected, "Alice", "resolved")[0]["id"]
    headers = await login(client)
    response = await client.post(f"/api/sessions/{sid}/overrides", headers=headers, data=json.dumps(body),
                                 )
    await error_of(response, 400)
    assert override_count(url) == 0


async def test_malformed_and_oversized_bodies(client, db):
    url, expected, _ = db
    sid = next(iter(expected))
    headers = await login(client)
    path = f"/api/sessions/{sid}/overrides"
    for raw in (b"", b"{", b'{"turn": 1,}', b"\xff\xfe\x00", b"NaN", b'{"turn": NaN, "dimension": "x"}',
                b"[" * 100000):
        status = (await client.post(path, headers=headers, data=raw)).status
        assert status in (400, 413), raw[:20]
    await error_of(await client.post(path, headers=headers, data=b"{" + b" " * 70000 + b"}"), 413)
    big_comment = {"turn": None, "dimension": "overall", "value": 50, "comment": "x" * 70000}
    assert "64 KiB" in await error_of(await client.post(path, headers=headers, json=big_comment), 413)
    await error_of(await client.post(f"/api/sessions/{sid}/reviewed", headers=headers, data=b"{oops"), 400)
    await error_of(await client.post(f"/api/sessions/{sid}/reviewed", headers=headers, json={"reviewed": "yes"}), 400)
    await error_of(await client.post("/api/login", data=b'{"username": "' + b"a" * 70000 + b'"}'), 413)
    assert override_count(url) == 0
    with get_engine(url).connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(reviews)).scalar() == 0
    # still healthy afterwards
    assert (await client.get("/api/sessions", headers=headers)).status == 200


# --- exports and statistics --------------------------------------------------------------------------
async def test_csv_has_one_row_per_session(client, db):
    url, expected, path = db
    weird = helpers.session_states(
        scenario="queue_complaint", language="en", trainee="=HYPERLINK(\"http://x\",\"hi\")",
        started_at=helpers.NOW, opening="Hi, line one,\nline two", turns=[], outcome=None, scores=None)
    store = helpers.sqlite_store(str(path))
    await helpers.write_conversation(store, "conv-weird", [weird])
    store.engine.dispose()

    headers = await login(client)
    response = await client.get("/api/sessions.csv", headers=headers)
    assert response.status == 200
    assert response.content_type == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(await response.text())))
    assert len(rows) == len(expected) + 1
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        if row["id"] in expected:
            want = expected[row["id"]]
            assert row["trainee"] == want["trainee"]
            assert row["overall"] == (str(want["scorecard"]["overall"]) if want["scorecard"] else "")
    formula = [r for r in rows if r["sender_id"] == "conv-weird"][0]
    assert formula["trainee"].startswith("'=")  # not run as a formula by spreadsheets
    filtered = list(csv.DictReader(io.StringIO(await (await client.get("/api/sessions.csv?trainee=Alice",
                                                                         headers=headers)).text())))
    assert len(filtered) == 3


async def test_progress_of_one_trainee(client, db):
    expected = db[1]
    headers = await login(client)
    data = await (await client.get("/api/progress?trainee=alice", headers=headers)).json()
    points = data["sessions"]
    assert [p["overall"] for p in points] == [41, 78, 22]  # oldest first
    assert all(p["dimensions"] for p in points)
    assert (await (await client.get("/api/progress?trainee=nobody", headers=headers)).json())["sessions"] == []
    await error_of(await client.get("/api/progress", headers=headers), 400)
    await error_of(await client.get("/api/progress?trainee=", headers=headers), 400)
    bob = await (await client.get("/api/progress", params={"trainee": "鲍勃"}, headers=headers)).json()
    assert [p["overall"] for p in bob["sessions"]] == [55]  # the unfinished session has no score yet
    assert len(by_trainee(expected, "鲍勃")) == 2


async def test_per_scenario_averages(client, db):
    expected = db[1]
    headers = await login(client)
    stats = {row["scenario"]: row for row in await (await client.get("/api/stats/scenarios", headers=headers)).json()}
    assert set(stats) == {s["scenario"] for s in expected.values()}
    queue = stats["queue_complaint"]
    assert queue["sessions"] == 3 and queue["scored"] == 3
    assert queue["overall"] == round((41 + 78 + 55) / 3, 1)
    assert queue["dimensions"]["listening"] == round((50 + 70 + 60) / 3, 1)
    assert queue["outcomes"] == {"unresolved": 2, "resolved": 1}
    cigarettes = stats["expensive_cigarettes"]
    assert cigarettes["sessions"] == 2 and cigarettes["scored"] == 1 and cigarettes["overall"] == 66
    assert queue["title"]["en"]  # from the scenario files


# --- the rest ------------------------------------------------------------------------------------------
async def test_scenario_cards_are_public(client):
    response = await client.get("/api/scenarios")
    assert response.status == 200
    cards = await response.json()
    assert cards and [c["order"] for c in cards] == sorted(c["order"] for c in cards)
    for card in cards:
        assert set(card) == {"id", "order", "title", "summary", "trainee_role", "starting_mood"}
        for key in ("title", "summary", "trainee_role"):
            assert card[key]["en"] and card[key]["zh"]
        assert card["starting_mood"] in ("furious", "angry", "annoyed", "calm")
    assert "queue_complaint" in {c["id"] for c in cards}


async def test_review_page_is_served_with_a_strict_policy(client):
    response = await client.get("/review")
    assert response.status == 200
    page = await response.text()
    assert 'data-testid="login-username"' in page
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    js = await (await client.get("/static/review/review.js")).text()
    assert ".innerHTML" not in js and "eval(" not in js


async def test_database_down_is_a_clean_503():
    app = create_app("postgresql://nobody:pw@127.0.0.1:1/nothing?connect_timeout=2")
    async with TestClient(TestServer(app)) as client:
        response = await client.post("/api/login", json={"username": "coach", "password": "whatever-pw"})
        error = await error_of(response, 503)
        assert "database" in error
        await error_of(await client.get("/api/sessions", headers={"Authorization": "Bearer " + "x" * 43}), 503)


async def test_concurrent_requests(client, db):
    headers = await login(client)
    sid = by_trainee(db[1], "Alice", "resolved")[0]["id"]
    results = await asyncio.gather(*[
        client.post(f"/api/sessions/{sid}/overrides", headers=headers,
                    json={"turn": None, "dimension": "overall", "value": n, "comment": f"n={n}"})
        for n in range(10)] + [client.get("/api/sessions", headers=headers) for _ in range(5)])
    assert [r.status for r in results] == [201] * 10 + [200] * 5
    assert override_count(db[0]) == 10
