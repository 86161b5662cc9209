"""The socket.io channel the widget talks to (connectors/channels.py), in process.

No browser and no servers: these are fast, and pin what the widget relies on
(origin checks, custom payloads reaching the browser, the fallback reply).
Live checks against the real server are in test_widget.py.
"""
from __future__ import annotations

import asyncio
import concurrent.futures

import pytest
from rasa.core.channels import socketio as rasa_socketio
from socketio import AsyncServer

from connectors.channels import HOLDERS, SocketIOInput, SocketIOOutput, fallback_text, origin_allowed

SITE = "http://localhost:8000"  # in firm.yml's allowed_origins


def run(coro):
    """Run a coroutine to the end. In a thread of its own: in a session with the browser
    tests, Playwright's sync API keeps an event loop running in the main thread, so
    neither asyncio.run nor pytest-asyncio could run here."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout=30)


@pytest.mark.parametrize(
    "origin, allowed, expected",
    [
        (None, [SITE], True),  # not a browser
        ("", [SITE], True),
        (SITE, [SITE], True),
        (SITE + "/", [SITE], True),
        ("http://localhost:8001", [SITE], False),
        ("https://localhost:8000", [SITE], False),
        ("http://evil.example", [SITE], False),
        ("http://evil.example", ["*"], True),
        ("http://evil.example", [], False),
    ],
)
def test_origin_allowed(origin, allowed, expected):
    assert origin_allowed(origin, allowed) is expected


class Recorder:
    def __init__(self):
        self.emitted = []

    async def emit(self, event, data=None, room=None, **kwargs):
        self.emitted.append((event, data, room))


def test_custom_payloads_reach_the_browser_as_custom():
    sio = Recorder()
    payload = {"type": "updates", "items": [{"title": "T", "url": "https://x", "published": "2025-01-01", "summary": ""}]}
    run(SocketIOOutput(sio, "bot_uttered").send_response("session-1", {"custom": payload}))
    assert sio.emitted == [("bot_uttered", {"custom": payload}, "session-1")]


def test_regression_rasa_socketio_output_drops_custom_payloads():
    """Rasa 3.6's own output passes the payload to emit() as keywords: TypeError, rest of the turn lost."""
    with pytest.raises(TypeError):
        run(rasa_socketio.SocketIOOutput(AsyncServer(), "bot_uttered").send_custom_json("s", {"type": "booking"}))


def _channel(on_new_message):
    channel = SocketIOInput.from_credentials({"session_persistence": True})
    channel.blueprint(on_new_message)
    return channel, channel.sio.handlers["/"]


def _session(channel, handlers):
    """A connected socket with the session the server issued it (the widget's state after session_confirm)."""
    sid = channel.sio.manager.connect("eio-1", "/")
    run(handlers["session_request"](sid, {"session_id": None}))
    return sid, HOLDERS.by_socket[sid]


async def _silent(message):
    return None


def test_socketio_connections_from_other_origins_are_refused():
    _, handlers = _channel(_silent)
    connect = handlers["connect"]
    assert run(connect("sid1", {"HTTP_ORIGIN": "http://evil.example"}, None)) is False
    assert run(connect("sid2", {"HTTP_ORIGIN": SITE}, None)) is True
    assert run(connect("sid3", {}, None)) is True


def test_a_silent_turn_still_answers_the_browser_session(monkeypatch):
    channel, handlers = _channel(_silent)
    sent = Recorder()
    monkeypatch.setattr(channel.sio, "emit", sent.emit)
    sid, session = _session(channel, handlers)
    run(handlers["user_uttered"](sid, {"message": "hi", "session_id": session}))
    assert [e for e in sent.emitted if e[0] == "bot_uttered"] == [("bot_uttered", {"text": fallback_text()}, session)]


def test_bot_messages_and_custom_payloads_go_to_the_session_room(monkeypatch):
    async def answer(message):
        await message.output_channel.send_response(message.sender_id, {"text": "Hello", "custom": {"type": "booking"}})

    channel, handlers = _channel(answer)
    sent = Recorder()
    monkeypatch.setattr(channel.sio, "emit", sent.emit)
    sid, session = _session(channel, handlers)
    run(handlers["user_uttered"](sid, {"message": "hi", "session_id": session}))
    assert [e for e in sent.emitted if e[0] == "bot_uttered"] == [
        ("bot_uttered", {"text": "Hello"}, session),
        ("bot_uttered", {"custom": {"type": "booking"}}, session),
    ]
    assert isinstance(channel.get_output_channel(), SocketIOOutput)
