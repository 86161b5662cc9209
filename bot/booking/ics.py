"""The calendar invite (.ics) of a booking.

The invite carries no personal details of the visitor (only the attorney,
the time, the mode and the firm's contact), so it can be served by a link
that knows only the reference code.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from icalendar import Calendar, Event

from bot.booking import wording
from bot.booking.store import Booking, parse_utc

if TYPE_CHECKING:
    from bot.firm import Firm


def _firm(firm: Optional[Firm]) -> Firm:
    if firm is None:
        from bot.firm import firm as current_firm

        firm = current_firm()
    return firm


def location(booking: Booking, firm: Any = None) -> str:
    firm = _firm(firm)
    if booking.mode == "in_person":
        office = (firm.offices or [{}])[0]
        text = ", ".join(part for part in (office.get("name"), office.get("address")) if part)
        return f"{firm.name}, {text}" if text else firm.name
    say = wording.words(booking.language)
    return say["phone"] if booking.mode == "phone" else say["video"]


def uid(booking: Booking, firm: Any = None) -> str:
    domain = (_firm(firm).email or "").rpartition("@")[2] or "intake.invalid"
    return f"{booking.reference}@{domain}"


def booking_ics(booking: Booking, attorney_name: Optional[str] = None, *, firm: Any = None) -> bytes:
    """An iCalendar file (``text/calendar``) for the booking; a cancelled
    booking gives a CANCEL that removes the event from the visitor's calendar."""
    firm = _firm(firm)
    attorney_name = attorney_name or booking.attorney_id
    cancelled = booking.status != "confirmed"

    calendar = Calendar()
    calendar.add("prodid", f"-//{firm.short_name}//Consultation booking//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")

    event = Event()
    event.add("uid", uid(booking, firm))
    event.add("dtstamp", parse_utc(booking.updated_at))
    event.add("dtstart", booking.start)
    event.add("dtend", booking.end)
    say = wording.words(booking.language)
    event.add("summary", say["ics_summary"].format(attorney=attorney_name, firm=firm.short_name))
    event.add(
        "description",
        "\n".join(
            [
                say["ics_with"].format(attorney=attorney_name, firm=firm.name),
                f"{say['reference']}: {booking.reference}",
                f"{say['how']}: {wording.mode_label(booking.mode, booking.language)}",
                say["ics_questions"].format(phone=firm.phone_display, email=firm.email),
            ]
        ),
    )
    event.add("location", location(booking, firm))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("sequence", 1 if cancelled else 0)
    event.add("organizer", f"mailto:{firm.email}", parameters={"cn": firm.name})
    calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


def filename(booking: Booking) -> str:
    return f"consultation-{booking.reference}.ics"
