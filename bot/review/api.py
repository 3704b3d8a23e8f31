"""The trainer review API (JSON under /api/), added to the web app by `setup_api`.

Every route except POST /api/login and GET /api/scenarios needs
`Authorization: Bearer <token>`. Errors are JSON `{"error": "..."}` with a 4xx/5xx
status and never carry stack traces or SQL. See docs/api.md.
"""
import asyncio
import functools
import json
import logging
import time
from collections import defaultdict, deque
from typing import Callable, Deque, Dict, Optional

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from bot.review.service import Filters, NotFound, ReviewService, ValidationError, iso

logger = logging.getLogger(__name__)

SERVICE = web.AppKey("review_service", ReviewService)
THROTTLE = web.AppKey("review_login_throttle", object)

MAX_FAILURES = {"user": 10, "addr": 30}  # failed logins per username / per client address ...
FAILURE_WINDOW = 15 * 60  # ... within this many seconds, before 429

REVIEW_PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

STATUS_MESSAGES = {
    400: "bad request",
    401: "login required",
    403: "forbidden",
    404: "not found",
    405: "method not allowed",
    413: "request body too large (at most 64 KiB)",
    415: "unsupported media type",
}


class ApiError(Exception):
    def __init__(self, status: int, message: str, headers: Optional[dict] = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)


def json_response(data, status: int = 200, headers: Optional[dict] = None) -> web.Response:
    return web.json_response(data, status=status, headers=headers, dumps=_dumps)


def json_error(status: int, message: str, headers: Optional[dict] = None) -> web.Response:
    return json_response({"error": message}, status=status, headers=headers)


@web.middleware
async def review_middleware(request: web.Request, handler: Callable) -> web.StreamResponse:
    """JSON errors (no stack traces, no SQL) for /api/; security headers for /api/ and /review."""
    path = request.path
    if path == "/review" or path.startswith("/static/review/"):
        response = await handler(request)
        response.headers.setdefault("Content-Security-Policy", REVIEW_PAGE_CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response
    if not path.startswith("/api/"):
        return await handler(request)
    try:
        response = await handler(request)
    except ApiError as exc:
        response = json_error(exc.status, exc.message, exc.headers)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        message = STATUS_MESSAGES.get(exc.status, exc.reason or "error")
        headers = {k: v for k, v in exc.headers.items() if k.lower() in ("allow", "www-authenticate")}
        response = json_error(exc.status, message, headers)
    except SQLAlchemyError:
        logger.exception("database error on %s %s", request.method, path)
        response = json_error(503, "the database is unavailable; try again shortly")
    except (asyncio.CancelledError, KeyboardInterrupt):
        raise
    except Exception:  # noqa: BLE001 - logged here, never shown to the client
        logger.exception("error on %s %s", request.method, path)
        response = json_error(500, "internal error")
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response


async def run(func, *args, **kwargs):
    """Run blocking database work in the thread pool."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(func, *args, **kwargs))


def service_of(request: web.Request) -> ReviewService:
    return request.app[SERVICE]


async def read_json(request: web.Request, required: bool = True):
    raw = await request.read()  # aiohttp raises 413 past client_max_size
    if not raw.strip():
        if required:
            raise ApiError(400, "a JSON body is required")
        return None
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiError(400, "malformed JSON body") from None


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON")


def bearer_token(request: web.Request) -> Optional[str]:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token


def trainer_required(handler):
    @functools.wraps(handler)
    async def wrapper(request: web.Request):
        token = bearer_token(request)
        challenge = {"WWW-Authenticate": 'Bearer realm="review"'}
        if token is None:
            raise ApiError(401, "login required: send Authorization: Bearer <token>", challenge)
        who = await run(service_of(request).authenticate, token)
        if who is None:
            raise ApiError(401, "invalid or expired token: log in again", challenge)
        request["trainer"] = who
        return await handler(request)

    return wrapper


def session_id_of(request: web.Request) -> str:
    return request.match_info["session_id"]


async def call(func, *args):
    try:
        return await run(func, *args)
    except ValidationError as exc:
        raise ApiError(400, str(exc)) from None
    except NotFound as exc:
        raise ApiError(404, str(exc)) from None


# --- login ------------------------------------------------------------------
class LoginThrottle:
    def __init__(self):
        self.failures: Dict[str, Deque[float]] = defaultdict(deque)

    def _recent(self, key: str, now: float) -> Deque[float]:
        bucket = self.failures[key]
        while bucket and bucket[0] <= now - FAILURE_WINDOW:
            bucket.popleft()
        if not bucket:
            del self.failures[key]
            return deque()
        return bucket

    def blocked(self, keys, now: float) -> Optional[int]:
        for key in keys:
            bucket = self._recent(key, now)
            if len(bucket) >= MAX_FAILURES[key.split(":", 1)[0]]:
                return int(bucket[0] + FAILURE_WINDOW - now) + 1
        return None

    def fail(self, keys, now: float) -> None:
        for key in keys:
            self.failures[key].append(now)

    def succeed(self, keys) -> None:
        for key in keys:
            self.failures.pop(key, None)


async def login(request: web.Request) -> web.Response:
    body = await read_json(request)
    if not isinstance(body, dict):
        raise ApiError(400, "the body must be a JSON object with 'username' and 'password'")
    username, password = body.get("username"), body.get("password")
    if not isinstance(username, str) or not isinstance(password, str) or not username or not password:
        raise ApiError(400, "'username' and 'password' are required strings")
    if len(username) > 200 or len(password) > 1024:
        raise ApiError(401, "wrong username or password")
    throttle: LoginThrottle = request.app[THROTTLE]
    keys = ["user:" + username.strip().lower(), "addr:" + (request.remote or "?")]
    now = time.time()
    wait = throttle.blocked(keys, now)
    if wait:
        raise ApiError(429, "too many failed logins; try again later", {"Retry-After": str(wait)})
    issued = await run(service_of(request).login, username, password)
    if issued is None:
        throttle.fail(keys, now)
        raise ApiError(401, "wrong username or password")
    throttle.succeed(keys[:1])
    return json_response({
        "token": issued.token,
        "expires_at": iso(issued.expires_at),
        "expires_in": max(0, int(issued.expires_at - time.time())),
        "username": issued.username,
    })


@trainer_required
async def logout(request: web.Request) -> web.Response:
    await run(service_of(request).logout, bearer_token(request))
    return json_response({"ok": True})


@trainer_required
async def me(request: web.Request) -> web.Response:
    who = request["trainer"]
    return json_response({"username": who["username"], "expires_at": iso(who["expires_at"])})


# --- sessions -----------------------------------------------------------------
def filters_of(request: web.Request) -> Filters:
    try:
        return Filters(request.query)
    except ValidationError as exc:
        raise ApiError(400, str(exc)) from None


@trainer_required
async def list_sessions(request: web.Request) -> web.Response:
    filters = filters_of(request)
    sessions = await call(service_of(request).list_sessions, filters)
    return json_response(sessions)


@trainer_required
async def sessions_csv(request: web.Request) -> web.Response:
    filters = filters_of(request)
    text = await call(service_of(request).sessions_csv, filters)
    return web.Response(
        text=text,
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": 'attachment; filename="sessions.csv"'},
    )


@trainer_required
async def get_session(request: web.Request) -> web.Response:
    session = await call(service_of(request).get_session, session_id_of(request))
    return json_response(session)


@trainer_required
async def add_override(request: web.Request) -> web.Response:
    session_id = session_id_of(request)
    body = await read_json(request)
    override = await call(service_of(request).add_override, session_id, request["trainer"]["username"], body)
    return json_response(override, status=201)


@trainer_required
async def mark_reviewed(request: web.Request) -> web.Response:
    session_id = session_id_of(request)
    body = await read_json(request, required=False)
    reviewed = True
    if body is not None:
        if not isinstance(body, dict):
            raise ApiError(400, "the body must be a JSON object such as {\"reviewed\": true}")
        reviewed = body.get("reviewed", True)
        if not isinstance(reviewed, bool):
            raise ApiError(400, "'reviewed' must be true or false")
    result = await call(service_of(request).set_reviewed, session_id, request["trainer"]["username"], reviewed)
    return json_response(result)


@trainer_required
async def progress(request: web.Request) -> web.Response:
    trainee = request.query.get("trainee")
    if trainee is not None and len(trainee) > 200:
        raise ApiError(400, "'trainee' is too long")
    return json_response(await call(service_of(request).progress, trainee))


@trainer_required
async def scenario_stats(request: web.Request) -> web.Response:
    return json_response(await call(service_of(request).scenario_stats))


async def scenarios(request: web.Request) -> web.Response:
    """Public: the scenario cards for the chat page (no transcripts, no trainee data)."""
    try:
        cards = await run(service_of(request).scenario_cards)
    except Exception:  # noqa: BLE001 - e.g. a broken scenario file; logged, not shown
        logger.exception("cannot load the scenarios")
        raise ApiError(503, "the scenarios are unavailable") from None
    return json_response(cards, headers={"Cache-Control": "no-cache"})


# --- wiring -----------------------------------------------------------------------
async def _on_startup(app: web.Application) -> None:
    try:
        await run(app[SERVICE].ensure_ready)
    except Exception as exc:  # noqa: BLE001 - retried on the first request
        logger.warning("review tables not ready yet (%s); will retry", type(exc).__name__)


async def _on_cleanup(app: web.Application) -> None:
    app[SERVICE].engine.dispose()


def setup_api(app: web.Application, database_url: Optional[str] = None) -> ReviewService:
    """Add the review API routes (and their error handling) to the web app."""
    service = ReviewService(database_url)
    app[SERVICE] = service
    app[THROTTLE] = LoginThrottle()
    app.middlewares.append(review_middleware)
    app.on_startup.append(_on_startup)
    app.on_cleanup.append(_on_cleanup)
    r = app.router
    r.add_post("/api/login", login)
    r.add_post("/api/logout", logout)
    r.add_get("/api/me", me)
    r.add_get("/api/sessions", list_sessions)
    r.add_get("/api/sessions.csv", sessions_csv)
    r.add_get("/api/sessions/{session_id}", get_session)
    r.add_post("/api/sessions/{session_id}/overrides", add_override)
    r.add_post("/api/sessions/{session_id}/reviewed", mark_reviewed)
    r.add_get("/api/progress", progress)
    r.add_get("/api/stats/scenarios", scenario_stats)
    r.add_get("/api/scenarios", scenarios)
    return service
