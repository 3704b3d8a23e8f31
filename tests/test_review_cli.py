"""`bot review list|show` in the terminal, and where the database is."""
import shutil

import pytest

from bot import cli
from bot.review.db import PROJECT_ROOT, database_url, get_engine
from bot.review.service import ReviewService
from tests import test_review_helpers as helpers


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "rasa.db"
    conversations = helpers.populate_sqlite(str(path))
    return path, helpers.expected_sessions(conversations)


@pytest.fixture
def db(seeded, tmp_path, monkeypatch):
    path = tmp_path / "rasa.db"
    shutil.copy(seeded[0], path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    yield url, seeded[1]
    get_engine(url).dispose()


def test_database_url(monkeypatch):
    assert database_url({}) == f"sqlite:///{PROJECT_ROOT / 'rasa.db'}"
    assert database_url({"DATABASE_URL": " postgresql://u:p@db:5432/coach "}) == "postgresql://u:p@db:5432/coach"
    assert database_url({"DATABASE_URL": "postgres://u:p@db/coach"}) == "postgresql://u:p@db/coach"
    pg = {"DB": "postgres", "PGHOST": "localhost", "PGPORT": "5433", "PGUSER": "coach",
          "PGPASSWORD": "p@ss:word/1", "PGDATABASE": "coach"}
    import sqlalchemy as sa

    url = sa.engine.make_url(database_url(pg))
    assert (url.drivername, url.host, url.port, url.username, url.password, url.database) == (
        "postgresql", "localhost", 5433, "coach", "p@ss:word/1", "coach")
    assert database_url(dict(pg, DATABASE_URL="sqlite:///x.db")) == "sqlite:///x.db"
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/elsewhere.db")
    assert database_url() == "sqlite:////tmp/elsewhere.db"


def test_review_list(db, capsys):
    url, expected = db
    assert cli.main(["review", "list"]) == 0
    out = capsys.readouterr().out
    for sid, state in expected.items():
        assert sid in out
    assert "in progress" in out and "escalated" in out and "鲍勃" in out
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == len(expected) + 1  # a header and one line per session

    assert cli.main(["review", "list", "--trainee", "Alice", "--scenario", "queue_complaint"]) == 0
    out = capsys.readouterr().out
    assert len([line for line in out.splitlines() if line.strip()]) == 3
    assert cli.main(["review", "list", "--trainee", "nobody"]) == 0
    assert "no sessions" in capsys.readouterr().out
    assert cli.main(["review", "list", "--scenario", "x' OR 1=1 --"]) == 2
    assert "scenario" in capsys.readouterr().err


def test_review_show(db, capsys):
    url, expected = db
    state = [s for s in expected.values() if s["trainee"] == "Alice" and s["outcome"] == "resolved"][0]
    ReviewService(url).add_override(state["id"], "coach", {"turn": 2, "dimension": "listening", "value": True,
                                                           "comment": "she named the outage"})
    ReviewService(url).add_override(state["id"], "coach", {"turn": None, "dimension": "overall", "value": 85,
                                                           "comment": "model answer"})
    assert cli.main(["review", "show", state["id"]]) == 0
    out = capsys.readouterr().out
    assert state["opening"] in out
    for turn in state["turns"]:
        assert turn["reply"] in out and turn["customer_after"] in out
    assert "evidence (apologizing): I'm so sorry" in out
    assert "listening=no (trainer: yes)" in out
    assert "she named the outage" in out and "overall: 78 -> 85" in out and "model answer" in out
    assert "Good structure" in out  # the tips

    # a unique prefix is enough
    assert cli.main(["review", "show", state["id"][:10]]) == 0
    assert state["opening"] in capsys.readouterr().out
    assert cli.main(["review", "show", "0" * 32]) == 1
    assert "no session" in capsys.readouterr().err
    assert cli.main(["review", "show", "../../etc/passwd"]) == 2
    assert "malformed" in capsys.readouterr().err


def test_review_cli_on_a_missing_database(tmp_path, capsys):
    assert cli.main(["review", "--database-url", f"sqlite:///{tmp_path / 'new.db'}", "list"]) == 0
    assert "no sessions" in capsys.readouterr().out
    assert cli.main(["review", "--database-url", "postgresql://x:y@127.0.0.1:1/none?connect_timeout=2", "list"]) == 1
    err = capsys.readouterr().err
    assert "cannot read the database" in err and "y@" not in err  # the password is not printed
