"""A message the balancer sent twice is answered once.

HAProxy (scaled profile) gives every request an ``X-Request-ID`` and, when a
Rasa server dies before answering, sends the same request to another server.
If the dead server had already saved the turn, handling it again would store
the visitor's message twice and answer it twice. The REST channel passes the
id to Rasa as the message id (kept in the user event); a request whose id the
conversation already holds gets the replies saved after that message instead.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Mapping, Optional, Text

from rasa.shared.core.events import BotUttered, UserUttered

HEADER = "X-Request-ID"
_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
#: What a bot event carries besides its text, as the REST channel sends it.
_PARTS = ("buttons", "image", "custom", "attachment", "elements", "quick_replies")


def request_id(headers: Mapping[str, str]) -> Optional[str]:
    """The request's id if it has a well-formed one."""
    value = (headers.get(HEADER) or "").strip()
    return value if _ID.fullmatch(value) else None


def _as_rest(sender: Text, event: BotUttered) -> Dict[str, Any]:
    message: Dict[str, Any] = {"recipient_id": sender}
    if event.text:
        message["text"] = event.text
    data = event.data or {}
    message.update({part: data[part] for part in _PARTS if data.get(part)})
    return message


async def earlier_replies(store: Any, sender: Text, message_id: Text) -> Optional[List[Dict[str, Any]]]:
    """The replies to the message ``message_id`` if the conversation already holds it, else None."""
    if store is None:
        return None
    tracker = await store.retrieve(sender)
    if tracker is None:
        return None
    replies: Optional[List[Dict[str, Any]]] = None
    for event in tracker.events:
        if isinstance(event, UserUttered):
            if replies is not None:
                break
            if event.message_id == message_id:
                replies = []
        elif replies is not None and isinstance(event, BotUttered):
            replies.append(_as_rest(sender, event))
    # A stored message without replies (its turn failed) is handled again.
    return replies or None
