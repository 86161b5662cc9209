"""The .ics invite route of the web process."""
from datetime import datetime, timezone

from starlette.testclient import TestClient

from bot import booking, settings, store


def test_invite_for_a_confirmed_booking_and_404_otherwise():
    from web.bookings import create_app

    db = store.connect(settings.intake_db_path())
    now = datetime(2026, 11, 30, 15, tzinfo=timezone.utc)
    offer = booking.find_slots(db, situation="employment", visitor_tz="America/Chicago", now=now)
    made = booking.book(db, offer.slots[0], booking.Visitor("Ana", "ana@example.com", None, "America/Chicago"), "phone", now=now)
    client = TestClient(create_app())
    response = client.get(f"/{made.reference}.ics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in response.text and made.reference in response.text
    assert "ana@example.com" not in response.text
    assert client.get("/RC-222222.ics").status_code == 404
