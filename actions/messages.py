"""What the visitor's latest message said, as the actions read it."""
from __future__ import annotations

from rasa_sdk import Tracker


def latest_text(tracker: Tracker) -> str:
    """The visitor's latest words; empty for button payloads ("/affirm")."""
    text = (tracker.latest_message or {}).get("text") or ""
    return "" if text.startswith("/") else text


def latest_intent(tracker: Tracker) -> str:
    """The intent of the latest message as classified (``nlu_fallback`` included); "" if none."""
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""
