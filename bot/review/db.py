"""The review side's database: where it is, engines, and its own tables.

The review tables (trainers, tokens, overrides, reviews) live in the SAME
database as Rasa's SQL tracker store (`events`), which this module never
creates or alters: it is only read, by `bot.transcripts`.
"""
import os
import threading
from pathlib import Path
from typing import Dict, Optional, Union

import sqlalchemy as sa
from sqlalchemy.engine import Engine

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE_FILE = PROJECT_ROOT / "rasa.db"


def database_url(env: Optional[Dict[str, str]] = None) -> str:
    """The SQLAlchemy URL of the shared database.

    `DATABASE_URL` when set (e.g. `postgresql://user:pw@localhost:5432/coach`);
    else, with DB=postgres, one built from PGHOST/PGPORT/PGDATABASE/PGUSER/PGPASSWORD
    (what endpoints.postgres.yml gives Rasa); else the SQLite file `rasa.db` in the
    project root (Rasa's default tracker store).
    """
    env = os.environ if env is None else env
    url = (env.get("DATABASE_URL") or "").strip()
    if not url and env.get("DB") == "postgres" and env.get("PGHOST"):
        # the same settings endpoints.postgres.yml gives Rasa (`make run DB=postgres`)
        return str(sa.engine.URL.create(
            "postgresql", username=env.get("PGUSER") or None, password=env.get("PGPASSWORD") or None,
            host=env.get("PGHOST"), port=int(env["PGPORT"]) if (env.get("PGPORT") or "").isdigit() else None,
            database=env.get("PGDATABASE") or None,
        ).render_as_string(hide_password=False))
    if not url:
        return f"sqlite:///{DEFAULT_SQLITE_FILE}"
    if url.startswith("postgres://"):  # Heroku-style spelling SQLAlchemy 1.4 rejects
        url = "postgresql://" + url[len("postgres://"):]
    return url


def describe(url: Union[str, sa.engine.URL]) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a bad URL is reported by create_engine
        return "<invalid database URL>"


_engines: Dict[str, Engine] = {}
_engines_lock = threading.Lock()


def get_engine(url: Optional[str] = None) -> Engine:
    """One shared engine per URL (thread-safe; SQLite waits for Rasa's writes)."""
    url = url or database_url()
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = make_engine(url)
        return engine


def make_engine(url: str) -> Engine:
    parsed = sa.engine.make_url(url)
    kwargs = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        # Rasa writes to the same file: wait for its lock instead of failing at once.
        kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                pass  # reported as a database error on first use
    else:
        kwargs["pool_pre_ping"] = True
    return sa.create_engine(url, **kwargs)


def dispose_engine(url: str) -> None:
    with _engines_lock:
        engine = _engines.pop(url, None)
    if engine is not None:
        engine.dispose()


# --- the review side's own tables ------------------------------------------
metadata = sa.MetaData()

trainers = sa.Table(
    "trainers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(64), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)

tokens = sa.Table(
    "tokens",
    metadata,
    # sha256 hex of the bearer token: the token itself is never stored
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False, index=True),
)

overrides = sa.Table(
    "overrides",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("session_id", sa.String(64), nullable=False, index=True),
    sa.Column("turn", sa.Integer, nullable=True),  # NULL: the whole session
    sa.Column("dimension", sa.String(32), nullable=False),
    sa.Column("value", sa.Text, nullable=False),  # JSON: true/false or 0-100
    sa.Column("automatic", sa.Text, nullable=True),  # JSON: the automatic value it overrides
    sa.Column("comment", sa.Text, nullable=False, default=""),
    sa.Column("trainer", sa.String(64), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)

reviews = sa.Table(
    "reviews",
    metadata,
    sa.Column("session_id", sa.String(64), primary_key=True),
    sa.Column("reviewed", sa.Boolean, nullable=False, default=True),
    sa.Column("trainer", sa.String(64), nullable=False),
    sa.Column("reviewed_at", sa.Float, nullable=False),
)


def init_db(engine: Engine) -> None:
    """Create the review tables if missing (never touches Rasa's `events`)."""
    metadata.create_all(engine, checkfirst=True)
