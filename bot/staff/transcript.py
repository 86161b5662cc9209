"""Transcripts as staff read them.

The events come from Rasa's tracker store through :mod:`bot.transcripts`
(Rasa's event dicts, oldest first). A transcript is the conversation's
events turned into what a person reads:

- visitor messages (``user``), with a button click shown as the button's
  title (the payload ``/situation_detention`` matched against the buttons of
  the bot messages just before it);
- assistant messages (``bot``) with their buttons;
- markers: where the visitor started over (``action_start_over``), went back
  to correct the summary (slot ``correcting`` set), the conversation was
  restarted (``restart``/``action_restart``), an utterance was undone
  (``rewind``), or a new session began after a pause (``session_started``).

Everything here returns plain data; the web layer escapes it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, Iterable, List, Optional

from bot.transcripts import Transcripts

MARKERS = {
    "start_over": "Visitor started over",
    "went_back": "Visitor went back to correct the summary",
    "restart": "Conversation restarted",
    "undo": "Visitor's last message was undone",
    "session": "New session (the visitor came back later)",
}


@dataclass
class Item:
    kind: str  # "visitor", "bot" or "marker"
    at: Optional[datetime]
    text: str = ""
    #: Titles of the buttons offered with a bot message.
    buttons: List[str] = field(default_factory=list)
    #: For a visitor's click: the title of the button clicked.
    clicked: Optional[str] = None
    intent: Optional[str] = None
    #: For a marker: a key of :data:`MARKERS`.
    marker: Optional[str] = None

    @property
    def label(self) -> str:
        return MARKERS.get(self.marker or "", "")


def _when(event: Dict[str, Any]) -> Optional[datetime]:
    stamp = event.get("timestamp")
    try:
        return datetime.fromtimestamp(float(stamp), tz=timezone.utc) if stamp is not None else None
    except (TypeError, ValueError, OverflowError):
        return None


def _buttons(event: Dict[str, Any]) -> List[Dict[str, str]]:
    data = event.get("data") or {}
    buttons = data.get("buttons") or []
    quick = data.get("quick_replies") or []
    return [b for b in list(buttons) + list(quick) if isinstance(b, dict)]


def build(events: Iterable[Dict[str, Any]]) -> List[Item]:
    """The readable transcript of a conversation's events."""
    items: List[Item] = []
    offered: List[Dict[str, str]] = []  # buttons shown since the visitor last spoke
    sessions = 0
    for event in events:
        kind = event.get("event")
        at = _when(event)
        if kind == "user":
            text = event.get("text") or ""
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            clicked = None
            if text.startswith("/"):
                for button in reversed(offered):
                    if (button.get("payload") or "").strip() == text.strip():
                        clicked = str(button.get("title") or "")
                        break
            items.append(Item("visitor", at, text=text, clicked=clicked, intent=intent))
            offered = []
        elif kind == "bot":
            buttons = _buttons(event)
            offered.extend(buttons)
            text = event.get("text") or ""
            if text or buttons:
                items.append(Item("bot", at, text=text, buttons=[str(b.get("title") or "") for b in buttons]))
        elif kind == "action" and event.get("name") == "action_start_over":
            items.append(Item("marker", at, marker="start_over"))
        elif kind == "action" and event.get("name") == "action_restart":
            items.append(Item("marker", at, marker="restart"))
        elif kind == "restart":
            if not (items and items[-1].marker == "restart"):
                items.append(Item("marker", at, marker="restart"))
        elif kind == "rewind":
            items.append(Item("marker", at, marker="undo"))
        elif kind == "slot" and event.get("name") == "correcting" and event.get("value") is True:
            items.append(Item("marker", at, marker="went_back"))
        elif kind == "session_started":
            sessions += 1
            if sessions > 1:
                items.append(Item("marker", at, marker="session"))
    return items


def visitor_words(items: Iterable[Item]) -> str:
    """What the visitor typed or clicked (button titles, not payloads), for the search index."""
    parts = []
    for item in items:
        if item.kind != "visitor":
            continue
        if item.clicked is not None:
            parts.append(item.clicked)
        elif not item.text.startswith("/"):
            parts.append(item.text)
    return "\n".join(parts)


def assistant_words(items: Iterable[Item]) -> str:
    """What the assistant said (with button titles), for the search index."""
    parts = []
    for item in items:
        if item.kind == "bot":
            parts.append(item.text)
            parts.extend(item.buttons)
    return "\n".join(p for p in parts if p)


def read(transcripts: Optional[Transcripts], sender_id: str) -> List[Item]:
    """The readable transcript of one conversation (``[]`` without a tracker store)."""
    return build(transcripts.events_for(sender_id) if transcripts is not None else [])
