"""Dates as visitors type them ("next monday", "dec 3", "3 days ago"), via parsedatetime."""
from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache
from typing import Optional

import parsedatetime


@lru_cache(maxsize=1)
def _calendar() -> parsedatetime.Calendar:
    return parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)


def parse_date(text: str, today: date) -> Optional[date]:
    """The calendar date a visitor means, relative to ``today``; None if there is none.

    Only a date counts: a reply with no date in it ("not sure", "hello") is None
    rather than today, which is what parsedatetime would otherwise assume.
    """
    if not text or not text.strip():
        return None
    result, context = _calendar().parseDT(text, datetime.combine(today, time(12, 0)))
    if not context.hasDate:
        return None
    return result.date()


def mentioned_date(text: str, today: date) -> Optional[date]:
    """The one date a sentence mentions ("taken yesterday", "court next tuesday").

    None when there is no date, more than one, or only a month or year ("in
    may": which year?), so that the question is asked rather than guessed.
    """
    if not text or not text.strip():
        return None
    found = _calendar().nlp(text, datetime.combine(today, time(12, 0))) or ()
    found = [f for f in found if f[1].hasDate]
    if len(found) != 1:
        return None
    when, context = found[0][0], found[0][1]
    if not (context.accuracy & (context.ACU_DAY | context.ACU_WEEK)):
        return None
    return when.date()


def days_until(day: date, today: date) -> int:
    """Whole days from ``today`` to ``day`` (negative in the past)."""
    return (day - today).days
