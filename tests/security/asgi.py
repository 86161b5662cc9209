"""An httpx client on a Sanic app served in process (ASGI), with the app's lifespan started."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator

import httpx


@asynccontextmanager
async def sanic_client(app: Any, base_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """Start the app's ASGI lifespan (Sanic runs its listeners there), yield a client, stop it."""
    inbox: asyncio.Queue = asyncio.Queue()
    outbox: asyncio.Queue = asyncio.Queue()
    await inbox.put({"type": "lifespan.startup"})
    lifespan = asyncio.create_task(app({"type": "lifespan", "asgi": {"version": "3.0"}}, inbox.get, outbox.put))
    assert (await outbox.get())["type"] == "lifespan.startup.complete"
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url) as client:
            yield client
    finally:
        await inbox.put({"type": "lifespan.shutdown"})
        try:
            await asyncio.wait_for(outbox.get(), 5)  # never completes once a served app has already stopped
        except asyncio.TimeoutError:
            pass
        lifespan.cancel()
