"""Today's date in the firm's time zone (one place, so tests can pin it)."""
from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.firm import firm


def today() -> date:
    """The firm's current date; ``INTAKE_TODAY`` (YYYY-MM-DD) pins it for tests."""
    pinned = os.environ.get("INTAKE_TODAY")
    if pinned:
        return date.fromisoformat(pinned)
    return datetime.now(ZoneInfo(firm().time_zone)).date()


def now() -> datetime:
    """The current time (UTC); ``INTAKE_NOW`` (ISO 8601 with offset) pins it for tests."""
    from datetime import timezone

    pinned = os.environ.get("INTAKE_NOW")
    if pinned:
        return datetime.fromisoformat(pinned).astimezone(timezone.utc)
    return datetime.now(timezone.utc)
