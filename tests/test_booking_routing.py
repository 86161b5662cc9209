"""Routing: practice area, language, urgency; which slots are offered."""
from datetime import datetime, timedelta, timezone

import pytest

from bot.booking import store as booking_store
from bot.booking.attorneys import BookingRules, parse_attorneys
from bot.booking.availability import Slot, open_slots_for
from bot.booking.routing import choose_slots, language_label, languages_offered, route
from bot.booking.service import find_slots, slot_from_key

UTC = timezone.utc
SUNDAY = datetime(2026, 11, 29, 15, 0, tzinfo=UTC)  # 9:00 AM Chicago
RULES = BookingRules()

ATTORNEYS = parse_attorneys(
    [
        {
            "id": "ana", "name": "Ana Rivera", "practice_areas": ["detention", "removal", "humanitarian"],
            "languages": ["en", "es"], "time_zone": "America/Chicago", "consultation_minutes": 30,
            "buffer_minutes": 15, "hours": {"tue": [["09:00", "12:00"]], "thu": [["09:00", "12:00"]]},
        },
        {
            "id": "dan", "name": "Daniel Cole", "practice_areas": ["family", "employment", "removal"],
            "languages": ["en"], "time_zone": "America/Chicago", "consultation_minutes": 45,
            "buffer_minutes": 15, "hours": {d: [["10:00", "16:00"]] for d in ("mon", "tue", "wed", "thu")},
        },
        {
            "id": "mai", "name": "Mai Nguyen", "practice_areas": ["humanitarian", "family"],
            "languages": ["en", "vi"], "time_zone": "America/Los_Angeles", "consultation_minutes": 30,
            "buffer_minutes": 10, "modes": ["phone", "video"], "hours": {"mon": [["08:00", "12:00"]]},
        },
    ]
)


def ids(route_):
    return [a.id for a in route_.attorneys]


def test_route_by_practice_area():
    assert ids(route(ATTORNEYS, "removal")) == ["ana", "dan"]
    assert ids(route(ATTORNEYS, "family")) == ["dan", "mai"]
    assert ids(route(ATTORNEYS, "detention")) == ["ana"]


def test_language_narrows_to_speakers():
    r = route(ATTORNEYS, "removal", language="es")
    assert ids(r) == ["ana"] and not r.language_fallback
    r = route(ATTORNEYS, "family", language="VI")
    assert ids(r) == ["mai"] and r.language == "vi"


def test_language_nobody_speaks_falls_back_with_a_flag():
    r = route(ATTORNEYS, "family", language="es")
    assert ids(r) == ["dan", "mai"] and r.language_fallback


def test_situation_nobody_handles_falls_back_to_everyone():
    r = route(ATTORNEYS, "citizenship")
    assert ids(r) == ["ana", "dan", "mai"] and r.situation_fallback


def test_languages_offered_decides_the_language_question():
    assert languages_offered(ATTORNEYS) == ["en", "es", "vi"]
    assert languages_offered(ATTORNEYS, "removal") == ["en", "es"]
    assert languages_offered(ATTORNEYS, "employment") == ["en"]  # one language: don't ask
    assert language_label("es") == "Spanish / Español"
    assert language_label("xx") == "XX"


def test_urgent_offers_the_earliest_slot_of_any_matching_attorney():
    slots = open_slots_for(ATTORNEYS, {}, now=SUNDAY, rules=RULES)
    urgent = route(ATTORNEYS, "humanitarian", urgent=True)
    chosen = choose_slots(urgent, slots, tz="America/Chicago", limit=3)
    # Mai's Monday 8:00 AM Pacific (10:00 Central) comes before Ana's Tuesday
    assert chosen[0] == Slot(datetime(2026, 11, 30, 16, 0, tzinfo=UTC), "mai", datetime(2026, 11, 30, 16, 30, tzinfo=UTC))
    assert [s.start for s in chosen] == sorted(s.start for s in chosen)
    humanitarian = [s for s in slots if s.attorney_id in ("ana", "mai")]
    assert chosen[0].start == min(s.start for s in humanitarian)


def test_non_urgent_offers_spread_over_days():
    slots = open_slots_for(ATTORNEYS, {}, now=SUNDAY, rules=RULES)
    chosen = choose_slots(route(ATTORNEYS, "removal"), slots, tz="America/Chicago", limit=5, per_day=2)
    days = [s.start.astimezone(timezone(timedelta(hours=-6))).date() for s in chosen]
    assert len(chosen) == 5
    assert max(days.count(d) for d in days) <= 2
    assert {s.attorney_id for s in chosen} <= {"ana", "dan"}


def test_one_button_per_start_time():
    start = datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
    slots = [Slot(start, "ana", start + timedelta(minutes=30)), Slot(start, "dan", start + timedelta(minutes=45))]
    chosen = choose_slots(route(ATTORNEYS, "removal"), slots, tz="America/Chicago")
    assert chosen == [slots[0]]


@pytest.fixture
def db():
    db = booking_store.connect(":memory:")
    yield db
    db.close()


def test_find_slots_for_a_visitor(db):
    offer = find_slots(db, situation="removal", language="es", visitor_tz="America/New_York", now=SUNDAY, attorneys=ATTORNEYS, rules=RULES)
    assert 3 <= len(offer.slots) <= 5 and offer.matched and not offer.call_firm
    assert {s.attorney_id for s in offer.slots} == {"ana"}
    assert offer.labels[0] == "Tue Dec 1, 10:00 AM EST"


def test_find_slots_urgent_says_to_offer_the_phone(db):
    offer = find_slots(db, situation="detention", urgent=True, visitor_tz="America/Chicago", now=SUNDAY, attorneys=ATTORNEYS, rules=RULES)
    assert offer.call_firm and offer.route.urgent
    assert offer.labels[0] == "Tue Dec 1, 9:00 AM CST"


def test_find_slots_skips_booked_slots(db):
    first = find_slots(db, situation="detention", visitor_tz="America/Chicago", now=SUNDAY, attorneys=ATTORNEYS, rules=RULES).slots[0]
    booking_store.book(
        db, first, booking_store.Visitor("Rosa Diaz", "rosa@example.com", "312-555-0148", "America/Chicago"),
        "phone", attorneys=ATTORNEYS, rules=RULES, now=SUNDAY,
    )
    again = find_slots(db, situation="detention", visitor_tz="America/Chicago", now=SUNDAY, attorneys=ATTORNEYS, rules=RULES)
    assert first not in again.slots


def test_nothing_open(db):
    offer = find_slots(
        db, situation="detention", visitor_tz="America/Chicago", now=SUNDAY, attorneys=ATTORNEYS,
        rules=BookingRules(horizon=timedelta(hours=12)),
    )
    assert offer.slots == [] and offer.reason == "none_open"


def test_slot_from_button_payload():
    slot = slot_from_key("ana@20261201T1500Z", attorneys=ATTORNEYS)
    assert slot == Slot(datetime(2026, 12, 1, 15, 0, tzinfo=UTC), "ana", datetime(2026, 12, 1, 15, 30, tzinfo=UTC))
    assert slot_from_key("nobody@20261201T1500Z", attorneys=ATTORNEYS) is None
    assert slot_from_key("garbage", attorneys=ATTORNEYS) is None
