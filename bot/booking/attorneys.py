"""Attorneys who take consultations, read from the firm profile (``firm.yml``).

The profile is edited by hand, so every field is checked here once, and a bad
value is reported with the attorney and the field it belongs to, e.g.
``attorney 'arivera' (Ana Rivera): hours.mon[1]: 13:00-12:00 ends before it starts``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any, Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Tuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.situations import CATEGORIES

WEEKDAYS: Tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MODES: Tuple[str, ...] = ("phone", "video", "in_person")
MODE_LABELS: Dict[str, str] = {"phone": "Phone call", "video": "Video call", "in_person": "In person at our office"}
MODE_LABELS_ES: Dict[str, str] = {"phone": "Llamada telefónica", "video": "Videollamada", "in_person": "En persona en nuestra oficina"}

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


class AttorneyConfigError(ValueError):
    """A firm profile entry for an attorney that cannot be used."""


@dataclass(frozen=True)
class BookingRules:
    """Firm-wide booking rules (``booking:`` in the firm profile)."""

    lead_time: timedelta = timedelta(hours=2)
    horizon: timedelta = timedelta(days=14)

    @classmethod
    def from_config(cls, raw: Optional[Mapping[str, Any]]) -> "BookingRules":
        raw = raw or {}
        try:
            lead = float(raw.get("lead_time_hours", 2))
            horizon = float(raw.get("horizon_days", 14))
        except (TypeError, ValueError) as exc:
            raise AttorneyConfigError(f"booking: lead_time_hours and horizon_days must be numbers ({exc})") from None
        if lead < 0 or horizon <= 0:
            raise AttorneyConfigError("booking: lead_time_hours must be >= 0 and horizon_days > 0")
        return cls(lead_time=timedelta(hours=lead), horizon=timedelta(days=horizon))


@dataclass(frozen=True)
class Attorney:
    id: str
    name: str
    practice_areas: Tuple[str, ...]
    languages: Tuple[str, ...]
    time_zone: str
    consultation_minutes: int
    buffer_minutes: int
    modes: Tuple[str, ...]
    #: weekday (0 = Monday) -> sorted, non-overlapping (start, end) local times
    hours: Mapping[int, Tuple[Tuple[time, time], ...]]
    days_off: FrozenSet[date] = field(default_factory=frozenset)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.consultation_minutes)

    @property
    def buffer(self) -> timedelta:
        return timedelta(minutes=self.buffer_minutes)

    def handles(self, situation: str) -> bool:
        return situation in self.practice_areas

    def speaks(self, language: str) -> bool:
        return language.lower() in self.languages


def _fail(label: str, where: str, message: str) -> AttorneyConfigError:
    return AttorneyConfigError(f"{label}: {where}: {message}")


def _str_list(value: Any, label: str, where: str) -> List[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not value:
        raise _fail(label, where, "must be a non-empty list")
    out = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise _fail(label, where, f"{item!r} is not a name")
        out.append(item.strip())
    return out


def _minutes(value: Any, label: str, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _fail(label, where, f"must be a whole number of minutes from {low} to {high}, got {value!r}")
    return value


def _clock(value: Any, label: str, where: str) -> time:
    if isinstance(value, int) and not isinstance(value, bool) and 60 <= value < 24 * 60:
        # YAML 1.1 reads an unquoted 13:00 as the base-60 number 780.
        value = f"{value // 60:02d}:{value % 60:02d}"
    match = _HHMM.match(str(value).strip()) if isinstance(value, str) else None
    if not match:
        raise _fail(label, where, f"{value!r} is not a time like \"09:30\"")
    return time(int(match.group(1)), int(match.group(2)))


def _hours(raw: Any, label: str) -> Dict[int, Tuple[Tuple[time, time], ...]]:
    if not isinstance(raw, Mapping) or not raw:
        raise _fail(label, "hours", "must map weekdays (mon..sun) to lists of [start, end] ranges")
    out: Dict[int, Tuple[Tuple[time, time], ...]] = {}
    for day, ranges in raw.items():
        key = str(day).strip().lower()[:3]
        if key not in WEEKDAYS:
            raise _fail(label, f"hours.{day}", "is not a weekday (mon, tue, wed, thu, fri, sat, sun)")
        if ranges in (None, []):
            continue
        if not isinstance(ranges, (list, tuple)):
            raise _fail(label, f"hours.{day}", "must be a list of [start, end] ranges")
        if len(ranges) == 2 and all(isinstance(r, (str, int)) for r in ranges):
            ranges = [ranges]  # a single range written as [start, end]
        parsed = []
        for i, pair in enumerate(ranges):
            where = f"hours.{day}[{i}]"
            if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                raise _fail(label, where, f"{pair!r} is not a [start, end] pair")
            start, end = _clock(pair[0], label, where), _clock(pair[1], label, where)
            if end <= start:
                raise _fail(label, where, f"{start:%H:%M}-{end:%H:%M} ends before it starts")
            parsed.append((start, end))
        parsed.sort()
        for (s1, e1), (s2, e2) in zip(parsed, parsed[1:]):
            if s2 < e1:
                raise _fail(label, f"hours.{day}", f"ranges {s1:%H:%M}-{e1:%H:%M} and {s2:%H:%M}-{e2:%H:%M} overlap")
        out[WEEKDAYS.index(key)] = tuple(parsed)
    return out


def _days_off(raw: Any, label: str) -> FrozenSet[date]:
    if raw in (None, ""):
        return frozenset()
    if not isinstance(raw, (list, tuple)):
        raise _fail(label, "days_off", "must be a list of dates like \"2026-12-25\"")
    out = set()
    for i, value in enumerate(raw):
        if isinstance(value, date):
            out.add(value)
            continue
        try:
            out.add(date.fromisoformat(str(value).strip()))
        except ValueError:
            raise _fail(label, f"days_off[{i}]", f"{value!r} is not a date like \"2026-12-25\"") from None
    return frozenset(out)


def parse_attorney(raw: Mapping[str, Any], position: int = 0) -> Attorney:
    """One ``attorneys:`` entry as an :class:`Attorney`; raises :class:`AttorneyConfigError`."""
    if not isinstance(raw, Mapping):
        raise AttorneyConfigError(f"attorneys[{position}]: must be a mapping of fields")
    ident = str(raw.get("id") or "").strip()
    name = str(raw.get("name") or "").strip()
    label = f"attorney {ident!r} ({name})" if ident and name else f"attorneys[{position}] ({name or ident or 'unnamed'})"
    if not ident:
        raise _fail(label, "id", "is missing")
    if not re.match(r"^[A-Za-z0-9_.-]+$", ident):
        raise _fail(label, "id", "may use only letters, digits, '.', '_' and '-'")
    if not name:
        raise _fail(label, "name", "is missing")

    areas = _str_list(raw.get("practice_areas"), label, "practice_areas")
    unknown = [a for a in areas if a not in CATEGORIES]
    if unknown:
        raise _fail(label, "practice_areas", f"unknown {', '.join(unknown)} (use {', '.join(CATEGORIES)})")

    languages = [lang.lower() for lang in _str_list(raw.get("languages", ["en"]), label, "languages")]
    bad = [lang for lang in languages if not _LANGUAGE.match(lang)]
    if bad:
        raise _fail(label, "languages", f"{', '.join(bad)}: use ISO 639-1 codes such as en, es, vi")

    zone_name = str(raw.get("time_zone") or "").strip()
    try:
        ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail(label, "time_zone", f"{zone_name!r} is not an IANA time zone such as America/Chicago") from None

    modes = _str_list(raw.get("modes", list(MODES)), label, "modes")
    bad = [m for m in modes if m not in MODES]
    if bad:
        raise _fail(label, "modes", f"unknown {', '.join(bad)} (use {', '.join(MODES)})")

    return Attorney(
        id=ident,
        name=name,
        practice_areas=tuple(areas),
        languages=tuple(dict.fromkeys(languages)),
        time_zone=zone_name,
        consultation_minutes=_minutes(raw.get("consultation_minutes"), label, "consultation_minutes", 5, 480),
        buffer_minutes=_minutes(raw.get("buffer_minutes", 0), label, "buffer_minutes", 0, 240),
        modes=tuple(dict.fromkeys(modes)),
        hours=_hours(raw.get("hours"), label),
        days_off=_days_off(raw.get("days_off"), label),
    )


def parse_attorneys(raw: Optional[Iterable[Mapping[str, Any]]]) -> List[Attorney]:
    """All attorney entries, checked; ids must be unique."""
    attorneys = [parse_attorney(entry, i) for i, entry in enumerate(raw or [])]
    seen = set()
    for attorney in attorneys:
        if attorney.id in seen:
            raise AttorneyConfigError(f"attorney {attorney.id!r} ({attorney.name}): id: used by more than one attorney")
        seen.add(attorney.id)
    return attorneys


def load_attorneys(firm: Any = None) -> List[Attorney]:
    """The attorneys of a firm profile (the deployment's ``firm()`` by default)."""
    if firm is None:
        from bot.firm import firm as current_firm

        firm = current_firm()
    return parse_attorneys(firm.attorneys)


def load_rules(firm: Any = None) -> BookingRules:
    """The ``booking:`` rules of a firm profile (the deployment's by default)."""
    if firm is None:
        from bot.firm import firm as current_firm

        firm = current_firm()
    return BookingRules.from_config(firm.booking)


def by_id(attorneys: Sequence[Attorney]) -> Dict[str, Attorney]:
    return {a.id: a for a in attorneys}
