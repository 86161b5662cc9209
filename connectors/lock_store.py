"""Rasa's Redis lock store, made safe for several Rasa processes.

Rasa (3.6) keeps each conversation's lock as a queue of numbered tickets in one
Redis key, and serves the lowest live ticket. Two flaws show as soon as two
processes share it (``make test-scaled`` found both):

* every change is a read, then a write: two processes taking a ticket for the
  same conversation at the same moment can both get the same number, and both
  handle the conversation at once (one turn's events are then lost), and a
  process deleting an "empty" lock can drop a ticket just taken elsewhere;
* a ticket expires ``TICKET_LOCK_LIFETIME`` seconds after it was issued, waiting
  included. When a Rasa process dies holding a lock, the balancer retries its
  message on another process at once; that ticket expires within a second of the
  dead one, and if that happens between two polls it is never served: the visitor
  waits for the server's 60 s response timeout.

Here every change is one Redis transaction (WATCH/MULTI: retried if another
process changed the key meanwhile), and a waiting message renews its ticket at
each poll (a ticket lost anyway is replaced by a new one at the end of the queue).
"""
from __future__ import annotations

import asyncio
import json
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Callable, Optional, Text, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore

T = TypeVar("T")
#: Seconds between two looks at the queue while waiting (Rasa's is 1 s, added to every queued turn).
POLL_SECONDS = 0.2


class RenewingRedisLockStore(RedisLockStore):
    """``lock_store: {type: connectors.lock_store.RenewingRedisLockStore, url, port, db, password, key_prefix}``."""

    def __init__(self, endpoint_config: Optional[Any] = None, **kwargs: Any) -> None:
        if endpoint_config is not None:  # how Rasa builds a lock store named by module path
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: Text, change: Callable[[TicketLock], T]) -> T:
        """Apply ``change`` to the conversation's lock atomically; an empty lock is deleted."""
        key = self.key_prefix + conversation_id

        def transaction(pipe: Any) -> T:
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else self.create_lock(conversation_id)
            lock.remove_expired_tickets()
            result = change(lock)
            pipe.multi()
            if lock.tickets:
                pipe.set(key, lock.dumps())
            else:
                pipe.delete(key)
            return result

        return self.red.transaction(transaction, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime))
        except Exception as e:  # Rasa's contract: any failure here is a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{e}") from e

    def update_lock(self, conversation_id: Text) -> None:
        self._change(conversation_id, lambda lock: None)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        # Removing the ticket and deleting an empty lock are one step (see _change).
        self.finish_serving(conversation_id, ticket_number)

    def _poll(self, conversation_id: Text, ticket: int, lifetime: float) -> Tuple[int, bool]:
        """Renew ``ticket`` (or replace it if it was lost); return it and whether it is served now."""

        def change(lock: TicketLock) -> Tuple[int, bool]:
            mine = next((t for t in lock.tickets if t.number == ticket), None)
            if mine is None:
                number = lock.issue_ticket(lifetime)
            else:
                mine.expires, number = time.time() + lifetime, ticket
            return number, lock.now_serving == number

        return self._change(conversation_id, change)

    @asynccontextmanager
    async def lock(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = POLL_SECONDS) -> AsyncIterator[TicketLock]:
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            while True:
                ticket, served = self._poll(conversation_id, ticket, lock_lifetime)
                if served:
                    break
                await asyncio.sleep(min(wait_time_in_seconds, POLL_SECONDS))
            yield self.get_lock(conversation_id) or self.create_lock(conversation_id)
        finally:
            self.cleanup(conversation_id, ticket)
