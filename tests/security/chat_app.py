"""The chat channels under test: the real connectors/channels.py on a Sanic app, with a fake agent.

No trained model: ``FakeAgent`` stands where Rasa's agent is (``app.ctx.agent``,
called through Rasa's own channel registration), records what reaches it and
answers as a test tells it to. The fixtures are imported by the test modules
that use them (``from .chat_app import ...``), so nothing here applies to the
other tests of this folder.
"""
from __future__ import annotations

import asyncio
import json
import socket
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

import httpx
import pytest
from rasa.core.channels import channel as rasa_channel
from sanic import Sanic

from connectors import channels
from .asgi import sanic_client

SITE = "http://localhost:8000"  # in firm.yml's allowed_origins


class FakeTracker:
    def __init__(self, slots: Dict[str, Any]) -> None:
        self.slots = slots

    def get_slot(self, name: str) -> Any:
        return self.slots.get(name)


class FakeTrackerStore:
    def __init__(self) -> None:
        self.languages: Dict[str, str] = {}

    async def retrieve(self, sender_id: str) -> Optional[FakeTracker]:
        return FakeTracker({"language": self.languages.get(sender_id)})


async def echo(message) -> None:
    await message.output_channel.send_response(message.sender_id, {"text": f"heard {len(message.text)} characters"})


class FakeAgent:
    """Records (sender_id, text) of every message that reaches it, then runs ``self.reply``."""

    def __init__(self) -> None:
        self.received: List[Tuple[str, str]] = []
        self.reply: Callable[[Any], Awaitable[None]] = echo
        self.tracker_store = FakeTrackerStore()

    async def handle_message(self, message) -> None:
        self.received.append((message.sender_id, message.text))
        await self.reply(message)

    def texts(self, sender_id: Optional[str] = None) -> List[str]:
        return [t for s, t in self.received if sender_id is None or s == sender_id]


def build_app(agent: FakeAgent) -> Sanic:
    """A Sanic app with both channels registered the way ``rasa run`` registers them."""
    app = Sanic(f"chat-{uuid.uuid4().hex[:8]}")
    app.ctx.agent = agent
    inputs = [channels.RestInput(), channels.SocketIOInput.from_credentials({"session_persistence": True})]
    rasa_channel.register(inputs, app, route="/webhooks/")
    app.ctx.socketio = inputs[1]
    return app


@pytest.fixture
def agent() -> FakeAgent:
    return FakeAgent()


@pytest.fixture
def chat_app(agent, monkeypatch) -> Sanic:
    monkeypatch.setattr(Sanic, "test_mode", True)
    monkeypatch.setattr(channels.SocketIOInput, "check_timeout", 0.5)
    monkeypatch.setattr(channels, "HOLDERS", channels.Holders())
    return build_app(agent)


@pytest.fixture
async def rest(chat_app):
    """An httpx client on the app in process (ASGI), with Sanic's lifespan started."""
    async with sanic_client(chat_app, "http://rasa") as client:
        yield client


@pytest.fixture
async def live_server(chat_app):
    """The app served on an ephemeral loopback port; yields its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    server = await chat_app.create_server(sock=sock, return_asyncio_server=True, access_log=False)
    await server.startup()
    await server.before_start()
    await server.after_start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    # As Sanic's own shutdown: stop listening, close idle connections, abort the rest
    # (a client's pending long-poll must not hold the test run).
    await server.before_stop()
    server.server.close()
    for connection in list(server.connections):
        connection.close_if_idle()
    for _ in range(20):
        if not server.connections:
            break
        await asyncio.sleep(0.05)
    for connection in list(server.connections):
        connection.abort()
    await server.after_stop()
    sock.close()


def post(client: httpx.AsyncClient, body: Any = None, *, content: Optional[bytes] = None, **kwargs):
    """POST to the REST webhook: ``body`` as JSON, or raw ``content``."""
    if content is None:
        content = json.dumps(body).encode()
    return client.post("/webhooks/rest/webhook", content=content, **kwargs)


class Visitor:
    """A socket.io client as the widget uses the channel (python-socketio, polling transport).

    ``answers_checks=False`` makes a client that does not acknowledge ``session_check``
    in time, like a connection that died without the server noticing.
    """

    def __init__(self, url: str, answers_checks: bool = True) -> None:
        import socketio

        self.url = url
        self.client = socketio.AsyncClient(reconnection=False)
        self.tokens: List[str] = []
        self.confirmed: List[str] = []
        self.heard: List[Dict[str, Any]] = []
        self.client.on("session_token", self.tokens.append)
        self.client.on("session_confirm", self.confirmed.append)
        self.client.on("bot_uttered", self.heard.append)
        self.client.on("session_check", self._answer if answers_checks else self._hang)

    async def _answer(self, *args: Any) -> bool:
        return True

    async def _hang(self, *args: Any) -> bool:
        import asyncio

        await asyncio.sleep(3)  # python-socketio would acknowledge at once, even without a handler
        return True

    async def connect(self, origin: str = SITE) -> "Visitor":
        await self.client.connect(self.url, headers={"Origin": origin}, transports=["polling"],
                                  socketio_path="/socket.io", wait_timeout=10)
        return self

    async def session(self, request: Any = None) -> str:
        """Emit session_request and wait for the confirmation; returns the confirmed session id."""
        import asyncio

        before = len(self.confirmed)
        await self.client.emit("session_request", request if request is not None else {"session_id": None})
        for _ in range(200):
            if len(self.confirmed) > before:
                return self.confirmed[-1]
            await asyncio.sleep(0.01)
        raise AssertionError("no session_confirm")

    @property
    def token(self) -> str:
        return self.tokens[-1]

    async def say(self, message: Any, session_id: Any = None) -> Any:
        """Emit user_uttered and return the server's acknowledgement."""
        data = {"message": message, "session_id": session_id if session_id is not None else (self.confirmed or [None])[-1]}
        return await self.client.call("user_uttered", data, timeout=10)

    async def close(self) -> None:
        """Disconnect, and wait until the server has let go of the session."""
        import asyncio

        sid = self.client.get_sid() if self.client.connected else None
        if self.client.connected:
            await self.client.disconnect()
        # python-socketio does not wait for its polling loops; one left waiting on a
        # long poll would keep the test's event loop from closing.
        loops = [t for t in (self.client.eio.read_loop_task, self.client.eio.write_loop_task) if t and not t.done()]
        if loops:
            _, pending = await asyncio.wait(loops, timeout=2)
            for task in pending:
                task.cancel()
        for _ in range(200):
            if sid not in channels.HOLDERS.by_socket:
                return
            await asyncio.sleep(0.01)
