"""The booking conversation as plain functions: question order, answers, outcomes.

The engine (slots, routing, atomic booking) is ``bot.booking``; this module
decides what the chat asks next and which response tells each outcome. The
sentences, in Spanish and English, are responses in ``domain.yml`` (booking);
the values they quote (times, attorney, how) are formatted here per language.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

from bot import contact
from bot.places import resolver
from bot.dates import plain
from bot.language import both
from bot.booking.attorneys import MODE_LABELS, MODE_LABELS_ES
from bot.booking.availability import Slot, format_slot

_MODE_WORDS = (
    ("in_person", ("in person", "in-person", "office", "person", "visit", "presencial")),
    ("video", ("video", "zoom", "teams", "meet", "facetime", "online")),
    ("phone", ("phone", "call", "telephone", "llamada", "telefono", "teléfono")),
)

_ZONE_WORDS = {
    "eastern": "America/New_York", "et": "America/New_York", "est": "America/New_York", "edt": "America/New_York",
    "central": "America/Chicago", "ct": "America/Chicago", "cst": "America/Chicago", "cdt": "America/Chicago",
    "mountain": "America/Denver", "mt": "America/Denver", "mst": "America/Denver", "mdt": "America/Denver",
    "arizona": "America/Phoenix",
    "pacific": "America/Los_Angeles", "pt": "America/Los_Angeles", "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles",
    "alaska": "America/Anchorage", "hawaii": "Pacific/Honolulu", "puerto rico": "America/Puerto_Rico",
}

#: The Spanish zone names ("Este", "Pacífico", "hora del centro"), read only as the
#: whole answer: "este martes" is "this Tuesday", not the Eastern zone.
_ZONE_WORDS_ES = {
    "este": "America/New_York", "centro": "America/Chicago", "montana": "America/Denver",
    "pacifico": "America/Los_Angeles", "arizona": "America/Phoenix", "alaska": "America/Anchorage",
    "hawai": "Pacific/Honolulu", "puerto rico": "America/Puerto_Rico",
}
_ZONE_ES = re.compile(
    r"^(?:(?:la |en )?(?:hora|zona)(?: horaria)? )?(?:del? |el )?(" + "|".join(_ZONE_WORDS_ES) + r")[.!]?$"
)

def _known(value: Any) -> bool:
    return value not in (None, "", "none", "unknown")


def required_slots(slots: Mapping[str, Any], languages: Sequence[str]) -> List[str]:
    """The booking form's questions, in order, given what is known."""
    order: List[str] = []
    if len(languages) > 1:
        order.append("booking_language")
    order.append("visitor_time_zone")
    order.append("booking_slot")
    order.append("booking_mode")
    if not _known(slots.get("contact_name")):
        order.append("booking_name")
    if not _known(slots.get("contact_email")):
        order.append("booking_email")
    order.append("booking_confirmed")
    return order


def spoken_language(language: Optional[str], offered: Sequence[str]) -> Optional[str]:
    """The consultation language to use without asking: the visitor's, when an attorney speaks it
    and it is not English (English is only chosen by asking, when others are offered)."""
    return language if language and language != "en" and language in offered else None


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
    spanish = _ZONE_ES.match(plain(t))
    if spanish:
        return _ZONE_WORDS_ES[spanish.group(1)]
    for word in re.findall(r"[a-z]+(?: rico)?", lowered):
        if word in _ZONE_WORDS:
            return _ZONE_WORDS[word]
    place = resolver.resolve(t)
    return resolver.timezone_for(place) if place else None


def mode_from_text(text: str, modes: Sequence[str]) -> Optional[str]:
    """A consultation mode the attorney offers, from a button value or words."""
    t = (text or "").strip().lower()
    if t in modes:
        return t
    for mode, words in _MODE_WORDS:
        if mode in modes and any(w in t for w in words):
            return mode
    return None


def mode_label(mode: str, language: str = "en") -> str:
    """'Video call' / 'Videollamada'."""
    return (MODE_LABELS_ES if language == "es" else MODE_LABELS).get(mode, mode)


def mode_buttons(modes: Sequence[str], language: str = "en") -> List[Dict[str, str]]:
    return [{"title": mode_label(m, language), "payload": f'/inform{{"booking_mode":"{m}"}}'} for m in modes]


#: The button under the offered times that asks for more.
OTHER_TIMES = {"en": "Other times", "es": "Otros horarios"}
OTHER_TIMES_PAYLOAD = "other times"


def slot_button(label: str, attorney: str, key: str, language: str = "en") -> Dict[str, str]:
    """One offered time as a button: "Tue Dec 8, 11:00 AM PST with Ana Rivera"."""
    joined = f"{label} con {attorney}" if language == "es" else f"{label} with {attorney}"
    return {"title": joined, "payload": f'/inform{{"booking_slot":"{key}"}}'}


_MORE = re.compile(r"\b(other|more|different|later|another|otro|otra|más|mas)\b", re.IGNORECASE)


def wants_other_times(text: str) -> bool:
    """"Other times", "more options", "later": show the next batch of slots."""
    return bool(_MORE.search(text or ""))


def booking_values(when: Union[Slot, datetime], tz: str, attorney: str, mode: str, **more: str) -> Dict[str, str]:
    """The values the booking responses quote, in both languages."""
    return {
        "attorney": attorney,
        **more,
        **both("when", lambda lang: format_slot(when, tz, long=True, language=lang)),
        **both("mode", lambda lang: mode_label(mode, lang).lower()),
    }


def when_label(start: Union[Slot, datetime], tz: str, language: str = "en") -> str:
    """A booked time, long form, in the visitor's zone with the zone named."""
    return format_slot(start, tz, long=True, language=language)


#: How a reference looks, in the questions and the answers that mention one.
REFERENCE_EXAMPLE = "RC-7K3M-9PQX-2D4W"

#: Booking error codes (``bot.booking``) the chat tells apart; the others read as "invalid".
#: An unknown reference and a wrong email share one answer: it never tells which was wrong.
ERRORS = ("slot_taken", "slot_unavailable", "unknown_reference", "too_many_attempts", "reference_format",
          "no_reference", "not_active", "past", "invalid")


def error_response(code: str) -> str:
    """The response that tells the visitor a booking error."""
    return f"utter_booking_error_{code if code in ERRORS else 'invalid'}"


_KEEP = re.compile(
    r"^\W*(no|nope|nah|not)\b|\b(keep|wait|stop|never\s*mind)\b"
    r"|\b(do\s*n[o'’]?t|dont|never|not|no)\s+(\w+\s+){0,3}cancel",
    re.IGNORECASE,
)


def says_keep(text: str) -> bool:
    """At "Do you want to cancel it?", words about cancelling that still mean no ("don't cancel",
    "no, keep it", "wait"). Any doubt counts as no: nothing is cancelled without a plain yes."""
    return bool(_KEEP.search(text or ""))



#: An appointment of the visitor's case, with the government ("my ICE check-in is thursday,
#: can I reschedule?", "la cita de biométricos", "move my court date"): their matter, not a
#: consultation booked with the firm.
_CASE_APPOINTMENT = re.compile(
    r"\b(?:check[- ]?ins?|ice|uscis|cbp|court|hearing|judge|biometrics?|fingerprints?|interview|oath|consulate|embassy"
    r"|asylum office|appointment with (?:ice|uscis|immigration)|audiencia|corte|juez|biom[eé]tricos?|huellas|entrevista"
    r"|consulado|embajada|juramentaci[oó]n|migra(?:ci[oó]n)?|inmigraci[oó]n|reportarme|firmar)\b",
    re.IGNORECASE)
#: Words that name the booking with the firm ("my consultation with Attorney Ruiz").
_OUR_BOOKING = re.compile(
    r"\b(?:consult(?:ation|a)?s?|booking|booked|reserva(?:ci[oó]n)?|reservation|attorney|lawyer|abogad[oa]s?|with (?:you|your firm)"
    r"|con ustedes|your office|su oficina|rc-[a-z0-9]{4})\b",
    re.IGNORECASE)


def about_a_case_appointment(text: str) -> bool:
    """Whether moving or cancelling "it" is about a government appointment of the visitor's
    case, not a consultation with the firm: "my check in is this thursday but i have covid,
    can i reschedule" is a removal matter to take in, not a booking to look up."""
    return bool(_CASE_APPOINTMENT.search(text or "")) and not _OUR_BOOKING.search(text or "")


def change_without_reference(request: str, slots: Mapping[str, Any]) -> Dict[str, Any]:
    """What to keep when a visitor asks to move or cancel a booking but has no reference: the
    request as their matter ("other", in their words) and any name or phone they gave with it,
    so that an intake begun next asks neither again; nothing already known is replaced."""
    out: Dict[str, Any] = {}
    text = " ".join((request or "").split())
    if text and not slots.get("situation"):
        out.update(situation="other", situation_text=text[:1000])
    told = contact.said_in_passing(text, slots, None) if text else {}
    out.update({k: v for k, v in told.items() if not slots.get(k)})
    return out
