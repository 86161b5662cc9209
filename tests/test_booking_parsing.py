"""Visitors' time requests (fixed "now"), slot matching, emails and phones."""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.booking.attorneys import BookingRules, parse_attorney
from bot.booking.availability import open_slots
from bot.booking.parsing import TimeRequest, match_slots, parse_email, parse_phone, parse_time_request

UTC = timezone.utc
CHICAGO = ZoneInfo("America/Chicago")
# Sunday Nov 29 2026, 3:00 PM in Chicago
NOW = datetime(2026, 11, 29, 21, 0, tzinfo=UTC)


def show(when):
    return when.astimezone(CHICAGO).strftime("%a %b %d %H:%M") if when else None


@pytest.mark.parametrize(
    "text, kind, start, end",
    [
        ("first available", "first_available", "Sun Nov 29 15:00", None),
        ("asap", "first_available", "Sun Nov 29 15:00", None),
        ("As soon as possible please!", "first_available", "Sun Nov 29 15:00", None),
        ("tomorrow afternoon", "window", "Mon Nov 30 12:00", "Mon Nov 30 17:00"),
        ("next tuesday morning", "window", "Tue Dec 01 06:00", "Tue Dec 01 12:00"),
        ("friday after 5pm", "window", "Fri Dec 04 17:00", "Sat Dec 05 00:00"),
        ("monday at 10", "exact", "Mon Nov 30 10:00", "Mon Nov 30 10:00"),
        ("dec 3 at 2:30pm", "exact", "Thu Dec 03 14:30", "Thu Dec 03 14:30"),
        ("tomorrow at 3", "exact", "Mon Nov 30 15:00", "Mon Nov 30 15:00"),  # a bare 3 is 3 PM
        ("monday", "window", "Mon Nov 30 00:00", "Tue Dec 01 00:00"),
        ("this friday", "window", "Fri Dec 04 00:00", "Sat Dec 05 00:00"),
        ("before noon tuesday", "window", "Tue Dec 01 00:00", "Tue Dec 01 12:00"),
        ("tomorrow between 2 and 4", "window", "Mon Nov 30 14:00", "Mon Nov 30 16:00"),
        ("tomorrow from 2pm to 4:30pm", "window", "Mon Nov 30 14:00", "Mon Nov 30 16:30"),
        ("next week", "window", "Mon Nov 30 00:00", "Mon Dec 07 00:00"),
        ("this afternoon", "window", "Sun Nov 29 15:00", "Sun Nov 29 17:00"),  # starts now
        ("at 10am", "exact", "Mon Nov 30 10:00", "Mon Nov 30 10:00"),  # 10 AM has passed today
    ],
)
def test_phrases(text, kind, start, end):
    request = parse_time_request(text, now=NOW, tz="America/Chicago")
    assert request.ok, request.reason
    assert (request.kind, show(request.start), show(request.end)) == (kind, start, end)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "empty"),
        ("   ", "empty"),
        (None, "empty"),
        ("banana", "not_understood"),
        ("feb 30", "not_understood"),
        ("yesterday", "past"),
        ("last monday", "past"),
        ("this morning", "past"),
        ("dec 3 2025", "past"),
        ("nov 2", "past"),  # this year's Nov 2, not next year's
    ],
)
def test_bad_requests_give_a_reason(text, reason):
    request = parse_time_request(text, now=NOW, tz="America/Chicago")
    assert request.reason == reason and not request.ok and request.start is None


def test_relative_to_now_not_the_clock():
    # Another year and season: nothing may come from the machine's clock.
    now = datetime(2027, 3, 10, 17, 0, tzinfo=UTC)  # Wed 11:00 AM CST; DST starts Sun Mar 14 2027
    request = parse_time_request("this afternoon", now=now, tz="America/Chicago")
    assert show(request.start) == "Wed Mar 10 12:00" and show(request.end) == "Wed Mar 10 17:00"
    request = parse_time_request("monday at 10", now=now, tz="America/Chicago")
    assert request.start == datetime(2027, 3, 15, 15, 0, tzinfo=UTC)  # 10:00 CDT, after the change


def test_the_visitors_zone_matters():
    ny = parse_time_request("monday at 10", now=NOW, tz="America/New_York")
    la = parse_time_request("monday at 10", now=NOW, tz="America/Los_Angeles")
    assert ny.start == datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
    assert la.start == datetime(2026, 11, 30, 18, 0, tzinfo=UTC)


ANA = parse_attorney(
    {
        "id": "ana", "name": "Ana Rivera", "practice_areas": ["removal"], "time_zone": "America/Chicago",
        "consultation_minutes": 30, "buffer_minutes": 15,
        "hours": {"mon": [["09:00", "12:00"], ["13:00", "17:00"]], "fri": [["09:00", "12:00"]]},
    }
)
SLOTS = open_slots(ANA, now=NOW, rules=BookingRules())


def labels(slots):
    return [show(s.start) for s in slots]


def test_match_a_window():
    result = match_slots(parse_time_request("tomorrow afternoon", now=NOW, tz="America/Chicago"), SLOTS, limit=3)
    assert result.matched and labels(result.slots) == ["Mon Nov 30 13:00", "Mon Nov 30 13:45", "Mon Nov 30 14:30"]


def test_match_an_exact_time():
    result = match_slots(parse_time_request("monday at 9:45am", now=NOW, tz="America/Chicago"), SLOTS)
    assert result.matched and labels(result.slots) == ["Mon Nov 30 09:45"]


def test_first_available():
    result = match_slots(parse_time_request("asap", now=NOW, tz="America/Chicago"), SLOTS, limit=2)
    assert labels(result.slots) == ["Mon Nov 30 09:00", "Mon Nov 30 09:45"]


def test_no_match_gives_the_nearest_alternatives():
    # Friday hours end at noon: the closest are Friday's last slots, not Monday's first
    result = match_slots(parse_time_request("friday after 5pm", now=NOW, tz="America/Chicago"), SLOTS, limit=3)
    assert not result.matched and result.reason == "no_match"
    assert labels(result.slots) == ["Fri Dec 04 09:45", "Fri Dec 04 10:30", "Fri Dec 04 11:15"]
    result = match_slots(parse_time_request("monday at 10", now=NOW, tz="America/Chicago"), SLOTS, limit=2)
    assert not result.matched and labels(result.slots) == ["Mon Nov 30 09:45", "Mon Nov 30 10:30"]


def test_nothing_open_at_all():
    result = match_slots(parse_time_request("asap", now=NOW, tz="America/Chicago"), [])
    assert result.slots == [] and result.reason == "none_open"


def test_a_failed_request_cannot_be_matched():
    with pytest.raises(ValueError):
        match_slots(TimeRequest.failed("past"), SLOTS)


# --- email and phone -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("rosa@example.com", "rosa@example.com"),
        ("  Rosa.Diaz@Example.COM ", "Rosa.Diaz@example.com"),
        ("<rosa@example.com>", "rosa@example.com"),
        ("my email is rosa@example.com.", "rosa@example.com"),
    ],
)
def test_valid_emails(text, value):
    assert parse_email(text) == (value, None)


@pytest.mark.parametrize("text", ["", "rosa", "rosa@", "rosa@@example.com", "rosa@example", "rosa@exa_mple.com"])
def test_invalid_emails(text):
    value, error = parse_email(text)
    assert value is None and error


@pytest.mark.parametrize(
    "text, e164, display",
    [
        ("312-555-0148", "+13125550148", "(312) 555-0148"),
        ("(773) 202 5555", "+17732025555", "(773) 202-5555"),
        ("+1 312.555.0148", "+13125550148", "(312) 555-0148"),
        ("+52 55 1234 5678", "+525512345678", "+52 55 1234 5678"),
        ("+44 20 7946 0958", "+442079460958", "+44 20 7946 0958"),
    ],
)
def test_valid_phones(text, e164, display):
    phone, error = parse_phone(text)
    assert error is None and (phone.e164, phone.display) == (e164, display)


@pytest.mark.parametrize("text", ["", "call me", "12345", "555-1234", "+1 123 456 7890", "312-555-01489999"])
def test_invalid_phones(text):
    phone, error = parse_phone(text)
    assert phone is None and error


def test_next_year_dates_are_not_past():
    new_years_eve = datetime(2026, 12, 31, 18, 0, tzinfo=UTC)  # noon in Chicago
    request = parse_time_request("jan 5", now=new_years_eve, tz="America/Chicago")
    assert request.ok and show(request.start) == "Tue Jan 05 00:00"
    assert parse_time_request("in 7 months", now=NOW, tz="America/Chicago").ok  # far, not past: matching offers the nearest
