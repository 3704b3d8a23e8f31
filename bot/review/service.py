"""The review side's logic, independent of HTTP: sessions merged with the
trainers' overrides and reviews, filters, sorting, CSV, progress and statistics.

All methods are synchronous (the web API runs them in a thread pool) and raise
`ValidationError` (-> 400) or `NotFound` (-> 404) with messages fit for users.
"""
import csv
import io
import json
import re
import threading
import time
from datetime import date, datetime, timedelta, timezone
from typing import Dict, List, Mapping, Optional

import sqlalchemy as sa

from bot import transcripts
from bot.review import auth
from bot.review.db import database_url as default_database_url
from bot.review.db import get_engine, init_db, overrides, reviews

DIMENSIONS = transcripts.DIMENSIONS
FLAGS = transcripts.FLAGS
TURN_DIMENSIONS = DIMENSIONS + FLAGS
SESSION_DIMENSIONS = DIMENSIONS + ("overall",)
ALL_DIMENSIONS = DIMENSIONS + FLAGS + ("overall",)
LANGUAGES = ("en", "zh")
MAX_COMMENT = 2000
MAX_FILTER = 200
SESSION_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
SCENARIO_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
SORT_KEYS = ("started_at", "ended_at", "trainee", "scenario", "language", "outcome", "overall",
             "turn_count", "reviewed") + DIMENSIONS
DEFAULT_SORT = "-started_at"
DEFAULT_LIMIT = 500
MAX_LIMIT = 5000


class ValidationError(ValueError):
    """Bad input from a client (400)."""


class NotFound(LookupError):
    """No such session (404)."""


def iso(ts: Optional[float]) -> Optional[str]:
    if ts is None:
        return None
    try:
        return datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    except (OverflowError, OSError, ValueError):
        return None


def check_session_id(session_id) -> str:
    if not isinstance(session_id, str) or not SESSION_ID_RE.match(session_id):
        raise ValidationError("malformed session id (expected 1-64 letters, digits, '-' or '_')")
    return session_id


def parse_when(raw: str, name: str, end_of_day: bool = False) -> float:
    """An ISO date (a whole UTC day) or date-time (UTC unless an offset is given) -> epoch."""
    text = (raw or "").strip()
    if not text or len(text) > 40:
        raise ValidationError(f"'{name}' must be an ISO date (YYYY-MM-DD) or date-time")
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            moment = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
            if end_of_day:
                moment += timedelta(days=1)
            return moment.timestamp()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"'{name}' must be an ISO date (YYYY-MM-DD) or date-time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


class Filters:
    """Validated list filters, sort and paging from a query string."""

    def __init__(self, params: Optional[Mapping[str, str]] = None):
        params = params or {}
        self.trainee = self._text(params, "trainee")
        self.scenario = self._text(params, "scenario")
        if self.scenario is not None and not SCENARIO_RE.match(self.scenario):
            raise ValidationError("'scenario' must be a scenario id (letters, digits, '-' or '_')")
        self.language = self._text(params, "language")
        if self.language is not None and self.language not in LANGUAGES:
            raise ValidationError("'language' must be 'en' or 'zh'")
        self.outcome = self._text(params, "outcome")
        if self.outcome is not None and not re.match(r"^[a-z_]{1,32}$", self.outcome):
            raise ValidationError("'outcome' must be an outcome such as 'resolved'")
        frm, to = self._text(params, "from"), self._text(params, "to")
        self.start = parse_when(frm, "from") if frm is not None else None
        self.end = parse_when(to, "to", end_of_day=True) if to is not None else None
        if self.start is not None and self.end is not None and self.start >= self.end:
            raise ValidationError("'from' must be before 'to'")
        reviewed = self._text(params, "reviewed")
        if reviewed is None:
            self.reviewed = None
        elif reviewed.lower() in ("true", "1", "yes"):
            self.reviewed = True
        elif reviewed.lower() in ("false", "0", "no"):
            self.reviewed = False
        else:
            raise ValidationError("'reviewed' must be true or false")
        sort = self._text(params, "sort") or DEFAULT_SORT
        self.descending = sort.startswith("-")
        self.sort = sort.lstrip("-+")
        order = self._text(params, "order")
        if order is not None:
            if order.lower() not in ("asc", "desc"):
                raise ValidationError("'order' must be 'asc' or 'desc'")
            self.descending = order.lower() == "desc"
        if self.sort not in SORT_KEYS:
            raise ValidationError("'sort' must be one of: " + ", ".join(SORT_KEYS) + " (prefix '-' for descending)")
        self.limit = self._int(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
        self.offset = self._int(params, "offset", 0, 0, 10 ** 9)

    @staticmethod
    def _text(params, name) -> Optional[str]:
        value = params.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValidationError(f"'{name}' must be text")
        value = value.strip()
        if len(value) > MAX_FILTER:
            raise ValidationError(f"'{name}' is too long (at most {MAX_FILTER} characters)")
        return value or None

    @classmethod
    def _int(cls, params, name, default, low, high) -> int:
        raw = cls._text(params, name)
        if raw is None:
            return default
        if not re.match(r"^\d{1,10}$", raw) or not low <= int(raw) <= high:
            raise ValidationError(f"'{name}' must be a whole number from {low} to {high}")
        return int(raw)

    def matches(self, session: dict) -> bool:
        if self.trainee is not None and (session.get("trainee") or "").strip().casefold() != self.trainee.casefold():
            return False
        if self.scenario is not None and session.get("scenario") != self.scenario:
            return False
        if self.language is not None and session.get("language") != self.language:
            return False
        if self.outcome is not None and (session.get("outcome") or "in_progress") != self.outcome:
            return False
        started = session.get("started_ts")
        if self.start is not None and (started is None or started < self.start):
            return False
        if self.end is not None and (started is None or started >= self.end):
            return False
        if self.reviewed is not None and bool(session.get("reviewed")) != self.reviewed:
            return False
        return True

    def apply(self, sessions: List[dict], page: bool = True) -> List[dict]:
        chosen = [s for s in sessions if self.matches(s)]

        def value(session):
            if self.sort in DIMENSIONS:
                return (session.get("dimensions") or {}).get(self.sort)
            if self.sort == "started_at":
                return session.get("started_ts")
            if self.sort == "ended_at":
                return session.get("ended_ts")
            found = session.get(self.sort)
            return found.casefold() if isinstance(found, str) else found

        present = [s for s in chosen if value(s) is not None]
        missing = [s for s in chosen if value(s) is None]  # always last
        present.sort(key=lambda s: (value(s), s.get("started_ts") or 0), reverse=self.descending)
        ordered = present + missing
        return ordered[self.offset:self.offset + self.limit] if page else ordered


def _csv_safe(value):
    """Keep spreadsheets from running trainee-typed text as formulas."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _auto_turn_value(turn: dict, dimension: str) -> Optional[bool]:
    verdict = turn.get("verdict") if isinstance(turn.get("verdict"), dict) else {}
    group = verdict.get("flags" if dimension in FLAGS else "dimensions")
    entry = group.get(dimension) if isinstance(group, dict) else None
    if isinstance(entry, dict) and isinstance(entry.get("detected"), bool):
        return entry["detected"]
    return None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value if v is not None)
    return str(value)


class ReviewService:
    def __init__(self, url: Optional[str] = None):
        self.url = url or default_database_url()
        self.engine = get_engine(self.url)
        self.reader = transcripts.TranscriptReader(self.engine)
        self._ready = False
        self._ready_lock = threading.Lock()
        self._scenario_cache = None

    # --- plumbing ------------------------------------------------------------
    def ensure_ready(self) -> None:
        if self._ready:
            return
        with self._ready_lock:
            if not self._ready:
                init_db(self.engine)
                self._ready = True

    # --- auth ----------------------------------------------------------------
    def login(self, username, password) -> Optional[auth.IssuedToken]:
        self.ensure_ready()
        return auth.login(self.engine, username, password)

    def authenticate(self, token) -> Optional[dict]:
        self.ensure_ready()
        return auth.authenticate(self.engine, token)

    def logout(self, token) -> None:
        self.ensure_ready()
        auth.logout(self.engine, token)

    # --- overrides and reviews -----------------------------------------------
    def _review_rows(self, session_ids=None) -> Dict[str, dict]:
        query = sa.select(reviews)
        if session_ids is not None:
            query = query.where(reviews.c.session_id.in_(list(session_ids)))
        with self.engine.connect() as conn:
            return {r.session_id: dict(r._mapping) for r in conn.execute(query)}

    def _override_rows(self, session_id: Optional[str] = None, session_level_only=False) -> List[dict]:
        query = sa.select(overrides).order_by(overrides.c.id)
        if session_id is not None:
            query = query.where(overrides.c.session_id == session_id)
        if session_level_only:
            query = query.where(overrides.c.turn.is_(None))
        with self.engine.connect() as conn:
            return [self._override_out(r._mapping) for r in conn.execute(query)]

    def _override_counts(self) -> Dict[str, int]:
        query = sa.select(overrides.c.session_id, sa.func.count()).group_by(overrides.c.session_id)
        with self.engine.connect() as conn:
            return {sid: n for sid, n in conn.execute(query)}

    @staticmethod
    def _override_out(row: Mapping) -> dict:
        def load(text):
            try:
                return json.loads(text) if text is not None else None
            except ValueError:
                return None

        return {
            "id": row["id"],
            "session_id": row["session_id"],
            "turn": row["turn"],
            "dimension": row["dimension"],
            "value": load(row["value"]),
            "automatic": load(row["automatic"]),
            "comment": row["comment"] or "",
            "trainer": row["trainer"],
            "created_at": iso(row["created_at"]),
        }

    # --- sessions --------------------------------------------------------------
    def _decorate(self, summary: dict, review: Optional[dict], session_overrides: List[dict],
                  override_count: int) -> dict:
        latest = {}
        for item in session_overrides:  # in id order: the last one wins
            latest[item["dimension"]] = item["value"]
        dims = summary.get("dimensions")
        final_dims = {name: latest.get(name, (dims or {}).get(name)) for name in DIMENSIONS}
        out = dict(summary)
        out["started_ts"] = summary.get("started_at")
        out["ended_ts"] = summary.get("ended_at")
        out["started_at"] = iso(summary.get("started_at"))
        out["ended_at"] = iso(summary.get("ended_at"))
        out["session_overrides"] = latest
        out["final"] = {
            "overall": latest.get("overall", summary.get("overall")),
            "dimensions": final_dims if (dims or latest) else None,
        }
        out["override_count"] = override_count
        out["reviewed"] = bool(review and review["reviewed"])
        out["reviewed_by"] = review["trainer"] if review and review["reviewed"] else None
        out["reviewed_at"] = iso(review["reviewed_at"]) if review and review["reviewed"] else None
        return out

    def all_sessions(self) -> List[dict]:
        self.ensure_ready()
        summaries = self.reader.summaries()
        review_rows = self._review_rows()
        counts = self._override_counts()
        by_session: Dict[str, List[dict]] = {}
        for item in self._override_rows(session_level_only=True):
            by_session.setdefault(item["session_id"], []).append(item)
        return [
            self._decorate(s, review_rows.get(s["id"]), by_session.get(s["id"], []), counts.get(s["id"], 0))
            for s in summaries
        ]

    @staticmethod
    def public(session: dict) -> dict:
        return {k: v for k, v in session.items() if k not in ("started_ts", "ended_ts")}

    def list_sessions(self, filters: Optional[Filters] = None) -> List[dict]:
        filters = filters or Filters()
        return [self.public(s) for s in filters.apply(self.all_sessions())]

    def _state(self, session_id: str) -> dict:
        check_session_id(session_id)
        self.ensure_ready()
        state = self.reader.session(session_id)
        if state is None:
            raise NotFound("no such session")
        return state

    def get_session(self, session_id: str) -> dict:
        state = self._state(session_id)
        summary = transcripts.session_summary(state, state["sender_id"])
        if summary["started_at"] is None:
            known = self.reader.summary(session_id)
            summary["started_at"] = known["started_at"] if known else None
        all_overrides = self._override_rows(session_id)
        review = self._review_rows([session_id]).get(session_id)
        session_level = [o for o in all_overrides if o["turn"] is None]
        out = self.public(self._decorate(summary, review, session_level, len(all_overrides)))
        scorecard = state.get("scorecard") if isinstance(state.get("scorecard"), dict) else None
        turns = []
        for raw in state.get("turns") or []:
            if not isinstance(raw, dict):
                continue
            number = raw.get("turn")
            verdict = raw.get("verdict") if isinstance(raw.get("verdict"), dict) else {}
            evidence = {}
            for group in ("dimensions", "flags"):
                entries = verdict.get(group) if isinstance(verdict.get(group), dict) else {}
                for name, entry in entries.items():
                    if isinstance(entry, dict) and entry.get("detected") and entry.get("evidence"):
                        evidence[name] = _text(entry.get("evidence"))
            turn_overrides = [o for o in all_overrides if o["turn"] == number]
            final = {}
            for name in TURN_DIMENSIONS:
                final[name] = _auto_turn_value(raw, name)
            for item in turn_overrides:
                final[item["dimension"]] = item["value"]
            turns.append({
                "turn": number,
                "reply": _text(raw.get("reply")),
                "customer_before": _text(raw.get("customer_before")),
                "customer_after": _text(raw.get("customer_after")),
                "customer": _text(raw.get("customer_before")),  # as in the scorecard's turns
                "customer_reply": _text(raw.get("customer_after")),
                "mood_before": raw.get("mood_before"),
                "mood_after": raw.get("mood_after"),
                "at": iso(raw.get("at")) if isinstance(raw.get("at"), (int, float)) else None,
                "verdict": verdict,
                "evidence": evidence,
                "overrides": turn_overrides,
                "final": final,
            })
        out.update({
            "opening": _text(state.get("opening")),
            "turns": turns,
            "overrides": all_overrides,
            "scorecard": scorecard,
            "tips": (scorecard or {}).get("tips") or [],
        })
        return out

    def add_override(self, session_id: str, trainer: str, body) -> dict:
        check_session_id(session_id)
        if not isinstance(body, dict):
            raise ValidationError("the body must be a JSON object")
        dimension = body.get("dimension")
        if not isinstance(dimension, str) or dimension not in ALL_DIMENSIONS:
            raise ValidationError("'dimension' must be one of: " + ", ".join(ALL_DIMENSIONS))
        turn = body.get("turn")
        if turn is not None and (isinstance(turn, bool) or not isinstance(turn, int)):
            raise ValidationError("'turn' must be a turn number or null (the whole session)")
        if "value" not in body:
            raise ValidationError("'value' is required")
        value = body.get("value")
        comment = body.get("comment", "")
        if comment is None:
            comment = ""
        if not isinstance(comment, str):
            raise ValidationError("'comment' must be text")
        comment = comment.strip()
        if len(comment) > MAX_COMMENT:
            raise ValidationError(f"'comment' is too long (at most {MAX_COMMENT} characters)")
        if turn is None:
            if dimension not in SESSION_DIMENSIONS:
                raise ValidationError("flags can only be overridden on a turn; for the whole session use "
                                      + ", ".join(SESSION_DIMENSIONS))
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
                raise ValidationError("'value' must be a whole number from 0 to 100 for a session score")
        else:
            if dimension not in TURN_DIMENSIONS:
                raise ValidationError("'overall' can only be overridden for the whole session (turn null)")
            if not isinstance(value, bool):
                raise ValidationError("'value' must be true or false for a behaviour or flag on a turn")

        state = self._state(session_id)
        if turn is None:
            summary = transcripts.session_summary(state, state["sender_id"])
            automatic = summary["overall"] if dimension == "overall" else (summary["dimensions"] or {}).get(dimension)
        else:
            match = [t for t in state.get("turns") or [] if isinstance(t, dict) and t.get("turn") == turn]
            if not match:
                raise ValidationError(f"this session has no turn {turn}")
            automatic = _auto_turn_value(match[0], dimension)
        row = {
            "session_id": session_id,
            "turn": turn,
            "dimension": dimension,
            "value": json.dumps(value),
            "automatic": json.dumps(automatic),
            "comment": comment,
            "trainer": trainer,
            "created_at": time.time(),
        }
        with self.engine.begin() as conn:
            result = conn.execute(overrides.insert().values(**row))
            row["id"] = result.inserted_primary_key[0]
        return self._override_out(row)

    def set_reviewed(self, session_id: str, trainer: str, reviewed: bool = True) -> dict:
        self._state(session_id)
        now = time.time()
        with self.engine.begin() as conn:
            updated = conn.execute(
                reviews.update().where(reviews.c.session_id == session_id)
                .values(reviewed=reviewed, trainer=trainer, reviewed_at=now)
            ).rowcount
            if not updated:
                conn.execute(reviews.insert().values(session_id=session_id, reviewed=reviewed,
                                                     trainer=trainer, reviewed_at=now))
        return {"id": session_id, "reviewed": reviewed, "reviewed_by": trainer if reviewed else None,
                "reviewed_at": iso(now) if reviewed else None}

    # --- exports and statistics ------------------------------------------------
    CSV_COLUMNS = (
        ["id", "sender_id", "trainee", "scenario", "language", "started_at", "ended_at", "outcome",
         "turns", "overall"] + list(DIMENSIONS) + list(FLAGS)
        + ["overall_override"] + [f"{d}_override" for d in DIMENSIONS]
        + ["override_count", "reviewed", "reviewed_by", "reviewed_at"]
    )

    def sessions_csv(self, filters: Optional[Filters] = None) -> str:
        filters = filters or Filters()
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.CSV_COLUMNS)
        for s in filters.apply(self.all_sessions(), page=False):
            dims = s.get("dimensions") or {}
            flags = s.get("flags") or {}
            chosen = s.get("session_overrides") or {}
            row = [s["id"], s["sender_id"], s.get("trainee"), s.get("scenario"), s.get("language"),
                   s.get("started_at"), s.get("ended_at"), s.get("outcome") or "in_progress",
                   s.get("turn_count"), s.get("overall")]
            row += [dims.get(d) for d in DIMENSIONS] + [flags.get(f) for f in FLAGS]
            row += [chosen.get("overall")] + [chosen.get(d) for d in DIMENSIONS]
            row += [s.get("override_count"), "yes" if s.get("reviewed") else "no", s.get("reviewed_by"),
                    s.get("reviewed_at")]
            writer.writerow(["" if v is None else _csv_safe(v) for v in row])
        return out.getvalue()

    def progress(self, trainee) -> dict:
        if not isinstance(trainee, str) or not trainee.strip():
            raise ValidationError("'trainee' is required")
        filters = Filters({"trainee": trainee, "sort": "started_at", "limit": str(MAX_LIMIT)})
        points = []
        for s in filters.apply(self.all_sessions(), page=False):
            if s["final"]["overall"] is None and s.get("overall") is None:
                continue
            points.append({
                "id": s["id"], "scenario": s.get("scenario"), "language": s.get("language"),
                "started_at": s["started_at"], "outcome": s.get("outcome"),
                "overall": s.get("overall"), "dimensions": s.get("dimensions"),
                "final_overall": s["final"]["overall"], "final_dimensions": s["final"]["dimensions"],
            })
        return {"trainee": filters.trainee, "sessions": points}

    def scenario_stats(self) -> List[dict]:
        titles = {card["id"]: card["title"] for card in self.scenario_cards(missing_ok=True)}
        groups: Dict[str, List[dict]] = {}
        for s in self.all_sessions():
            groups.setdefault(s.get("scenario") or "", []).append(s)

        def mean(values):
            values = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
            return round(sum(values) / len(values), 1) if values else None

        stats = []
        for scenario, items in sorted(groups.items()):
            scored = [s for s in items if s.get("overall") is not None]
            outcomes: Dict[str, int] = {}
            for s in items:
                key = s.get("outcome") or "in_progress"
                outcomes[key] = outcomes.get(key, 0) + 1
            stats.append({
                "scenario": scenario or None,
                "title": titles.get(scenario),
                "sessions": len(items),
                "scored": len(scored),
                "overall": mean(s.get("overall") for s in scored),
                "final_overall": mean(s["final"]["overall"] for s in items),
                "dimensions": {d: mean((s.get("dimensions") or {}).get(d) for s in scored) for d in DIMENSIONS},
                "flags": {f: mean((s.get("flags") or {}).get(f) for s in scored) for f in FLAGS},
                "outcomes": outcomes,
                "reviewed": sum(1 for s in items if s.get("reviewed")),
            })
        return stats

    # --- scenarios (for the chat page's cards) ---------------------------------
    def scenario_cards(self, missing_ok: bool = False) -> List[dict]:
        if self._scenario_cache is None:
            try:
                self._scenario_cache = load_scenario_cards()
            except Exception:
                if missing_ok:
                    return []
                raise
        return self._scenario_cache


def _field(obj, name, default=None):
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _i18n(value) -> Dict[str, str]:
    if isinstance(value, Mapping):
        return {lang: _text(value.get(lang)) for lang in LANGUAGES}
    text = _text(value)
    return {lang: text for lang in LANGUAGES}


def load_scenario_cards() -> List[dict]:
    """[{"id","order","title","summary","trainee_role","starting_mood"}] from bot.scenarios."""
    from bot import scenarios

    loaded = scenarios.load_all()
    items = list(loaded.values()) if isinstance(loaded, Mapping) else list(loaded)
    cards = []
    for item in items:
        persona = _field(item, "persona") or {}
        order = _field(item, "order")
        cards.append({
            "id": _field(item, "id"),
            "order": order if isinstance(order, int) and not isinstance(order, bool) else None,
            "title": _i18n(_field(item, "title")),
            "summary": _i18n(_field(item, "summary")),
            "trainee_role": _i18n(_field(item, "trainee_role")),
            "starting_mood": _field(persona, "starting_mood"),
        })
    cards.sort(key=lambda c: (c["order"] is None, c["order"] or 0, str(c["id"])))
    return cards

