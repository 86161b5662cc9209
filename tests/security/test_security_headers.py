"""Finding 14: every response of the web process carries the security headers,
calendar invites, files, redirects, 404s and 500s included."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from starlette.testclient import TestClient

from bot import booking, settings, store
from staff_support import logged_in
from web.app import create_app

REQUIRED = ("content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options")


def _booking_reference() -> str:
    db = store.connect(settings.intake_db_path())
    now = datetime(2026, 11, 30, 15, tzinfo=timezone.utc)
    offer = booking.find_slots(db, situation="employment", visitor_tz="America/Chicago", now=now)
    return booking.book(db, offer.slots[0], booking.Visitor("Ana", "ana@example.com", None, "America/Chicago"), "phone", now=now).reference


def assert_secured(response, what):
    missing = [h for h in REQUIRED if h not in response.headers]
    assert not missing, (what, response.status_code, missing)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors" in response.headers["content-security-policy"]


def test_every_kind_of_response_has_the_headers():
    reference = _booking_reference()
    c = TestClient(create_app(), follow_redirects=False)
    for path in ("/", "/updates", "/healthz", "/static/site.css", "/static/missing.css", "/vendor/socket.io-client/x.js",
                 f"/bookings/{reference}.ics", "/bookings/RC-2222-2222-2222.ics", "/nothing/here", "/staff/", "/staff/login",
                 "/staff/export/csv"):
        assert_secured(c.get(path), path)
    assert_secured(c.post("/bookings/x.ics"), "405")
    ics = c.get(f"/bookings/{reference}.ics")
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")


def test_logged_in_staff_pages_keep_their_stricter_policy():
    c, _ = logged_in()
    response = c.get("/staff/")
    assert_secured(response, "/staff/")
    assert response.headers["x-frame-options"] == "DENY" and "default-src 'none'" in response.headers["content-security-policy"]


def test_an_internal_error_has_the_headers_too(monkeypatch):
    from web import bookings

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(bookings.booking, "get_booking", broken)
    response = TestClient(create_app(), raise_server_exceptions=False).get("/bookings/RC-2222-2222-2222.ics")
    assert response.status_code == 500
    assert_secured(response, "500")


@pytest.mark.parametrize("secure, scheme, hsts", [(True, "http", True), (False, "https", True), (False, "http", False)])
def test_hsts_behind_tls_only(secure, scheme, hsts):
    deployment = settings.Deployment("production" if secure else "development", secure, ())
    response = TestClient(create_app(deployment=deployment), base_url=f"{scheme}://testserver").get("/healthz")
    assert ("strict-transport-security" in response.headers) is hsts
