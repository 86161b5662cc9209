"""Finding 13: argon2 password checks and the web process's SQLite queries run
in worker threads, never on the event loop (30 parallel logins used to freeze
the whole process, public site included).

Each check records whether it ran in a thread with a running event loop:
the outcome, not a timing.
"""
from __future__ import annotations

import asyncio
import sqlite3
from datetime import datetime, timezone
from typing import List

import pytest

from bot import booking, settings, store
from bot.staff import accounts
from staff_support import PASSWORD, add_user, client, csrf_from, login, make_intake


def on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@pytest.fixture
def statements_on_loop(monkeypatch) -> List[str]:
    """Every SQL statement any connection opened from now on runs on an event loop."""
    found: List[str] = []
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(lambda sql: found.append(sql) if on_event_loop() else None)
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    from bot.staff import db as staff_db

    staff_db.close_thread_connections()  # connections opened before the patch are traced too
    return found


def test_password_checks_run_off_the_event_loop(monkeypatch):
    add_user("a@firm.example")
    calls: List[bool] = []
    real = accounts._hasher

    class Recording:
        def verify(self, *args):
            calls.append(on_event_loop())
            return real.verify(*args)

        def __getattr__(self, name):
            return getattr(real, name)

    monkeypatch.setattr(accounts, "_hasher", Recording())
    c = client()
    assert login(c, "a@firm.example", "a wrong password").status_code == 400
    assert login(c, "a@firm.example").status_code == 200
    assert calls == [False, False]


def test_no_sql_runs_on_the_event_loop_on_any_page(statements_on_loop):
    intake = make_intake("conv-1", contact={"name": "Ana", "phone": "+13125550100"})
    add_user("admin@firm.example", "admin")
    now = datetime(2026, 11, 30, 15, tzinfo=timezone.utc)
    db = store.connect(settings.intake_db_path())
    offer = booking.find_slots(db, situation="employment", visitor_tz="America/Chicago", now=now)
    made = booking.book(db, offer.slots[0], booking.Visitor("Ana", "ana@example.com", None, "America/Chicago"), "phone", now=now)
    statements_on_loop.clear()  # the set-up above ran in the test's own thread

    c = client()
    page = login(c, "admin@firm.example")
    token = csrf_from(page.text)
    for path in ("/", "/updates", "/updates/nothing-here", f"/bookings/{made.reference}.ics", "/staff/", "/staff/?q=Ana",
                 f"/staff/intakes/{intake['id']}", "/staff/dashboard", "/staff/admin/users", "/staff/admin/retention",
                 "/staff/admin/audit", "/staff/export/csv", "/staff/export/jsonl"):
        assert c.get(path).status_code in (200, 404), path
    for path, data in ((f"/staff/intakes/{intake['id']}/notes", {"body": "called"}),
                       (f"/staff/intakes/{intake['id']}/status", {"status": "reviewed"}),
                       ("/staff/admin/users", {"email": "new@firm.example", "password": PASSWORD, "role": "staff"}),
                       ("/staff/admin/retention", {"days": "400"})):
        assert c.post(path, data={"csrf_token": token, **data}).status_code == 200, path
    assert c.post("/staff/logout", data={"csrf_token": token}).status_code == 200
    assert statements_on_loop == []
