"""Read role-play sessions back out of Rasa's SQL tracker store.

Rasa's `SQLTrackerStore` appends every event to the table `events`
(id, sender_id, type_name, timestamp, intent_name, action_name, data); a slot
event is stored with type_name "slot", action_name = the slot's name and
data = the JSON of the event ({"event": "slot", "name": ..., "value": ...}).

The role-play state lives in the slot `roleplay`, so a session is: the slot
events named "roleplay", grouped by value["id"], the last one (highest row id)
winning. One sender_id (one Rasa conversation) may hold several sessions.

Only those slot rows are ever selected (never the rest of a conversation);
rows are streamed in batches. Plain SQLAlchemy: no Rasa import.
"""
import json
import threading
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Tuple, Union

import sqlalchemy as sa
from sqlalchemy.engine import Engine

ROLEPLAY_SLOT = "roleplay"
BATCH_SIZE = 200
DIMENSIONS = ("listening", "apologizing", "explaining", "committing")
FLAGS = ("blame", "deflect", "dismiss")

# A description of Rasa's table, for reading only (never created from here).
_metadata = sa.MetaData()
EVENTS = sa.Table(
    "events",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255)),
    sa.Column("type_name", sa.String(255)),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)


EngineLike = Union[str, Engine]


def _engine(engine: EngineLike) -> Engine:
    if isinstance(engine, Engine):
        return engine
    from bot.review.db import get_engine  # lazy: keeps this module usable on its own

    return get_engine(engine)


def has_events_table(engine: EngineLike) -> bool:
    """False until Rasa has created its table (e.g. before the first conversation)."""
    return sa.inspect(_engine(engine)).has_table("events")


def _roleplay_rows():
    return sa.and_(EVENTS.c.type_name == "slot", EVENTS.c.action_name == ROLEPLAY_SLOT)


def parse_value(data: Optional[str]) -> Optional[dict]:
    """The role-play state in one stored slot event, or None (null/unparseable/no id)."""
    if not data:
        return None
    try:
        event = json.loads(data)
    except (TypeError, ValueError):
        return None
    if not isinstance(event, dict) or event.get("event") != "slot" or event.get("name") != ROLEPLAY_SLOT:
        return None
    value = event.get("value")
    if not isinstance(value, dict):
        return None
    session_id = value.get("id")
    if isinstance(session_id, int) and not isinstance(session_id, bool):
        session_id = str(session_id)
    if not isinstance(session_id, str) or not session_id:
        return None
    value["id"] = session_id
    return value


def iter_roleplay_events(
    engine: EngineLike,
    *,
    sender_id: Optional[str] = None,
    contains: Optional[str] = None,
    row_ids: Optional[Iterable[int]] = None,
    descending: bool = False,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Tuple[int, str, Optional[float], dict]]:
    """Yield (row id, sender_id, event timestamp, state) for stored `roleplay` values.

    Streams in batches (a server-side cursor on PostgreSQL). `contains` narrows the
    rows in SQL to those whose JSON holds that text (a bound LIKE parameter).
    """
    engine = _engine(engine)
    if not has_events_table(engine):
        return
    query = sa.select(EVENTS.c.id, EVENTS.c.sender_id, EVENTS.c.timestamp, EVENTS.c.data).where(
        _roleplay_rows()
    )
    if sender_id is not None:
        query = query.where(EVENTS.c.sender_id == sender_id)
    if contains:
        escaped = contains.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(EVENTS.c.data.like(f"%{escaped}%", escape="\\"))
    if row_ids is not None:
        row_ids = list(row_ids)
        if not row_ids:
            return
        query = query.where(EVENTS.c.id.in_(row_ids))
    query = query.order_by(EVENTS.c.id.desc() if descending else EVENTS.c.id)
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True, max_row_buffer=batch_size).execute(query)
        for partition in result.partitions(batch_size):
            for row_id, sender, timestamp, data in partition:
                value = parse_value(data)
                if value is not None:
                    yield row_id, sender, timestamp, value


def read_sessions(
    engine: EngineLike,
    sender_id: Optional[str] = None,
    summarize: Optional[Callable[[dict, str], Any]] = None,
) -> List[Any]:
    """Every session (the last stored value per role-play id), oldest first.

    Each item is the state dict with `sender_id` added, or `summarize(state,
    sender_id)` when given (so whole transcripts need not be held in memory).
    """
    latest: Dict[str, Any] = {}
    order: Dict[str, float] = {}
    # newest rows first: the first value seen for an id is its last value
    for _row_id, sender, timestamp, value in iter_roleplay_events(
        engine, sender_id=sender_id, descending=True
    ):
        sid = value["id"]
        if sid not in latest:
            latest[sid] = summarize(value, sender) if summarize else dict(value, sender_id=sender)
        started = value.get("started_at")
        order[sid] = started if isinstance(started, (int, float)) else (timestamp or 0.0)
    return [latest[sid] for sid in sorted(latest, key=lambda s: (order[s], s))]


def read_session(engine: EngineLike, session_id: str) -> Optional[dict]:
    """One session's last stored state (with `sender_id`), or None."""
    if not isinstance(session_id, str) or not session_id:
        return None
    for _row_id, sender, _timestamp, value in iter_roleplay_events(
        engine, contains=session_id, descending=True
    ):
        if value["id"] == session_id:
            return dict(value, sender_id=sender)
    return None


def _number(value) -> Optional[float]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def session_summary(state: dict, sender_id: str) -> dict:
    """The compact form of one session used by lists, filters and statistics."""
    scorecard = state.get("scorecard") if isinstance(state.get("scorecard"), dict) else None
    turns = state.get("turns") if isinstance(state.get("turns"), list) else []
    dimensions = None
    flags = None
    overall = None
    if scorecard:
        overall = _number(scorecard.get("overall"))
        dims = scorecard.get("dimensions") if isinstance(scorecard.get("dimensions"), dict) else {}
        dimensions = {name: _number(dims.get(name)) for name in DIMENSIONS}
        raw_flags = scorecard.get("flags") if isinstance(scorecard.get("flags"), dict) else {}
        flags = {name: _number(raw_flags.get(name)) for name in FLAGS}
    if flags is None and turns:  # unfinished session: count the flags raised so far
        flags = {name: 0 for name in FLAGS}
        for turn in turns:
            verdict = turn.get("verdict") if isinstance(turn, dict) else None
            raw = verdict.get("flags") if isinstance(verdict, dict) else None
            for name in FLAGS:
                entry = raw.get(name) if isinstance(raw, dict) else None
                if isinstance(entry, dict) and entry.get("detected") is True:
                    flags[name] += 1

    def text(key):
        value = state.get(key)
        return value if isinstance(value, str) else None

    return {
        "id": state["id"],
        "sender_id": sender_id,
        "trainee": text("trainee"),
        "scenario": text("scenario"),
        "language": text("language"),
        "started_at": _number(state.get("started_at")),
        "ended_at": _number(state.get("ended_at")),
        "outcome": text("outcome"),
        "mood": text("mood"),
        "turn_count": len(turns),
        "overall": overall,
        "dimensions": dimensions,
        "flags": flags,
    }


class TranscriptReader:
    """Session summaries kept up to date incrementally.

    Each refresh selects only the row ids of `roleplay` slot events (small
    integers), then fetches and parses just the rows not seen before, in
    batches. Safe to share between threads.
    """

    def __init__(self, engine: EngineLike, summarize: Callable[[dict, str], dict] = session_summary):
        self.engine = _engine(engine)
        self.summarize = summarize
        self._lock = threading.Lock()
        self._seen: set = set()
        self._latest: Dict[str, Tuple[int, dict]] = {}  # session id -> (row id, summary)

    def _current_row_ids(self) -> List[int]:
        if not has_events_table(self.engine):
            return []
        query = sa.select(EVENTS.c.id).where(_roleplay_rows()).order_by(EVENTS.c.id)
        with self.engine.connect() as conn:
            return [row_id for (row_id,) in conn.execute(query)]

    def refresh(self) -> None:
        with self._lock:
            current = self._current_row_ids()
            current_set = set(current)
            if not self._seen <= current_set:  # rows were deleted: start again
                self._seen = set()
                self._latest = {}
            new = [row_id for row_id in current if row_id not in self._seen]
            for start in range(0, len(new), BATCH_SIZE):
                chunk = new[start:start + BATCH_SIZE]
                for row_id, sender, timestamp, value in iter_roleplay_events(self.engine, row_ids=chunk):
                    known = self._latest.get(value["id"])
                    if known is None or row_id > known[0]:
                        summary = self.summarize(value, sender)
                        if summary.get("started_at") is None:
                            summary["started_at"] = (known[1]["started_at"] if known else None) or timestamp
                        self._latest[value["id"]] = (row_id, summary)
                self._seen.update(chunk)

    def summaries(self) -> List[dict]:
        """Every session's summary (copies), oldest first."""
        self.refresh()
        with self._lock:
            items = [dict(summary) for _row, summary in self._latest.values()]
        items.sort(key=lambda s: (s.get("started_at") or 0.0, s["id"]))
        return items

    def summary(self, session_id: str) -> Optional[dict]:
        self.refresh()
        with self._lock:
            found = self._latest.get(session_id)
            return dict(found[1]) if found else None

    def session(self, session_id: str) -> Optional[dict]:
        """The full last state of one session (with `sender_id`), or None."""
        return read_session(self.engine, session_id)
