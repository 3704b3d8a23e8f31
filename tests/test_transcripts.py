"""bot.transcripts: role-play sessions read back from Rasa's real `events` table."""
import asyncio
import json
import shutil

import pytest
import sqlalchemy as sa

from bot import transcripts
from bot.review.db import make_engine
from tests import test_review_helpers as helpers


@pytest.fixture(scope="module")
def populated(tmp_path_factory):
    path = tmp_path_factory.mktemp("transcripts") / "rasa.db"
    conversations = helpers.populate_sqlite(str(path))
    return path, helpers.expected_sessions(conversations)


@pytest.fixture
def db(populated, tmp_path):
    """A private copy of the populated database (tests may add rows)."""
    path = tmp_path / "rasa.db"
    shutil.copy(populated[0], path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine, populated[1], path
    engine.dispose()


def test_every_session_with_its_last_value(db):
    engine, expected, _ = db
    sessions = transcripts.read_sessions(engine)
    assert {s["id"] for s in sessions} == set(expected)
    for session in sessions:
        want = expected[session["id"]]
        assert session == want  # the last stored value, plus sender_id
    # oldest first
    started = [s["started_at"] for s in sessions]
    assert started == sorted(started)


def test_several_roleplays_in_one_conversation(db):
    engine, expected, _ = db
    mine = transcripts.read_sessions(engine, sender_id="conv-alice-2")
    assert [s["scenario"] for s in mine] == ["queue_complaint", "bank_card_failure"]
    assert len({s["id"] for s in mine}) == 2
    assert {s["outcome"] for s in mine} == {"resolved", "escalated"}
    assert transcripts.read_sessions(engine, sender_id="nobody") == []


def test_the_null_slot_at_the_end_hides_nothing(db):
    engine, expected, path = db
    with engine.connect() as conn:
        nulls = conn.execute(sa.text(
            "SELECT COUNT(*) FROM events WHERE type_name='slot' AND action_name='roleplay' "
            "AND data LIKE '%\"value\": null%'")).scalar()
    assert nulls >= 4  # every conversation ends by clearing the slot
    assert len(transcripts.read_sessions(engine)) == len(expected)


def test_one_session_by_id(db):
    engine, expected, _ = db
    for sid, want in expected.items():
        assert transcripts.read_session(engine, sid) == want
    assert transcripts.read_session(engine, "0" * 32) is None
    assert transcripts.read_session(engine, "") is None
    assert transcripts.read_session(engine, "%") is None  # LIKE wildcards are escaped
    assert transcripts.read_session(engine, "_" * 32) is None


def test_only_roleplay_slot_rows_are_selected(db):
    engine, expected, _ = db
    statements = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", capture)
    seen = []
    original = transcripts.parse_value

    def counting(data):
        seen.append(json.loads(data))
        return original(data)

    try:
        transcripts.parse_value = counting
        transcripts.read_sessions(engine)
    finally:
        transcripts.parse_value = original
        sa.event.remove(engine, "before_cursor_execute", capture)
    selects = [s for s, _ in statements if s.lstrip().upper().startswith("SELECT") and "events" in s]
    assert selects and all("type_name" in s and "action_name" in s for s in selects)
    assert seen and all(e["event"] == "slot" and e["name"] == "roleplay" for e in seen)
    with engine.connect() as conn:
        total = conn.execute(sa.text("SELECT COUNT(*) FROM events")).scalar()
        roleplay = conn.execute(sa.text(
            "SELECT COUNT(*) FROM events WHERE type_name='slot' AND action_name='roleplay'")).scalar()
    assert len(seen) == roleplay < total


def test_small_batches_give_the_same_answer(db, monkeypatch):
    engine, expected, _ = db
    monkeypatch.setattr(transcripts, "BATCH_SIZE", 2)
    rows = list(transcripts.iter_roleplay_events(engine, batch_size=2))
    assert len(rows) > 10
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    assert {s["id"] for s in transcripts.read_sessions(engine)} == set(expected)


def test_broken_rows_are_skipped(db):
    engine, expected, _ = db
    bad = ["not json", json.dumps({"event": "slot", "name": "roleplay", "value": "a string"}),
           json.dumps({"event": "slot", "name": "roleplay", "value": {"no_id": 1}}),
           json.dumps({"event": "slot", "name": "roleplay", "value": {"id": ""}}), json.dumps([1, 2])]
    with engine.begin() as conn:
        for data in bad:
            conn.execute(transcripts.EVENTS.insert().values(sender_id="x", type_name="slot", timestamp=1.0,
                                                            action_name="roleplay", data=data))
    assert len(transcripts.read_sessions(engine)) == len(expected)


def test_no_events_table_yet(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    assert transcripts.read_sessions(engine) == []
    assert transcripts.read_session(engine, "abc") is None
    reader = transcripts.TranscriptReader(engine)
    assert reader.summaries() == []
    # reading never creates Rasa's table
    assert not sa.inspect(engine).has_table("events")


def test_summaries(db):
    engine, expected, _ = db
    summaries = {s["id"]: s for s in transcripts.read_sessions(engine, summarize=transcripts.session_summary)}
    assert set(summaries) == set(expected)
    for sid, summary in summaries.items():
        state = expected[sid]
        assert summary["trainee"] == state["trainee"]
        assert summary["turn_count"] == len(state["turns"])
        if state["scorecard"]:
            assert summary["overall"] == state["scorecard"]["overall"]
            assert summary["dimensions"] == state["scorecard"]["dimensions"]
            assert summary["flags"] == state["scorecard"]["flags"]
        else:
            assert summary["overall"] is None and summary["dimensions"] is None
            assert summary["outcome"] is None


def test_reader_is_incremental(db):
    engine, expected, path = db
    reader = transcripts.TranscriptReader(engine)
    first = reader.summaries()
    assert len(first) == len(expected)

    fetched = []
    original = transcripts.iter_roleplay_events

    def spying(*args, **kwargs):
        if kwargs.get("row_ids") is not None:
            kwargs["row_ids"] = list(kwargs["row_ids"])
            fetched.extend(kwargs["row_ids"])
        return original(*args, **kwargs)

    transcripts.iter_roleplay_events = spying
    try:
        assert len(reader.summaries()) == len(expected)
        assert fetched == []  # nothing new: no data rows read again

        # a new role-play arrives through Rasa
        new_states = helpers.session_states(
            scenario="queue_complaint", language="en", trainee="Dora", started_at=helpers.NOW,
            opening="Hello?!", turns=[{"reply": "Sorry for the wait.", "customer": "Fine.",
                                       "detected": ["apologizing"], "mood": "calm"}],
            outcome="resolved", scores={"overall": 70, "listening": 50, "apologizing": 90,
                                        "explaining": 40, "committing": 40})
        store = helpers.sqlite_store(str(path))
        asyncio.run(helpers.write_conversation(store, "conv-dora", [new_states]))
        store.engine.dispose()
        summaries = {s["id"]: s for s in reader.summaries()}
        assert len(summaries) == len(expected) + 1
        assert summaries[new_states[-1]["id"]]["overall"] == 70
        assert summaries[new_states[-1]["id"]]["trainee"] == "Dora"
        assert 0 < len(fetched) <= len(new_states) + 1  # only the new rows
    finally:
        transcripts.iter_roleplay_events = original


def test_reader_starts_again_when_rows_vanish(db):
    engine, expected, _ = db
    reader = transcripts.TranscriptReader(engine)
    assert len(reader.summaries()) == len(expected)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM events WHERE sender_id = 'conv-carol'"))
    assert len(reader.summaries()) == len(expected) - 1
