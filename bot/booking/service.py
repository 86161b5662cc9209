"""What the conversation calls: slots to offer, a typed request matched to
slots, and the slot behind a button. Booking, cancelling and rescheduling
are :func:`bot.booking.store.book`, ``cancel`` and ``reschedule``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import List, Optional, Sequence, Tuple

import sqlite_utils

from bot.booking import store as booking_store
from bot.booking.attorneys import Attorney, BookingRules, by_id, load_attorneys, load_rules
from bot.booking.availability import Slot, as_utc, format_slot, open_slots_for, utcnow
from bot.booking.parsing import SlotMatch, TimeRequest, match_slots, parse_time_request
from bot.booking.routing import Route, choose_slots, route


@dataclass(frozen=True)
class Offer:
    """Slots to show as buttons (``labels[i]`` for ``slots[i]``, payload ``slots[i].key``)."""

    route: Route
    slots: List[Slot]
    labels: List[str]
    #: The intake is urgent: also offer the firm's phone number.
    call_firm: bool
    #: For a typed request: the parsed request (``request.reason`` when it failed).
    request: Optional[TimeRequest] = None
    #: False when ``slots`` are the nearest alternatives to what was asked.
    matched: bool = True
    #: ``no_match`` / ``none_open`` (nothing bookable at all), or None.
    reason: Optional[str] = None


def _defaults(attorneys: Optional[Sequence[Attorney]], rules: Optional[BookingRules]) -> Tuple[Sequence[Attorney], BookingRules]:
    return (attorneys if attorneys is not None else load_attorneys()), (rules or load_rules())


def route_slots(
    db: sqlite_utils.Database,
    route_: Route,
    *,
    now: datetime,
    rules: BookingRules,
) -> List[Slot]:
    """Every open slot of the route's attorneys within the horizon, in time order."""
    booking_store.ensure_schema(db)
    busy = booking_store.busy_intervals(db, route_.attorney_ids, now, now + rules.horizon)
    return open_slots_for(list(route_.attorneys), busy, now=now, rules=rules)


def find_slots(
    db: sqlite_utils.Database,
    *,
    situation: str,
    visitor_tz: str,
    language: Optional[str] = None,
    urgent: bool = False,
    text: Optional[str] = None,
    limit: int = 5,
    now: Optional[datetime] = None,
    attorneys: Optional[Sequence[Attorney]] = None,
    rules: Optional[BookingRules] = None,
) -> Offer:
    """Slots to offer a visitor, shown in their zone.

    Without ``text``: the next slots of the attorneys the visitor is routed
    to (urgent: the earliest of any of them). With ``text`` ("tomorrow
    afternoon", "asap"): the slots matching it, or the nearest alternatives;
    when the text cannot be read, no slots and ``request.reason`` set
    (``empty``, ``not_understood``, ``past``) for the conversation to ask again.
    """
    attorneys, rules = _defaults(attorneys, rules)
    now = as_utc(now or utcnow())
    route_ = route(attorneys, situation, language=language, urgent=urgent)
    slots = route_slots(db, route_, now=now, rules=rules)
    request = None
    matched, reason = True, None
    if text is None:
        chosen = choose_slots(route_, slots, tz=visitor_tz, limit=limit)
        if not chosen:
            matched, reason = False, "none_open"
    else:
        request = parse_time_request(text, now=now, tz=visitor_tz)
        if not request.ok:
            return Offer(route_, [], [], call_firm=urgent, request=request, matched=False, reason=request.reason)
        if request.kind == "first_available":
            chosen = choose_slots(replace(route_, urgent=True), slots, tz=visitor_tz, limit=limit)
            matched, reason = bool(chosen), (None if chosen else "none_open")
        else:
            result: SlotMatch = match_slots(request, slots, limit=limit)
            chosen, matched, reason = result.slots, result.matched, result.reason
    labels = [format_slot(s, visitor_tz) for s in chosen]
    return Offer(route_, chosen, labels, call_firm=urgent, request=request, matched=matched, reason=reason)


def slot_from_key(
    key: str,
    *,
    attorneys: Optional[Sequence[Attorney]] = None,
) -> Optional[Slot]:
    """The slot behind a button payload (:attr:`Slot.key`); None if it names no attorney."""
    attorneys = attorneys if attorneys is not None else load_attorneys()
    try:
        attorney_id, start = Slot.parse_key(key)
    except ValueError:
        return None
    attorney = by_id(attorneys).get(attorney_id)
    if attorney is None:
        return None
    return Slot(start, attorney.id, start + attorney.duration)
