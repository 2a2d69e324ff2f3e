"""Serve the Rolewise demo page and its chat widget, and nothing else.

    python web/serve.py --port 8080 --bot-url http://localhost:5005   # then open http://localhost:8080/

Routes (every other path, query aside, is a 404; there is no directory listing):

    /, /index.html               web/index.html, its role cards filled from the knowledge base and
                                 the bot's URL (--bot-url) in its rolewise-bot meta tag
    /rolewise-chat/webchat.js    rasa-webchat's bundle (web/node_modules/rasa-webchat/lib/index.js)
                                 followed by web/assets/rolewise-chat.js
    /rolewise-chat/webchat.css   web/assets/webchat.css
    /rolewise-chat/avatar.svg    web/assets/avatar.svg

The bundle's CSS @imports the Inter font from Google Fonts; that one URL is pointed at
/rolewise-chat/webchat.css, so the page makes no third-party request. The bundle is read and
checked once, at start-up: a bundle without that import (another rasa-webchat version) stops the
server rather than serving something unchecked. So does a knowledge base that is not built:
the page's role cards (the most asked-about roles, with the first sentence of their summary)
come from it, like every other word about roles.
"""

from __future__ import annotations

import argparse
import html
import re
import signal
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from kb.db import KnowledgeBaseUnavailable, open_existing
from kb.queries import common_roles
from kb.text import first_sentence
from runtime import settings

WEB = Path(__file__).resolve().parent
BUNDLE = WEB / "node_modules" / "rasa-webchat" / "lib" / "index.js"
ASSETS = WEB / "assets"
PREFIX = "/rolewise-chat"
FONT_IMPORT = "https://fonts.googleapis.com/css?family=Inter:400,500,700&display=swap"
LOCAL_CSS = f"{PREFIX}/webchat.css"
REMOTE_IMPORT = re.compile(rb"@import url\(\s*[\"']?(?:https?:)?//")

JS = "text/javascript; charset=utf-8"
ROLE_CARDS = b"<!-- role cards -->"
BOT_URL = b'<meta name="rolewise-bot" content="http://localhost:5005">'
CARDS = 3
IDLE_SECONDS = 30


class SetupError(RuntimeError):
    pass


def widget_bundle() -> bytes:
    """rasa-webchat's bundle with its font import made local, then the Rolewise additions."""
    if not BUNDLE.is_file():
        raise SetupError(f"{BUNDLE} is missing: run `npm ci --prefix web` first.")
    bundle = BUNDLE.read_bytes()
    if FONT_IMPORT.encode() not in bundle:
        raise SetupError(f"{BUNDLE} does not import {FONT_IMPORT}: is it rasa-webchat 1.0.1?")
    bundle = bundle.replace(FONT_IMPORT.encode(), LOCAL_CSS.encode())
    if REMOTE_IMPORT.search(bundle):
        raise SetupError(f"{BUNDLE} still @imports a stylesheet from another host.")
    return bundle + b"\n;\n" + (ASSETS / "rolewise-chat.js").read_bytes()


def role_cards(count: int = CARDS) -> bytes:
    """The most asked-about roles as cards, worded by the knowledge base."""
    try:
        engine = open_existing()
    except KnowledgeBaseUnavailable as problem:
        raise SetupError(f"{problem} Run `make kb` first.") from problem
    try:
        with Session(engine) as session:
            roles = common_roles(session, limit=count)
    finally:
        engine.dispose()
    cards = (
        f'<article class="role"><h3>{html.escape(r.name)}</h3><p>{html.escape(first_sentence(r.summary))}</p></article>'
        for r in roles
    )
    return "\n      ".join(cards).encode()


def page(bot_url: str | None = None) -> bytes:
    """The demo page with its role cards, talking to the bot at ``bot_url`` (the page's default when None)."""
    template = (WEB / "index.html").read_bytes()
    for placeholder in (ROLE_CARDS, BOT_URL):
        if placeholder not in template:
            raise SetupError(f"{WEB / 'index.html'} has no {placeholder.decode()} placeholder.")
    if bot_url is not None:
        tag = f'<meta name="rolewise-bot" content="{html.escape(bot_url, quote=True)}">'
        template = template.replace(BOT_URL, tag.encode())
    return template.replace(ROLE_CARDS, role_cards())


def routes(bot_url: str | None = None) -> dict[str, tuple[str, bytes]]:
    """Every path the server answers, with its content type and body, read once."""
    index = ("text/html; charset=utf-8", page(bot_url))
    return {
        "/": index,
        "/index.html": index,
        f"{PREFIX}/webchat.js": (JS, widget_bundle()),
        f"{PREFIX}/webchat.css": ("text/css; charset=utf-8", (ASSETS / "webchat.css").read_bytes()),
        f"{PREFIX}/avatar.svg": ("image/svg+xml", (ASSETS / "avatar.svg").read_bytes()),
    }


def make_handler(
    table: dict[str, tuple[str, bytes]], quiet: bool = False, idle_seconds: float = IDLE_SECONDS
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "rolewise-web"
        sys_version = ""
        timeout = idle_seconds  # a connection that sends nothing for this long is closed

        def _answer(self, with_body: bool) -> None:
            found = table.get(urlsplit(self.path).path)
            if found is None:
                body, content_type, status = b"Not found\n", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND
            else:
                (content_type, body), status = found, HTTPStatus.OK
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def do_GET(self) -> None:
            self._answer(with_body=True)

        def do_HEAD(self) -> None:
            self._answer(with_body=False)

        def log_message(self, format: str, *args: object) -> None:
            if not quiet:
                super().log_message(format, *args)

    return Handler


def _stop(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080)")
    parser.add_argument(
        "--host", default=settings.host(), help="address to listen on (default ROLEWISE_HOST or 127.0.0.1)"
    )
    parser.add_argument("--bot-url", help="the Rasa server the page's widget talks to (default http://localhost:5005)")
    parser.add_argument("--quiet", action="store_true", help="do not log each request")
    parser.add_argument(
        "--idle-seconds",
        type=float,
        default=IDLE_SECONDS,
        help=f"close connections idle this long (default {IDLE_SECONDS})",
    )
    args = parser.parse_args(argv)
    try:
        table = routes(args.bot_url)
    except SetupError as problem:
        print(problem, file=sys.stderr)
        return 1
    server = ThreadingHTTPServer((args.host, args.port), make_handler(table, args.quiet, args.idle_seconds))
    # SIGINT too: a shell starts background jobs (make run) with SIGINT ignored, so Ctrl-C would
    # otherwise reach this server only through the recipe's trap.
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, _stop)
    print(f"Serving the Rolewise demo page on http://{args.host}:{server.server_port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
