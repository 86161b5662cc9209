"""The booking conversation as plain functions: question order, answers, messages.

The engine (slots, routing, atomic booking) is ``bot.booking``; this module
decides what the chat asks next and how answers and outcomes are worded.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Mapping, Optional, Sequence

from bot import places
from bot.booking.availability import format_slot, zone_name

MODE_LABELS = {"phone": "Phone call", "video": "Video call", "in_person": "In person at our office"}

_MODE_WORDS = (
    ("in_person", ("in person", "in-person", "office", "person", "visit", "presencial")),
    ("video", ("video", "zoom", "teams", "meet", "facetime", "online")),
    ("phone", ("phone", "call", "telephone", "llamada", "telefono", "teléfono")),
)

#: US zones offered as buttons when the visitor's zone is not known.
ZONE_BUTTONS = (
    ("Eastern", "America/New_York"),
    ("Central", "America/Chicago"),
    ("Mountain", "America/Denver"),
    ("Arizona", "America/Phoenix"),
    ("Pacific", "America/Los_Angeles"),
    ("Alaska", "America/Anchorage"),
    ("Hawaii", "Pacific/Honolulu"),
)
_ZONE_WORDS = {
    "eastern": "America/New_York", "et": "America/New_York", "est": "America/New_York", "edt": "America/New_York",
    "central": "America/Chicago", "ct": "America/Chicago", "cst": "America/Chicago", "cdt": "America/Chicago",
    "mountain": "America/Denver", "mt": "America/Denver", "mst": "America/Denver", "mdt": "America/Denver",
    "arizona": "America/Phoenix",
    "pacific": "America/Los_Angeles", "pt": "America/Los_Angeles", "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles",
    "alaska": "America/Anchorage", "hawaii": "Pacific/Honolulu", "puerto rico": "America/Puerto_Rico",
}

_KNOWN = lambda v: v not in (None, "", "none", "unknown")  # noqa: E731


def required_slots(slots: Mapping[str, Any], languages: Sequence[str]) -> List[str]:
    """The booking form's questions, in order, given what is known."""
    order: List[str] = []
    if len(languages) > 1:
        order.append("booking_language")
    order.append("visitor_time_zone")
    order.append("booking_slot")
    order.append("booking_mode")
    if not _KNOWN(slots.get("contact_name")):
        order.append("booking_name")
    if not _KNOWN(slots.get("contact_email")):
        order.append("booking_email")
    order.append("booking_confirmed")
    return order


def parse_time_zone(text: str) -> Optional[str]:
    """An IANA zone from "central", "EST", "America/Chicago" or a place ("I'm in Denver")."""
    t = (text or "").strip()
    if not t:
        return None
    lowered = t.lower()
    if "/" in t:
        try:
            from zoneinfo import ZoneInfo

            ZoneInfo(t)
            return t
        except Exception:  # not a zone name: try the words
            pass
    for word in re.findall(r"[a-z]+(?: rico)?", lowered):
        if word in _ZONE_WORDS:
            return _ZONE_WORDS[word]
    place = places.resolve(t)
    return places.timezone_for(place) if place else None


def zone_buttons() -> List[Dict[str, str]]:
    return [{"title": label, "payload": f'/inform{{"visitor_time_zone":"{zone}"}}'} for label, zone in ZONE_BUTTONS]


def mode_from_text(text: str, modes: Sequence[str]) -> Optional[str]:
    """A consultation mode the attorney offers, from a button value or words."""
    t = (text or "").strip().lower()
    if t in modes:
        return t
    for mode, words in _MODE_WORDS:
        if mode in modes and any(w in t for w in words):
            return mode
    return None


def mode_buttons(modes: Sequence[str]) -> List[Dict[str, str]]:
    return [{"title": MODE_LABELS.get(m, m), "payload": f'/inform{{"booking_mode":"{m}"}}'} for m in modes]


_MORE = re.compile(r"\b(other|more|different|later|another|otro|otra|más|mas)\b", re.IGNORECASE)


def wants_other_times(text: str) -> bool:
    """"Other times", "more options", "later": show the next batch of slots."""
    return bool(_MORE.search(text or ""))


def summary_text(slot_label: str, attorney: str, mode: str, email: str) -> str:
    return (
        f"Please check: a consultation with {attorney} on {slot_label}, "
        f"{MODE_LABELS.get(mode, mode).lower()}. The confirmation goes to {email}. Shall I book it?"
    )


def confirmation_text(reference: str, when: str, attorney: str, mode: str) -> str:
    return (
        f"You're booked. Reference {reference}: {attorney}, {when}, {MODE_LABELS.get(mode, mode).lower()}. "
        "Keep the reference: with it and your email you can reschedule or cancel here in the chat."
    )


def booking_card(reference: str, when: str, attorney: str, mode: str, ics_url: str) -> Dict[str, Any]:
    """The confirmation as a card the widget renders (with the calendar link)."""
    return {
        "type": "booking",
        "reference": reference,
        "when": when,
        "attorney": attorney,
        "mode": MODE_LABELS.get(mode, mode),
        "ics_url": ics_url,
    }


def when_label(start, tz: str) -> str:
    """A booked time, long form, in the visitor's zone with the zone named."""
    return format_slot(start, tz, long=True)


#: How a reference looks, in the questions and the answers that mention one.
REFERENCE_EXAMPLE = "RC-7K3M-9PQX-2D4W"

ERROR_MESSAGES = {
    "slot_taken": "I'm sorry, someone booked that time a moment ago. Here are other times:",
    "slot_unavailable": "That time is no longer available. Here are other times:",
    # One answer for an unknown reference and a wrong email: it never tells which was wrong.
    "unknown_reference": (
        "I can't find a booking with that reference and email address. Please check both: "
        f"the reference is in your confirmation email and looks like {REFERENCE_EXAMPLE}."
    ),
    "too_many_attempts": (
        "For your security, I can't check any more booking references in this chat for now. "
        "Please call us at {phone} and we'll help you with your booking."
    ),
    "reference_format": f"That doesn't look like a booking reference. It looks like {REFERENCE_EXAMPLE} and is in your confirmation email.",
    "not_active": "That booking was already cancelled or moved.",
    "past": "That consultation has already taken place.",
    "invalid": "Something in the booking details isn't right.",
}


def error_message(code: str, phone: str = "") -> str:
    """The visitor's answer to a booking error code; ``phone`` is the firm's, for those that say to call."""
    return ERROR_MESSAGES.get(code, ERROR_MESSAGES["invalid"]).format(phone=phone)


def cancel_question(reference: str, when: Optional[str] = None, attorney: Optional[str] = None) -> str:
    """The last question before cancelling: the booking's time and attorney, once reference and email matched."""
    if when and attorney:
        return f"Your consultation {reference} is on {when} with {attorney}. Do you want to cancel it?"
    return f"Do you want to cancel your consultation {reference}?"


_KEEP = re.compile(
    r"^\W*(no|nope|nah|not)\b|\b(keep|wait|stop|never\s*mind)\b"
    r"|\b(do\s*n[o'’]?t|dont|never|not|no)\s+(\w+\s+){0,3}cancel",
    re.IGNORECASE,
)


def says_keep(text: str) -> bool:
    """At "Do you want to cancel it?", words about cancelling that still mean no ("don't cancel",
    "no, keep it", "wait"). Any doubt counts as no: nothing is cancelled without a plain yes."""
    return bool(_KEEP.search(text or ""))


def zone_label(tz: str) -> str:
    return zone_name(tz)
