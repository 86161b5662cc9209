"""Helpers for the staff tests (imported by test_staff_*.py; holds no tests).

Transcripts are written with Rasa's own ``SQLTrackerStore`` from a
``DialogueStateTracker`` built of Rasa events, so the rows are exactly what
the Rasa server stores; intakes go through ``bot.store.save_intake`` and
bookings through ``bot.booking.book``, as the action server writes them.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import re
import warnings
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Sequence, Tuple

from bot import settings, store
from bot.staff import accounts
from bot.staff import db as staff_db

PASSWORD = "correct horse battery staple"
#: 2026-11-23 15:00 UTC (Monday 9:00 in Chicago), the default start of conversations.
T0 = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc).timestamp()

CONSENT_BUTTONS = [{"title": "Yes, that's fine", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
SITUATION_BUTTONS = [
    {"title": "Someone is detained", "payload": "/situation_detention"},
    {"title": "Court / deportation case", "payload": "/situation_removal"},
    {"title": "Family or marriage", "payload": "/situation_family"},
]
SUMMARY_BUTTONS = [{"title": "Yes, save it", "payload": "/affirm"}, {"title": "Change something", "payload": "/deny"}]


# --- transcripts through Rasa's SQL tracker store ------------------------------------


def _rasa():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from rasa.core.tracker_store import SQLTrackerStore
        from rasa.shared.core import events
        from rasa.shared.core.trackers import DialogueStateTracker
    return SQLTrackerStore, events, DialogueStateTracker


def build_events(turns: Sequence[Tuple], start: float = T0) -> List[Any]:
    """Rasa events from compact turns, one second apart:

    ``("user", text, intent)``, ``("bot", text, buttons)``, ``("action", name)``,
    ``("slot", name, value)``, ``("session",)``, ``("restart",)``.
    """
    _, ev, _ = _rasa()
    out: List[Any] = []
    t = start
    for turn in turns:
        kind = turn[0]
        if kind == "session":
            out += [ev.ActionExecuted("action_session_start", timestamp=t), ev.SessionStarted(timestamp=t), ev.ActionExecuted("action_listen", timestamp=t)]
        elif kind == "user":
            text, intent = turn[1], turn[2]
            parse = {"intent": {"name": intent, "confidence": 0.97}, "entities": [], "text": text}
            out.append(ev.UserUttered(text, intent=parse["intent"], parse_data=parse, timestamp=t))
        elif kind == "bot":
            text, buttons = turn[1], (turn[2] if len(turn) > 2 else None)
            data = {"buttons": buttons} if buttons else {}
            out.append(ev.BotUttered(text, data=data, metadata={"utter_action": "utter_x"}, timestamp=t))
        elif kind == "action":
            out.append(ev.ActionExecuted(turn[1], timestamp=t))
        elif kind == "slot":
            out.append(ev.SlotSet(turn[1], turn[2], timestamp=t))
        elif kind == "restart":
            out.append(ev.Restarted(timestamp=t))
        else:  # pragma: no cover
            raise ValueError(kind)
        t += 1.0
    return out


_stores: Dict[str, Any] = {}


def domain():
    """The project's real Rasa domain (its slots make the SlotSet events valid)."""
    from tests.project_domain import rasa_domain

    return rasa_domain()


def tracker_store():
    """Rasa's SQL tracker store where the setting says (SQLite here, or a test PostgreSQL)."""
    SQLTrackerStore, _, _ = _rasa()
    url = settings.transcripts_url()
    if url not in _stores:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # A host holding "://" is the whole SQLAlchemy URL to Rasa.
            _stores[url] = SQLTrackerStore(domain=domain(), host=url)
    return _stores[url]


def close_tracker_stores() -> None:
    """Close the connections of the tracker stores opened so far (before a test database is dropped)."""
    for opened in _stores.values():
        opened.engine.dispose()
    _stores.clear()


def save_conversation(sender: str, turns: Sequence[Tuple], start: float = T0) -> None:
    """Store a conversation as the Rasa server does: retrieve the tracker (its
    current session), append the turn's events, save (only new events are written)."""
    _, _, DialogueStateTracker = _rasa()
    ts = tracker_store()
    existing = _run(ts.retrieve(sender))
    events = list(existing.events) if existing is not None else []
    tracker = DialogueStateTracker.from_events(sender, events + build_events(turns, start), slots=domain().slots)
    _run(ts.save(tracker))


def _run(coroutine):
    """Run a coroutine to completion, also where an event loop is already running
    (Playwright's sync API keeps one in the test's thread)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def intake_conversation(
    visitor_text: str = "ICE took my husband this morning, he is at Broadview",
    *,
    place: str = "Chicago",
    name: str = "Maria Lopez",
    phone: str = "312 555 0148",
    start_over: bool = False,
    went_back: bool = False,
) -> List[Tuple]:
    """The turns of a typical intake conversation (detention, urgent)."""
    turns: List[Tuple] = [
        ("session",),
        ("user", "hi", "greet"),
        ("action", "utter_greet"),
        ("bot", "Hi, I'm Sol. May I save what you tell me?", CONSENT_BUTTONS),
        ("user", "/affirm", "affirm"),
        ("slot", "consent", True),
    ]
    if start_over:
        turns += [
            ("user", "start over", "start_over"),
            ("action", "action_start_over"),
            ("bot", "Okay, let's start over."),
            ("bot", "May I save what you tell me?", CONSENT_BUTTONS),
            ("user", "/affirm", "affirm"),
            ("slot", "consent", True),
        ]
    turns += [
        ("bot", "Where are you located?"),
        ("user", place, "inform_location"),
        ("slot", "location", place),
        ("slot", "state", "IL"),
        ("bot", "What is happening?", SITUATION_BUTTONS),
        ("user", "/situation_detention", "situation_detention"),
        ("slot", "situation", "detention"),
        ("bot", "Tell me what happened, in your own words."),
        ("user", visitor_text, "inform"),
        ("bot", "What is your name?"),
        ("user", name, "inform"),
        ("bot", "And a phone number?"),
        ("user", phone, "inform"),
        ("bot", "Here's what I have. Is this right?", SUMMARY_BUTTONS),
    ]
    if went_back:
        turns += [
            ("user", "/deny", "deny"),
            ("slot", "correcting", True),
            ("bot", "What would you like to change?"),
            ("user", "my phone", "inform"),
            ("bot", "Here's what I have. Is this right?", SUMMARY_BUTTONS),
        ]
    turns += [("user", "/affirm", "affirm"), ("slot", "intake_saved", True), ("bot", "Thank you. Our team will call you.")]
    return turns


# --- intakes --------------------------------------------------------------------------


def intake_db():
    return staff_db.intake_db()


def make_intake(conversation_id: str, created_at: Optional[str] = None, **fields: Any) -> Dict[str, Any]:
    """Save an intake (as the action server does); optionally backdate it."""
    db = intake_db()
    record = {
        "consent": True,
        "country": "United States",
        "state": "IL",
        "city": "Chicago",
        "location_text": "Chicago",
        "situation": "family",
        "situation_text": "we want to apply for a green card",
        "urgent": False,
        "urgency_reasons": [],
        "details": {},
        "contact": {"name": "Ana Perez", "phone": "+13125550100"},
        "callback_requested": False,
    }
    record.update(fields)
    saved = store.save_intake(db, conversation_id, record)
    if created_at:
        with db.conn:
            db.conn.execute("UPDATE intakes SET created_at = ?, updated_at = ? WHERE id = ?", [created_at, created_at, saved["id"]])
        saved = store.get_intake(db, saved["id"])
    return saved


# --- the app ------------------------------------------------------------------------------


def add_user(email: str, role: str = "staff", password: str = PASSWORD) -> accounts.User:
    return accounts.add_user(intake_db(), email, password, role)


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def client(base_url: str = "http://testserver"):
    from starlette.testclient import TestClient

    from web.app import create_app

    return TestClient(create_app(), base_url=base_url, follow_redirects=True)


def login(c, email: str, password: str = PASSWORD):
    page = c.get("/staff/login")
    response = c.post("/staff/login", data={"email": email, "password": password, "csrf_token": csrf_from(page.text)})
    return response


def logged_in(email: str = "staff@firm.example", role: str = "staff"):
    """A TestClient logged in as a new user with ``role``; returns (client, csrf token)."""
    add_user(email, role)
    c = client()
    response = login(c, email)
    assert response.status_code == 200, response.text[:500]
    return c, csrf_from(response.text)
