"""Which attorneys a visitor can book, and which of their slots to offer."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple, Union
from zoneinfo import ZoneInfo

from bot.booking.attorneys import Attorney
from bot.booking.availability import Slot, as_utc, distinct_times, zone

#: Names for the language question's buttons (code -> "English name / own name").
LANGUAGE_LABELS: Dict[str, str] = {
    "en": "English",
    "es": "Spanish / Español",
    "vi": "Vietnamese / Tiếng Việt",
    "zh": "Chinese / 中文",
    "ko": "Korean / 한국어",
    "tl": "Tagalog",
    "pt": "Portuguese / Português",
    "fr": "French / Français",
    "ht": "Haitian Creole / Kreyòl ayisyen",
    "ar": "Arabic / العربية",
    "ru": "Russian / Русский",
    "uk": "Ukrainian / Українська",
    "hi": "Hindi / हिन्दी",
    "pl": "Polish / Polski",
}


def language_label(code: str) -> str:
    return LANGUAGE_LABELS.get(code.lower(), code.upper())


@dataclass(frozen=True)
class Route:
    """The attorneys a visitor may book.

    ``language_fallback``: a language was asked for and none of the matching
    attorneys speaks it, so every matching attorney is offered (say so, and
    mention an interpreter). ``situation_fallback``: no attorney lists the
    situation, so every attorney is offered (staff will re-route).
    """

    situation: str
    attorneys: Tuple[Attorney, ...]
    language: Optional[str] = None
    urgent: bool = False
    language_fallback: bool = False
    situation_fallback: bool = False

    @property
    def attorney_ids(self) -> List[str]:
        return [a.id for a in self.attorneys]


def matching_attorneys(attorneys: Sequence[Attorney], situation: str) -> List[Attorney]:
    return [a for a in attorneys if a.handles(situation)]


def route(
    attorneys: Sequence[Attorney],
    situation: str,
    *,
    language: Optional[str] = None,
    urgent: bool = False,
) -> Route:
    """Attorneys whose practice areas include ``situation``, narrowed to those
    who speak ``language`` when any does."""
    matching = matching_attorneys(attorneys, situation)
    situation_fallback = not matching
    if situation_fallback:
        matching = list(attorneys)
    language = language.lower() if language else None
    language_fallback = False
    if language:
        speakers = [a for a in matching if a.speaks(language)]
        if speakers:
            matching = speakers
        else:
            language_fallback = True
    return Route(
        situation=situation,
        attorneys=tuple(matching),
        language=language,
        urgent=urgent,
        language_fallback=language_fallback,
        situation_fallback=situation_fallback,
    )


def languages_offered(attorneys: Sequence[Attorney], situation: Optional[str] = None) -> List[str]:
    """Languages the (matching) attorneys speak, English first then alphabetical.

    Ask the visitor's language preference only when this has more than one entry.
    """
    pool = matching_attorneys(attorneys, situation) if situation else list(attorneys)
    codes = {code for a in (pool or attorneys) for code in a.languages}
    return sorted(codes, key=lambda c: (c != "en", c))


def choose_slots(
    route_: Route,
    slots: Sequence[Slot],
    *,
    tz: Union[str, ZoneInfo],
    limit: int = 5,
    per_day: int = 2,
) -> List[Slot]:
    """The slots to offer as buttons, in time order, one per start time.

    Urgent: the earliest slots of any matching attorney (the very first open
    slot always comes first). Otherwise: earliest first but at most
    ``per_day`` per day in the visitor's zone, so the visitor gets a choice of
    days; filled up with the next earliest when there are too few days.
    """
    allowed = set(route_.attorney_ids)
    distinct = distinct_times(s for s in slots if s.attorney_id in allowed)
    if route_.urgent:
        return distinct[:limit]
    tzinfo = zone(tz)
    chosen: List[Slot] = []
    per_day_count: Dict[object, int] = {}
    for slot in distinct:
        day = as_utc(slot.start).astimezone(tzinfo).date()
        if per_day_count.get(day, 0) < per_day:
            per_day_count[day] = per_day_count.get(day, 0) + 1
            chosen.append(slot)
            if len(chosen) == limit:
                return chosen
    extra = [s for s in distinct if s not in chosen][: limit - len(chosen)]
    return sorted(chosen + extra)
