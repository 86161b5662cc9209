"""Booking a consultation in the chat, and rescheduling or cancelling it.

Slots, routing and the atomic booking are ``bot.booking``; question order
and wording are ``bot.booking.flow``. These classes only translate.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from actions.clock import now
from actions.db import intake_db
from actions.intake_form import parsed_answer
from actions.messages import latest_intent, latest_text, latest_text_of, said_again, said_this_turn
from bot import after_hours, booking, cards, contact, language
from bot.booking import flow as booking_flow
from bot.booking import mail
from bot.booking.store import normalise_reference
from bot.firm import firm

logger = logging.getLogger(__name__)

#: Slots a booking attempt clears so that a new time is asked.
RETRY_SLOT = {"booking_slot": None, "booking_confirmed": None, "booking_options": None}

#: What a failed reference-and-email check clears: nothing unverified is shown or acted on.
FORGET_BOOKING = {"manage_reference": None, "manage_email": None, "cancel_confirmed": None, **RETRY_SLOT}


def _known(value: Any) -> bool:
    return value not in (None, "", "none", "unknown")


def _attorney_names() -> Dict[str, str]:
    return {a.id: a.name for a in booking.load_attorneys()}


def _visitor_email(tracker: Tracker) -> Optional[str]:
    for slot in ("contact_email", "booking_email"):
        if _known(tracker.get_slot(slot)):
            return tracker.get_slot(slot)
    return None


def _language(tracker: Tracker) -> str:
    """The language the conversation is held in, for values the action words itself (buttons)."""
    return tracker.get_slot("reply_language") or "en"


def _ics_url(reference: str) -> str:
    return f"{firm().website_origin.rstrip('/')}/bookings/{reference}.ics"


def _reschedule_attorney(tracker: Tracker) -> Optional[List[booking.Attorney]]:
    """While rescheduling, only the booked attorney's times are offered."""
    if tracker.active_loop_name != "reschedule_booking_form":
        return None
    existing = booking.get_booking(intake_db(), tracker.get_slot("manage_reference") or "")
    if existing is None:
        return None
    return [a for a in booking.load_attorneys() if a.id == existing.attorney_id]


def _offer(tracker: Tracker, text: Optional[str] = None, limit: int = 5) -> booking.Offer:
    return booking.find_slots(
        intake_db(),
        situation=tracker.get_slot("situation") or "other",
        visitor_tz=tracker.get_slot("visitor_time_zone") or firm().time_zone,
        language=tracker.get_slot("booking_language"),
        urgent=bool(tracker.get_slot("urgency_reasons")),
        text=text,
        limit=limit,
        now=now(),
        attorneys=_reschedule_attorney(tracker),
    )


class BookingValidation:
    """Validation shared by the booking and rescheduling forms."""

    def validate_visitor_time_zone(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        zone = booking_flow.parse_time_zone(str(value))
        if zone is None:
            dispatcher.utter_message(response="utter_time_zone_unknown")
        return {"visitor_time_zone": zone}

    def validate_booking_slot(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        text = str(value)
        slot = booking.slot_from_key(text)
        if slot is not None:
            return {"booking_slot": slot.key, "booking_options": None}
        if booking_flow.wants_other_times(text):
            shown = tracker.get_slot("booking_options") or []
            later = [s for s in _offer(tracker, limit=len(shown) + 5).slots if s.key not in shown]
            if not later:
                dispatcher.utter_message(response="utter_no_more_times")
                return {"booking_slot": None}
            return {"booking_slot": None, "booking_options": [s.key for s in later[:5]]}
        offer = _offer(tracker, text=text)
        if offer.request is not None and not offer.request.ok:
            reason = offer.request.reason
            dispatcher.utter_message(response="utter_booking_time_passed" if reason == "past" else "utter_booking_time_not_read")
            return {"booking_slot": None}
        if not offer.slots:
            dispatcher.utter_message(response="utter_nothing_open_then")
            return {"booking_slot": None}
        if not offer.matched:
            dispatcher.utter_message(response="utter_nearest_times")
        return {"booking_slot": None, "booking_options": [s.key for s in offer.slots]}

    def validate_booking_confirmed(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if not value:
            dispatcher.utter_message(response="utter_pick_another_time")
            return RETRY_SLOT
        slot = booking.slot_from_key(tracker.get_slot("booking_slot") or "")
        if slot is None:
            return RETRY_SLOT
        try:
            made = self.commit(slot, tracker)
        except (booking.SlotTaken, booking.SlotUnavailable) as exc:
            dispatcher.utter_message(response=booking_flow.error_response(exc.code))
            return RETRY_SLOT
        except booking.BookingError as exc:
            dispatcher.utter_message(response=booking_flow.error_response(exc.code))
            return {"booking_confirmed": None}
        return {"booking_confirmed": True, "booking_reference": made.reference}

    def commit(self, slot: booking.Slot, tracker: Tracker) -> booking.Booking:  # pragma: no cover - abstract
        raise NotImplementedError


class ValidateBookingForm(BookingValidation, FormValidationAction):
    def name(self) -> Text:
        return "validate_booking_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Text]:
        languages = booking.languages_offered(booking.load_attorneys(), tracker.get_slot("situation"))
        return booking_flow.required_slots(tracker.slots, languages)

    async def extract_visitor_time_zone(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        """The zone of the visitor's location, when it decides one: no need to ask."""
        if tracker.get_slot("visitor_time_zone") is None and tracker.get_slot("time_zone"):
            return {"visitor_time_zone": tracker.get_slot("time_zone")}
        return {}

    async def extract_booking_language(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        """A conversation held in Spanish (or another language an attorney speaks) books in it without asking."""
        if tracker.get_slot("booking_language") is not None:
            return {}
        offered = booking.languages_offered(booking.load_attorneys(), tracker.get_slot("situation"))
        spoken = booking_flow.spoken_language(tracker.get_slot("language"), offered)
        return {"booking_language": spoken} if spoken else {}

    def validate_booking_language(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        offered = booking.languages_offered(booking.load_attorneys(), tracker.get_slot("situation"))
        text = str(value).strip().lower()
        for code in offered:
            if text in (code, booking.language_label(code).lower()) or booking.language_label(code).lower() in text:
                return {"booking_language": code}
        dispatcher.utter_message(response="utter_pick_language")
        return {"booking_language": None}

    def validate_booking_mode(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        mode = booking_flow.mode_from_text(str(value), _modes(tracker))
        if mode is None:
            dispatcher.utter_message(response="utter_pick_mode")
        return {"booking_mode": mode}

    def validate_booking_name(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return parsed_answer("booking_name", value, contact.name_answer, dispatcher, skip=None)


    def validate_booking_email(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return parsed_answer("booking_email", value, contact.parse_email, dispatcher, skip=None)


    def commit(self, slot: booking.Slot, tracker: Tracker) -> booking.Booking:
        name = tracker.get_slot("contact_name") if _known(tracker.get_slot("contact_name")) else tracker.get_slot("booking_name")
        phone = tracker.get_slot("contact_phone") if _known(tracker.get_slot("contact_phone")) else None
        if phone is not None and contact.parse_phone(str(phone))[0] is None:
            phone = None  # kept as the visitor typed it (contact.unchecked_phone): with the intake, not the booking
        visitor = booking.Visitor(
            name=name,
            email=_visitor_email(tracker),
            phone=phone,
            time_zone=tracker.get_slot("visitor_time_zone") or firm().time_zone,
            language=tracker.get_slot("booking_language"),
            conversation_id=tracker.sender_id,
        )
        return booking.book(intake_db(), slot, visitor, tracker.get_slot("booking_mode"), now=now())


def _modes(tracker: Tracker) -> List[str]:
    slot = booking.slot_from_key(tracker.get_slot("booking_slot") or "")
    attorneys = {a.id: a for a in booking.load_attorneys()}
    attorney = attorneys.get(slot.attorney_id) if slot else None
    return list(attorney.modes) if attorney else ["phone", "video"]


class ActionAskBookingLanguage(Action):
    def name(self) -> Text:
        return "action_ask_booking_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        offered = booking.languages_offered(booking.load_attorneys(), tracker.get_slot("situation"))
        dispatcher.utter_message(
            response="utter_ask_booking_language",
            buttons=[{"title": booking.language_label(c), "payload": f'/inform{{"booking_language":"{c}"}}'} for c in offered],
        )
        return []


class ActionAskBookingSlot(Action):
    """Offers 3 to 5 times as buttons plus "Other times"; typed requests work too."""

    def name(self) -> Text:
        return "action_ask_booking_slot"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        tz = tracker.get_slot("visitor_time_zone") or firm().time_zone
        keys = tracker.get_slot("booking_options") or []
        slots = [s for s in (booking.slot_from_key(k) for k in keys) if s is not None]
        offer = None
        if not slots:
            offer = _offer(tracker)
            slots = offer.slots
        if not slots:
            return _calendar_full(dispatcher, tracker)
        names = _attorney_names()
        spoken = _language(tracker)
        if tracker.get_slot("urgency_reasons"):
            response, values = after_hours.variant("utter_booking_urgent_times", firm(), now())
            dispatcher.utter_message(response=response, **values)
        if offer is not None and offer.route.language_fallback:
            dispatcher.utter_message(response="utter_booking_language_fallback")
        buttons = [
            booking_flow.slot_button(booking.format_slot(s, tz, language=spoken), names.get(s.attorney_id, s.attorney_id), s.key, spoken)
            for s in slots
        ]
        buttons.append({"title": booking_flow.OTHER_TIMES[spoken], "payload": booking_flow.OTHER_TIMES_PAYLOAD})
        dispatcher.utter_message(response="utter_ask_booking_slot", buttons=buttons,
                                 **language.both("zone", lambda lang: booking.zone_name(tz, lang)))
        return [SlotSet("booking_options", [s.key for s in slots])]


class ActionAskBookingMode(Action):
    def name(self) -> Text:
        return "action_ask_booking_mode"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(response="utter_ask_booking_mode", buttons=booking_flow.mode_buttons(_modes(tracker), _language(tracker)))
        return []


class ActionAskBookingConfirmed(Action):
    def name(self) -> Text:
        return "action_ask_booking_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        slot = booking.slot_from_key(tracker.get_slot("booking_slot") or "")
        if slot is None:
            return []  # validation cleared it: the time is asked again
        tz = tracker.get_slot("visitor_time_zone") or firm().time_zone
        attorney = _attorney_names().get(slot.attorney_id, slot.attorney_id)
        values = booking_flow.booking_values(slot, tz, attorney, tracker.get_slot("booking_mode") or "",
                                             email=_visitor_email(tracker) or "")
        if tracker.active_loop_name == "reschedule_booking_form":
            dispatcher.utter_message(response="utter_ask_reschedule_confirmed", **values)
        else:
            dispatcher.utter_message(response="utter_ask_booking_confirmed", **values)
        return []


def _confirm(dispatcher: CollectingDispatcher, made: booking.Booking, language: str) -> None:
    """The confirmation message and card, and the confirmation email (or outbox)."""
    names = _attorney_names()
    attorney = names.get(made.attorney_id, made.attorney_id)
    when = booking_flow.when_label(made.start, made.visitor_tz, language)
    dispatcher.utter_message(
        response="utter_booking_confirmed",
        json_message=cards.booking_card(made.reference, when, attorney, made.mode, _ics_url(made.reference), language),
        **booking_flow.booking_values(made.start, made.visitor_tz, attorney, made.mode, reference=made.reference),
    )
    status = mail.send_confirmation(intake_db(), made, attorney_name=attorney)
    logger.info("booking %s confirmed; email %s", made.reference, status)


def _calendar_full(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """No time open in the booking horizon: not a dead end. The visitor is
    offered a callback (recorded and alerted like any other), urgent visitors
    hear what works now, and the form ends here."""
    if tracker.get_slot("urgency_reasons"):
        for response, values in after_hours.call_responses(firm(), now()):
            dispatcher.utter_message(response=response, **values)
    dispatcher.utter_message(response="utter_no_times_open")
    return [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None)]


class ActionSubmitBookingForm(Action):
    def name(self) -> Text:
        return "action_submit_booking_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        made = booking.get_booking(intake_db(), tracker.get_slot("booking_reference") or "")
        if made is None:
            if not said_this_turn(tracker, "utter_no_times_open"):  # a full calendar has had its answer
                dispatcher.utter_message(response="utter_nothing_booked")
            return []
        _confirm(dispatcher, made, _language(tracker))
        return [SlotSet(k, None) for k in ("booking_slot", "booking_confirmed", "booking_options")]


# --- rescheduling and cancelling ----------------------------------------------


class ManageValidation:
    """Reference and email checks shared by the cancel and reschedule forms.

    The reference is checked for its form only; whether a booking has it is
    asked together with the email, so an unknown reference and a wrong email
    get the one same answer, and failed checks are limited per conversation
    and per reference (``bot.booking.store``). Past the limit, or when the
    booking was already cancelled, moved or has taken place, the form stops.
    """

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        email = tracker.get_slot("manage_email")
        if email and "manage_email" not in tracker.slots_to_validate():
            # Checked again on every later turn: an email an interruption filled in
            # (the same words sent twice) was never validated, and the booking may
            # have changed since. Nothing about it is shown or changed unless it matches.
            _, forget = self.check(dispatcher, tracker, email)
            if forget is not None:
                return [SlotSet(k, v) for k, v in forget.items()]
        return await super().run(dispatcher, tracker, domain)  # type: ignore[misc]

    def check(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, email: str
    ) -> Tuple[Optional[booking.Booking], Optional[Dict[Text, Any]]]:
        """The booking if reference and email match (else None), and the slots to clear when not."""
        try:
            found = booking.check_reference(
                intake_db(), tracker.get_slot("manage_reference") or "", email, now=now(), conversation_id=tracker.sender_id
            )
        except booking.UnknownReference:
            dispatcher.utter_message(response=booking_flow.error_response("unknown_reference"))
            return None, dict(FORGET_BOOKING)  # both asked again
        except booking.BookingError as exc:  # too many attempts; cancelled, moved or past
            dispatcher.utter_message(response=booking_flow.error_response(exc.code))
            return None, {**FORGET_BOOKING, REQUESTED_SLOT: None}  # the form stops
        return found, None

    def validate_manage_reference(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        code = None if value == "unknown" else normalise_reference(str(value))
        if code is None and (value == "unknown" or said_again(tracker)):
            # "I don't know it", or the same words twice: no loop; the way to change it without the reference
            dispatcher.utter_message(response=booking_flow.error_response("no_reference"))
            # (an intake begun next does not ask again what the request said: the matter, a name, a phone)
            request = latest_text_of(tracker, ("cancel_booking", "reschedule_booking"))
            return {**FORGET_BOOKING, REQUESTED_SLOT: None, **booking_flow.change_without_reference(request, tracker.slots)}
        if code is None:
            dispatcher.utter_message(response=booking_flow.error_response("reference_format"))
            return {"manage_reference": None}
        return {"manage_reference": code}

    def validate_manage_email(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        email, problem = contact.parse_email(str(value))
        if problem:
            dispatcher.utter_message(response=problem)
            return {"manage_email": None}
        found, forget = self.check(dispatcher, tracker, email)
        if forget is not None:
            return forget
        return {"manage_email": email, **self.verified(found, tracker)}

    def verified(self, found: booking.Booking, tracker: Tracker) -> Dict[Text, Any]:
        """Slots to set once reference and email matched."""
        return {}


class ValidateCancelBookingForm(ManageValidation, FormValidationAction):
    def name(self) -> Text:
        return "validate_cancel_booking_form"

    async def extract_cancel_confirmed(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        """"Yes, cancel it" typed at the question reads as a request to cancel (intent
        ``cancel_booking``), not as "yes": it answers the question, yes unless it says
        otherwise ("don't cancel", "no, keep it"), instead of being taken for an interruption."""
        text = latest_text(tracker)
        if tracker.get_slot(REQUESTED_SLOT) != "cancel_confirmed" or latest_intent(tracker) != "cancel_booking" or not text:
            return {}
        return {"cancel_confirmed": not booking_flow.says_keep(text)}

    def validate_cancel_confirmed(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return {"cancel_confirmed": value is True}


class ActionAskCancelConfirmed(Action):
    """The booking's time and attorney (reference and email matched), and "Yes, cancel it" / "No, keep it"."""

    def name(self) -> Text:
        return "action_ask_cancel_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        reference = tracker.get_slot("manage_reference") or ""
        found = booking.get_booking(intake_db(), reference)
        if found is not None:
            attorney = _attorney_names().get(found.attorney_id, found.attorney_id)
            dispatcher.utter_message(
                response="utter_ask_cancel_confirmed",
                **booking_flow.booking_values(found.start, found.visitor_tz, attorney, found.mode, reference=found.reference),
            )
        else:
            dispatcher.utter_message(response="utter_ask_cancel_reference", reference=reference)
        return []


class ActionSubmitCancelBookingForm(Action):
    """Cancels only on "Yes, cancel it"; "No, keep it" keeps the booking."""

    def name(self) -> Text:
        return "action_submit_cancel_booking_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        reset = [SlotSet(k, None) for k in ("manage_reference", "manage_email", "cancel_confirmed")]
        if not tracker.get_slot("manage_email"):
            return reset  # the form stopped at the check, which said why
        if tracker.get_slot("cancel_confirmed") is not True:
            dispatcher.utter_message(response="utter_booking_kept")
            return reset
        try:
            cancelled = booking.cancel(
                intake_db(), tracker.get_slot("manage_reference") or "", tracker.get_slot("manage_email") or "",
                now=now(), conversation_id=tracker.sender_id,
            )
        except booking.BookingError as exc:
            dispatcher.utter_message(response=booking_flow.error_response(exc.code))
            return reset
        attorney = _attorney_names().get(cancelled.attorney_id, cancelled.attorney_id)
        mail.send_cancellation(intake_db(), cancelled, attorney_name=attorney)
        dispatcher.utter_message(response="utter_booking_cancelled", reference=cancelled.reference)
        return reset


class ValidateRescheduleBookingForm(ManageValidation, BookingValidation, FormValidationAction):
    def name(self) -> Text:
        return "validate_reschedule_booking_form"

    def verified(self, found: booking.Booking, tracker: Tracker) -> Dict[Text, Any]:
        """The zone the booking was made in (or the visitor's location's), once reference and email matched."""
        if tracker.get_slot("visitor_time_zone") is not None:
            return {}
        zone = found.visitor_tz or tracker.get_slot("time_zone")
        return {"visitor_time_zone": zone} if zone else {}

    def commit(self, slot: booking.Slot, tracker: Tracker) -> booking.Booking:
        return booking.reschedule(
            intake_db(), tracker.get_slot("manage_reference") or "", tracker.get_slot("manage_email") or "", slot,
            now=now(), conversation_id=tracker.sender_id,
        )


class ActionSubmitRescheduleBookingForm(Action):
    def name(self) -> Text:
        return "action_submit_reschedule_booking_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        made = booking.get_booking(intake_db(), tracker.get_slot("booking_reference") or "")
        reset = [SlotSet(k, None) for k in ("booking_slot", "booking_confirmed", "booking_options", "manage_reference", "manage_email")]
        if not tracker.get_slot("manage_email"):
            return reset  # the form stopped at the check, which said why
        if made is None or made.replaces != tracker.get_slot("manage_reference"):
            dispatcher.utter_message(response="utter_nothing_changed")
            return reset
        dispatcher.utter_message(response="utter_booking_moved")
        _confirm(dispatcher, made, _language(tracker))
        return reset
