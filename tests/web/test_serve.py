"""web/serve.py serves the demo page, the widget bundle and its two assets, and nothing else."""

from __future__ import annotations

import html
import http.client
import importlib.util
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

import pytest
from sqlalchemy.orm import Session

from kb.db import open_existing
from kb.queries import common_roles
from kb.text import first_sentence
from tests.servers import ROOT, clean_env, free_port, stop

FONT_IMPORT = b"https://fonts.googleapis.com/css?family=Inter:400,500,700&display=swap"


def load_serve() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rolewise_web_serve", ROOT / "web" / "serve.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fetch(base: str, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """The path exactly as given: no client-side clean-up of `..` or escapes."""
    url = urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("path", ["/", "/index.html", "/?rasa=http://127.0.0.1:5005"])
def test_the_page(web_url: str, path: str) -> None:
    status, headers, body = fetch(web_url, path)
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert body == load_serve().page()
    assert b"Rolewise \xe2\x80\x94 compare operations roles" in body and b"WebChat.default(" in body


def test_the_role_cards_are_the_most_asked_about_roles_worded_by_the_knowledge_base(web_url: str) -> None:
    _, _, body = fetch(web_url, "/")
    with Session(open_existing()) as session:
        roles = common_roles(session, limit=3)
    assert len(roles) == 3 and b"<!-- role cards -->" not in body
    for role in roles:
        card = f'<article class="role"><h3>{role.name}</h3><p>{html.escape(first_sentence(role.summary))}</p></article>'
        assert card.encode() in body


def test_without_a_knowledge_base_the_page_is_not_served(tmp_path: Path) -> None:
    missing = f"sqlite:///{tmp_path / 'nothing.sqlite3'}"
    result = subprocess.run(
        [sys.executable, str(ROOT / "web" / "serve.py"), "--port", "0"],
        env={**clean_env(), "DATABASE_URL": missing},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "DATABASE_URL" in result.stderr and "make kb" in result.stderr


def test_the_widget_bundle_is_rasa_webchat_with_a_local_font_import_and_the_rolewise_hooks(web_url: str) -> None:
    status, headers, body = fetch(web_url, "/rolewise-chat/webchat.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript")
    upstream = (ROOT / "web" / "node_modules" / "rasa-webchat" / "lib" / "index.js").read_bytes()
    assert FONT_IMPORT in upstream
    assert body.startswith(upstream.replace(FONT_IMPORT, b"/rolewise-chat/webchat.css"))
    assert body.endswith((ROOT / "web" / "assets" / "rolewise-chat.js").read_bytes())
    assert b"fonts.googleapis.com" not in body


@pytest.mark.parametrize(
    ("path", "content_type", "source"),
    [
        ("/rolewise-chat/webchat.css", "text/css", "assets/webchat.css"),
        ("/rolewise-chat/avatar.svg", "image/svg+xml", "assets/avatar.svg"),
    ],
)
def test_the_assets(web_url: str, path: str, content_type: str, source: str) -> None:
    status, headers, body = fetch(web_url, path)
    assert status == 200 and headers["content-type"].startswith(content_type)
    assert body == (ROOT / "web" / source).read_bytes()


def test_head_answers_without_a_body(web_url: str) -> None:
    status, headers, body = fetch(web_url, "/", method="HEAD")
    assert status == 200 and int(headers["content-length"]) > 0 and body == b""


@pytest.mark.parametrize(
    "path",
    [
        "/../pyproject.toml",
        "/%2e%2e/pyproject.toml",
        "/index.html/../../pyproject.toml",
        "/pyproject.toml",
        "/web/",
        "/web/serve.py",
        "/serve.py",
        "/package.json",
        "/node_modules/rasa-webchat/lib/index.js",
        "/assets/avatar.svg",
        "/rolewise-chat/",
        "/rolewise-chat/rolewise-chat.js",
        "/favicon.ico",
        "//etc/passwd",
    ],
)
def test_anything_else_is_not_found(web_url: str, path: str) -> None:
    status, _, body = fetch(web_url, path)
    assert status == 404
    assert b"[tool." not in body and b"root:" not in body


def test_a_missing_bundle_stops_the_server_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    serve = load_serve()
    monkeypatch.setattr(serve, "BUNDLE", tmp_path / "index.js")
    assert serve.main(["--port", "0"]) == 1
    assert "npm ci --prefix web" in capsys.readouterr().err


def test_a_bundle_without_the_expected_font_import_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    serve = load_serve()
    other = tmp_path / "index.js"
    other.write_text("@import url(https://fonts.example.com/other.css);")
    monkeypatch.setattr(serve, "BUNDLE", other)
    with pytest.raises(serve.SetupError, match=r"rasa-webchat 1\.0\.1"):
        serve.widget_bundle()


def test_the_page_talks_to_the_bot_it_was_started_with() -> None:
    serve = load_serve()
    body = serve.page("http://127.0.0.1:5205")
    assert b'<meta name="rolewise-bot" content="http://127.0.0.1:5205">' in body
    assert b"http://localhost:5005" not in body
    quoted = serve.page('http://x"><script>alert(1)</script>')
    assert b'<meta name="rolewise-bot" content="http://x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">' in quoted


def test_an_idle_connection_is_closed(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "web" / "serve.py"), "--port", str(port), "--idle-seconds", "1"],
        env=clean_env(),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=1)
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, log.read_text()
                time.sleep(0.2)
        connection.settimeout(10)
        started = time.monotonic()
        assert connection.recv(1) == b""  # the server hung up on a client that sent nothing
        assert time.monotonic() - started < 5
        connection.close()
    finally:
        stop(server, seconds=10)
