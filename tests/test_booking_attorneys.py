"""Attorneys and booking rules read from the firm profile."""
from datetime import date, time, timedelta

import pytest
import yaml

from bot import settings
from bot.booking.attorneys import AttorneyConfigError, BookingRules, parse_attorney, parse_attorneys
from bot.firm import load_firm

GOOD = {
    "id": "arivera",
    "name": "Ana Rivera",
    "practice_areas": ["removal", "detention"],
    "languages": ["en", "ES"],
    "time_zone": "America/Chicago",
    "consultation_minutes": 30,
    "buffer_minutes": 15,
    "modes": ["phone", "video"],
    "hours": {"mon": [["13:00", "17:00"], ["09:00", "12:00"]], "fri": [["09:00", "12:00"]], "sat": []},
    "days_off": ["2026-12-24", date(2026, 12, 25)],
}


def test_a_good_entry_becomes_an_attorney():
    a = parse_attorney(GOOD)
    assert a.id == "arivera" and a.languages == ("en", "es")
    assert a.hours[0] == ((time(9), time(12)), (time(13), time(17)))  # sorted
    assert 5 not in a.hours  # an empty day is no day
    assert a.days_off == {date(2026, 12, 24), date(2026, 12, 25)}
    assert a.duration == timedelta(minutes=30) and a.buffer == timedelta(minutes=15)
    assert a.handles("removal") and not a.handles("family") and a.speaks("ES")


def test_the_shipped_firm_profile_is_valid():
    firm = load_firm(settings.PROJECT_ROOT / "firm.yml")
    attorneys = parse_attorneys(firm.attorneys)
    assert len(attorneys) >= 1
    BookingRules.from_config(firm.booking)


def test_unquoted_yaml_times_are_read():
    raw = dict(GOOD, hours=yaml.safe_load("mon: [[09:00, 12:00], [13:00, 17:30]]"))
    assert parse_attorney(raw).hours[0] == ((time(9), time(12)), (time(13), time(17, 30)))


@pytest.mark.parametrize(
    "change, field",
    [
        ({"consultation_minutes": None}, "consultation_minutes"),
        ({"consultation_minutes": "30"}, "consultation_minutes"),
        ({"buffer_minutes": -5}, "buffer_minutes"),
        ({"time_zone": "Central"}, "time_zone"),
        ({"practice_areas": ["divorce"]}, "practice_areas"),
        ({"practice_areas": []}, "practice_areas"),
        ({"languages": ["Spanish"]}, "languages"),
        ({"modes": ["carrier pigeon"]}, "modes"),
        ({"hours": {"mon": [["12:00", "09:00"]]}}, "hours.mon[0]"),
        ({"hours": {"mon": [["09:00", "12:00"], ["11:00", "13:00"]]}}, "hours.mon"),
        ({"hours": {"funday": [["09:00", "12:00"]]}}, "hours.funday"),
        ({"hours": {"mon": [["9am", "12:00"]]}}, "hours.mon[0]"),
        ({"hours": {"mon": [["09:00"]]}}, "hours.mon[0]"),
        ({"hours": {}}, "hours"),
        ({"days_off": ["christmas"]}, "days_off[0]"),
        ({"name": ""}, "name"),
        ({"id": "a b"}, "id"),
    ],
)
def test_a_bad_field_is_named_with_the_attorney(change, field):
    with pytest.raises(AttorneyConfigError) as err:
        parse_attorney({**GOOD, **change})
    message = str(err.value)
    assert f"{field}:" in message
    if change.get("name") != "" and "id" not in change:
        assert "'arivera' (Ana Rivera)" in message


def test_duplicate_ids_are_refused():
    with pytest.raises(AttorneyConfigError, match="arivera.*used by more than one"):
        parse_attorneys([GOOD, dict(GOOD, name="Someone Else")])


def test_booking_rules_defaults_and_checks():
    assert BookingRules.from_config(None) == BookingRules(timedelta(hours=2), timedelta(days=14))
    assert BookingRules.from_config({"lead_time_hours": 4, "horizon_days": 7}).horizon == timedelta(days=7)
    with pytest.raises(AttorneyConfigError, match="booking"):
        BookingRules.from_config({"horizon_days": 0})
