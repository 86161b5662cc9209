"""Open slots: weekly hours, days off, bookings with buffers, lead time,
horizon, daylight-saving changes; and how a slot is shown to a visitor."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.booking.attorneys import BookingRules, parse_attorney
from bot.booking.availability import Slot, format_slot, is_open, open_slots, open_slots_for, zone_name

UTC = timezone.utc
CHICAGO = ZoneInfo("America/Chicago")


def attorney(**changes):
    raw = {
        "id": "ana",
        "name": "Ana Rivera",
        "practice_areas": ["removal"],
        "languages": ["en", "es"],
        "time_zone": "America/Chicago",
        "consultation_minutes": 30,
        "buffer_minutes": 15,
        "hours": {"mon": [["09:00", "12:00"]]},
    }
    raw.update(changes)
    return parse_attorney(raw)


def local(slot_or_dt, tz=CHICAGO):
    when = slot_or_dt.start if isinstance(slot_or_dt, Slot) else slot_or_dt
    return when.astimezone(tz).strftime("%a %m-%d %H:%M %Z")


# Sunday Nov 29 2026, 9:00 AM Chicago: well before Monday's hours.
SUNDAY = datetime(2026, 11, 29, 15, 0, tzinfo=UTC)


def test_weekly_hours_with_consultation_length_and_buffer():
    slots = open_slots(attorney(), now=SUNDAY, rules=BookingRules(horizon=timedelta(days=2)))
    # 30 minutes + 15 minutes buffer: a slot every 45 minutes that fits before noon
    assert [local(s) for s in slots] == [
        "Mon 11-30 09:00 CST", "Mon 11-30 09:45 CST", "Mon 11-30 10:30 CST", "Mon 11-30 11:15 CST",
    ]
    assert slots[0].start == datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # stored in UTC
    assert all(s.end - s.start == timedelta(minutes=30) for s in slots)


def test_several_ranges_a_day():
    a = attorney(hours={"mon": [["09:00", "10:00"], ["13:00", "14:00"]]}, buffer_minutes=0)
    slots = open_slots(a, now=SUNDAY, rules=BookingRules(horizon=timedelta(days=2)))
    assert [local(s) for s in slots] == [
        "Mon 11-30 09:00 CST", "Mon 11-30 09:30 CST", "Mon 11-30 13:00 CST", "Mon 11-30 13:30 CST",
    ]


def test_no_slot_in_the_past_or_within_the_lead_time():
    monday_8am = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)
    slots = open_slots(attorney(), now=monday_8am, rules=BookingRules(horizon=timedelta(hours=20)))
    # 8:00 + 2 h lead time = 10:00: the 9:00 and 9:45 slots are gone
    assert [local(s) for s in slots] == ["Mon 11-30 10:30 CST", "Mon 11-30 11:15 CST"]
    monday_11am = monday_8am + timedelta(hours=3)
    assert open_slots(attorney(), now=monday_11am, rules=BookingRules(lead_time=timedelta(0), horizon=timedelta(hours=5))) == [
        Slot(datetime(2026, 11, 30, 17, 15, tzinfo=UTC), "ana", datetime(2026, 11, 30, 17, 45, tzinfo=UTC))
    ]


def test_lead_time_is_configurable():
    monday_8am = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)
    slots = open_slots(attorney(), now=monday_8am, rules=BookingRules(lead_time=timedelta(minutes=30), horizon=timedelta(hours=20)))
    assert local(slots[0]) == "Mon 11-30 09:00 CST"


def test_horizon_defaults_to_14_days():
    slots = open_slots(attorney(), now=SUNDAY)
    assert len(slots) == 2 * 4  # Mondays Nov 30 and Dec 7; Dec 14 is 15 days away
    assert all(s.start < SUNDAY + timedelta(days=14) for s in slots)
    slots = open_slots(attorney(), now=SUNDAY, rules=BookingRules(horizon=timedelta(days=21)))
    assert len(slots) == 3 * 4


def test_days_off():
    slots = open_slots(attorney(days_off=["2026-11-30"]), now=SUNDAY, rules=BookingRules(horizon=timedelta(days=9)))
    assert {local(s)[:9] for s in slots} == {"Mon 12-07"}


def test_existing_bookings_keep_the_buffer_on_both_sides():
    # A booking made by staff at an off-grid time: 10:00-10:30.
    busy = [(datetime(2026, 11, 30, 16, 0, tzinfo=UTC), datetime(2026, 11, 30, 16, 30, tzinfo=UTC))]
    slots = open_slots(attorney(), busy, now=SUNDAY, rules=BookingRules(horizon=timedelta(days=2)))
    # 9:45-10:15 overlaps; 10:30 starts inside the 15-minute buffer after it;
    # 9:00-9:30 ends exactly when the buffer before it begins.
    assert [local(s) for s in slots] == ["Mon 11-30 09:00 CST", "Mon 11-30 11:15 CST"]


def test_a_booking_on_the_grid_takes_only_its_own_slot():
    busy = [(datetime(2026, 11, 30, 15, 45, tzinfo=UTC), datetime(2026, 11, 30, 16, 15, tzinfo=UTC))]
    slots = open_slots(attorney(), busy, now=SUNDAY, rules=BookingRules(horizon=timedelta(days=2)))
    assert [local(s) for s in slots] == ["Mon 11-30 09:00 CST", "Mon 11-30 10:30 CST", "Mon 11-30 11:15 CST"]


def test_the_attorneys_own_zone_is_used():
    mai = attorney(id="mai", time_zone="America/Los_Angeles", hours={"mon": [["08:00", "09:00"]]}, buffer_minutes=0)
    slots = open_slots(mai, now=SUNDAY, rules=BookingRules(horizon=timedelta(days=2)))
    assert [s.start for s in slots] == [
        datetime(2026, 11, 30, 16, 0, tzinfo=UTC), datetime(2026, 11, 30, 16, 30, tzinfo=UTC),
    ]
    assert format_slot(slots[0], "America/Chicago") == "Mon Nov 30, 10:00 AM CST"


# --- daylight saving: US changes on Sun Mar 8 2026 and Sun Nov 1 2026 -------------


def test_march_week_weekday_hours_move_in_utc():
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)  # Sun Mar 1
    a = attorney(hours={"mon": [["09:00", "09:30"]]})
    slots = open_slots(a, now=now)
    assert [s.start for s in slots] == [
        datetime(2026, 3, 2, 15, 0, tzinfo=UTC),  # 9:00 CST = UTC-6
        datetime(2026, 3, 9, 14, 0, tzinfo=UTC),  # 9:00 CDT = UTC-5
    ]
    assert [local(s) for s in slots] == ["Mon 03-02 09:00 CST", "Mon 03-09 09:00 CDT"]
    # Arizona keeps MST all year: the same 9:00 Chicago slot moves an hour for Phoenix.
    assert [format_slot(s, "America/Phoenix") for s in slots] == ["Mon Mar 2, 8:00 AM MST", "Mon Mar 9, 7:00 AM MST"]


def test_november_week_weekday_hours_move_in_utc():
    now = datetime(2026, 10, 25, 12, 0, tzinfo=UTC)  # Sun Oct 25
    a = attorney(hours={"mon": [["09:00", "09:30"]]})
    slots = open_slots(a, now=now)
    assert [s.start for s in slots] == [
        datetime(2026, 10, 26, 14, 0, tzinfo=UTC),  # CDT
        datetime(2026, 11, 2, 15, 0, tzinfo=UTC),  # CST
    ]


def test_spring_forward_night_has_no_slot_in_the_missing_hour():
    a = attorney(hours={"sun": [["01:00", "04:00"]]}, buffer_minutes=0)
    slots = open_slots(a, now=datetime(2026, 3, 7, 12, 0, tzinfo=UTC), rules=BookingRules(horizon=timedelta(days=2)))
    # 1:00-4:00 on the change night is two real hours; 2:00-3:00 does not exist.
    assert [local(s) for s in slots] == [
        "Sun 03-08 01:00 CST", "Sun 03-08 01:30 CST", "Sun 03-08 03:00 CDT", "Sun 03-08 03:30 CDT",
    ]
    assert all(s.end - s.start == timedelta(minutes=30) for s in slots)


def test_fall_back_night_offers_the_repeated_hour_twice():
    a = attorney(hours={"sun": [["01:00", "04:00"]]}, buffer_minutes=0)
    slots = open_slots(a, now=datetime(2026, 10, 31, 12, 0, tzinfo=UTC), rules=BookingRules(horizon=timedelta(days=2)))
    assert len(slots) == 8  # four real hours
    labels = [format_slot(s, "America/Chicago") for s in slots]
    assert labels[:4] == [
        "Sun Nov 1, 1:00 AM CDT", "Sun Nov 1, 1:30 AM CDT", "Sun Nov 1, 1:00 AM CST", "Sun Nov 1, 1:30 AM CST",
    ]
    assert len({s.start for s in slots}) == 8


def test_is_open():
    a = attorney()
    assert is_open(a, datetime(2026, 11, 30, 15, 45, tzinfo=UTC), now=SUNDAY)
    assert not is_open(a, datetime(2026, 11, 30, 15, 50, tzinfo=UTC), now=SUNDAY)  # off the grid
    assert not is_open(a, datetime(2026, 12, 1, 15, 0, tzinfo=UTC), now=SUNDAY)  # Tuesday: no hours
    busy = [(datetime(2026, 11, 30, 15, 45, tzinfo=UTC), datetime(2026, 11, 30, 16, 15, tzinfo=UTC))]
    assert not is_open(a, datetime(2026, 11, 30, 15, 45, tzinfo=UTC), busy, now=SUNDAY)


def test_several_attorneys_merge_in_time_order():
    ana = attorney()
    mai = attorney(id="mai", time_zone="America/Los_Angeles", hours={"mon": [["07:00", "08:00"]]})
    slots = open_slots_for([ana, mai], {}, now=SUNDAY, rules=BookingRules(horizon=timedelta(days=2)))
    assert [s.start for s in slots] == sorted(s.start for s in slots)
    assert [s.attorney_id for s in slots][:3] == ["ana", "mai", "ana"]  # 9:00 CST ana, 9:00 CST (7 PST) mai


def test_now_must_be_aware():
    with pytest.raises(ValueError, match="naive"):
        open_slots(attorney(), now=datetime(2026, 11, 29, 15, 0))


def test_slot_key_round_trip():
    slot = Slot(datetime(2026, 12, 1, 16, 0, tzinfo=UTC), "arivera", datetime(2026, 12, 1, 16, 30, tzinfo=UTC))
    assert slot.key == "arivera@20261201T1600Z"
    assert Slot.parse_key(slot.key) == ("arivera", slot.start)
    with pytest.raises(ValueError):
        Slot.parse_key("nonsense")


@pytest.mark.parametrize(
    "tz, short, name",
    [
        ("America/Chicago", "Tue Dec 1, 10:00 AM CST", "Central Time"),
        ("America/New_York", "Tue Dec 1, 11:00 AM EST", "Eastern Time"),
        ("America/Los_Angeles", "Tue Dec 1, 8:00 AM PST", "Pacific Time"),
        ("Pacific/Honolulu", "Tue Dec 1, 6:00 AM HST", "Hawaii Time"),
        ("America/Mexico_City", "Tue Dec 1, 10:00 AM CST", "Mexico City time"),
        ("Asia/Dubai", "Tue Dec 1, 8:00 PM GMT+4", "Dubai time"),
        ("Asia/Kolkata", "Tue Dec 1, 9:30 PM IST", "Kolkata time"),
    ],
)
def test_format_slot_in_the_visitors_zone(tz, short, name):
    start = datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
    assert format_slot(start, tz) == short
    assert zone_name(tz) == name
    assert name in format_slot(start, tz, long=True)


def test_long_format():
    start = datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
    assert format_slot(start, "America/Chicago", long=True) == "Tuesday, December 1, 2026 at 10:00 AM Central Time (CST)"
