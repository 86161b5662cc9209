"""The 24-hours-before reminder: sent once, and the scheduler that sends it."""
import socket
import time
from datetime import datetime, timedelta, timezone

import pytest

from bot.booking import reminders
from bot.booking import store as booking_store
from bot.booking.attorneys import BookingRules, parse_attorneys
from bot.booking.availability import open_slots
from bot.booking.mail import SmtpConfig
from bot.booking.reminders import send_due_reminders, start_scheduler
from bot.booking.store import Visitor, book, cancel
from bot.firm import Firm

UTC = timezone.utc
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # Wednesday, five days before Monday's slots
FIRM = Firm(
    name="Rivera & Cole Immigration Law", short_name="Rivera & Cole", phone="+1 312-555-0148",
    phone_display="(312) 555-0148", email="intake@riveracole.example", website_origin="http://localhost:8000",
    allowed_origins=[], time_zone="America/Chicago", office_hours_text="Mon-Fri 9-5", disclaimer="-",
    consent_question="-",
)
RULES = BookingRules()
ATTORNEYS = parse_attorneys(
    [{"id": "ana", "name": "Ana Rivera", "practice_areas": ["removal"], "time_zone": "America/Chicago",
      "consultation_minutes": 30, "buffer_minutes": 15, "hours": {"mon": [["09:00", "12:00"]]}}]
)
SLOTS = open_slots(ATTORNEYS[0], now=NOW)
ROSA = Visitor("Rosa Díaz", "rosa@example.com", None, "America/Chicago")


@pytest.fixture
def db():
    db = booking_store.connect(":memory:")
    yield db
    db.close()


def run(db, now, smtp=None):
    return send_due_reminders(db, now, attorneys=ATTORNEYS, firm=FIRM, smtp=smtp)


def reminders_in_outbox(db):
    if "outbox" not in db.table_names():
        return []
    return list(db.query("SELECT reference, status FROM outbox WHERE kind = 'reminder'"))


def test_reminder_sent_once_24_hours_before(db):
    booking = book(db, SLOTS[0], ROSA, "phone", attorneys=ATTORNEYS, rules=RULES, now=NOW)
    assert run(db, booking.start - timedelta(hours=25)) == 0  # not yet
    assert run(db, booking.start - timedelta(hours=23, minutes=55)) == 1
    assert run(db, booking.start - timedelta(hours=23, minutes=50)) == 0  # not again
    assert run(db, booking.start - timedelta(hours=2)) == 0
    assert reminders_in_outbox(db) == [{"reference": booking.reference, "status": "queued"}]
    assert booking_store.get_booking(db, booking.reference).reminder_sent_at is not None


def test_no_reminder_for_cancelled_or_past_bookings(db):
    cancelled = book(db, SLOTS[0], ROSA, "phone", attorneys=ATTORNEYS, rules=RULES, now=NOW)
    cancel(db, cancelled.reference, ROSA.email, attorneys=ATTORNEYS, now=NOW)
    past = book(db, SLOTS[2], ROSA, "phone", attorneys=ATTORNEYS, rules=RULES, now=NOW)
    assert run(db, cancelled.start - timedelta(hours=20)) == 1  # only `past`, still ahead then
    assert run(db, past.start + timedelta(minutes=1)) == 0
    assert reminders_in_outbox(db) == [{"reference": past.reference, "status": "queued"}]


def test_no_reminder_for_a_booking_made_less_than_a_day_ahead(db):
    late = book(db, SLOTS[0], ROSA, "phone", attorneys=ATTORNEYS, rules=RULES, now=SLOTS[0].start - timedelta(hours=10))
    assert run(db, late.start - timedelta(hours=9)) == 0


def test_a_failed_delivery_is_retried_next_run(db):
    booking = book(db, SLOTS[0], ROSA, "phone", attorneys=ATTORNEYS, rules=RULES, now=NOW)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dead = SmtpConfig(host="127.0.0.1", port=port, starttls=False, timeout=2)
    when = booking.start - timedelta(hours=23)
    assert run(db, when, smtp=dead) == 0
    assert booking_store.get_booking(db, booking.reference).reminder_sent_at is None
    assert run(db, when + timedelta(minutes=5)) == 1
    assert [r["status"] for r in db.query("SELECT status FROM outbox WHERE kind = 'reminder' ORDER BY id")] == ["failed", "queued"]


def test_two_runs_cannot_both_claim_a_reminder(db):
    booking = book(db, SLOTS[0], ROSA, "phone", attorneys=ATTORNEYS, rules=RULES, now=NOW)
    when = booking.start - timedelta(hours=23)
    assert reminders._claim(db, booking.id, when) is True
    assert reminders._claim(db, booking.id, when) is False


def test_scheduler_runs_the_job(tmp_path):
    path = tmp_path / "intake.db"
    scheduler = start_scheduler(str(path), interval_minutes=5)
    try:
        job = scheduler.get_job("booking-reminders")
        assert job is not None and job.trigger.interval == timedelta(minutes=5)
        assert scheduler.running
        deadline = time.monotonic() + 10
        while not path.exists() and time.monotonic() < deadline:  # the first run starts at once
            time.sleep(0.05)
        assert path.exists()
    finally:
        scheduler.shutdown(wait=True)


def test_command_line_once(tmp_path, capsys):
    assert reminders.main(["--once", "--db", str(tmp_path / "intake.db")]) == 0
    assert "0 reminder(s) sent" in capsys.readouterr().out
