"""Retention: deleting intakes and transcripts past the firm's retention period.

The period is ``retention_days`` in ``firm.yml`` unless an admin has set
another in the staff app (``staff_settings``). :func:`purge` deletes:

- intakes last updated more than N days ago, except one whose consultation
  is still ahead (a confirmed booking that has not started yet), with their
  notes, assignment, search document and past bookings;
- the transcripts (Rasa tracker events) of those conversations, and of any
  other conversation whose last event is older than N days and that no kept
  intake refers to (visitors who left before an intake was saved);
- the dashboard's funnel rows of the same conversations (``bot.funnel``);
  an intake's alerts go with it (``ON DELETE CASCADE``);
- emails in the outbox written before the cutoff (booking emails name the
  visitor and their address).

The audit log keeps one entry per purge (counts and the cutoff only).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Iterator, List, Optional

import sqlite_utils

from bot import funnel
from bot.staff import audit, search
from bot.staff.db import transaction
from bot.store import utcnow
from bot.transcripts import Transcripts

SETTING = "retention_days"
MIN_DAYS = 1
MAX_DAYS = 36500


class RetentionError(ValueError):
    pass


@dataclass(frozen=True)
class PurgeReport:
    cutoff: str
    intakes: int
    transcripts: int
    kept_for_booking: int
    dry_run: bool = False


def default_days() -> int:
    from bot.firm import firm

    return int(firm().retention_days)


def retention_days(db: sqlite_utils.Database) -> int:
    row = db.conn.execute("SELECT value FROM staff_settings WHERE key = ?", [SETTING]).fetchone()
    if row:
        try:
            return int(row[0])
        except ValueError:
            pass
    return default_days()


def check_days(days: Any) -> int:
    try:
        value = int(str(days).strip())
    except (TypeError, ValueError):
        raise RetentionError("The retention period must be a whole number of days.") from None
    if not MIN_DAYS <= value <= MAX_DAYS:
        raise RetentionError(f"The retention period must be between {MIN_DAYS} and {MAX_DAYS} days.")
    return value


def set_retention_days(db: sqlite_utils.Database, days: Any, actor: str) -> int:
    value = check_days(days)
    old = retention_days(db)
    with transaction(db):
        db.conn.execute(
            "INSERT OR REPLACE INTO staff_settings (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?)",
            [SETTING, str(value), actor, utcnow()],
        )
        audit.record(db, actor, "set_retention", "retention", {"from": old, "to": value}, commit=False)
    return value


def _upcoming(booking_json: Optional[str], now: datetime) -> bool:
    if not booking_json:
        return False
    try:
        booking = json.loads(booking_json)
        if not isinstance(booking, dict) or booking.get("status") != "confirmed":
            return False
        start = datetime.fromisoformat(str(booking.get("start")))
        if start.tzinfo is None:
            start = start.replace(tzinfo=timezone.utc)
        return start > now
    except (ValueError, TypeError):
        return False


def _chunks(items: List[Any], size: int = 500) -> Iterator[List[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def purge(
    db: sqlite_utils.Database,
    transcripts: Optional[Transcripts],
    older_than_days: Any,
    actor: str,
    *,
    now: Optional[datetime] = None,
    dry_run: bool = False,
) -> PurgeReport:
    """Delete what is older than ``older_than_days`` (see the module docstring)."""
    days = check_days(older_than_days)
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    cutoff_dt = now - timedelta(days=days)
    cutoff = cutoff_dt.replace(microsecond=0).isoformat()
    candidates = db.conn.execute(
        "SELECT id, conversation_id, booking FROM intakes WHERE updated_at < ?", [cutoff]
    ).fetchall()
    doomed = [(i, conv) for i, conv, booking in candidates if not _upcoming(booking, now)]
    kept = len(candidates) - len(doomed)
    ids = [i for i, _ in doomed]
    conversations = [c for _, c in doomed]
    transcripts_count = 0
    senders: List[str] = []
    if transcripts is not None:
        stale = transcripts.conversations_idle_since(cutoff_dt.timestamp())
        kept_conversations = {
            row[0] for row in db.conn.execute("SELECT conversation_id FROM intakes WHERE updated_at >= ?", [cutoff])
        } | {conv for _, conv, booking in candidates if _upcoming(booking, now)}
        senders = sorted((set(conversations) | stale) - kept_conversations)
        if dry_run:
            transcripts_count = len(transcripts.conversations_stored(senders))
    if dry_run:
        return PurgeReport(cutoff, len(ids), transcripts_count, kept, dry_run=True)
    has_bookings = "bookings" in db.table_names()
    funnel.ensure_schema(db)
    with transaction(db):
        for chunk in _chunks(ids):
            marks = ", ".join("?" for _ in chunk)
            db.conn.execute(f"DELETE FROM staff_notes WHERE intake_id IN ({marks})", chunk)
            db.conn.execute(f"DELETE FROM staff_assignments WHERE intake_id IN ({marks})", chunk)
            search.remove(db, chunk)
            db.conn.execute(f"DELETE FROM intakes WHERE id IN ({marks})", chunk)
        if has_bookings:
            for chunk in _chunks(conversations):
                marks = ", ".join("?" for _ in chunk)
                db.conn.execute(
                    f"DELETE FROM bookings WHERE conversation_id IN ({marks}) "
                    "AND NOT (status = 'confirmed' AND start_utc > ?)",
                    [*chunk, now.strftime("%Y-%m-%dT%H:%M:%SZ")],
                )
        for chunk in _chunks(conversations):
            db.conn.execute(f"DELETE FROM funnel WHERE conversation_id IN ({', '.join('?' for _ in chunk)})", chunk)
        # The dashboard's rows of conversations that ended before the cutoff without an intake.
        db.conn.execute(
            "DELETE FROM funnel WHERE started_at < ? AND conversation_id NOT IN (SELECT conversation_id FROM intakes)", [cutoff]
        )
        if "outbox" in db.table_names():
            # Emails written before the cutoff (booking emails name the visitor and their address).
            db.conn.execute("DELETE FROM outbox WHERE created_at < ?", [cutoff_dt.strftime("%Y-%m-%dT%H:%M:%SZ")])
        audit.record(
            db, actor, "purge", "retention", {"days": days, "cutoff": cutoff, "intakes": len(ids), "kept_for_booking": kept}, commit=False
        )
    if transcripts is not None and senders:
        transcripts_count = transcripts.delete_conversations(senders)
        with transaction(db):
            audit.record(db, actor, "purge", "transcripts", {"days": days, "cutoff": cutoff, "transcripts": transcripts_count}, commit=False)
    return PurgeReport(cutoff, len(ids), transcripts_count, kept)
