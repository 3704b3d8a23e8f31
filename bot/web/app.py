"""aiohttp application serving the chat page (/), the review page (/review) and the API (/api/...).

The chat page talks to Rasa's socket.io channel directly (port 5005 by default);
this app only serves files, the page configuration and the trainer API.
"""
import argparse
import os
from pathlib import Path

from aiohttp import web

STATIC = Path(__file__).parent / "static"


def page(path: Path):
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.FileResponse(path, headers={"Cache-Control": "no-cache"})

    return handler


async def page_config(request: web.Request) -> web.Response:
    """Where the browser finds Rasa's socket.io server (same host, Rasa's port)."""
    return web.json_response(
        {
            "rasa_port": int(os.environ.get("RASA_PORT", "5005")),
            "rasa_url": os.environ.get("RASA_PUBLIC_URL", ""),
            "socket_path": "/socket.io",
        }
    )


def create_app(database_url: str = None) -> web.Application:
    app = web.Application(client_max_size=64 * 1024)
    app.router.add_get("/", page(STATIC / "chat" / "index.html"))
    app.router.add_get("/review", page(STATIC / "review" / "index.html"))
    app.router.add_get("/config.json", page_config)
    app.router.add_static("/static/", STATIC, follow_symlinks=False)
    try:  # the trainer API (issue 5); absent until that module exists
        from bot.review.api import setup_api
    except ImportError:
        setup_api = None
    if setup_api:
        setup_api(app, database_url)
    return app


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Service Coach web app")
    parser.add_argument("--host", default=os.environ.get("WEB_HOST", "0.0.0.0"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8000")))
    args = parser.parse_args(argv)
    web.run_app(create_app(), host=args.host, port=args.port, print=None)


if __name__ == "__main__":
    main()
