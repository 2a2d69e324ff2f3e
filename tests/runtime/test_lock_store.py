"""The production lock store: two servers sharing one conversation's ticket lock in a real Redis."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Callable, Iterator

import pytest
from rasa.core.lock_store import LockStore
from rasa.utils.endpoints import EndpointConfig, read_endpoint_config

from runtime.lock_store import AtomicRedisLockStore
from tests.servers import local_redis

ROOT = Path(__file__).resolve().parents[2]
REDIS_DB = 14
ROUNDS = 200


@pytest.fixture()
def prefix() -> Iterator[str]:
    client = local_redis(REDIS_DB)
    prefix = f"locktest{uuid.uuid4().hex[:8]}"
    yield prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def server(prefix: str) -> AtomicRedisLockStore:
    """One Rasa server's lock store: its own Redis connection, the shared key prefix."""
    config = EndpointConfig(url="127.0.0.1", port=6379, db=REDIS_DB, key_prefix=prefix)
    return AtomicRedisLockStore(endpoint_config=config)


def side_by_side(*work: Callable[[], None]) -> None:
    threads = [threading.Thread(target=job) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_two_servers_issuing_tickets_at_once_never_share_a_number(prefix: str) -> None:
    first, second = server(prefix), server(prefix)
    issued: dict[str, list[int]] = {"first": [], "second": []}

    def issue(store: AtomicRedisLockStore, name: str) -> Callable[[], None]:
        return lambda: issued[name].extend(store.issue_ticket("both") for _ in range(ROUNDS))

    side_by_side(issue(first, "first"), issue(second, "second"))
    assert sorted(issued["first"] + issued["second"]) == list(range(2 * ROUNDS))
    assert [t.number for t in first.get_lock("both").tickets] == list(range(2 * ROUNDS))


def test_a_cleanup_on_one_server_never_drops_a_ticket_the_other_just_issued(prefix: str) -> None:
    first, second = server(prefix), server(prefix)
    kept: list[int] = []

    def come_and_go() -> None:
        for _ in range(ROUNDS):
            first.cleanup("both", first.issue_ticket("both"))

    def wait_in_line() -> None:
        for _ in range(ROUNDS):
            kept.append(second.issue_ticket("both"))
            second.update_lock("both")

    side_by_side(come_and_go, wait_in_line)
    assert [t.number for t in second.get_lock("both").tickets] == kept
    for number in kept:
        second.cleanup("both", number)
    assert second.get_lock("both") is None


def test_a_served_ticket_passes_the_lock_to_the_next_in_line(prefix: str) -> None:
    store = server(prefix)
    first, second = store.issue_ticket("conv"), store.issue_ticket("conv")
    assert (store.get_lock("conv").is_locked(first), store.get_lock("conv").is_locked(second)) == (False, True)
    store.cleanup("conv", first)
    assert store.get_lock("conv").is_locked(second) is False
    store.cleanup("conv", second)
    assert store.get_lock("conv") is None


def test_the_production_profile_loads_it_through_rasa(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in re.findall(r"\$\{(\w+)\}", (ROOT / "endpoints.production.yml").read_text()):
        monkeypatch.setenv(name, "5432")
    monkeypatch.setenv("ROLEWISE_REDIS_HOST", "127.0.0.1")
    monkeypatch.setenv("ROLEWISE_REDIS_PORT", "6379")
    monkeypatch.setenv("ROLEWISE_REDIS_DB", str(REDIS_DB))
    config = read_endpoint_config(str(ROOT / "endpoints.production.yml"), "lock_store")
    store = LockStore.create(config)
    assert type(store) is AtomicRedisLockStore
    assert store.key_prefix == "rolewise:lock:"
    assert store.red.connection_pool.connection_kwargs["db"] == REDIS_DB


HOLDER = """
import asyncio, sys
from rasa.utils.endpoints import EndpointConfig
from runtime.lock_store import AtomicRedisLockStore

async def hold() -> None:
    store = AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=6379, db={db}, key_prefix="{prefix}"))
    async with store.lock("conv"):
        print("held", flush=True)
        await asyncio.sleep(3600)

asyncio.run(hold())
"""


async def seconds_to_acquire(store: AtomicRedisLockStore, conversation_id: str) -> float:
    """How long ``store`` waited for the conversation's lock (then released at once)."""
    start = time.monotonic()
    async with store.lock(conversation_id):
        return time.monotonic() - start


def test_a_live_holder_keeps_its_ticket_past_the_lifetime_and_a_killed_one_loses_it_within_it(prefix: str) -> None:
    """A server holding a turn's lock for 3 s (three lifetimes) keeps it; once it is killed with
    SIGKILL the other server gets the lock about one lifetime (1 s) later, well within 2 s."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER.format(db=REDIS_DB, prefix=prefix)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        other = server(prefix)
        assert other.ticket_lifetime == 1.0

        async def try_for(seconds: float) -> bool:
            try:
                await asyncio.wait_for(seconds_to_acquire(other, "conv"), seconds)
                return True
            except asyncio.TimeoutError:
                return False

        assert asyncio.run(try_for(3.0)) is False
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        waited = asyncio.run(asyncio.wait_for(seconds_to_acquire(other, "conv"), 5.0))
        assert 0.5 <= waited <= 2.0, waited
    finally:
        holder.kill()
        holder.wait()
