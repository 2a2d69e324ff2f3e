"""Remembering which Slack deliveries were already handled, across restarts and across servers.

Slack retries an event it thinks was missed, and delivers one @mention twice (as ``app_mention``
and as ``message``, same channel and ``ts``). Each delivery is claimed under a key; only the first
claim of a key within ``ttl`` seconds succeeds:

- ``RedisSeen`` (``ROLEWISE_REDIS_URL`` set): ``SET key 1 NX EX ttl``, shared by every server;
- ``SqliteSeen`` (the embedded default): a table in ``build/slack_events.sqlite3``, kept across restarts.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path
from typing import Optional, Protocol


DEFAULT_TTL_SECONDS = 24 * 3600
REDIS_PREFIX = "rolewise:slack:seen:"


class Seen(Protocol):
    async def claim(self, key: str) -> bool:
        """True the first time ``key`` is claimed within the time to live; False after that."""


class RedisSeen:
    """Claims kept in Redis with a time to live, shared by every server that uses the same Redis."""

    def __init__(self, url: str, ttl: int = DEFAULT_TTL_SECONDS) -> None:
        import redis.asyncio

        self.client = redis.asyncio.Redis.from_url(url)
        self.ttl = ttl

    async def claim(self, key: str) -> bool:
        return bool(await self.client.set(REDIS_PREFIX + key, b"1", nx=True, ex=self.ttl))


class SqliteSeen:
    """Claims kept in an SQLite file, so a restarted server still knows what it answered."""

    def __init__(self, path: Path, ttl: int = DEFAULT_TTL_SECONDS) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.ttl = path, ttl
        with self._connect() as connection:
            connection.execute("CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, expires REAL NOT NULL)")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10, isolation_level=None)

    def _claim(self, key: str) -> bool:
        now = time.time()
        connection = self._connect()
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("DELETE FROM seen WHERE expires < ?", (now,))
            inserted = connection.execute(
                "INSERT OR IGNORE INTO seen (key, expires) VALUES (?, ?)", (key, now + self.ttl)
            ).rowcount
            connection.execute("COMMIT")
        finally:
            connection.close()
        return inserted == 1

    async def claim(self, key: str) -> bool:
        return await asyncio.to_thread(self._claim, key)


def seen_store(redis_url: Optional[str], sqlite_path: Path) -> Seen:
    """Redis when a URL is given (``ROLEWISE_REDIS_URL``), otherwise the SQLite file."""
    return RedisSeen(redis_url) if redis_url else SqliteSeen(sqlite_path)
