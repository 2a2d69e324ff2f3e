"""A socket.io client that speaks to the bot the way the website widget does, recording what it hears."""

from __future__ import annotations

import queue
from typing import Any, Optional

import socketio

WAIT_SECONDS = 30


class WidgetClient:
    """Connects over HTTP long-polling; ``session_confirm`` and ``bot_uttered`` events are queued."""

    def __init__(self, url: str, origin: Optional[str]) -> None:
        self.sio = socketio.Client(reconnection=False)
        self.confirmed: queue.Queue[Any] = queue.Queue()
        self.heard: queue.Queue[dict[str, Any]] = queue.Queue()
        self.sio.on("session_confirm", self.confirmed.put)
        self.sio.on("bot_uttered", self.heard.put)
        headers = {"Origin": origin} if origin else {}
        self.sio.connect(url, headers=headers, transports=["polling"], socketio_path="/socket.io", wait_timeout=20)

    def request_session(self, offered: Any = None) -> str:
        self.sio.emit("session_request", {"session_id": offered})
        return str(self.confirmed.get(timeout=WAIT_SECONDS))

    def say(self, payload: Any) -> None:
        self.sio.emit("user_uttered", payload)

    def next_text(self) -> str:
        return str(self.heard.get(timeout=WAIT_SECONDS).get("text", ""))

    def heard_nothing_for(self, seconds: float) -> bool:
        try:
            self.heard.get(timeout=seconds)
        except queue.Empty:
            return True
        return False

    def close(self) -> None:
        self.sio.disconnect()
