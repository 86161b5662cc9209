"""Dashboard figures: the weekly funnel and intakes per situation and state.

The funnel follows each week's conversations (by the week, in the firm's
time zone, in which they started) through five stages (``bot.funnel``):

1. **started**: the visitor wrote or clicked at least once;
2. **location given**: a place was given (not "unknown");
3. **situation given**: the ``situation`` slot was set;
4. **intake saved**: an intake exists for the conversation;
5. **consultation booked**: a booking was made from it (any later status).

The stages are recorded as conversations move on (table ``funnel``), so the
page reads one row per conversation, not every event of every transcript.
A database from before the table is filled from the transcripts once.
Conversations whose visitor refused consent are not counted.

Alert response times (:func:`alert_times`) follow urgent and safety alerts
(table ``alerts``, ``bot.alerts.queue``) by the week they were raised.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Dict, List, Optional, Sequence, Tuple
from zoneinfo import ZoneInfo

import sqlite_utils

from bot import funnel
from bot.alerts import oncall
from bot.situations import BUTTON_LABELS
from bot.transcripts import Transcripts

STAGES = funnel.STAGES


@dataclass
class Week:
    start: date
    started: int = 0
    location: int = 0
    situation: int = 0
    saved: int = 0
    booked: int = 0

    def stage(self, name: str) -> int:
        count: int = getattr(self, name)
        return count


def _zone() -> ZoneInfo:
    from bot.firm import firm

    return ZoneInfo(firm().time_zone)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def window(weeks: int, now: Optional[datetime] = None) -> Tuple[List[date], datetime]:
    """The Mondays of the last ``weeks`` weeks (this one last) and the first instant (UTC)."""
    tz = _zone()
    now = (now or datetime.now(timezone.utc)).astimezone(tz)
    this_week = week_start(now.date())
    mondays = [this_week - timedelta(weeks=i) for i in range(weeks - 1, -1, -1)]
    first = datetime.combine(mondays[0], time(0), tzinfo=tz).astimezone(timezone.utc)
    return mondays, first


def weekly_funnel(
    db: sqlite_utils.Database,
    transcripts: Optional[Transcripts],
    weeks: int = 12,
    now: Optional[datetime] = None,
) -> List[Week]:
    """Each of the last ``weeks`` weeks' conversations, counted at every stage.

    ``transcripts`` are read only once, to fill a new funnel table from the
    transcripts already stored.
    """
    mondays, first = window(weeks, now)
    out = {m: Week(m) for m in mondays}
    if not funnel.backfilled(db):
        funnel.backfill(db, transcripts)
    tz = _zone()
    for started_at, reached in funnel.counts(db, first):
        week = out.get(week_start(datetime.fromisoformat(started_at).astimezone(tz).date()))
        if week is None:
            continue
        for name, n in reached.items():
            setattr(week, name, week.stage(name) + n)
    return list(out.values())


def intakes_by(
    db: sqlite_utils.Database, column: str, since: Optional[datetime] = None, top: int = 12
) -> List[Tuple[str, int]]:
    """Intakes per situation or state (created since ``since``), largest first;
    beyond ``top`` values the rest are summed as "Other"."""
    if column not in ("situation", "state"):
        raise ValueError(column)
    where, params = "", []
    if since is not None:
        where = " WHERE created_at >= ?"
        params.append(since.astimezone(timezone.utc).replace(microsecond=0, tzinfo=None).isoformat() + "+00:00")
    rows = db.conn.execute(
        f"SELECT {column}, count(*) FROM intakes INDEXED BY staff_intakes_facets{where} GROUP BY {column} ORDER BY 2 DESC, 1",
        params,
    ).fetchall()
    labelled = []
    for value, n in rows:
        if column == "situation":
            label = BUTTON_LABELS.get(value, value) if value else "Not given"
        else:
            label = value or "Not given"
        labelled.append((label, n))
    if len(labelled) > top:
        rest = sum(n for _, n in labelled[top - 1 :])
        labelled = labelled[: top - 1] + [("All others", rest)]
    return labelled


# --- alert response times -------------------------------------------------------

#: The alert kinds whose response times the dashboard shows (those that escalate).
ALERT_KINDS: Tuple[str, ...] = tuple(sorted(oncall.ESCALATING))


@dataclass
class AlertWeek:
    """One week of urgent and safety alerts; times in minutes, None without data."""

    start: date
    raised: int = 0
    acknowledged: int = 0
    unacknowledged: int = 0
    #: Alerts whose first level-0 delivery was sent (the sample of the delivery times).
    delivered: int = 0
    delivery_median: Optional[float] = None
    delivery_p90: Optional[float] = None
    ack_median: Optional[float] = None
    ack_p90: Optional[float] = None


def nearest_rank(values: Sequence[float], percent: float) -> Optional[float]:
    """The ``percent``-th percentile of ``values`` by the nearest-rank method:
    the smallest value such that at least ``percent`` % of the values are at or
    below it, i.e. the ``ceil(percent / 100 * n)``-th smallest (1-based).

    It is always one of the values (no interpolation); with an even count the
    median (50th) is the lower of the two middle values. None for no values.
    """
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


def _utc_text(when: datetime) -> str:
    # As bot.alerts.queue stores times: ISO 8601, UTC, whole seconds, "+00:00".
    return when.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def _minutes(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() / 60


def alert_times(db: sqlite_utils.Database, weeks: int = 12, now: Optional[datetime] = None) -> List[AlertWeek]:
    """Per week (the weeks of :func:`window`, in the firm's time zone, by when
    the alert was raised), for urgent and safety alerts:

    - **delivery time**: from the alert's ``created_at`` to the ``sent_at`` of
      its first level-0 delivery that was sent (the earliest ``sent_at`` among
      its level-0 deliveries with status ``sent``); alerts with no such
      delivery (still queued, failed, or a kind the firm does not alert on)
      are left out of it;
    - **acknowledgement time**: from ``created_at`` to ``acknowledged_at``,
      for the alerts acknowledged so far;
    - **counts**: alerts raised, acknowledged, and still unacknowledged.

    Medians and 90th percentiles are taken by the nearest-rank method
    (:func:`nearest_rank`), so each is a time some alert actually took, and at
    least half (or 90 %) of the alerts took no longer. Times are in minutes.

    One query: the alerts raised since the window's first Monday, each with its
    first sent level-0 delivery, looked up through the ``(alert_id, ...)``
    unique index of ``alert_deliveries`` (the ``+`` before ``d.status`` keeps
    SQLite from choosing the ``(status, next_attempt_at)`` index instead,
    which would read every sent delivery for each alert); the alerts of the
    window through ``alerts_by_time``.
    """
    mondays, first = window(weeks, now)
    out = {m: AlertWeek(m) for m in mondays}
    if not {"alerts", "alert_deliveries"} <= set(db.table_names()):
        return list(out.values())
    tz = _zone()
    marks = ", ".join("?" for _ in ALERT_KINDS)
    rows = db.conn.execute(
        f"""
        SELECT a.created_at, a.acknowledged_at,
               (SELECT min(d.sent_at) FROM alert_deliveries d
                WHERE d.alert_id = a.id AND d.level = 0 AND +d.status = 'sent') AS sent_at
        FROM alerts a
        WHERE a.kind IN ({marks}) AND a.created_at >= ?
        """,
        [*ALERT_KINDS, _utc_text(first)],
    ).fetchall()
    delivery: Dict[date, List[float]] = {m: [] for m in mondays}
    ack: Dict[date, List[float]] = {m: [] for m in mondays}
    for created_at, acknowledged_at, sent_at in rows:
        monday = week_start(datetime.fromisoformat(created_at).astimezone(tz).date())
        week = out.get(monday)
        if week is None:  # raised after this week (a clock ahead)
            continue
        week.raised += 1
        if acknowledged_at:
            week.acknowledged += 1
            ack[monday].append(_minutes(created_at, acknowledged_at))
        else:
            week.unacknowledged += 1
        if sent_at:
            delivery[monday].append(_minutes(created_at, sent_at))
    for monday, week in out.items():
        week.delivered = len(delivery[monday])
        week.delivery_median = nearest_rank(delivery[monday], 50)
        week.delivery_p90 = nearest_rank(delivery[monday], 90)
        week.ack_median = nearest_rank(ack[monday], 50)
        week.ack_p90 = nearest_rank(ack[monday], 90)
    return list(out.values())
