"""Starts the real product for end-to-end tests: action server, Rasa server
(REST + socket.io, SQL tracker store) and the web app, on free ports, with a
fresh database. Nothing is mocked."""
import json
import os
import secrets
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import List, Optional

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_json(url: str, payload=None, timeout: float = 60.0, headers=None):
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode() or "null")


def wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = 180.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except Exception:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up in {timeout:.0f}s:\n{log.read_text()[-3000:]}")


class Stack:
    """The three servers. `database` is a SQLite path, or a dict of PostgreSQL settings."""

    def __init__(self, workdir: Path, database=None, web: bool = True):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.token = secrets.token_urlsafe(16)
        self.action_port, self.rasa_port, self.web_port = free_port(), free_port(), free_port()
        self.rasa_url = f"http://127.0.0.1:{self.rasa_port}"
        self.web_url = f"http://127.0.0.1:{self.web_port}"
        self.with_web = web
        self.processes: List[subprocess.Popen] = []
        if database is None:
            database = self.workdir / "rasa.db"
        if isinstance(database, dict):
            self.tracker_store = {"type": "SQL", "dialect": "postgresql", **database}
            self.database_url = "postgresql://{username}:{password}@{url}:{port}/{db}".format(**database)
        else:
            self.tracker_store = {"type": "SQL", "dialect": "sqlite", "db": str(database)}
            self.database_url = f"sqlite:///{database}"
        self.endpoints = self.workdir / "endpoints.yml"
        self.endpoints.write_text(json.dumps({
            "action_endpoint": {"url": f"http://127.0.0.1:{self.action_port}/webhook"},
            "tracker_store": self.tracker_store,
        }))  # JSON is YAML

    def env(self) -> dict:
        env = dict(os.environ)
        env.update(PYTHONPATH=str(ROOT), DATABASE_URL=self.database_url, RASA_PORT=str(self.rasa_port),
                   TF_CPP_MIN_LOG_LEVEL="3", SANIC_REGISTER="False",
                   RASA_TELEMETRY_ENABLED="false")  # offline: Rasa must not phone home
        return env

    def _spawn(self, name: str, args: List[str]) -> subprocess.Popen:
        log = self.workdir / f"{name}.log"
        process = subprocess.Popen(args, cwd=ROOT, env=self.env(), stdout=open(log, "ab"), stderr=subprocess.STDOUT)
        process.log = log  # type: ignore[attr-defined]
        process.name = name  # type: ignore[attr-defined]
        self.processes.append(process)
        return process

    def start_actions(self) -> None:
        p = self._spawn("actions", [str(VENV_BIN / "rasa"), "run", "actions", "--actions", "actions",
                                    "--port", str(self.action_port)])
        wait_for(f"http://127.0.0.1:{self.action_port}/health", p, p.log)

    def start_rasa(self) -> None:
        p = self._spawn("rasa", [str(VENV_BIN / "rasa"), "run", "--model", str(ROOT / "models"),
                                 "--endpoints", str(self.endpoints), "--credentials", str(ROOT / "credentials.yml"),
                                 "--port", str(self.rasa_port), "--enable-api", "--auth-token", self.token,
                                 "--cors", "*"])
        wait_for(f"{self.rasa_url}/status?token={self.token}", p, p.log)

    def start_web(self) -> None:
        p = self._spawn("web", [str(VENV_BIN / "python"), "-m", "bot.web.app", "--host", "127.0.0.1",
                                "--port", str(self.web_port)])
        wait_for(f"{self.web_url}/", p, p.log)

    def start(self) -> "Stack":
        self.start_actions()
        self.start_rasa()
        if self.with_web:
            self.start_web()
        return self

    def stop_process(self, name: str) -> None:
        for p in [p for p in self.processes if p.name == name]:
            p.terminate()
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
            self.processes.remove(p)

    def stop(self) -> None:
        for name in ("rasa", "actions", "web"):
            self.stop_process(name)

    def restart(self) -> None:
        """Stop every server and start them again on the same ports and database."""
        self.stop()
        self.start()

    # --- talking to the bot over REST -------------------------------------
    def send(self, sender: str, message: str, timeout: float = 60.0) -> list:
        return http_json(f"{self.rasa_url}/webhooks/rest/webhook", {"sender": sender, "message": message}, timeout)

    def tracker(self, sender: str) -> dict:
        return http_json(f"{self.rasa_url}/conversations/{sender}/tracker?token={self.token}")

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.log.read_text()[-2000:]}" for p in self.processes)


def texts(messages: list) -> List[str]:
    return [m["text"] for m in messages if "text" in m]


def payload(messages: list, key: str) -> Optional[dict]:
    for m in messages:
        custom = m.get("custom")
        if isinstance(custom, dict) and key in custom:
            return custom[key]
    return None
