"""Booking, rescheduling and cancelling in the chat: actions with the real domain."""
from __future__ import annotations

from typing import Any, Dict

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.booking import (
    ActionAskBookingSlot,
    ActionAskCancelConfirmed,
    ActionSubmitBookingForm,
    ActionSubmitCancelBookingForm,
    ActionSubmitRescheduleBookingForm,
    ValidateBookingForm,
    ValidateCancelBookingForm,
    ValidateRescheduleBookingForm,
)
from actions import clock
from bot import booking, settings, store
from bot.booking import flow as booking_flow
from bot.booking import store as booking_store
from bot.firm import firm
from tests.wording import render, variation

NOW = "2026-11-30T15:00:00+00:00"  # Monday 9:00 in Chicago

VISITOR = {
    "consent": True, "intake_saved": True, "situation": "employment", "location": "Chicago, IL", "state": "IL",
    "time_zone": "America/Chicago", "contact_name": "Maria Lopez", "contact_phone": "+13125550100",
    "contact_email": "maria@example.com",
}


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch):
    monkeypatch.setenv("INTAKE_NOW", NOW)


def read(dispatcher, language="en"):
    """What the visitor reads: each message's text, or its response rendered as Rasa would."""
    return [m.get("text") or render(m["response"], m, language) for m in dispatcher.messages]


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
    assert "Eastern Time" in read(dispatcher)[0]
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
    assert "couldn't read that" in read(dispatcher)[0]


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
    assert "someone booked that time" in read(dispatcher)[0]
    assert lost["requested_slot"] == "booking_slot"


async def test_confirmation_has_reference_card_and_email_in_outbox(run):
    store.save_intake(store.connect(settings.intake_db_path()), "visitor-1", {"situation": "employment"})
    key = await _first_slot_key()
    before = dict(VISITOR, visitor_time_zone="America/Chicago", booking_slot=key, booking_mode="video")
    slots, _ = await run(ValidateBookingForm(), before, {"booking_confirmed": True}, intent="affirm", requested="booking_confirmed")
    reference = slots["booking_reference"]
    _, dispatcher = await run(ActionSubmitBookingForm(), dict(before, booking_reference=reference), {}, loop=None)
    message = dispatcher.messages[0]
    assert reference in read(dispatcher)[0] and "Central Time" in read(dispatcher)[0]
    card = message["custom"]
    assert card["type"] == "booking" and card["ics_url"].endswith(f"/bookings/{reference}.ics")
    db = store.connect(settings.intake_db_path())
    assert db["outbox"].count == 1
    saved = store.intake_for_conversation(db, "visitor-1")
    assert saved["booking"]["reference"] == reference and saved["booking"]["status"] == "confirmed"
    assert saved["booking"]["start"].endswith("-06:00")  # ISO 8601 with the visitor's offset


def _db():
    return store.connect(settings.intake_db_path())


def _emails(kind):
    db = _db()
    return db["outbox"].count_where("kind = ?", [kind]) if "outbox" in db.table_names() else 0


async def _booked(run, email="maria@example.com", sender="visitor-1"):
    """A confirmed booking made in the chat; its reference."""
    key = await _first_slot_key()
    before = dict(VISITOR, contact_email=email, visitor_time_zone="America/Chicago", booking_slot=key, booking_mode="phone")
    made, _ = await run(ValidateBookingForm(), before, {"booking_confirmed": True}, intent="affirm", requested="booking_confirmed",
                        sender=sender)
    return made["booking_reference"]


async def _give_email(run, reference, email, form=ValidateCancelBookingForm, loop="cancel_booking_form", sender="visitor-1"):
    return await run(form(), {"manage_reference": reference}, {"manage_email": email}, loop=loop, requested="manage_email",
                     sender=sender)


def _texts(dispatcher):
    return [m.get("text") or m.get("response") for m in dispatcher.messages]


async def test_the_reference_is_checked_for_its_form_only(run):
    reference = await _booked(run)
    unknown = booking_store.new_reference()
    answers = []
    for typed in (reference, unknown):
        slots, dispatcher = await run(ValidateCancelBookingForm(), {}, {"manage_reference": typed.lower().replace("-", " ")},
                                      loop="cancel_booking_form", requested="manage_reference")
        assert slots["manage_reference"] == typed  # normalised, and the email is asked next
        answers.append(dispatcher.messages)
    assert answers[0] == answers[1] == []  # nothing tells whether a booking has it

    slots, dispatcher = await run(ValidateCancelBookingForm(), {}, {"manage_reference": "my code is banana"},
                                  loop="cancel_booking_form", requested="manage_reference")
    assert slots["manage_reference"] is None
    assert "doesn't look like a booking reference" in read(dispatcher)[0] and "RC-7K3M-9PQX-2D4W" in read(dispatcher)[0]

    slots, _ = await run(ValidateCancelBookingForm(), {}, {"manage_reference": "rc 7k3m9p"}, loop="cancel_booking_form",
                         requested="manage_reference")
    assert slots["manage_reference"] == "RC-7K3M9P"  # references made before still work


@pytest.mark.parametrize("form, loop", [(ValidateCancelBookingForm, "cancel_booking_form"),
                                        (ValidateRescheduleBookingForm, "reschedule_booking_form")])
async def test_unknown_reference_and_wrong_email_get_one_answer(run, form, loop):
    reference = await _booked(run)
    unknown = await _give_email(run, booking_store.new_reference(), "maria@example.com", form, loop, sender="visitor-a")
    wrong = await _give_email(run, reference, "someone.else@example.com", form, loop, sender="visitor-b")
    answers = []
    for slots, dispatcher in (unknown, wrong):
        assert slots["manage_reference"] is None and slots["manage_email"] is None  # both asked again
        assert slots.get("requested_slot", "manage_reference") == "manage_reference"
        assert "visitor_time_zone" not in slots  # nothing of the booking is kept
        answers.append(_texts(dispatcher))
        read_back = read(dispatcher)
    assert answers[0] == answers[1] == [booking_flow.error_response("unknown_reference")]
    assert "can't find a booking with that reference and email" in read_back[0] and "RC-7K3M-9PQX-2D4W" in read_back[0]


async def test_too_many_attempts_stop_the_form_with_one_message(run):
    reference = await _booked(run)
    for i in range(booking_store.MAX_FAILED_CHECKS_PER_CONVERSATION):
        await _give_email(run, booking_store.new_reference(), "maria@example.com", sender="guesser")
    slots, dispatcher = await _give_email(run, reference, "maria@example.com", sender="guesser")  # even the right one now
    assert slots["requested_slot"] is None  # the form stops
    assert slots["manage_reference"] is None and slots["manage_email"] is None and slots["cancel_confirmed"] is None
    assert _texts(dispatcher) == [booking_flow.error_response("too_many_attempts")]
    assert firm().phone_display in read(dispatcher)[0]

    # The form ends; the submit action adds nothing and cancels nothing.
    after, dispatcher = await run(ActionSubmitCancelBookingForm(), {}, {}, loop=None, sender="guesser")
    assert dispatcher.messages == [] and after == {"manage_reference": None, "manage_email": None, "cancel_confirmed": None}
    assert booking.get_booking(_db(), reference).status == "confirmed"

    # Per conversation: the owner, in their own chat, is not locked out by someone else's guesses.
    slots, dispatcher = await _give_email(run, reference, "maria@example.com", sender="visitor-1")
    assert slots["manage_email"] == "maria@example.com" and dispatcher.messages == []


async def test_reschedule_past_the_limit_stops_without_a_second_message(run):
    reference = await _booked(run)
    for i in range(booking_store.MAX_FAILED_CHECKS_PER_REFERENCE):  # each from another chat: the reference's own limit
        await _give_email(run, reference, f"guess{i}@example.com", ValidateRescheduleBookingForm, "reschedule_booking_form",
                          sender=f"guesser-{i}")
    slots, dispatcher = await _give_email(run, reference, "maria@example.com", ValidateRescheduleBookingForm,
                                          "reschedule_booking_form")
    assert slots["requested_slot"] is None and slots["manage_email"] is None
    assert _texts(dispatcher) == [booking_flow.error_response("too_many_attempts")]
    _, dispatcher = await run(ActionSubmitRescheduleBookingForm(), {}, {}, loop=None)
    assert dispatcher.messages == []
    assert booking.get_booking(_db(), reference).status == "confirmed"


async def test_reschedule_takes_the_zone_of_the_booking_once_reference_and_email_match(run):
    reference = await _booked(run)
    with _db().conn as conn:
        conn.execute("UPDATE bookings SET visitor_tz = 'America/Denver' WHERE reference = ?", [reference])
    slots, _ = await run(ValidateRescheduleBookingForm(), {"visitor_time_zone": None}, {"manage_reference": reference},
                         loop="reschedule_booking_form", requested="manage_reference")
    assert "visitor_time_zone" not in slots  # not from the reference alone
    slots, _ = await run(ValidateRescheduleBookingForm(), {"manage_reference": reference, "visitor_time_zone": None},
                         {"manage_email": "maria@example.com"}, loop="reschedule_booking_form", requested="manage_email")
    assert slots["manage_email"] == "maria@example.com" and slots["visitor_time_zone"] == "America/Denver"


async def test_a_failed_reschedule_counts_against_the_conversation(run):
    reference = await _booked(run)
    slot = booking.slot_from_key(await _first_slot_key())
    form = ValidateRescheduleBookingForm()
    tracker_slots = {"manage_reference": reference, "manage_email": "not.maria@example.com"}

    class T:  # the two things commit reads
        sender_id = "visitor-x"

        @staticmethod
        def get_slot(name):
            return tracker_slots.get(name)

    with pytest.raises(booking.UnknownReference):
        form.commit(slot, T())
    assert booking_store.failed_checks(_db(), now=clock.now(), conversation_id="visitor-x") == 1


async def test_an_already_cancelled_booking_stops_the_form(run):
    reference = await _booked(run)
    booking.cancel(_db(), reference, "maria@example.com", now=clock.now(), limit=False)  # by staff
    slots, dispatcher = await _give_email(run, reference, "maria@example.com")
    assert slots["requested_slot"] is None and slots["manage_email"] is None
    assert _texts(dispatcher) == [booking_flow.error_response("not_active")]


async def test_cancel_asks_with_the_booking_and_cancels_only_on_yes(run):
    reference = await _booked(run)
    slots, dispatcher = await _give_email(run, reference, "MARIA@example.com")
    assert slots["manage_email"] == "MARIA@example.com" and dispatcher.messages == []
    assert "requested_slot" not in slots  # the form goes on: Rasa asks its next required slot, the button

    verified = {"manage_reference": reference, "manage_email": "MARIA@example.com"}
    _, dispatcher = await run(ActionAskCancelConfirmed(), verified, {}, loop="cancel_booking_form", requested="cancel_confirmed")
    (question,) = dispatcher.messages
    made = booking.get_booking(_db(), reference)
    attorney = {a.id: a.name for a in booking.load_attorneys()}[made.attorney_id]
    (text,) = read(dispatcher)
    assert reference in text and attorney in text
    assert booking_flow.when_label(made.start, made.visitor_tz) in text and "Central Time" in text
    buttons = variation(question["response"], {"reply_language": "en"})["buttons"]
    assert [(b["title"], b["payload"]) for b in buttons] == [("Yes, cancel it", "/affirm"), ("No, keep it", "/deny")]
    (spanish,) = read(dispatcher, "es")
    assert booking_flow.when_label(made.start, made.visitor_tz, "es") in spanish and "hora del Centro" in spanish

    # "No, keep it": nothing is cancelled and no email goes out.
    slots, _ = await run(ValidateCancelBookingForm(), verified, {"cancel_confirmed": False}, intent="deny", loop="cancel_booking_form",
                         requested="cancel_confirmed")
    assert slots["cancel_confirmed"] is False
    reset, dispatcher = await run(ActionSubmitCancelBookingForm(), dict(verified, cancel_confirmed=False), {}, loop=None)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_booking_kept"]
    assert reset == {"manage_reference": None, "manage_email": None, "cancel_confirmed": None}
    assert booking.get_booking(_db(), reference).status == "confirmed"
    assert _emails("cancellation") == 0

    # Not answered (None) is not a yes either.
    _, dispatcher = await run(ActionSubmitCancelBookingForm(), dict(verified, cancel_confirmed=None), {}, loop=None)
    assert booking.get_booking(_db(), reference).status == "confirmed"

    # "Yes, cancel it".
    reset, dispatcher = await run(ActionSubmitCancelBookingForm(), dict(verified, cancel_confirmed=True), {}, loop=None)
    assert "is cancelled" in read(dispatcher)[0]
    assert reset["cancel_confirmed"] is None and reset["manage_reference"] is None
    assert booking.get_booking(_db(), reference).status == "cancelled"
    assert _emails("cancellation") == 1


async def test_an_email_an_interruption_filled_is_checked_before_the_booking_is_shown(run):
    """The same words sent twice fill a free-text question without validation
    (action_answer_interruption); the next turn checks them before the cancel question."""
    reference = await _booked(run)
    unchecked = {"manage_reference": reference, "manage_email": "hello there"}
    slots, dispatcher = await run(ValidateCancelBookingForm(), unchecked, {}, loop="cancel_booking_form", requested="cancel_confirmed")
    assert slots["manage_reference"] is None and slots["manage_email"] is None and slots["cancel_confirmed"] is None
    assert _texts(dispatcher) == [booking_flow.error_response("unknown_reference")]

    # ...and a yes given with it cancels nothing.
    slots, _ = await run(ValidateCancelBookingForm(), dict(unchecked, manage_email="not.maria@example.com"), {"cancel_confirmed": True},
                         intent="affirm", loop="cancel_booking_form", requested="cancel_confirmed")
    assert slots["cancel_confirmed"] is None and slots["manage_email"] is None
    assert booking.get_booking(_db(), reference).status == "confirmed"


async def test_a_verified_email_is_checked_again_without_a_message(run):
    reference = await _booked(run)
    verified = {"manage_reference": reference, "manage_email": "maria@example.com"}
    slots, dispatcher = await run(ValidateCancelBookingForm(), verified, {"cancel_confirmed": True}, intent="affirm",
                                  loop="cancel_booking_form", requested="cancel_confirmed")
    assert slots["cancel_confirmed"] is True and dispatcher.messages == []


@pytest.mark.parametrize(
    "text, value",
    [("yes, cancel my appointment", True), ("cancel it", True), ("please cancel it", True),
     ("don't cancel", False), ("no, do not cancel my appointment", False), ("wait don't cancel", False),
     ("I don't want to cancel", False), ("nope keep my appointment", False)],
)
async def test_typed_cancel_at_the_cancel_question(run, text, value):
    reference = await _booked(run)
    verified = {"manage_reference": reference, "manage_email": "maria@example.com"}
    slots, dispatcher = await run(ValidateCancelBookingForm(), verified, {}, text=text, intent="cancel_booking",
                                  loop="cancel_booking_form", requested="cancel_confirmed")
    assert slots["cancel_confirmed"] is value and dispatcher.messages == []


async def test_typed_cancel_elsewhere_is_not_an_answer(run):
    reference = await _booked(run)
    slots, _ = await run(ValidateCancelBookingForm(), {"manage_reference": reference}, {}, text="cancel it", intent="cancel_booking",
                         loop="cancel_booking_form", requested="manage_email")
    assert "cancel_confirmed" not in slots


async def test_a_spanish_conversation_is_offered_times_in_spanish_with_a_spanish_speaking_attorney(run):
    before = dict(VISITOR, situation="detention", visitor_time_zone="America/Chicago", language="es", reply_language="es")
    slots, _ = await run(ValidateBookingForm(), before, {}, requested="booking_language")
    assert slots.get("booking_language") == "es"  # not asked: Ana Rivera speaks Spanish
    slots, dispatcher = await run(ActionAskBookingSlot(), dict(before, booking_language="es"), {})
    message = dispatcher.messages[-1]
    assert read(dispatcher, "es")[-1].startswith("Estos son los horarios disponibles (hora del Centro)")
    assert message["buttons"][-1]["title"] == "Otros horarios"
    assert all(" con Ana Rivera" in b["title"] for b in message["buttons"][:-1])
    assert any(day in message["buttons"][0]["title"] for day in ("lun ", "mar ", "mié ", "jue ", "vie "))


@pytest.mark.parametrize("form, loop", [(ValidateCancelBookingForm, "cancel_booking_form"),
                                        (ValidateRescheduleBookingForm, "reschedule_booking_form")])
async def test_no_reference_ends_the_form_with_another_way(run, form, loop):
    # "i don't know" at the reference question once looped on "Sorry, I didn't catch that"
    slots, dispatcher = await run(form(), {}, {"manage_reference": "unknown"}, text="i don't know", intent="dont_know",
                                  requested="manage_reference", loop=loop)
    assert slots["requested_slot"] is None and slots["manage_reference"] is None
    assert _texts(dispatcher) == [booking_flow.error_response("no_reference")]
    assert firm().phone_display in read(dispatcher)[0]


@pytest.mark.parametrize("urgent", [False, True])
async def test_a_full_calendar_offers_a_callback_instead_of_a_dead_end(run, make_tracker, domain, monkeypatch, urgent):
    import types

    import actions.booking as booking_actions

    monkeypatch.setattr(booking_actions, "_offer", lambda tracker, **kw: types.SimpleNamespace(slots=[], route=None, request=None))
    before = dict(VISITOR, urgency_reasons=["hearing_soon"] if urgent else [])
    slots, dispatcher = await run(ActionAskBookingSlot(), before, {}, requested="booking_slot")
    names = [m["response"] for m in dispatcher.messages]
    assert names[-1] == "utter_no_times_open"
    offer = variation("utter_no_times_open", {})
    assert [b["payload"] for b in offer["buttons"]] == ["/request_human", "/goodbye"]
    assert slots["requested_slot"] is None  # the form ends here; the callback goes through the usual path
    # Urgent visitors are told what works now (Monday 9:00: the office is open, so "call us now").
    assert ("utter_urgent_call" in names) is urgent
    # The form's submit then says nothing more ("Nothing was booked" would contradict the offer).
    told = [{"event": "bot", "text": "...", "metadata": {"utter_action": "utter_no_times_open"}}]
    submit = CollectingDispatcher()
    await ActionSubmitBookingForm().run(submit, make_tracker(slots=VISITOR, events=told, active_loop=None), domain)
    assert submit.messages == []
    alone = CollectingDispatcher()
    await ActionSubmitBookingForm().run(alone, make_tracker(slots=VISITOR, active_loop=None), domain)
    assert [m["response"] for m in alone.messages] == ["utter_nothing_booked"]


async def test_no_reference_keeps_the_request_for_an_intake_begun_next(make_tracker, domain):
    request = {"event": "user", "text": "i had a consult booked for thursday and need to move it, this is Amanda Greer, 206 555 0122",
               "parse_data": {"intent": {"name": "reschedule_booking"}}}
    tracker = make_tracker(slots={"manage_reference": "unknown", "requested_slot": "manage_reference"}, text="i don't know",
                           intent="dont_know", events=[request, {"event": "slot", "name": "manage_reference", "value": "unknown"}],
                           active_loop="reschedule_booking_form")
    slots = slots_of(await ValidateRescheduleBookingForm().run(CollectingDispatcher(), tracker, domain))
    assert slots["situation"] == "other" and slots["situation_text"].startswith("i had a consult booked")
    assert slots["contact_phone"] == "+12065550122"
