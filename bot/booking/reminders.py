"""Reminder emails, 24 hours before each consultation, sent once.

``python -m bot.booking.reminders`` runs the scheduler in the foreground
(``make run`` starts it); ``--once`` runs a single pass and exits.

Once per booking: a reminder is claimed by setting ``reminder_sent_at`` with
a conditional UPDATE before it is sent, so two schedulers (or two runs that
overlap) never both send it. A delivery that fails releases the claim so the
next run tries again. Bookings made less than 24 hours ahead get no reminder:
their confirmation has just gone out.
"""
from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, List, Optional, Sequence

import sqlite_utils

from bot.booking import mail
from bot.booking import store as booking_store
from bot.booking.attorneys import Attorney, load_attorneys
from bot.booking.availability import as_utc, utcnow

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

log = logging.getLogger(__name__)

REMINDER_BEFORE = timedelta(hours=24)
DEFAULT_INTERVAL_MINUTES = 5


def due_reminders(db: sqlite_utils.Database, now: datetime) -> List[booking_store.Booking]:
    """Confirmed bookings starting within 24 hours (after ``now``) that have had
    no reminder and were booked more than 24 hours ahead."""
    now = as_utc(now)
    second = timedelta(seconds=1)  # list_bookings takes [start, end); here it is (now, now + 24 h]
    candidates = booking_store.list_bookings(db, status="confirmed", start=now + second, end=now + REMINDER_BEFORE + second)
    return [
        b for b in candidates
        if b.reminder_sent_at is None and booking_store.parse_utc(b.created_at) <= b.start - REMINDER_BEFORE
    ]


def _claim(db: sqlite_utils.Database, booking_id: int, now: datetime) -> bool:
    cursor = db.conn.execute(
        "UPDATE bookings SET reminder_sent_at = ? WHERE id = ? AND reminder_sent_at IS NULL AND status = 'confirmed'",
        [booking_store.format_utc(now), booking_id],
    )
    db.conn.commit()
    return cursor.rowcount == 1


def _release(db: sqlite_utils.Database, booking_id: int) -> None:
    db.conn.execute("UPDATE bookings SET reminder_sent_at = NULL WHERE id = ?", [booking_id])
    db.conn.commit()


def send_due_reminders(
    db: sqlite_utils.Database,
    now: datetime,
    *,
    attorneys: Optional[Sequence[Attorney]] = None,
    firm: Any = None,
    smtp: Any = mail.FROM_ENV,
) -> int:
    """Send every due reminder once; returns how many were sent or queued."""
    booking_store.ensure_schema(db)
    now = as_utc(now)
    due = due_reminders(db, now)
    if not due:
        return 0
    names = {a.id: a.name for a in (attorneys if attorneys is not None else load_attorneys(firm))}
    done = 0
    for booking in due:
        if not _claim(db, booking.id, now):
            continue  # another run got it
        status = mail.send_reminder(
            db, booking, attorney_name=names.get(booking.attorney_id), firm=firm, smtp=smtp, now=now
        )
        if status == "failed":
            _release(db, booking.id)
        else:
            done += 1
    return done


def run_once(db_path: Optional[str] = None, now: Optional[datetime] = None) -> int:
    """One pass on its own connection (each scheduler run gets a fresh one)."""
    db = booking_store.connect(db_path)
    try:
        return send_due_reminders(db, now or utcnow())
    finally:
        db.close()


def job(db_path: Optional[str]) -> None:
    try:
        count = run_once(db_path)
        if count:
            log.info("%d reminder(s) sent", count)
    except Exception:  # keep the scheduler alive; the next run retries
        log.exception("reminder run failed")


def start_scheduler(
    db_path: Optional[str] = None,
    *,
    interval_minutes: float = DEFAULT_INTERVAL_MINUTES,
    blocking: bool = False,
) -> BaseScheduler:
    """Run :func:`send_due_reminders` now and every ``interval_minutes``.

    Returns the started ``BackgroundScheduler`` (call ``.shutdown()`` to stop);
    with ``blocking=True`` runs a ``BlockingScheduler`` in the foreground.
    """
    if blocking:
        from apscheduler.schedulers.blocking import BlockingScheduler as Scheduler
    else:
        from apscheduler.schedulers.background import BackgroundScheduler as Scheduler

    scheduler = Scheduler(timezone="UTC")
    scheduler.add_job(
        job,
        "interval",
        args=[db_path],
        minutes=interval_minutes,
        next_run_time=datetime.now().astimezone(),
        id="booking-reminders",
        max_instances=1,
        coalesce=True,
        replace_existing=True,
    )
    scheduler.start()
    return scheduler


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.booking.reminders", description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="intake database (default: $INTAKE_DB or <data dir>/intake.db)")
    parser.add_argument("--interval", type=float, default=DEFAULT_INTERVAL_MINUTES, help="minutes between runs")
    parser.add_argument("--once", action="store_true", help="run one pass and exit")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.once:
        print(f"{run_once(args.db)} reminder(s) sent")
        return 0
    log.info("booking reminders every %s minute(s)", args.interval)
    try:
        start_scheduler(args.db, interval_minutes=args.interval, blocking=True)
    except (KeyboardInterrupt, SystemExit):
        pass
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
