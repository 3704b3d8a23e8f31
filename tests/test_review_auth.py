"""Trainer accounts: password hashing, tokens and their expiry, `bot trainer ...`."""
import hashlib
import io
import time

import pytest
import sqlalchemy as sa

from bot import cli
from bot.review import auth
from bot.review.db import get_engine, init_db, tokens, trainers


@pytest.fixture
def engine(tmp_path):
    url = f"sqlite:///{tmp_path / 'rasa.db'}"
    engine = get_engine(url)
    init_db(engine)
    yield engine
    engine.dispose()


# --- hashing ---------------------------------------------------------------------------
def test_password_hash_is_salted_scrypt():
    first, second = auth.hash_password("s3cret-enough"), auth.hash_password("s3cret-enough")
    assert first != second  # a random salt per hash
    scheme, n, r, p, salt, digest = first.split("$")
    assert scheme == "scrypt" and int(n) >= 2 ** 14 and int(r) >= 8
    assert "s3cret-enough" not in first
    assert auth.verify_password("s3cret-enough", first)
    assert auth.verify_password("s3cret-enough", second)
    assert not auth.verify_password("s3cret-enougH", first)
    assert not auth.verify_password("", first)


def test_verify_compares_in_constant_time(monkeypatch):
    stored = auth.hash_password("s3cret-enough")
    calls = []
    real = auth.hmac.compare_digest
    monkeypatch.setattr(auth.hmac, "compare_digest", lambda a, b: calls.append(1) or real(a, b))
    assert not auth.verify_password("wrong-password", stored)
    assert calls


@pytest.mark.parametrize("stored", ["", "plain", "scrypt$x$8$1$AA==$AA==", "md5$1$2$3$4$5",
                                    "scrypt$16384$8$1$!!!$AA==", "scrypt$1099511627776$8$1$AA==$AA=="])
def test_malformed_hashes_never_verify(stored):
    assert not auth.verify_password("anything-at-all", stored)


@pytest.mark.parametrize("password", ["", "short", "1234567", None, 12345678])
def test_short_or_empty_passwords_are_refused(password):
    with pytest.raises(auth.AccountError):
        auth.hash_password(password)


# --- accounts and tokens ----------------------------------------------------------------
def test_add_login_remove(engine):
    auth.add_trainer(engine, "Coach", "long enough pw")
    with pytest.raises(auth.AccountError):
        auth.add_trainer(engine, "coach", "another password")  # usernames are case-insensitive
    assert [t.username for t in auth.list_trainers(engine)] == ["coach"]

    assert auth.login(engine, "coach", "wrong password") is None
    assert auth.login(engine, "nobody", "long enough pw") is None
    issued = auth.login(engine, "COACH", "long enough pw")
    assert issued and issued.username == "coach"
    assert auth.authenticate(engine, issued.token)["username"] == "coach"
    assert auth.list_trainers(engine)[0].active_tokens == 1

    # only a hash of the token is stored
    with engine.connect() as conn:
        rows = conn.execute(sa.select(tokens)).all()
    assert len(rows) == 1
    assert rows[0].token_hash == hashlib.sha256(issued.token.encode()).hexdigest()
    assert issued.token not in repr(rows)

    assert auth.remove_trainer(engine, "coach")
    assert auth.authenticate(engine, issued.token) is None  # logged out with the account
    assert not auth.remove_trainer(engine, "coach")


def test_tokens_expire(engine, monkeypatch):
    auth.add_trainer(engine, "coach", "long enough pw")
    monkeypatch.setenv("TOKEN_TTL_SECONDS", "60")
    issued = auth.login(engine, "coach", "long enough pw")
    assert 55 < issued.expires_at - time.time() <= 60
    assert auth.authenticate(engine, issued.token)
    real_time = time.time
    monkeypatch.setattr(auth.time, "time", lambda: real_time() + 61)
    assert auth.authenticate(engine, issued.token) is None


def test_default_ttl_is_eight_hours(monkeypatch):
    monkeypatch.delenv("TOKEN_TTL_SECONDS", raising=False)
    assert auth.token_ttl() == 8 * 3600
    monkeypatch.setenv("TOKEN_TTL_SECONDS", "nonsense")
    assert auth.token_ttl() == 8 * 3600
    monkeypatch.setenv("TOKEN_TTL_SECONDS", "120")
    assert auth.token_ttl() == 120


def test_logout_and_garbage_tokens(engine):
    auth.add_trainer(engine, "coach", "long enough pw")
    issued = auth.login(engine, "coach", "long enough pw")
    for junk in (None, "", "x", "' OR 1=1 --" * 3, issued.token + "x", 42):
        assert auth.authenticate(engine, junk) is None
    auth.logout(engine, issued.token)
    assert auth.authenticate(engine, issued.token) is None


def test_password_change_logs_out(engine):
    auth.add_trainer(engine, "coach", "long enough pw")
    issued = auth.login(engine, "coach", "long enough pw")
    auth.set_password(engine, "coach", "a brand new one")
    assert auth.authenticate(engine, issued.token) is None
    assert auth.login(engine, "coach", "long enough pw") is None
    assert auth.login(engine, "coach", "a brand new one")


@pytest.mark.parametrize("name", ["", " ", "a b", "x" * 65, "<script>", "-leading", "名字"])
def test_bad_usernames(engine, name):
    with pytest.raises(auth.AccountError):
        auth.add_trainer(engine, name, "long enough pw")


# --- `bot trainer ...` -----------------------------------------------------------------------
class FakeStdin(io.StringIO):
    def __init__(self, text, tty=False):
        super().__init__(text)
        self.tty = tty

    def isatty(self):
        return self.tty


def run_cli(monkeypatch, args, stdin="", tty=False):
    monkeypatch.setattr("sys.stdin", FakeStdin(stdin, tty))
    return cli.main(args)


def test_trainer_cli(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'rasa.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert run_cli(monkeypatch, ["trainer", "add", "Alice"], "password-from-stdin\n") == 0
    assert "added" in capsys.readouterr().out
    assert run_cli(monkeypatch, ["trainer", "add", "alice"], "password-from-stdin\n") == 1
    assert "already exists" in capsys.readouterr().err
    assert run_cli(monkeypatch, ["trainer", "add", "bob"], "short\n") == 1
    assert "at least 8" in capsys.readouterr().err
    assert run_cli(monkeypatch, ["trainer", "add", "bob"], "") == 1
    assert "empty" in capsys.readouterr().err

    # from a terminal: getpass, asked twice
    answers = iter(["typed-in-secret", "typed-in-secret"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert run_cli(monkeypatch, ["trainer", "add", "carol"], tty=True) == 0
    answers = iter(["typed-in-secret", "different-secret"])
    assert run_cli(monkeypatch, ["trainer", "add", "dave"], tty=True) == 1
    assert "do not match" in capsys.readouterr().err

    assert run_cli(monkeypatch, ["trainer", "list"]) == 0
    listed = capsys.readouterr().out
    assert "alice" in listed and "carol" in listed and "bob" not in listed and "dave" not in listed
    assert "password" not in listed

    engine = get_engine(url)
    assert auth.login(engine, "alice", "password-from-stdin")
    assert auth.login(engine, "carol", "typed-in-secret")
    with engine.connect() as conn:
        hashes = [row.password_hash for row in conn.execute(sa.select(trainers))]
    assert all(h.startswith("scrypt$") and "secret" not in h for h in hashes)

    assert run_cli(monkeypatch, ["trainer", "remove", "alice"]) == 0
    assert run_cli(monkeypatch, ["trainer", "remove", "alice"]) == 1
    assert "no trainer" in capsys.readouterr().err
    assert run_cli(monkeypatch, ["trainer", "--database-url", f"sqlite:///{tmp_path / 'other.db'}", "list"]) == 0
    assert "no trainers yet" in capsys.readouterr().out
