"""Realistic stored role-plays for the review tests, written by Rasa itself.

The sessions follow docs/architecture.md (the `roleplay` slot value, verdicts,
scorecard) and are written through `rasa.core.tracker_store.SQLTrackerStore`
with a `DialogueStateTracker`, so the `events` rows are exactly Rasa's. Other
test modules import this one (`import test_review_helpers as helpers` after
putting tests/ on sys.path); its own tests check the fixture data itself.
"""
import asyncio
import os
import time
import uuid
from typing import Dict, List, Optional

DIMENSIONS = ("listening", "apologizing", "explaining", "committing")
FLAGS = ("blame", "deflect", "dismiss")
DAY = 86400.0
NOW = time.time()

ADMIN = "coach"
ADMIN_PASSWORD = "correct horse battery"


def verdict(detected=(), flags=(), evidence: Optional[Dict[str, str]] = None) -> dict:
    evidence = evidence or {}
    out = {"dimensions": {}, "flags": {}}
    for name in DIMENSIONS:
        hit = name in detected
        out["dimensions"][name] = {"detected": hit, "confidence": 0.91 if hit else 0.07,
                                   "evidence": evidence.get(name, "") if hit else ""}
    for name in FLAGS:
        hit = name in flags
        out["flags"][name] = {"detected": hit, "confidence": 0.88 if hit else 0.03,
                              "evidence": evidence.get(name, "") if hit else ""}
    return out


def session_states(*, scenario: str, language: str, trainee: Optional[str], started_at: float,
                   opening: str, turns: List[dict], outcome: Optional[str], scores: Optional[dict],
                   tips=(), session_id: Optional[str] = None) -> List[dict]:
    """The successive `roleplay` slot values of one role-play: start, one per turn, the end.

    turns: [{"reply", "customer", "detected", "flags", "evidence", "mood"}].
    scores: {"overall": int, "listening": int, ...} for a finished session, None if unfinished.
    """
    sid = session_id or uuid.uuid4().hex
    state = {"id": sid, "scenario": scenario, "language": language, "trainee": trainee,
             "started_at": started_at, "ended_at": None, "mood": "angry", "covered": [],
             "revealed": [], "unproductive": 0, "outcome": None, "turns": [], "scorecard": None,
             "opening": opening}
    states = [dict(state)]
    customer_before = opening
    for number, spec in enumerate(turns, start=1):
        v = verdict(spec.get("detected", ()), spec.get("flags", ()), spec.get("evidence"))
        mood_before = state["mood"]
        turn = {"turn": number, "reply": spec["reply"], "message_kind": "text", "intent": "agent_reply",
                "customer_before": customer_before, "customer_after": spec["customer"],
                "verdict": v, "mood_before": mood_before, "mood_after": spec.get("mood", mood_before),
                "reaction": "neutral", "at": started_at + 30 * number}
        customer_before = spec["customer"]
        state = dict(state, mood=turn["mood_after"], turns=state["turns"] + [turn],
                     covered=sorted(set(state["covered"]) | set(spec.get("detected", ()))))
        states.append(dict(state))
    if scores is not None:
        flag_counts = {f: sum(1 for t in state["turns"] if t["verdict"]["flags"][f]["detected"]) for f in FLAGS}
        ended_at = started_at + 30 * (len(turns) + 1)
        scorecard = {  # the shape bot.scorecard.build_scorecard gives
            "id": sid, "scenario": scenario, "title": scenario.replace("_", " "), "language": language,
            "trainee": trainee, "outcome": outcome,
            "overall": scores["overall"], "dimensions": {d: scores[d] for d in DIMENSIONS},
            "flags": flag_counts, "greeting": None,
            "turns": [{"turn": t["turn"], "reply": t["reply"], "customer": t["customer_before"],
                       "customer_reply": t["customer_after"], "verdict": t["verdict"],
                       "evidence": {name: entry["evidence"] for group in ("dimensions", "flags")
                                    for name, entry in t["verdict"][group].items() if entry["detected"]},
                       "mood_after": t["mood_after"]}
                      for t in state["turns"]],
            "started_at": started_at, "ended_at": ended_at,
            "tips": list(tips),
        }
        state = dict(state, outcome=outcome, ended_at=ended_at, scorecard=scorecard)
        states.append(dict(state))
    return states


def sample_conversations() -> Dict[str, List[List[dict]]]:
    """sender_id -> that conversation's role-plays (each a list of successive states)."""
    alice_1 = session_states(
        scenario="queue_complaint", language="en", trainee="Alice", started_at=NOW - 20 * DAY,
        opening="I've been on hold for forty minutes! Is anyone even working there?",
        turns=[
            {"reply": "Whatever, everyone has to wait.", "customer": "Excuse me?! That's your answer?",
             "flags": ["dismiss"], "evidence": {"dismiss": "Whatever, everyone has to wait"}, "mood": "furious"},
            {"reply": "I'm sorry, you waited forty minutes, that is far too long.",
             "customer": "Yes it is. So what now?", "detected": ["apologizing", "listening"],
             "evidence": {"apologizing": "I'm sorry", "listening": "you waited forty minutes"},
             "mood": "annoyed"},
        ],
        outcome="unresolved",
        scores={"overall": 41, "listening": 50, "apologizing": 60, "explaining": 20, "committing": 10},
        tips=["Never dismiss the wait.", "Say what you will do next."],
    )
    alice_2 = session_states(
        scenario="queue_complaint", language="en", trainee="Alice", started_at=NOW - 10 * DAY,
        opening="Forty minutes on hold. Forty!",
        turns=[
            {"reply": "I'm so sorry about the wait, forty minutes is too long.",
             "customer": "It really is.", "detected": ["apologizing", "listening"],
             "evidence": {"apologizing": "I'm so sorry", "listening": "forty minutes is too long"},
             "mood": "annoyed"},
            {"reply": "We had a system outage this morning, which slowed every call.",
             "customer": "Fine, but I still need my card unblocked.", "detected": ["explaining"],
             "evidence": {"explaining": "We had a system outage this morning"}, "mood": "calm"},
            {"reply": "I will unblock it right now and call you back by 5 pm to confirm.",
             "customer": "Thank you, that's all I wanted.", "detected": ["committing"],
             "evidence": {"committing": "I will unblock it right now"}, "mood": "satisfied"},
        ],
        outcome="resolved",
        scores={"overall": 78, "listening": 70, "apologizing": 85, "explaining": 75, "committing": 80},
        tips=["Good structure: keep the apology short."],
    )
    alice_3 = session_states(
        scenario="bank_card_failure", language="en", trainee="Alice", started_at=NOW - 1 * DAY,
        opening="My bank card was declined three times today! Fix it!",
        turns=[
            {"reply": "That's the shop terminal's fault, not ours.", "customer": "I want your manager. Now.",
             "flags": ["blame", "deflect"], "evidence": {"blame": "the shop terminal's fault", "deflect": "not ours"},
             "mood": "furious"},
        ],
        outcome="escalated",
        scores={"overall": 22, "listening": 10, "apologizing": 0, "explaining": 30, "committing": 0},
        tips=["Own the problem instead of blaming the shop."],
    )
    bob_1 = session_states(
        scenario="queue_complaint", language="zh", trainee="鲍勃", started_at=NOW - 5 * DAY,
        opening="我排队排了一个小时!你们到底有没有人?",
        turns=[
            {"reply": "非常抱歉让您久等了,一个小时确实太久了。", "customer": "那现在怎么办?",
             "detected": ["apologizing", "listening"],
             "evidence": {"apologizing": "非常抱歉", "listening": "一个小时确实太久了"}, "mood": "annoyed"},
            {"reply": "这个不归我管。", "customer": "什么?那归谁管?", "flags": ["deflect"],
             "evidence": {"deflect": "不归我管"}, "mood": "angry"},
        ],
        outcome="unresolved",
        scores={"overall": 55, "listening": 60, "apologizing": 80, "explaining": 30, "committing": 20},
        tips=["不要推卸责任。"],
    )
    bob_2 = session_states(  # still under way: no scorecard yet
        scenario="expensive_cigarettes", language="zh", trainee="鲍勃", started_at=NOW - 2 * 3600,
        opening="这新烟怎么这么贵?你们是不是乱涨价!",
        turns=[{"reply": "抱歉,我马上帮您查一下价格。", "customer": "快点!", "detected": ["apologizing", "committing"],
                "evidence": {"apologizing": "抱歉", "committing": "我马上帮您查一下价格"}, "mood": "angry"}],
        outcome=None, scores=None,
    )
    carol = session_states(
        scenario="expensive_cigarettes", language="en", trainee="Carol <b>O'Neil</b> <script>alert(1)</script>",
        started_at=NOW - 3 * DAY, opening="Forty yuan for one pack?! <img src=x onerror=alert(1)>",
        turns=[{"reply": "Sorry! I'll send you today's price list and explain the new tax. <b>promise</b>",
                "customer": "OK, thanks.", "detected": ["apologizing", "committing"],
                "evidence": {"apologizing": "Sorry!", "committing": "I'll send you today's price list"},
                "mood": "satisfied"}],
        outcome="resolved",
        scores={"overall": 66, "listening": 40, "apologizing": 80, "explaining": 40, "committing": 90},
    )
    return {"conv-alice-1": [alice_1], "conv-alice-2": [alice_2, alice_3],
            "conv-bob": [bob_1, bob_2], "conv-carol": [carol]}


def domain():
    from rasa.shared.core.domain import Domain

    return Domain.from_dict({
        "intents": ["agent_reply", "start_roleplay"],
        "slots": {"roleplay": {"type": "any", "influence_conversation": False,
                               "mappings": [{"type": "custom"}]},
                  "language": {"type": "text", "influence_conversation": False,
                               "mappings": [{"type": "custom"}]}},
        "responses": {"utter_ok": [{"text": "ok"}]},
    })


async def write_conversation(store, sender_id: str, roleplays: List[List[dict]], dom=None) -> None:
    """Play the role-plays into one Rasa conversation, saving after every message like Rasa does."""
    from rasa.shared.core.events import (ActionExecuted, BotUttered, SessionStarted, SlotSet,
                                         UserUttered)
    from rasa.shared.core.trackers import DialogueStateTracker

    dom = dom or domain()
    tracker = DialogueStateTracker(sender_id, dom.slots)
    for event in (ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")):
        tracker.update(event)
    await store.save(tracker)
    for states in roleplays:
        first = states[0]
        tracker.update(UserUttered(f"/start_roleplay{{\"scenario\": \"{first['scenario']}\"}}",
                                   {"name": "start_roleplay", "confidence": 1.0}))
        tracker.update(ActionExecuted("action_start_roleplay"))
        tracker.update(SlotSet("roleplay", first))
        tracker.update(BotUttered(first["opening"], {"custom": {"roleplay_id": first["id"]}}))
        tracker.update(ActionExecuted("action_listen"))
        await store.save(tracker)
        for state in states[1:]:
            new_turn = len(state["turns"]) > len(tracker.get_slot("roleplay")["turns"])
            if new_turn:
                turn = state["turns"][-1]
                tracker.update(UserUttered(turn["reply"], {"name": "agent_reply", "confidence": 0.99}))
                tracker.update(ActionExecuted("action_roleplay_turn"))
                tracker.update(SlotSet("roleplay", state))
                tracker.update(BotUttered(turn["customer_after"],
                                          {"custom": {"turn_verdict": dict(turn["verdict"], mood=turn["mood_after"],
                                                                           turn=turn["turn"])}}))
            else:  # the end: the scorecard
                tracker.update(UserUttered("/end_roleplay", {"name": "end_roleplay", "confidence": 1.0}))
                tracker.update(ActionExecuted("action_end_roleplay"))
                tracker.update(SlotSet("roleplay", state))
                tracker.update(BotUttered("", {"custom": {"scorecard": state["scorecard"]}}))
            tracker.update(ActionExecuted("action_listen"))
            await store.save(tracker)
    # after the last role-play the bot clears the slot: a null value must not hide anything
    tracker.update(SlotSet("roleplay", None))
    await store.save(tracker)


async def write_unrelated(store, sender_id: str = "conv-no-roleplay", dom=None) -> None:
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    dom = dom or domain()
    tracker = DialogueStateTracker(sender_id, dom.slots)
    tracker.update(UserUttered("hello", {"name": "greet", "confidence": 1.0}))
    tracker.update(BotUttered("Pick a scenario."))
    tracker.update(SlotSet("language", "en"))
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)


def sqlite_store(path: str):
    from rasa.core.tracker_store import SQLTrackerStore

    return SQLTrackerStore(domain(), dialect="sqlite", db=str(path))


async def populate(store) -> Dict[str, List[List[dict]]]:
    conversations = sample_conversations()
    for sender_id, roleplays in conversations.items():
        await write_conversation(store, sender_id, roleplays)
    await write_unrelated(store)
    return conversations


def populate_sqlite(path: str) -> Dict[str, List[List[dict]]]:
    """Write the sample sessions to a SQLite file (sync wrapper for non-async fixtures)."""
    store = sqlite_store(path)
    try:
        return asyncio.run(populate(store))
    finally:
        store.engine.dispose()


def expected_sessions(conversations) -> Dict[str, dict]:
    """session id -> its last state plus sender_id."""
    out = {}
    for sender_id, roleplays in conversations.items():
        for states in roleplays:
            out[states[-1]["id"]] = dict(states[-1], sender_id=sender_id)
    return out


def add_admin(url: str, username: str = ADMIN, password: str = ADMIN_PASSWORD) -> None:
    from bot.review import auth
    from bot.review.db import get_engine, init_db

    engine = get_engine(url)
    init_db(engine)
    auth.add_trainer(engine, username, password)


# --- the fixture data itself ---------------------------------------------------------
def test_sample_sessions_follow_the_contract():
    conversations = sample_conversations()
    sessions = expected_sessions(conversations)
    assert len(sessions) == 6
    for state in sessions.values():
        assert len(state["id"]) == 32
        for turn in state["turns"]:
            assert set(turn["verdict"]) == {"dimensions", "flags"}
            assert set(turn["verdict"]["dimensions"]) == set(DIMENSIONS)
        if state["scorecard"]:
            assert 0 <= state["scorecard"]["overall"] <= 100


def test_rows_are_rasas_own(tmp_path):
    import sqlite3

    populate_sqlite(str(tmp_path / "rasa.db"))
    db = sqlite3.connect(tmp_path / "rasa.db")
    columns = [row[1] for row in db.execute("PRAGMA table_info(events)")]
    assert columns == ["id", "sender_id", "type_name", "timestamp", "intent_name", "action_name", "data"]
    kinds = {row[0] for row in db.execute("SELECT DISTINCT type_name FROM events")}
    assert {"slot", "user", "bot", "action", "session_started"} <= kinds
    assert db.execute("SELECT COUNT(*) FROM events WHERE type_name='slot' AND action_name='roleplay'").fetchone()[0] > 6
    assert os.path.getsize(tmp_path / "rasa.db") > 0
