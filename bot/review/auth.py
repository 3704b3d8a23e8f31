"""Trainer accounts and login tokens.

Passwords: scrypt (N=2^15, r=8, p=1) with a per-user random 16-byte salt, stored
as `scrypt$N$r$p$salt$hash` (base64), compared in constant time.
Tokens: 32 random bytes (urlsafe base64) handed to the client once; only their
sha256 is stored, with an expiry (TOKEN_TTL_SECONDS, default 8 hours).
"""
import base64
import hashlib
import hmac
import os
import re
import secrets
import time
from dataclasses import dataclass
from typing import List, Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.review.db import tokens, trainers

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024
DEFAULT_TOKEN_TTL = 8 * 3600
USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")

SCRYPT_N = 2 ** 15
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_DKLEN = 32
_MAXMEM = 256 * 1024 * 1024


class AccountError(ValueError):
    """A bad username/password or an account problem, with a message fit for users."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          dklen=dklen, maxmem=_MAXMEM)


def hash_password(password: str) -> str:
    check_password(password)
    salt = os.urandom(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_DKLEN)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """Constant-time check of `password` against a stored hash (False on any malformation)."""
    if not isinstance(password, str) or not isinstance(stored, str):
        return False
    if len(password) > MAX_PASSWORD_LENGTH:
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        n, r, p = int(n), int(r), int(p)
        salt = base64.b64decode(salt, validate=True)
        digest = base64.b64decode(digest, validate=True)
    except (ValueError, TypeError):
        return False
    if scheme != "scrypt" or not (2 <= n <= 2 ** 20 and 1 <= r <= 32 and 1 <= p <= 16) or not digest:
        return False
    try:
        candidate = _scrypt(password, salt, n, r, p, len(digest))
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(candidate, digest)


# a well-formed hash of a random password: unknown users cost as much as known ones
_DUMMY_HASH = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password(secrets.token_urlsafe(16))
    return _DUMMY_HASH


def normalize_username(username) -> str:
    if not isinstance(username, str):
        raise AccountError("username must be a string")
    username = username.strip().lower()
    if not USERNAME_RE.match(username):
        raise AccountError(
            "username must be 1-64 characters: letters, digits, '.', '_', '@' or '-' "
            "(starting with a letter or digit)"
        )
    return username


def check_password(password) -> None:
    if not isinstance(password, str) or not password:
        raise AccountError("password must not be empty")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"password must be at most {MAX_PASSWORD_LENGTH} characters")


def token_ttl() -> int:
    raw = os.environ.get("TOKEN_TTL_SECONDS", "").strip()
    try:
        ttl = int(raw) if raw else DEFAULT_TOKEN_TTL
    except ValueError:
        ttl = DEFAULT_TOKEN_TTL
    return ttl if ttl > 0 else DEFAULT_TOKEN_TTL


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass
class Trainer:
    id: int
    username: str
    created_at: float
    active_tokens: int = 0


@dataclass
class IssuedToken:
    token: str
    expires_at: float
    username: str


# --- accounts --------------------------------------------------------------
def add_trainer(engine: Engine, username: str, password: str) -> Trainer:
    username = normalize_username(username)
    hashed = hash_password(password)
    now = time.time()
    with engine.begin() as conn:
        exists = conn.execute(sa.select(trainers.c.id).where(trainers.c.username == username)).first()
        if exists:
            raise AccountError(f"trainer {username!r} already exists")
        result = conn.execute(trainers.insert().values(username=username, password_hash=hashed, created_at=now))
        return Trainer(result.inserted_primary_key[0], username, now)


def set_password(engine: Engine, username: str, password: str) -> None:
    username = normalize_username(username)
    hashed = hash_password(password)
    with engine.begin() as conn:
        row = conn.execute(sa.select(trainers.c.id).where(trainers.c.username == username)).first()
        if not row:
            raise AccountError(f"no trainer named {username!r}")
        conn.execute(trainers.update().where(trainers.c.id == row.id).values(password_hash=hashed))
        conn.execute(tokens.delete().where(tokens.c.trainer_id == row.id))  # log out everywhere


def remove_trainer(engine: Engine, username: str) -> bool:
    username = normalize_username(username)
    with engine.begin() as conn:
        row = conn.execute(sa.select(trainers.c.id).where(trainers.c.username == username)).first()
        if not row:
            return False
        conn.execute(tokens.delete().where(tokens.c.trainer_id == row.id))
        conn.execute(trainers.delete().where(trainers.c.id == row.id))
        return True


def list_trainers(engine: Engine) -> List[Trainer]:
    now = time.time()
    active = (
        sa.select(tokens.c.trainer_id, sa.func.count().label("n"))
        .where(tokens.c.expires_at > now)
        .group_by(tokens.c.trainer_id)
        .subquery()
    )
    query = (
        sa.select(trainers.c.id, trainers.c.username, trainers.c.created_at, active.c.n)
        .select_from(trainers.outerjoin(active, active.c.trainer_id == trainers.c.id))
        .order_by(trainers.c.username)
    )
    with engine.connect() as conn:
        return [Trainer(r.id, r.username, r.created_at, r.n or 0) for r in conn.execute(query)]


# --- login and tokens ------------------------------------------------------
def login(engine: Engine, username, password, ttl: Optional[int] = None) -> Optional[IssuedToken]:
    """A new token for the right username/password, else None (same cost either way)."""
    try:
        username = normalize_username(username)
    except AccountError:
        username = None
    if not isinstance(password, str) or len(password) > MAX_PASSWORD_LENGTH:
        password = ""
    row = None
    if username:
        with engine.connect() as conn:
            row = conn.execute(
                sa.select(trainers.c.id, trainers.c.password_hash).where(trainers.c.username == username)
            ).first()
    stored = row.password_hash if row else _dummy_hash()
    ok = verify_password(password, stored)
    if not (row and ok and password):
        return None
    now = time.time()
    expires_at = now + (ttl if ttl is not None else token_ttl())
    token = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(tokens.delete().where(tokens.c.expires_at <= now))  # tidy up
        conn.execute(tokens.insert().values(token_hash=token_hash(token), trainer_id=row.id,
                                            created_at=now, expires_at=expires_at))
    return IssuedToken(token, expires_at, username)


def authenticate(engine: Engine, token) -> Optional[dict]:
    """{"username", "expires_at"} for a valid, unexpired token, else None."""
    if not isinstance(token, str) or not (20 <= len(token) <= 200):
        return None
    query = (
        sa.select(trainers.c.username, tokens.c.expires_at)
        .select_from(tokens.join(trainers, trainers.c.id == tokens.c.trainer_id))
        .where(tokens.c.token_hash == token_hash(token))
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if not row or row.expires_at <= time.time():
        return None
    return {"username": row.username, "expires_at": row.expires_at}


def logout(engine: Engine, token: str) -> None:
    with engine.begin() as conn:
        conn.execute(tokens.delete().where(tokens.c.token_hash == token_hash(token)))
