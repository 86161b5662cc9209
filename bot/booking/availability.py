"""Open consultation slots, and how a slot is shown to a visitor.

Open slots = the attorney's weekly hours - days off - existing bookings (with
the attorney's buffer kept on both sides of each booking), never in the past
or sooner than the lead time, never beyond the horizon.

Weekly hours are wall-clock times in the attorney's zone. Each range is turned
into two UTC instants with ``zoneinfo`` and slots are stepped in UTC, so a
daylight-saving change moves the UTC times of the slots and never creates a
slot that does not exist (or hides one that does). Everything returned is in
UTC; :func:`format_slot` shows a time in the visitor's zone, with the zone
named.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union
from zoneinfo import ZoneInfo

from bot.booking.attorneys import Attorney, BookingRules
from bot.language import MONTHS_ES, WEEKDAYS_ES

UTC = timezone.utc
Interval = Tuple[datetime, datetime]

DEFAULT_RULES = BookingRules()


@dataclass(frozen=True, order=True)
class Slot:
    """A consultation an attorney can take: ``[start, end)`` in UTC."""

    start: datetime
    attorney_id: str
    end: datetime

    @property
    def key(self) -> str:
        """A short, stable payload for a button: ``arivera@20261201T1600Z``."""
        return f"{self.attorney_id}@{self.start.astimezone(UTC):%Y%m%dT%H%MZ}"

    @staticmethod
    def parse_key(key: str) -> Tuple[str, datetime]:
        """``(attorney_id, start)`` from :attr:`key`; raises ``ValueError`` if malformed."""
        attorney_id, _, stamp = (key or "").strip().rpartition("@")
        if not attorney_id:
            raise ValueError(f"not a slot key: {key!r}")
        return attorney_id, datetime.strptime(stamp, "%Y%m%dT%H%MZ").replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """An aware datetime in UTC; naive datetimes are refused (they hide bugs)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetime: pass an aware datetime (UTC)")
    return value.astimezone(UTC)


def zone(tz: Union[str, ZoneInfo, timezone]) -> Union[ZoneInfo, timezone]:
    return ZoneInfo(tz) if isinstance(tz, str) else tz


def _local_instant(day: date, clock: time, tz: ZoneInfo) -> datetime:
    # fold=0: an ambiguous wall time (the repeated autumn hour) means its
    # first occurrence; a non-existent one (the skipped spring hour) is read
    # with the offset before the change, i.e. just after the gap.
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


def _blocked(busy: Iterable[Interval], buffer: timedelta) -> Tuple[List[datetime], List[datetime]]:
    """Bookings widened by the buffer on both sides, merged, as parallel start/end lists."""
    merged: List[List[datetime]] = []
    for start, end in sorted((as_utc(s) - buffer, as_utc(e) + buffer) for s, e in busy):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [m[0] for m in merged], [m[1] for m in merged]


def iter_open_slots(
    attorney: Attorney,
    busy: Iterable[Interval] = (),
    *,
    now: datetime,
    rules: BookingRules = DEFAULT_RULES,
    start: Optional[datetime] = None,
    end: Optional[datetime] = None,
) -> Iterator[Slot]:
    """Open slots of one attorney in time order.

    ``busy`` are the attorney's confirmed bookings as ``(start, end)`` pairs.
    ``start``/``end`` narrow the search (slot start in ``[start, end)``); the
    lead time and horizon always apply.
    """
    now = as_utc(now)
    earliest = now + rules.lead_time
    latest = now + rules.horizon
    if start is not None:
        earliest = max(earliest, as_utc(start))
    if end is not None:
        latest = min(latest, as_utc(end))
    if earliest >= latest:
        return
    tz = attorney.zone
    duration, step = attorney.duration, attorney.duration + attorney.buffer
    block_starts, block_ends = _blocked(busy, attorney.buffer)

    day = earliest.astimezone(tz).date()
    last_day = latest.astimezone(tz).date()
    while day <= last_day:
        ranges = attorney.hours.get(day.weekday())
        if ranges and day not in attorney.days_off:
            for range_start, range_end in ranges:
                t = _local_instant(day, range_start, tz)
                stop = _local_instant(day, range_end, tz)
                if t + duration <= earliest:
                    # skip whole steps that end before the earliest start
                    t += step * ((earliest - t) // step)
                while t + duration <= stop and t < latest:
                    if t >= earliest:
                        slot_end = t + duration
                        # the last widened booking starting before the slot ends
                        i = bisect_right(block_starts, slot_end - timedelta(microseconds=1)) - 1
                        if i < 0 or block_ends[i] <= t:
                            yield Slot(t, attorney.id, slot_end)
                    t += step
        day += timedelta(days=1)


def open_slots(
    attorney: Attorney,
    busy: Iterable[Interval] = (),
    *,
    now: datetime,
    rules: BookingRules = DEFAULT_RULES,
    start: Optional[datetime] = None,
    end: Optional[datetime] = None,
) -> List[Slot]:
    """:func:`iter_open_slots` as a list."""
    return list(iter_open_slots(attorney, busy, now=now, rules=rules, start=start, end=end))


def open_slots_for(
    attorneys: Sequence[Attorney],
    busy_by_attorney: Mapping[str, Iterable[Interval]],
    *,
    now: datetime,
    rules: BookingRules = DEFAULT_RULES,
    start: Optional[datetime] = None,
    end: Optional[datetime] = None,
) -> List[Slot]:
    """Open slots of several attorneys, merged in time order (ties: attorney order)."""
    rank = {a.id: i for i, a in enumerate(attorneys)}
    slots = [
        slot
        for attorney in attorneys
        for slot in iter_open_slots(attorney, busy_by_attorney.get(attorney.id, ()), now=now, rules=rules, start=start, end=end)
    ]
    slots.sort(key=lambda s: (s.start, rank[s.attorney_id]))
    return slots


def distinct_times(slots: Iterable[Slot]) -> List[Slot]:
    """Slots in time order, one per start time (the first attorney listed wins a tie)."""
    out: List[Slot] = []
    seen = set()
    for slot in sorted(slots, key=lambda s: s.start):
        if slot.start not in seen:
            seen.add(slot.start)
            out.append(slot)
    return out


def is_open(
    attorney: Attorney,
    start: datetime,
    busy: Iterable[Interval] = (),
    *,
    now: datetime,
    rules: BookingRules = DEFAULT_RULES,
) -> bool:
    """Whether ``start`` is exactly the start of one of the attorney's open slots."""
    start = as_utc(start)
    found = iter_open_slots(attorney, busy, now=now, rules=rules, start=start, end=start + timedelta(seconds=1))
    return any(slot.start == start for slot in found)


# --- showing times to visitors -------------------------------------------------

#: US zone names visitors recognise; other zones are named after their city.
_US_ZONE_NAMES: Dict[str, str] = {
    **dict.fromkeys(
        ["America/New_York", "America/Detroit", "America/Indiana/Indianapolis", "America/Kentucky/Louisville",
         "America/Indiana/Vincennes", "America/Indiana/Winamac", "America/Indiana/Marengo",
         "America/Indiana/Petersburg", "America/Indiana/Vevay", "America/Kentucky/Monticello", "US/Eastern"],
        "Eastern Time",
    ),
    **dict.fromkeys(
        ["America/Chicago", "America/Indiana/Knox", "America/Indiana/Tell_City", "America/Menominee",
         "America/North_Dakota/Center", "America/North_Dakota/New_Salem", "America/North_Dakota/Beulah", "US/Central"],
        "Central Time",
    ),
    **dict.fromkeys(["America/Denver", "America/Boise", "America/Phoenix", "US/Mountain", "US/Arizona"], "Mountain Time"),
    **dict.fromkeys(["America/Los_Angeles", "US/Pacific"], "Pacific Time"),
    **dict.fromkeys(
        ["America/Anchorage", "America/Juneau", "America/Sitka", "America/Nome", "America/Yakutat",
         "America/Metlakatla", "US/Alaska"],
        "Alaska Time",
    ),
    **dict.fromkeys(["Pacific/Honolulu", "America/Adak", "US/Hawaii"], "Hawaii Time"),
    **dict.fromkeys(["America/Puerto_Rico", "America/St_Thomas"], "Atlantic Time"),
    **dict.fromkeys(["Pacific/Guam", "Pacific/Saipan"], "Chamorro Time"),
    **dict.fromkeys(["UTC", "Etc/UTC", "Etc/GMT"], "UTC"),
}


#: The same zone names in Spanish ("hora del Pacífico").
_ZONE_NAMES_ES: Dict[str, str] = {
    "Eastern Time": "hora del Este",
    "Central Time": "hora del Centro",
    "Mountain Time": "hora de la Montaña",
    "Pacific Time": "hora del Pacífico",
    "Alaska Time": "hora de Alaska",
    "Hawaii Time": "hora de Hawái",
    "Atlantic Time": "hora del Atlántico",
    "Chamorro Time": "hora de Chamorro",
    "UTC": "UTC",
}


def zone_name(tz: Union[str, ZoneInfo], language: str = "en") -> str:
    """'Central Time' / 'hora del Centro' for America/Chicago; 'Mexico City time' for America/Mexico_City."""
    key = tz if isinstance(tz, str) else getattr(tz, "key", None) or str(tz)
    city = key.rsplit("/", 1)[-1].replace("_", " ")
    if key in _US_ZONE_NAMES:
        name = _US_ZONE_NAMES[key]
        return _ZONE_NAMES_ES.get(name, name) if language == "es" else name
    return f"hora de {city}" if language == "es" else f"{city} time"


def zone_abbreviation(local: datetime) -> str:
    """'CST'/'CDT'; zones without a letter abbreviation give 'GMT+4', 'GMT+5:30'."""
    abbr = local.tzname() or ""
    if abbr and abbr[0] not in "+-":
        return abbr
    offset = local.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    hours, mins = divmod(minutes, 60)
    return f"GMT{sign}{hours}" + (f":{mins:02d}" if mins else "")


def _clock12(local: datetime, language: str = "en") -> str:
    if language == "es":
        return f"{local.hour % 12 or 12}:{local.minute:02d} {'a. m.' if local.hour < 12 else 'p. m.'}"
    return f"{local.hour % 12 or 12}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"


def format_slot(when: Union[Slot, datetime], tz: Union[str, ZoneInfo], *, long: bool = False, language: str = "en") -> str:
    """A time in the visitor's zone, zone named, in English or Spanish.

    Short (buttons): ``Tue Dec 1, 10:00 AM CST`` / ``mar 1 dic, 10:00 a. m. CST``.
    Long (confirmations): ``Tuesday, December 1, 2026 at 10:00 AM Central Time (CST)`` /
    ``martes 1 de diciembre de 2026, 10:00 a. m., hora del Centro (CST)``.
    """
    start = when.start if isinstance(when, Slot) else when
    local = as_utc(start).astimezone(zone(tz))
    abbr = zone_abbreviation(local)
    clock = _clock12(local, language)
    if language == "es":
        weekday, month = WEEKDAYS_ES[local.weekday()], MONTHS_ES[local.month - 1]
        if long:
            name = zone_name(tz, "es")
            zone_text = f"{name} ({abbr})" if name != abbr else name
            return f"{weekday} {local.day} de {month} de {local.year}, {clock}, {zone_text}"
        return f"{weekday[:3]} {local.day} {month[:3]}, {clock} {abbr}"
    if long:
        name = zone_name(tz)
        zone_text = f"{name} ({abbr})" if name != abbr else name
        return f"{local:%A, %B} {local.day}, {local.year} at {clock} {zone_text}"
    return f"{local:%a %b} {local.day}, {clock} {abbr}"


def local_iso(when: datetime, tz: Union[str, ZoneInfo]) -> str:
    """ISO 8601 with the offset of the visitor's zone: ``2026-12-01T10:00:00-06:00``."""
    return as_utc(when).astimezone(zone(tz)).isoformat()
