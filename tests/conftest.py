import json
from pathlib import Path

import pytest

from tests.servers import Stack

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """The real product (actions + Rasa + web app) on free ports with a fresh SQLite tracker store."""
    servers = Stack(tmp_path_factory.mktemp("stack")).start()
    yield servers
    servers.stop()


def load_fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text())
