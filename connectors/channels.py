"""Rasa's REST and socket.io channels, with a guarantee: every message gets a reply.

If a turn produces no bot message at all (the action server is down, an
action crashed), the visitor gets a short note with the firm's phone number
instead of silence. The conversation itself is untouched, so it continues
where it was once the fault is gone.

Both channels also accept browsers only from the firm's own site: a request or
socket.io connection whose ``Origin`` is not in ``allowed_origins`` of
``firm.yml`` is refused (``rasa run --cors`` only adds CORS headers, which a
browser does not apply to websockets, and which do not stop a cross-site
"simple" POST from being processed). Requests without an ``Origin`` header
(curl, server-to-server, tests) are not browsers and are let through.
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, Iterable, Optional, Text

from rasa.core.channels import channel, rest, socketio
from rasa.core.channels.channel import OutputChannel, UserMessage
from sanic import response

from bot.firm import firm

logger = logging.getLogger(__name__)


def fallback_text() -> str:
    f = firm()
    return (
        "Sorry, I'm having a technical problem right now. Please try again in a minute, "
        f"or call {f.short_name} at {f.phone_display} ({f.office_hours_text})."
    )


class _CountingOutput(OutputChannel):
    """Passes every response on to the real channel and counts them."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.sent = 0

    @classmethod
    def name(cls) -> Text:
        return "counting"

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        self.sent += 1
        await self.inner.send_response(recipient_id, message)

    def __getattr__(self, item: str) -> Any:  # anything else: the real channel's
        return getattr(self.inner, item)


def guarded(on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[Any]]:
    """Wrap Rasa's message handler so that a silent turn still answers."""

    async def handle(message: UserMessage) -> None:
        counting = _CountingOutput(message.output_channel)
        message.output_channel = counting
        try:
            await on_new_message(message)
        except Exception:  # the visitor must never see a 500 or silence
            logger.exception("message handling failed")
        if counting.sent == 0:
            await counting.inner.send_text_message(message.sender_id, fallback_text())

    return handle


def origin_allowed(origin: Optional[str], allowed: Iterable[str]) -> bool:
    """May a browser page from ``origin`` talk to the bot?

    No ``Origin`` header means no browser page (curl, another server): allowed.
    ``"*"`` in ``allowed`` allows every origin.
    """
    if not origin:
        return True
    allowed = {a.strip().rstrip("/") for a in allowed}
    return "*" in allowed or origin.strip().rstrip("/") in allowed


def allowed_origins() -> Iterable[str]:
    return firm().allowed_origins or []


class RestInput(rest.RestInput):
    """Rasa's REST channel (``/webhooks/rest/webhook``), guarded, for the firm's origins only."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]):
        bp = super().blueprint(guarded(on_new_message))

        @bp.middleware("request")
        async def refuse_other_origins(request):
            origin = request.headers.get("origin")
            if not origin_allowed(origin, allowed_origins()):
                logger.warning("REST request refused: origin %s is not in allowed_origins", origin)
                return response.json({"error": "origin not allowed"}, status=403)

        return bp


class SocketIOOutput(socketio.SocketIOOutput):
    """Rasa's socket.io output, with custom payloads that reach the browser.

    Rasa 3.6 passes a custom payload to ``AsyncServer.emit`` as keyword
    arguments, so ``{"type": "updates", ...}`` raises ``TypeError`` and the
    rest of the turn is lost. Here it is sent the way the REST channel sends
    it, as ``{"custom": payload}`` (which rasa-webchat also understands).
    """

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


def _with_output(on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[Any]]:
    """Swap Rasa's socket.io output for :class:`SocketIOOutput`."""

    async def handle(message: UserMessage) -> Any:
        out = message.output_channel
        if type(out) is socketio.SocketIOOutput:
            message.output_channel = SocketIOOutput(out.sio, out.bot_message_evt)
        return await on_new_message(message)

    return handle


class SocketIOInput(socketio.SocketIOInput):
    """Rasa's socket.io channel, guarded, for the firm's origins only."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def get_output_channel(self) -> Optional[OutputChannel]:
        if self.sio is None:
            return super().get_output_channel()
        return SocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]):
        bp = super().blueprint(_with_output(guarded(on_new_message)))
        # Rasa creates the server with CORS handling off (cors_allowed_origins=[])
        # so that its headers don't clash with sanic-cors; the origin is checked
        # here instead, when a client connects (polling or websocket alike).
        namespace = self.namespace or "/"
        rasa_connect = self.sio.handlers[namespace]["connect"]

        @self.sio.on("connect", namespace=self.namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if not origin_allowed(origin, allowed_origins()):
                logger.warning("socket.io connection refused: origin %s is not in allowed_origins", origin)
                return False
            return await rasa_connect(sid, environ, auth)

        return bp


__all__ = ["RestInput", "SocketIOInput", "SocketIOOutput", "channel", "origin_allowed"]
