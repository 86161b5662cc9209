"""The background worker: alerts to the people on call every few seconds,
booking reminders every few minutes (``make run`` starts it).

``python -m bot.worker --once`` runs one pass of each and exits.
"""
from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Optional, Sequence

from bot.alerts import run as alerts
from bot.booking import reminders

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

log = logging.getLogger(__name__)


def _alerts_job(db_path: Optional[str]) -> None:
    try:
        counts = alerts.run_once(db_path)
        if any(counts.values()):
            # Counts only: which intake or person stays in the database.
            log.info("alerts: %s", ", ".join(f"{k} {v}" for k, v in counts.items() if v))
    except Exception:  # keep the scheduler alive; the next pass retries
        log.exception("alert pass failed")


def start(db_path: Optional[str] = None, *, alert_seconds: float = alerts.DEFAULT_INTERVAL_SECONDS,
          reminder_minutes: float = reminders.DEFAULT_INTERVAL_MINUTES, blocking: bool = False) -> BaseScheduler:
    """Start both jobs; returns the scheduler (``blocking=True`` runs it in the foreground)."""
    if blocking:
        from apscheduler.schedulers.blocking import BlockingScheduler as Scheduler
    else:
        from apscheduler.schedulers.background import BackgroundScheduler as Scheduler

    scheduler = Scheduler(timezone="UTC")
    common = dict(args=[db_path], next_run_time=datetime.now().astimezone(), max_instances=1, coalesce=True, replace_existing=True)
    scheduler.add_job(_alerts_job, "interval", seconds=alert_seconds, id="alerts", **common)
    scheduler.add_job(reminders.job, "interval", minutes=reminder_minutes, id="booking-reminders", **common)
    scheduler.start()
    return scheduler


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.worker", description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="intake database (default: $INTAKE_DB or <data dir>/intake.db)")
    parser.add_argument("--alert-seconds", type=float, default=alerts.DEFAULT_INTERVAL_SECONDS)
    parser.add_argument("--reminder-minutes", type=float, default=reminders.DEFAULT_INTERVAL_MINUTES)
    parser.add_argument("--once", action="store_true", help="run one pass of each and exit")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # not a line every 5 seconds
    # httpx logs each request's URL at INFO: a webhook URL is a secret (Slack's carry their token).
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if args.once:
        counts = alerts.run_once(args.db)
        print("alerts: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        print(f"{reminders.run_once(args.db)} reminder(s) sent")
        return 0
    log.info("alerts every %ss, reminders every %s min", args.alert_seconds, args.reminder_minutes)
    try:
        start(args.db, alert_seconds=args.alert_seconds, reminder_minutes=args.reminder_minutes, blocking=True)
    except (KeyboardInterrupt, SystemExit):
        pass
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
