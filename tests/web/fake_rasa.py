"""A stand-in for Rasa's socket.io channel that answers every message with given bot messages.

It speaks the same events as ``rasa.core.channels.socketio`` (``session_request`` ->
``session_confirm``, ``user_uttered`` -> ``bot_uttered``), so the widget can be shown bot messages
the real bot never sends: Markdown links to ``javascript:``, raw HTML, remote images, metadata.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import socketio
from aiohttp import web


@contextmanager
def fake_rasa(replies: list[dict[str, Any]]) -> Iterator[str]:
    """Serve on a free 127.0.0.1 port until exit; yields the URL to give the widget."""
    sio = socketio.AsyncServer(async_mode="aiohttp", cors_allowed_origins="*")
    app = web.Application()
    sio.attach(app, socketio_path="/socket.io/")

    @sio.on("session_request")
    async def session_request(sid: str, data: Any) -> None:
        session_id = (data or {}).get("session_id") or uuid.uuid4().hex
        await sio.emit("session_confirm", session_id, room=sid)

    @sio.on("user_uttered")
    async def user_uttered(sid: str, data: Any) -> None:
        for reply in replies:
            await sio.emit("bot_uttered", reply, room=sid)

    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app)

    async def start() -> int:
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, shutdown_timeout=1.0)
        await site.start()
        return int(runner.addresses[0][1])

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    port = asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=30)

    async def stop() -> None:
        await runner.cleanup()
        tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        asyncio.run_coroutine_threadsafe(stop(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()
