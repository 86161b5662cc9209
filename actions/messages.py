"""What the visitor's latest message said, as the actions read it."""
from __future__ import annotations

from typing import List, Optional

from rasa_sdk import Tracker

from bot import language


def latest_text(tracker: Tracker) -> str:
    """The visitor's latest words; empty for button payloads ("/affirm")."""
    text = (tracker.latest_message or {}).get("text") or ""
    return "" if text.startswith("/") else text


def latest_intent(tracker: Tracker) -> str:
    """The intent of the latest message as classified (``nlu_fallback`` included); "" if none."""
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""


def previous_text(tracker: Tracker) -> str:
    """The visitor's message before the latest one ("" if none)."""
    seen = 0
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            seen += 1
            if seen == 2:
                text = event.get("text") or ""
                return "" if text.startswith("/") else text
    return ""


def told_languages(tracker: Tracker) -> List[Optional[str]]:
    """The language of each of the visitor's messages in this session (None where it could not be told;
    a language picked with the widget's switch is marked ``language.CHOSEN``)."""
    told: List[Optional[str]] = []
    for event in tracker.events or []:
        if event.get("event") == "user":
            parse = event.get("parse_data") or {}
            entities = parse.get("entities") or []
            code = next((e.get("value") for e in entities if e.get("entity") == "message_language"), None)
            chosen = (parse.get("intent") or {}).get("name") == "choose_language"
            told.append(language.CHOSEN + code if code and chosen else code)
    return told


def said_again(tracker: Tracker) -> bool:
    """The visitor sent the same words twice in a row: they mean it as their answer."""
    latest = " ".join(latest_text(tracker).lower().split())
    return bool(latest) and latest == " ".join(previous_text(tracker).lower().split())


def slot_before_turn(tracker: Tracker, name: str) -> object:
    """A slot's value before the visitor's latest message (None if it was never set)."""
    events = tracker.events or []
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    value = None
    for event in events[:last_user]:
        if event.get("event") == "slot" and event.get("name") == name:
            value = event.get("value")
        elif event.get("event") in ("restart", "session_started"):
            value = None
    return value


#: Events after which what was said before is not read again: a new session, "start over", a restart.
_STARTED_OVER = ("session_started", "reset_slots", "restart")


def user_texts(tracker: Tracker) -> List[str]:
    """The visitor's words in this session since they last started over, oldest first (button
    payloads left out): what was said before "start over" is not read again."""
    texts: List[str] = []
    for event in tracker.events or []:
        if event.get("event") in _STARTED_OVER:
            texts = []
        elif event.get("event") == "user":
            text = event.get("text") or ""
            if text and not text.startswith("/"):
                texts.append(text)
    return texts


def ever_set(tracker: Tracker, name: str) -> bool:
    """Whether a slot has had a value since the visitor last started over (a value cleared to be
    changed counts: the visitor is asked again, not given back what they are changing)."""
    found = False
    for event in tracker.events or []:
        if event.get("event") in _STARTED_OVER:
            found = False
        elif event.get("event") == "slot" and event.get("name") == name and event.get("value") is not None:
            found = True
    return found


def set_lately(tracker: Tracker, name: str, turns: int = 2) -> bool:
    """Whether a slot was set since the visitor's ``turns``-th last message (this turn or the one before)."""
    events = tracker.events or []
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    since = users[-turns] if len(users) >= turns else -1
    return any(e.get("event") == "slot" and e.get("name") == name for e in events[since + 1:])


def said_in_session(tracker: Tracker, response: str) -> bool:
    """Whether ``response`` was uttered since the session started."""
    said = False
    for e in tracker.events or []:
        if e.get("event") == "session_started":
            said = False
        elif e.get("event") == "bot" and (e.get("metadata") or {}).get("utter_action") == response:
            said = True
    return said


def said_this_turn(tracker: Tracker, response: str) -> bool:
    """Whether an earlier action of this turn already uttered ``response``."""
    events = tracker.events or []
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return any(
        e.get("event") == "bot" and (e.get("metadata") or {}).get("utter_action") == response
        for e in events[last_user + 1:]
    )


def latest_text_of(tracker: Tracker, intents: "tuple[str, ...]") -> str:
    """The visitor's latest words classified as one of ``intents`` in this session ("" if none)."""
    for event in reversed(tracker.events or []):
        if event.get("event") in _STARTED_OVER:
            return ""
        if event.get("event") == "user" and ((event.get("parse_data") or {}).get("intent") or {}).get("name") in intents:
            text = event.get("text") or ""
            return "" if text.startswith("/") else text
    return ""
