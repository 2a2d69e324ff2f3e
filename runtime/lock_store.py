"""The lock store the production profile uses (``lock_store: type`` in endpoints.production.yml).

Rasa's ``RedisLockStore`` keeps each conversation's ticket lock as one JSON value and changes it by
reading it, changing it in Python and writing it back. Two Rasa servers doing that at the same
moment overwrite each other: both can issue the same ticket number (and then process the same
conversation at once, so one turn's events are lost from the tracker), a cleanup can delete a
ticket another server has just issued, and the waiters' expiry sweep can drop a new ticket.

``AtomicRedisLockStore`` is that same store, same keys and same value format, with every
read-modify-write done as a Redis transaction (``WATCH``/``MULTI``/``EXEC`` through redis-py's
``Redis.transaction``, retried when another client changed the key in between).

Its tickets are short-lived and kept alive. Rasa issues every ticket for ``TICKET_LOCK_LIFETIME``
(60 s) and never renews it, so a server killed mid-turn leaves a ticket that makes the other
servers wait up to a minute for that conversation, and a turn longer than the lifetime loses its
lock. Here a ticket lives ``ticket_lifetime`` seconds (endpoints: default 1.0) and a thread of the
process holding it (waiting or served) extends it every ``ticket_lifetime / 5`` seconds with one
atomic Redis script per ticket. A live server's tickets never expire; a dead server's expire
``ticket_lifetime`` seconds after its last renewal. Waiting servers look again every
``poll_seconds`` (default 0.1; Rasa waits 1 s), so the next turn of that conversation starts
about ``ticket_lifetime + poll_seconds`` seconds after the kill.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from contextlib import asynccontextmanager
from typing import AsyncGenerator, Callable, Optional, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

TICKET_LIFETIME_S = 1.0
POLL_S = 0.1
RENEWALS_PER_LIFETIME = 5

# KEYS[1] the lock; ARGV[1] a ticket number, ARGV[2] its new expiry (Unix seconds). Sets the expiry of
# that ticket if the lock still holds it; returns 1 if it did, 0 if the ticket is gone.
RENEW_SCRIPT = """
local stored = redis.call('GET', KEYS[1])
if not stored then return 0 end
local lock = cjson.decode(stored)
for index, text in ipairs(lock.tickets) do
  local ticket = cjson.decode(text)
  if ticket.number == tonumber(ARGV[1]) then
    ticket.expires = tonumber(ARGV[2])
    lock.tickets[index] = cjson.encode(ticket)
    redis.call('SET', KEYS[1], cjson.encode(lock))
    return 1
  end
end
return 0
"""

T = TypeVar("T")

# A change receives the stored lock (None when there is none) and returns
# (its result, the lock to store; None to delete the key, or the unchanged lock to leave it).
LockChange = Callable[[Optional[TicketLock]], Tuple[T, Optional[TicketLock]]]


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store with atomic ticket issue, expiry sweep and cleanup.

    Configured like Rasa's ``redis`` lock store (``url``, ``port``, ``db``, ``password``,
    ``key_prefix``, ...) with ``type: runtime.lock_store.AtomicRedisLockStore``, plus
    ``ticket_lifetime`` and ``poll_seconds`` (seconds, see above).
    """

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        """Connect as Rasa's ``RedisLockStore`` would with the same endpoint settings.

        Raises:
            ValueError: ``ticket_lifetime`` or ``poll_seconds`` is not a positive number.
        """
        kwargs = dict(endpoint_config.kwargs)
        self.ticket_lifetime = float(kwargs.pop("ticket_lifetime", TICKET_LIFETIME_S))
        self.poll_seconds = float(kwargs.pop("poll_seconds", POLL_S))
        if self.ticket_lifetime <= 0 or self.poll_seconds <= 0:
            raise ValueError("lock_store: ticket_lifetime and poll_seconds must be positive numbers of seconds")
        super().__init__(host=endpoint_config.url or "localhost", **kwargs)
        self._renewal: Optional[_Renewal] = None
        self._renewal_guard = threading.Lock()

    def renewal(self) -> "_Renewal":
        """This process's renewal thread (started on first use, and again in a forked Sanic worker)."""
        with self._renewal_guard:
            if self._renewal is None or self._renewal.pid != os.getpid():
                self._renewal = _Renewal(self)
            return self._renewal

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: Optional[float] = None, wait_time_in_seconds: Optional[float] = None
    ) -> AsyncGenerator[TicketLock, None]:
        """Rasa's ticket lock for one turn of ``conversation_id``, the ticket kept alive while held.

        ``lock_lifetime`` and ``wait_time_in_seconds`` default to ``ticket_lifetime`` and
        ``poll_seconds`` (Rasa calls this without them).

        Raises:
            rasa.core.lock_store.LockError: Redis failed, or the lock vanished while waiting.
        """
        lifetime = self.ticket_lifetime if lock_lifetime is None else lock_lifetime
        renewal = self.renewal()
        ticket = self.issue_ticket(conversation_id, lifetime)
        renewal.hold(self.key_prefix + conversation_id, ticket, lifetime)
        try:
            poll = self.poll_seconds if wait_time_in_seconds is None else wait_time_in_seconds
            yield await self._acquire_lock(conversation_id, ticket, poll)
        finally:
            renewal.release(self.key_prefix + conversation_id, ticket)
            self.cleanup(conversation_id, ticket)

    def _change_lock(self, conversation_id: str, change: LockChange[T]) -> T:
        key = self.key_prefix + conversation_id

        def attempt(pipe) -> T:  # type: ignore[no-untyped-def]
            stored = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(stored)) if stored else None
            result, after = change(lock)
            pipe.multi()
            if after is None:
                pipe.delete(key)
            else:
                pipe.set(key, after.dumps())
            return result

        return self.red.transaction(attempt, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Issue the next ticket (valid ``lock_lifetime`` seconds) for the conversation; creates its lock."""

        def issue(lock: Optional[TicketLock]) -> Tuple[int, TicketLock]:
            lock = lock or self.create_lock(conversation_id)
            return lock.issue_ticket(lock_lifetime), lock

        return self._change_lock(conversation_id, issue)

    def update_lock(self, conversation_id: str) -> None:
        """Remove the conversation's expired tickets (a lock left with none is kept, as Rasa does)."""

        def sweep(lock: Optional[TicketLock]) -> Tuple[None, Optional[TicketLock]]:
            if lock is not None:
                lock.remove_expired_tickets()
            return None, lock

        self._change_lock(conversation_id, sweep)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the served ticket, and the lock itself when no one else holds a ticket."""

        def finish(lock: Optional[TicketLock]) -> Tuple[None, Optional[TicketLock]]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
                if not lock.is_someone_waiting():
                    lock = None
            return None, lock

        self._change_lock(conversation_id, finish)


class _Renewal:
    """A daemon thread extending the tickets this process holds (``hold``/``release``), all of them
    in one Redis pipeline every ``lifetime / RENEWALS_PER_LIFETIME`` seconds; dies with the process."""

    def __init__(self, store: AtomicRedisLockStore) -> None:
        self.pid = os.getpid()
        self.held: dict[tuple[str, int], float] = {}
        self.guard = threading.Lock()
        self.red = store.red
        self.script = store.red.register_script(RENEW_SCRIPT)
        self.every = store.ticket_lifetime / RENEWALS_PER_LIFETIME
        threading.Thread(target=self._run, name="lock-ticket-renewal", daemon=True).start()

    def hold(self, key: str, ticket: int, lifetime: float) -> None:
        with self.guard:
            self.held[(key, ticket)] = lifetime

    def release(self, key: str, ticket: int) -> None:
        with self.guard:
            self.held.pop((key, ticket), None)

    def renew(self) -> None:
        """Extend every held ticket to now + its lifetime (a ticket already gone stays gone)."""
        with self.guard:
            held = list(self.held.items())
        if not held:
            return
        pipe = self.red.pipeline(transaction=False)
        now = time.time()
        for (key, ticket), lifetime in held:
            self.script(keys=[key], args=[ticket, repr(now + lifetime)], client=pipe)
        pipe.execute()

    def _run(self) -> None:
        while True:
            time.sleep(self.every)
            try:
                self.renew()
            except Exception as problem:  # Redis unreachable: keep trying; Rasa's own calls report it
                logger.warning("Could not renew conversation lock tickets in Redis: %s", problem)
