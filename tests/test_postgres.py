"""The review side against a REAL PostgreSQL server.

A throwaway cluster is created with initdb in a temp directory and started with
pg_ctl on a free port (as the `postgres` OS user when running as root); Rasa's
own SQLTrackerStore (dialect postgresql) writes the role-plays; transcripts,
overrides and the CSV are checked through the API; the server is stopped at the end.
Missing PostgreSQL binaries FAIL this test (`make test-deps` installs them).
"""
import asyncio
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp.test_utils import TestClient, TestServer

from bot import transcripts
from bot.review.db import get_engine
from bot.web.app import create_app
from tests import test_review_helpers as helpers

pytestmark = pytest.mark.postgres


def pg_bin_dir() -> Path:
    preferred = Path("/usr/lib/postgresql/15/bin")
    if (preferred / "initdb").exists():
        return preferred
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin: "
                "install them with `make test-deps` or `apt-get install -y postgresql`", pytrace=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Postgres:
    def __init__(self):
        self.bin = pg_bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="coach-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        os.chmod(self.root, 0o700)

    def run(self, *args, check=True):
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, cwd=self.root, capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            log = (self.root / "server.log")
            raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}\n"
                               + (log.read_text()[-2000:] if log.exists() else ""))
        return result

    def start(self) -> "Postgres":
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "server.log"),
                 "-w", "-t", "60", "start")
        return self

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def test_postgresql_is_installed():
    """Fails (never skips) with a clear message when the server binaries are missing."""
    assert (pg_bin_dir() / "pg_ctl").exists()


@pytest.fixture(scope="module")
def postgres():
    server = Postgres().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def seeded(postgres):
    """Role-plays written by Rasa's SQLTrackerStore into PostgreSQL (Rasa creates the database)."""
    from rasa.core.tracker_store import SQLTrackerStore

    store = SQLTrackerStore(helpers.domain(), dialect="postgresql", host="127.0.0.1", port=postgres.port,
                            db="coach", username="postgres", login_db="postgres")
    assert store.engine.dialect.name == "postgresql"
    conversations = asyncio.run(helpers.populate(store))
    store.engine.dispose()
    url = f"postgresql://postgres@127.0.0.1:{postgres.port}/coach"
    helpers.add_admin(url)
    yield url, helpers.expected_sessions(conversations)
    get_engine(url).dispose()


def test_transcripts_from_postgres(seeded):
    url, expected = seeded
    engine = get_engine(url)
    assert engine.dialect.name == "postgresql"
    sessions = transcripts.read_sessions(engine)
    assert {s["id"]: s for s in sessions} == expected
    # a server-side cursor in small batches gives the same rows
    rows = list(transcripts.iter_roleplay_events(engine, batch_size=3))
    assert len({r[3]["id"] for r in rows}) == len(expected)
    for sid, want in expected.items():
        assert transcripts.read_session(engine, sid) == want
    assert transcripts.read_session(engine, "_" * 32) is None

    # Rasa's table is untouched; ours sit beside it
    inspector = sa.inspect(engine)
    assert {"events", "trainers", "tokens", "overrides", "reviews"} <= set(inspector.get_table_names())
    assert [c["name"] for c in inspector.get_columns("events")] == [
        "id", "sender_id", "type_name", "timestamp", "intent_name", "action_name", "data"]


async def test_api_against_postgres(seeded):
    url, expected = seeded
    target = [s for s in expected.values() if s["trainee"] == "Alice" and s["outcome"] == "resolved"][0]
    path = f"/api/sessions/{target['id']}"
    async with TestClient(TestServer(create_app(url))) as client:
        assert (await client.get("/api/sessions")).status == 401
        response = await client.post("/api/login", json={"username": helpers.ADMIN, "password": "wrong-password"})
        assert response.status == 401
        response = await client.post("/api/login", json={"username": helpers.ADMIN, "password": helpers.ADMIN_PASSWORD})
        headers = {"Authorization": "Bearer " + (await response.json())["token"]}

        listed = await (await client.get("/api/sessions", headers=headers)).json()
        assert {s["id"] for s in listed} == set(expected)
        alice = await (await client.get("/api/sessions?trainee=ALICE&sort=overall", headers=headers)).json()
        assert [s["overall"] for s in alice] == [22, 41, 78]

        detail = await (await client.get(path, headers=headers)).json()
        assert [t["reply"] for t in detail["turns"]] == [t["reply"] for t in target["turns"]]
        assert detail["turns"][0]["evidence"]["apologizing"] == "I'm so sorry"

        for body in ({"turn": 2, "dimension": "listening", "value": True, "comment": "named the outage"},
                     {"turn": None, "dimension": "overall", "value": 85, "comment": "model answer"}):
            assert (await client.post(path + "/overrides", headers=headers, json=body)).status == 201
        bad = await client.post(path + "/overrides", headers=headers,
                                json={"turn": "2'; DROP TABLE events; --", "dimension": "listening", "value": True})
        assert bad.status == 400
        assert (await client.post(path + "/reviewed", headers=headers)).status == 200
        csv_text = await (await client.get("/api/sessions.csv", headers=headers)).text()
        assert len(csv_text.strip().splitlines()) == len(expected) + 1
        stats = await (await client.get("/api/stats/scenarios", headers=headers)).json()
        assert {row["scenario"]: row["sessions"] for row in stats}["queue_complaint"] == 3

    # a restarted app finds everything again
    get_engine(url).dispose()
    async with TestClient(TestServer(create_app(url))) as client:
        response = await client.post("/api/login", json={"username": helpers.ADMIN, "password": helpers.ADMIN_PASSWORD})
        headers = {"Authorization": "Bearer " + (await response.json())["token"]}
        detail = await (await client.get(path, headers=headers)).json()
        assert detail["reviewed"] is True
        assert detail["final"]["overall"] == 85 and detail["overall"] == 78
        assert detail["turns"][1]["final"]["listening"] is True
        assert detail["turns"][1]["verdict"]["dimensions"]["listening"]["detected"] is False
        assert [o["comment"] for o in detail["overrides"]] == ["named the outage", "model answer"]
        with get_engine(url).connect() as conn:
            assert conn.execute(sa.text("SELECT COUNT(*) FROM events")).scalar() > 0


def test_review_cli_against_postgres(seeded, capsys):
    from bot import cli

    url, expected = seeded
    assert cli.main(["review", "--database-url", url, "list", "--trainee", "Alice"]) == 0
    out = capsys.readouterr().out
    assert sum(1 for sid, s in expected.items() if sid in out) == 3
