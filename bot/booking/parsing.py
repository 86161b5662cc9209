"""What visitors type while booking: times, email addresses, phone numbers.

Times are read by ``parsedatetime`` relative to the visitor's own "now" in
their zone. This module only adds what the parser leaves to its caller:

- "first available" / "asap" (no date in them) mean the earliest open slot;
- a part of day ("tomorrow afternoon") becomes a window, using the anchor
  hour parsedatetime itself gives the word (morning 6, afternoon 13, ...);
- "after 5pm" / "before noon" turn the parsed time into an open-ended window;
- a bare hour after "at"/"after"/... ("monday at 10", "between 2 and 4") is
  read within business hours (1-7 means PM), which parsedatetime does not do;
- "this friday" means the coming Friday (parsedatetime picks the one of the
  current week, which may be past);
- a time without a date that has already passed today means tomorrow.

The result is a :class:`TimeRequest`: a UTC window, or a reason code
(``empty``, ``not_understood``, ``past``) the conversation turns into a
clear question.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import List, Optional, Sequence, Tuple, Union
from zoneinfo import ZoneInfo

import parsedatetime

from bot import contact
from bot.booking.availability import Slot, as_utc, distinct_times, zone

_CALENDAR = parsedatetime.Calendar(
    parsedatetime.Constants(usePyICU=False), version=parsedatetime.VERSION_CONTEXT_STYLE
)
_ctx = parsedatetime.pdtContext
ACU_TIME = _ctx.ACU_HOUR | _ctx.ACU_MIN | _ctx.ACU_SEC

#: parsedatetime's anchor hour for a part of day -> the window it stands for.
PARTS_OF_DAY = {
    6: (time(6), time(12)),  # morning
    8: (time(7), time(10)),  # breakfast
    12: (time(11), time(14)),  # noon, lunch
    13: (time(12), time(17)),  # afternoon
    17: (time(12), time(17)),  # end of day
    18: (time(17), time(21)),  # evening
    19: (time(17), time(21)),  # dinner
    21: (time(17), None),  # night, tonight
}

_FIRST_AVAILABLE = re.compile(
    r"\b(asap|a\.s\.a\.p|as soon as (possible|you can)|first (available|open|opening|slot|one)|"
    r"earliest|soonest|next (available|opening|open)|any ?time|whenever|right away|urgent(ly)?)\b"
)
_AFTER = re.compile(r"\b(after|later than|no earlier than|not before|from)\b")
_BEFORE = re.compile(r"\b(before|by|earlier than|no later than|until|till)\b")
_TODAY = re.compile(r"\b(today|tonight|this (morning|afternoon|evening))\b")
_THIS_WEEKDAY = re.compile(r"\bthis\s+(?=(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)")
_BARE = r"(1[0-2]|0?[1-9])(?::([0-5]\d))?"
_MERIDIEM = r"\s*(?:a\.?m\.?|p\.?m\.?)"
_CLOCK = rf"{_BARE}(?:{_MERIDIEM})?"
#: "between 2 and 4", "from 2pm to 4:30pm", "2-4pm"
_RANGE = re.compile(
    rf"(?:\b(?:between|from)\s+)?(?<![\d/:])(?P<a>{_CLOCK}|\d{{1,2}}:\d{{2}})\s*"
    rf"(?:-|–|\bto\b|\buntil\b|\btill\b|\band\b)\s*(?P<b>{_CLOCK}|\d{{1,2}}:\d{{2}})(?![\d/])"
    r"(?!\s*(?:days?|weeks?|months?|hours?|hrs?|minutes?|mins?)\b)"
)
#: "at 10", "after 5" (no minutes, no am/pm, not "5 days")
_BARE_HOUR = re.compile(
    r"\b(?P<pre>at|@|around|about|after|before|by|until|till)\s+(?P<h>1[0-2]|0?[1-9])"
    r"(?![\d:.]|\s*(?:a\.?m|p\.?m|o'?clock|days?|weeks?|hours?|hrs?|minutes?|mins?|months?|st|nd|rd|th)\b)"
)
_OCLOCK = re.compile(r"\b(?P<h>1[0-2]|0?[1-9])\s*o'?clock\b")


def _business_hour(hour: int, minute: int = 0) -> str:
    """A bare clock hour read within business hours: 1-7 -> PM, 8-12 as said."""
    return f"{hour + 12 if 1 <= hour <= 7 else hour:02d}:{minute:02d}"


def _bare_to_clock(text: str) -> str:
    """'4' -> '16:00', '4:30' -> '16:30'; anything with am/pm is left alone."""
    text = text.strip()
    match = re.fullmatch(_BARE, text)
    if not match:
        return text
    return _business_hour(int(match.group(1)), int(match.group(2) or 0))


@dataclass(frozen=True)
class TimeRequest:
    """A visitor's time preference as a UTC window ``[start, end)``.

    ``kind`` is ``first_available`` (end is None), ``window`` or ``exact``
    (start == end); or ``None`` with ``reason`` ``empty``, ``not_understood``
    or ``past``.
    """

    kind: Optional[str]
    start: Optional[datetime] = None
    end: Optional[datetime] = None
    reason: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.reason is None

    @classmethod
    def failed(cls, reason: str) -> "TimeRequest":
        return cls(kind=None, reason=reason)

    def contains(self, when: datetime) -> bool:
        if self.kind == "exact":
            return when == self.start
        assert self.start is not None, "a failed request has no window"
        return self.start <= when and (self.end is None or when < self.end)

    def distance(self, when: datetime) -> timedelta:
        """How far ``when`` is from the window (zero inside it)."""
        if self.contains(when):
            return timedelta(0)
        assert self.start is not None, "a failed request has no window"
        if when < self.start:
            return self.start - when
        return when - (self.end or self.start)


def _clean(text: Optional[str]) -> str:
    text = (text or "").lower().replace("’", "'")
    text = re.sub(r"[?!¿¡;\"]", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .,")


def _rolled_to_next_year(text: str, day: date, today: date) -> bool:
    """parsedatetime moves a month-day already past this year ("nov 2" said in
    late November) to next year; a visitor booking a consultation means this
    year's, which is past. (Jan 5 said on Dec 31 is a real next-year date.)"""
    explicit = _CALENDAR.ptc.CRE_DATE3.search(text) or _CALENDAR.ptc.CRE_DATE.search(text)
    return bool(explicit) and not re.search(r"\b\d{4}\b", text) and day - today > timedelta(days=180)


def _local(day: date, clock: time, tz: tzinfo) -> datetime:
    return as_utc(datetime.combine(day, clock, tzinfo=tz))


def parse_time_request(
    text: Optional[str],
    *,
    now: datetime,
    tz: Union[str, ZoneInfo],
) -> TimeRequest:
    """Read "tomorrow afternoon", "friday after 5pm", "asap"... relative to ``now``
    (aware) in the visitor's zone ``tz``."""
    now = as_utc(now)
    tzinfo = zone(tz)
    source = now.astimezone(tzinfo).replace(tzinfo=None)
    text = _clean(text)
    if not text:
        return TimeRequest.failed("empty")

    rest = text
    time_range: Optional[Tuple[time, time]] = None
    match = _RANGE.search(rest)
    if match:
        a, b = _bare_to_clock(match.group("a")), _bare_to_clock(match.group("b"))
        start_tt, end_tt, flag = _CALENDAR.evalRanges(f"{a} - {b}", source.timetuple())
        if flag == 2:
            start_t, end_t = time(start_tt.tm_hour, start_tt.tm_min), time(end_tt.tm_hour, end_tt.tm_min)
            if end_t > start_t:
                time_range = (start_t, end_t)
                rest = f"{rest[:match.start()]} {rest[match.end():]}".strip()
    rest = _OCLOCK.sub(lambda m: _business_hour(int(m.group("h"))), rest)
    rest = _BARE_HOUR.sub(lambda m: f"{m.group('pre')} {_business_hour(int(m.group('h')))}", rest)
    rest = _THIS_WEEKDAY.sub("", rest)

    if rest:
        parsed, ctx = _CALENDAR.parseDT(rest, sourceTime=source)
        accuracy = ctx.accuracy
    else:
        parsed, accuracy = source, 0
    if accuracy & _ctx.ACU_NOW or (not accuracy and time_range is None and _FIRST_AVAILABLE.search(text)):
        return TimeRequest(kind="first_available", start=now, end=None)
    if not accuracy and time_range is None:
        return TimeRequest.failed("not_understood")

    # Which days
    date_accuracy = accuracy & (_ctx.ACU_YEAR | _ctx.ACU_MONTH | _ctx.ACU_WEEK | _ctx.ACU_DAY)
    implicit_date = not date_accuracy
    first_day = parsed.date() if date_accuracy else source.date()
    if accuracy & _ctx.ACU_DAY or implicit_date:
        last_day = first_day + timedelta(days=1)
    elif accuracy & _ctx.ACU_WEEK:
        first_day -= timedelta(days=first_day.weekday())
        last_day = first_day + timedelta(days=7)
    elif accuracy & _ctx.ACU_MONTH:
        first_day = first_day.replace(day=1)
        last_day = (first_day + timedelta(days=32)).replace(day=1)
    else:
        first_day = first_day.replace(month=1, day=1)
        last_day = first_day.replace(year=first_day.year + 1)
    if _rolled_to_next_year(text, first_day, source.date()):
        return TimeRequest.failed("past")

    # Which hours of those days
    single_day = last_day - first_day == timedelta(days=1)
    exact = False
    if time_range and single_day:
        from_t, to_t = time_range
    elif accuracy & ACU_TIME and single_day:
        from_t = to_t = parsed.time().replace(second=0, microsecond=0)
        if _AFTER.search(rest):
            to_t = None
        elif _BEFORE.search(rest):
            from_t = None
        else:
            exact = True
    elif accuracy & _ctx.ACU_HALFDAY and single_day:
        anchor = time(parsed.hour)
        if _AFTER.search(rest):
            from_t, to_t = anchor, None
        elif _BEFORE.search(rest):
            from_t, to_t = None, anchor
        else:
            from_t, to_t = PARTS_OF_DAY.get(parsed.hour, (anchor, anchor))
            exact = from_t == to_t
    else:
        from_t = to_t = None

    def window(shift: int) -> Tuple[datetime, datetime]:
        day0 = first_day + timedelta(days=shift)
        start = _local(day0, from_t or time(0), tzinfo)
        if exact:
            return start, start
        end_day = day0 if to_t else last_day + timedelta(days=shift)
        return start, _local(end_day, to_t or time(0), tzinfo)

    start, end = window(0)
    if (exact and start < now) or (not exact and end <= now):
        if implicit_date and not _TODAY.search(text):
            start, end = window(1)  # "at 10am" said at 3pm means tomorrow
        else:
            return TimeRequest.failed("past")
    if exact:
        return TimeRequest(kind="exact", start=start, end=end)
    return TimeRequest(kind="window", start=max(start, now), end=end)


@dataclass(frozen=True)
class SlotMatch:
    """Slots for a request: ``matched`` False means these are the nearest
    alternatives (``reason`` ``no_match``, or ``none_open`` when there is
    nothing to offer at all)."""

    slots: List[Slot]
    matched: bool
    reason: Optional[str] = None


def match_slots(request: TimeRequest, slots: Sequence[Slot], *, limit: int = 5) -> SlotMatch:
    """Open slots inside the request's window (earliest first, one per start
    time), or the ``limit`` nearest ones when none is inside."""
    if not request.ok:
        raise ValueError(f"cannot match a request that failed ({request.reason})")
    candidates = distinct_times(slots)
    if not candidates:
        return SlotMatch([], matched=False, reason="none_open")
    inside = [s for s in candidates if request.contains(s.start)]
    if inside:
        return SlotMatch(inside[:limit], matched=True)
    nearest = sorted(candidates, key=lambda s: (request.distance(s.start), s.start))[:limit]
    return SlotMatch(sorted(nearest), matched=False, reason="no_match")


# --- contact details: bot.contact does the work; booking wants the display form too


def parse_email(text: Optional[str]) -> Tuple[Optional[str], Optional[str]]:
    """``(normalised address, None)`` or ``(None, reason to show the visitor)``
    (:func:`bot.contact.parse_email`: email-validator, no network lookup)."""
    return contact.parse_email(text or "")


@dataclass(frozen=True)
class Phone:
    e164: str  # +13125550148
    display: str  # (312) 555-0148; +52 55 1234 5678 outside North America


def parse_phone(text: Optional[str], region: str = "US") -> Tuple[Optional[Phone], Optional[str]]:
    """``(Phone, None)`` or ``(None, reason to show the visitor)``; numbers
    without a country code are read as ``region`` numbers (:func:`bot.contact.parse_phone`)."""
    e164, problem = contact.parse_phone(text or "", region)
    if problem:
        return None, problem
    assert e164 is not None  # no problem: a number
    return Phone(e164=e164, display=contact.display_phone(e164)), None
