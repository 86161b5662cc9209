"""Booking, rescheduling and cancelling in the chat: actions with the real domain."""
from __future__ import annotations

from typing import Any, Dict

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.booking import (
    ActionAskBookingSlot,
    ActionSubmitBookingForm,
    ActionSubmitCancelBookingForm,
    ValidateBookingForm,
    ValidateCancelBookingForm,
)
from bot import booking, settings, store

NOW = "2026-11-30T15:00:00+00:00"  # Monday 9:00 in Chicago

VISITOR = {
    "consent": True, "intake_saved": True, "situation": "employment", "location": "Chicago, IL", "state": "IL",
    "time_zone": "America/Chicago", "contact_name": "Maria Lopez", "contact_phone": "+13125550100",
    "contact_email": "maria@example.com",
}


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch):
    monkeypatch.setenv("INTAKE_NOW", NOW)


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


@pytest.fixture
def run(make_tracker, domain):
    async def run(action, before: Dict[str, Any], new: Dict[str, Any], text="", intent="inform", requested=None,
                  loop="booking_form", sender="visitor-1"):
        slots = dict(before, **new, requested_slot=requested)
        events = [{"event": "slot", "name": k, "value": v} for k, v in new.items()]
        tracker = make_tracker(slots=slots, text=text, intent=intent, events=events, active_loop=loop, sender_id=sender)
        dispatcher = CollectingDispatcher()
        return slots_of(await action.run(dispatcher, tracker, domain)), dispatcher

    return run


async def test_zone_comes_from_location_and_first_question_is_a_time(run):
    slots, _ = await run(ValidateBookingForm(), VISITOR, {})
    assert slots["visitor_time_zone"] == "America/Chicago"
    assert slots["requested_slot"] == "booking_slot"  # employment: only English-speaking attorneys -> no language question


async def test_language_is_asked_when_matching_attorneys_speak_several(run):
    slots, _ = await run(ValidateBookingForm(), dict(VISITOR, situation="detention"), {})
    assert slots["requested_slot"] == "booking_language"


async def test_offer_buttons_in_visitor_zone(run):
    slots, dispatcher = await run(ActionAskBookingSlot(), dict(VISITOR, visitor_time_zone="America/New_York"), {})
    message = dispatcher.messages[0]
    assert "Eastern Time" in message["text"]
    assert 3 <= len(message["buttons"]) - 1 <= 5 and message["buttons"][-1]["title"] == "Other times"
    assert "EST" in message["buttons"][0]["title"]
    assert len(slots["booking_options"]) == len(message["buttons"]) - 1


async def test_typed_request_offers_matching_times(run):
    before = dict(VISITOR, visitor_time_zone="America/Chicago")
    slots, dispatcher = await run(ValidateBookingForm(), before, {"booking_slot": "tomorrow afternoon"}, text="tomorrow afternoon",
                                  requested="booking_slot")
    assert slots["booking_slot"] is None and slots["booking_options"]
    for key in slots["booking_options"]:
        start = booking.slot_from_key(key).start
        assert start.isoformat().startswith("2026-12-01")  # Tuesday
        assert 18 <= start.hour < 24  # afternoon in Chicago = 12:00-18:00 CST = 18:00-24:00 UTC


async def test_nonsense_time_gets_a_reason(run):
    before = dict(VISITOR, visitor_time_zone="America/Chicago")
    slots, dispatcher = await run(ValidateBookingForm(), before, {"booking_slot": "purple banana"}, text="purple banana",
                                  requested="booking_slot")
    assert slots["booking_slot"] is None
    assert "couldn't read that" in dispatcher.messages[0]["text"]


async def _first_slot_key():
    offer = booking.find_slots(store.connect(settings.intake_db_path()), situation="employment", visitor_tz="America/Chicago",
                               now=__import__("actions.clock", fromlist=["now"]).now())
    return offer.slots[0].key


async def test_booking_is_made_on_confirmation_and_loser_gets_other_times(run):
    key = await _first_slot_key()
    before = dict(VISITOR, visitor_time_zone="America/Chicago", booking_slot=key, booking_mode="phone")
    slots, _ = await run(ValidateBookingForm(), before, {"booking_confirmed": True}, intent="affirm", requested="booking_confirmed")
    assert slots["booking_confirmed"] is True and slots["booking_reference"].startswith("RC-")
    assert slots["requested_slot"] is None

    other = dict(before, contact_email="other@example.com", contact_name="Ana")
    lost, dispatcher = await run(ValidateBookingForm(), other, {"booking_confirmed": True}, intent="affirm",
                                 requested="booking_confirmed", sender="visitor-2")
    assert lost["booking_slot"] is None and lost["booking_confirmed"] is None
    assert "someone booked that time" in dispatcher.messages[0]["text"]
    assert lost["requested_slot"] == "booking_slot"


async def test_confirmation_has_reference_card_and_email_in_outbox(run):
    store.save_intake(store.connect(settings.intake_db_path()), "visitor-1", {"situation": "employment"})
    key = await _first_slot_key()
    before = dict(VISITOR, visitor_time_zone="America/Chicago", booking_slot=key, booking_mode="video")
    slots, _ = await run(ValidateBookingForm(), before, {"booking_confirmed": True}, intent="affirm", requested="booking_confirmed")
    reference = slots["booking_reference"]
    _, dispatcher = await run(ActionSubmitBookingForm(), dict(before, booking_reference=reference), {}, loop=None)
    message = dispatcher.messages[0]
    assert reference in message["text"] and "Central Time" in message["text"]
    card = message["custom"]
    assert card["type"] == "booking" and card["ics_url"].endswith(f"/bookings/{reference}.ics")
    db = store.connect(settings.intake_db_path())
    assert db["outbox"].count == 1
    saved = store.intake_for_conversation(db, "visitor-1")
    assert saved["booking"]["reference"] == reference and saved["booking"]["status"] == "confirmed"
    assert saved["booking"]["start"].endswith("-06:00")  # ISO 8601 with the visitor's offset


async def test_cancel_checks_reference_and_email(run):
    key = await _first_slot_key()
    before = dict(VISITOR, visitor_time_zone="America/Chicago", booking_slot=key, booking_mode="phone")
    made, _ = await run(ValidateBookingForm(), before, {"booking_confirmed": True}, intent="affirm", requested="booking_confirmed")
    reference = made["booking_reference"]

    slots, dispatcher = await run(ValidateCancelBookingForm(), {}, {"manage_reference": "RC-XXXXXX"}, loop="cancel_booking_form",
                                  requested="manage_reference")
    assert slots["manage_reference"] is None and "can't find" in dispatcher.messages[0]["text"]

    slots, dispatcher = await run(ValidateCancelBookingForm(), {"manage_reference": reference}, {"manage_email": "wrong@example.com"},
                                  loop="cancel_booking_form", requested="manage_email")
    # A wrong email gets the answer an unknown reference gets (security issue 11, finding 10).
    assert slots["manage_email"] is None and "can't find" in dispatcher.messages[0]["text"]

    _, dispatcher = await run(ActionSubmitCancelBookingForm(), {"manage_reference": reference.lower(), "manage_email": "MARIA@example.com"},
                              {}, loop=None)
    assert "is cancelled" in dispatcher.messages[0]["text"]
    assert booking.get_booking(store.connect(settings.intake_db_path()), reference).status == "cancelled"
