"""connectors/lock_store.py against a real Redis (``make test-scaled``): the lock holds
across processes' stores taking tickets at the same moment, and a dead holder's
waiter is served once the dead ticket expires."""
from __future__ import annotations

import asyncio
import tempfile
import threading
import time
from pathlib import Path

import pytest

import scaled
import servers

pytestmark = pytest.mark.scaled


@pytest.fixture(scope="module")
def redis_port():
    if not scaled._which("redis-server"):
        pytest.skip("redis-server is not installed: run `make deps-system` as root")
    port = servers.free_port()
    folder = Path(tempfile.mkdtemp(prefix="intake-redis-"))
    args = [scaled._which("redis-server"), "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--dir", str(folder)]
    with servers.process(args, {}, folder / "redis.log") as proc:
        scaled._wait_port("127.0.0.1", port, proc)
        yield port


def store(port):
    from connectors.lock_store import RenewingRedisLockStore

    return RenewingRedisLockStore(host="127.0.0.1", port=port, db=1, key_prefix="test")


def test_two_stores_never_hold_one_conversation_at_once(redis_port):
    """Eight threads (each its own store, as separate Rasa processes) × 10 turns of one conversation."""
    holders, most, turns = [0], [0], []
    guard = threading.Lock()
    barrier = threading.Barrier(8)

    def worker(i):
        mine = store(redis_port)

        async def run():
            barrier.wait()
            for n in range(10):
                async with mine.lock("conv-1"):
                    with guard:
                        holders[0] += 1
                        most[0] = max(most[0], holders[0])
                    await asyncio.sleep(0.002)
                    with guard:
                        holders[0] -= 1
                        turns.append((i, n))

        asyncio.run(run())

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert most[0] == 1 and len(turns) == 80
    assert store(redis_port).get_lock("conv-1") is None  # nothing left behind


def test_a_message_behind_a_dead_holder_is_served_when_its_ticket_expires(redis_port):
    dead = store(redis_port)
    dead.issue_ticket("conv-2", lock_lifetime=1.5)  # taken, never released: the process died

    async def next_message():
        started = time.monotonic()
        # A short lifetime for the waiter too: Rasa's own store starves it here (its ticket expires first).
        async with store(redis_port).lock("conv-2", lock_lifetime=1.5):
            return time.monotonic() - started

    waited = asyncio.run(asyncio.wait_for(next_message(), timeout=10))
    assert 1.0 < waited < 3.0


def test_rasa_own_store_would_starve_that_message(redis_port):
    """The flaw the subclass fixes, shown on Rasa's RedisLockStore (fails if Rasa fixes it)."""
    from rasa.core.lock_store import RedisLockStore

    rasa_store = RedisLockStore(host="127.0.0.1", port=redis_port, db=1, key_prefix="rasa")
    rasa_store.issue_ticket("conv-3", lock_lifetime=1.5)

    async def next_message():
        async with rasa_store.lock("conv-3", lock_lifetime=1.5, wait_time_in_seconds=2):
            return True

    with pytest.raises(asyncio.TimeoutError):
        asyncio.run(asyncio.wait_for(next_message(), timeout=6))
