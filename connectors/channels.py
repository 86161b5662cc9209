"""Rasa's REST and socket.io channels, with a guarantee: every message gets a reply.

If a turn produces no bot message at all (the action server is down, an
action crashed), the visitor gets a short note with the firm's phone number
instead of silence. The conversation itself is untouched, so it continues
where it was once the fault is gone.
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, Text

from rasa.core.channels import channel, rest, socketio
from rasa.core.channels.channel import OutputChannel, UserMessage

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


class RestInput(rest.RestInput):
    """Rasa's REST channel (``/webhooks/rest/webhook``), guarded."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]):
        return super().blueprint(guarded(on_new_message))


class SocketIOInput(socketio.SocketIOInput):
    """Rasa's socket.io channel, guarded."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]):
        return super().blueprint(guarded(on_new_message))


__all__ = ["RestInput", "SocketIOInput", "channel"]
