"""Booking a consultation: attorneys, open slots, routing, parsing visitors'
requests, atomic bookings, invites, emails and reminders.

Plain Python (no Rasa): the conversation calls the names below.
"""
from bot.booking.attorneys import Attorney, AttorneyConfigError, BookingRules, load_attorneys, load_rules
from bot.booking.availability import Slot, format_slot, open_slots, open_slots_for, zone_name
from bot.booking.ics import booking_ics
from bot.booking.parsing import Phone, TimeRequest, match_slots, parse_email, parse_phone, parse_time_request
from bot.booking.routing import Route, choose_slots, language_label, languages_offered, route
from bot.booking.service import Offer, find_slots, slot_from_key
from bot.booking.store import (
    AlreadyHappened,
    Booking,
    BookingError,
    EmailMismatch,
    InvalidBooking,
    NotActive,
    SlotTaken,
    SlotUnavailable,
    TooManyAttempts,
    UnknownReference,
    Visitor,
    book,
    cancel,
    check_reference,
    connect,
    get_booking,
    reschedule,
)

__all__ = [
    "AlreadyHappened",
    "Attorney",
    "AttorneyConfigError",
    "Booking",
    "BookingError",
    "BookingRules",
    "EmailMismatch",
    "InvalidBooking",
    "NotActive",
    "Offer",
    "Phone",
    "Route",
    "Slot",
    "SlotTaken",
    "SlotUnavailable",
    "TimeRequest",
    "TooManyAttempts",
    "UnknownReference",
    "Visitor",
    "book",
    "booking_ics",
    "cancel",
    "check_reference",
    "choose_slots",
    "connect",
    "find_slots",
    "format_slot",
    "get_booking",
    "language_label",
    "languages_offered",
    "load_attorneys",
    "load_rules",
    "match_slots",
    "open_slots",
    "open_slots_for",
    "parse_email",
    "parse_phone",
    "parse_time_request",
    "reschedule",
    "route",
    "slot_from_key",
    "zone_name",
]
