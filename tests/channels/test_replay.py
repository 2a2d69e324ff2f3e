"""Claims on Slack deliveries: once per key, kept across restarts (SQLite) and across servers (Redis)."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

import pytest
import redis

from channels.replay import REDIS_PREFIX, RedisSeen, SqliteSeen, seen_store
from tests.servers import local_redis

REDIS_DB = 15
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"


async def test_a_key_is_claimed_once(tmp_path: Path) -> None:
    seen = SqliteSeen(tmp_path / "seen.sqlite3")
    assert [await seen.claim("message:C1:1.0"), await seen.claim("message:C1:1.0")] == [True, False]
    assert await seen.claim("message:C1:2.0") is True


async def test_claims_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "seen.sqlite3"
    assert await SqliteSeen(path).claim("event:Ev1") is True
    assert await SqliteSeen(path).claim("event:Ev1") is False


async def test_claims_expire_after_their_time_to_live(tmp_path: Path) -> None:
    seen = SqliteSeen(tmp_path / "seen.sqlite3", ttl=1)
    assert await seen.claim("event:Ev2") is True
    time.sleep(1.1)
    assert await seen.claim("event:Ev2") is True


async def test_simultaneous_claims_of_one_key_let_exactly_one_through(tmp_path: Path) -> None:
    path = tmp_path / "seen.sqlite3"
    stores = [SqliteSeen(path) for _ in range(4)]
    results = await asyncio.gather(*(store.claim("message:C9:9.9") for store in stores for _ in range(5)))
    assert sorted(results) == [False] * 19 + [True]


@pytest.fixture()
def redis_key() -> str:
    client = local_redis(REDIS_DB)
    key = f"event:{uuid.uuid4().hex}"
    yield key
    client.delete(REDIS_PREFIX + key)


async def test_redis_claims_are_shared_between_servers_and_expire(redis_key: str) -> None:
    first, second = RedisSeen(REDIS_URL, ttl=60), RedisSeen(REDIS_URL, ttl=60)
    assert [await first.claim(redis_key), await second.claim(redis_key)] == [True, False]
    assert 0 < redis.Redis.from_url(REDIS_URL).ttl(REDIS_PREFIX + redis_key) <= 60


def test_redis_is_used_when_a_url_is_given(tmp_path: Path) -> None:
    assert isinstance(seen_store(REDIS_URL, tmp_path / "unused.sqlite3"), RedisSeen)
    assert isinstance(seen_store(None, tmp_path / "seen.sqlite3"), SqliteSeen)
    assert not (tmp_path / "unused.sqlite3").exists()
