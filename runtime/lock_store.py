"""The lock store the production profile uses (``lock_store: type`` in endpoints.production.yml).

Rasa's ``RedisLockStore`` keeps each conversation's ticket lock as one JSON value and changes it by
reading it, changing it in Python and writing it back. Two Rasa servers doing that at the same
moment overwrite each other: both can issue the same ticket number (and then process the same
conversation at once, so one turn's events are lost from the tracker), a cleanup can delete a
ticket another server has just issued, and the waiters' expiry sweep can drop a new ticket.

``AtomicRedisLockStore`` is that same store, same keys and same value format, with every
read-modify-write done as a Redis transaction (``WATCH``/``MULTI``/``EXEC`` through redis-py's
``Redis.transaction``, retried when another client changed the key in between).
"""

from __future__ import annotations

import json
from typing import Callable, Optional, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")

# A change receives the stored lock (None when there is none) and returns
# (its result, the lock to store; None to delete the key, or the unchanged lock to leave it).
LockChange = Callable[[Optional[TicketLock]], Tuple[T, Optional[TicketLock]]]


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store with atomic ticket issue, expiry sweep and cleanup.

    Configured like Rasa's ``redis`` lock store (``url``, ``port``, ``db``, ``password``,
    ``key_prefix``, ...) with ``type: runtime.lock_store.AtomicRedisLockStore``.
    """

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        """Connect as Rasa's ``RedisLockStore`` would with the same endpoint settings."""
        super().__init__(host=endpoint_config.url or "localhost", **endpoint_config.kwargs)

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
