"""The .ics invite of a booking."""
from datetime import datetime, timezone

import pytest
from icalendar import Calendar

from bot.booking import store as booking_store
from bot.booking.attorneys import BookingRules, parse_attorneys
from bot.booking.ics import booking_ics, filename
from bot.booking.store import Visitor, book, cancel
from bot.firm import Firm

UTC = timezone.utc
NOW = datetime(2026, 11, 29, 15, 0, tzinfo=UTC)
FIRM = Firm(
    name="Rivera & Cole Immigration Law", short_name="Rivera & Cole", phone="+1 312-555-0148",
    phone_display="(312) 555-0148", email="intake@riveracole.example", website_origin="http://localhost:8000",
    allowed_origins=[], time_zone="America/Chicago", office_hours_text="Mon-Fri 9-5", disclaimer="-",
    consent_question="-", offices=[{"name": "Chicago office", "address": "200 W Adams St, Chicago, IL 60606"}],
)
RULES = BookingRules()
ATTORNEYS = parse_attorneys(
    [{"id": "ana", "name": "Ana Rivera", "practice_areas": ["removal"], "time_zone": "America/Chicago",
      "consultation_minutes": 30, "buffer_minutes": 15, "hours": {"mon": [["09:00", "12:00"]]}}]
)
SLOT = booking_store.Slot(datetime(2026, 11, 30, 15, 0, tzinfo=UTC), "ana", datetime(2026, 11, 30, 15, 30, tzinfo=UTC))


@pytest.fixture
def db():
    db = booking_store.connect(":memory:")
    yield db
    db.close()


def make(db, mode="video"):
    visitor = Visitor("Rosa Díaz", "rosa@example.com", "312-555-0199", "America/New_York")
    return book(db, SLOT, visitor, mode, attorneys=ATTORNEYS, rules=RULES, now=NOW)


def event_of(data: bytes):
    calendar = Calendar.from_ical(data)
    (event,) = [c for c in calendar.walk() if c.name == "VEVENT"]
    return calendar, event


def test_invite_content(db):
    booking = make(db)
    data = booking_ics(booking, "Ana Rivera", firm=FIRM)
    calendar, event = event_of(data)
    assert str(calendar["method"]) == "PUBLISH"
    assert str(event["uid"]) == f"{booking.reference}@riveracole.example"
    assert b"DTSTART:20261130T150000Z" in data and b"DTEND:20261130T153000Z" in data
    assert event.decoded("dtstart") == SLOT.start and event.decoded("dtend") == SLOT.end
    assert str(event["summary"]) == "Consultation with Ana Rivera (Rivera & Cole)"
    description = str(event["description"])
    assert "(312) 555-0148" in description and booking.reference in description and "Video call" in description
    assert str(event["status"]) == "CONFIRMED"
    assert filename(booking) == f"consultation-{booking.reference}.ics"


@pytest.mark.parametrize(
    "mode, expected",
    [("in_person", "200 W Adams St"), ("phone", "Phone call"), ("video", "Video call")],
)
def test_location_by_mode(db, mode, expected):
    booking = make(db, mode)
    _, event = event_of(booking_ics(booking, "Ana Rivera", firm=FIRM))
    assert expected in str(event["location"])


def test_no_personal_details_in_the_invite(db):
    data = booking_ics(make(db), "Ana Rivera", firm=FIRM).decode()
    for detail in ("Rosa", "rosa@example.com", "555-0199", "+13125550199"):
        assert detail not in data


def test_cancelled_booking_gives_a_cancel(db):
    booking = make(db)
    cancelled = cancel(db, booking.reference, "rosa@example.com", attorneys=ATTORNEYS, now=NOW)
    calendar, event = event_of(booking_ics(cancelled, "Ana Rivera", firm=FIRM))
    assert str(calendar["method"]) == "CANCEL" and str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == f"{booking.reference}@riveracole.example"
