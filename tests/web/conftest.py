"""Fixtures for the website widget: web/serve.py on a free port and a headless Chromium.

The browser is Debian's /usr/bin/chromium driven by the `playwright` package; Playwright never
downloads a browser here (install it with PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from playwright.sync_api import expect, sync_playwright

from tests.servers import ROOT, stop

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
ARTIFACTS = ROOT / "tests" / "artifacts"

expect.set_options(timeout=30_000)  # the default 5 s is short for a 2-core machine running Rasa too


@pytest.fixture(scope="session")
def web_url(tmp_path_factory: pytest.TempPathFactory, web_port: int) -> Iterator[str]:
    """`python web/serve.py --port PORT`, as a site owner would run it."""
    log = tmp_path_factory.mktemp("web") / "serve.log"
    port = web_port
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "web" / "serve.py"), "--port", str(port)],
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None:
                pytest.fail(f"web/serve.py exited early:\n{log.read_text()}")
            try:
                if requests.get(f"{url}/", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"web/serve.py did not answer in 30s:\n{log.read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        stop(server, seconds=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install -y chromium` (make browser does it).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Traffic:
    """Every URL the page asked for: HTTP requests (any frame) and WebSocket connections."""

    urls: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        """The URLs that went, or would have gone, to a host other than this machine."""
        outside = []
        for url in self.urls:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.scheme not in ("http", "https", "ws", "wss") or parts.hostname not in LOCAL_HOSTS:
                outside.append(url)
        return outside


@dataclass
class Page:
    page: object
    traffic: Traffic
    errors: list[str]


@pytest.fixture()
def page(browser) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    """A fresh browser context (empty localStorage) whose page records its traffic."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(30_000)
    traffic, errors = Traffic(), []
    context.on("request", lambda request: traffic.urls.append(request.url))
    page = context.new_page()
    page.on("websocket", lambda socket: traffic.urls.append(socket.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield Page(page, traffic, errors)
    finally:
        context.close()
