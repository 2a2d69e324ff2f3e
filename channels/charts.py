"""The profile charts, served by Rasa's own web server at ``GET /webhooks/charts/<pair>.png``.

Rasa adds routes only through input channels, so this is one (``credentials.yml``) whose
blueprint answers that one route and takes no messages. ``<pair>`` is ``kb.wording.chart.pair_key`` of
two role slugs (``buyer--plant-manager``); anything else is a 404. A chart is drawn once per pair
and KB build (``kb.wording.chart.profile_chart``, in a worker thread, one at a time) and kept under
``build/charts/<build id>/``; charts of older builds are removed when a new build's first chart
is drawn. The URL stays the same across builds, so a browser revalidates after ``max-age``.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from functools import partial
from http import HTTPStatus
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kb.wording.chart import parse_pair_key, profile_chart
from kb.db import BUILD_DIR, KnowledgeBaseUnavailable, open_existing
from kb.models import Role
from kb.queries import compare_all
from kb.snapshot import build_id
from kb.results import Comparison

logger = logging.getLogger(__name__)

CACHE = BUILD_DIR / "charts"
MAX_AGE = 3600
SUFFIX = ".png"


def chart_file(engine: Engine, key: str, cache: Path = CACHE) -> Optional[Path]:
    """The cached chart of the pair ``key`` names, drawn first if this KB build has none; None if no such pair."""
    slugs = parse_pair_key(key)
    if slugs is None:
        return None
    with Session(engine) as session:
        build = build_id(session) or "unbuilt"
        path = cache / build / f"{key}{SUFFIX}"
        if path.is_file():
            return path
        names = dict(session.execute(select(Role.slug, Role.name).where(Role.slug.in_(slugs))).all())
        if len(names) != 2:
            return None
        comparison = compare_all(session, names[slugs[0]], names[slugs[1]])
    if not isinstance(comparison, Comparison):
        return None
    if not path.parent.is_dir():
        for old in cache.glob("*"):
            if old.is_dir() and old.name != build:
                shutil.rmtree(old, ignore_errors=True)
    return profile_chart(comparison, path)


class ChartInput(InputChannel):
    """``GET /webhooks/charts/<pair>.png``; no other method or path."""

    @classmethod
    def name(cls) -> Text:
        return "charts"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls()

    def __init__(self, cache: Path = CACHE) -> None:
        self.cache = cache
        self._engine: Optional[Engine] = None
        self._drawing = asyncio.Lock()

    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = open_existing()
        return self._engine

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        charts = Blueprint("charts", __name__)

        @charts.route("/<name>", methods=["GET"])
        async def chart(_: Request, name: Text) -> HTTPResponse:
            if not name.endswith(SUFFIX):
                return response.text("Not found.", status=HTTPStatus.NOT_FOUND)
            try:
                engine = self.engine()
            except KnowledgeBaseUnavailable:
                logger.exception("Charts need the knowledge base.")
                return response.text("The knowledge base is not available.", status=HTTPStatus.SERVICE_UNAVAILABLE)
            async with self._drawing:  # matplotlib draws one picture at a time
                draw = partial(chart_file, engine, name[: -len(SUFFIX)], self.cache)
                path = await asyncio.get_running_loop().run_in_executor(None, draw)
            if path is None:
                return response.text("Not found.", status=HTTPStatus.NOT_FOUND)
            return await response.file(
                path,
                mime_type="image/png",
                headers={"Cache-Control": f"public, max-age={MAX_AGE}", "X-Content-Type-Options": "nosniff"},
            )

        return charts
