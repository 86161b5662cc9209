"""The intake funnel, recorded as conversations move on (for the staff dashboard).

One row per conversation in the intake database: when it started, and when
it first reached each later stage. The action server records the first three
stages as the intake form runs; ``bot.store.save_intake`` records the last
two. The dashboard then counts rows, instead of reading every event of every
transcript on each page load.

A row holds a conversation id and times, nothing the visitor wrote. A
refused conversation's row is deleted with its transcript, so refusals are
not counted here (they are counted in ``consent_refusals``), and
``bot.staff.retention`` deletes rows with the conversations they describe.
"""
from __future__ import annotations

import contextlib
import sqlite3
from datetime import datetime, timezone
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

import sqlite_utils

from bot.transcripts import Transcripts

#: The stages, in order, with the label staff read.
STAGES: Tuple[Tuple[str, str], ...] = (
    ("started", "Conversations started"),
    ("location", "Location given"),
    ("situation", "Situation given"),
    ("saved", "Intake saved"),
    ("booked", "Consultation booked"),
)
STAGE_NAMES: Tuple[str, ...] = tuple(name for name, _ in STAGES)

_PLACE_SLOTS = ("location", "state", "country")

SCHEMA = """
CREATE TABLE IF NOT EXISTS funnel (
    conversation_id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    location_at TEXT,
    situation_at TEXT,
    saved_at TEXT,
    booked_at TEXT
);
CREATE INDEX IF NOT EXISTS funnel_by_start ON funnel (started_at);
-- One row once the conversations from before this table have been counted in it.
CREATE TABLE IF NOT EXISTS funnel_backfill (done_at TEXT NOT NULL);
"""


def _fmt(when: datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def _create(conn: sqlite3.Connection) -> None:
    # One statement at a time: executescript() would first commit a caller's open transaction.
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the tables (``bot.store.connect`` does, for every connection; the
    functions here then write without checking on each message)."""
    if not {"funnel", "funnel_backfill"} <= set(db.table_names()):
        _create(db.conn)


def backfilled(db: sqlite_utils.Database) -> bool:
    return db.conn.execute("SELECT 1 FROM funnel_backfill").fetchone() is not None


def reached(slots: Mapping[str, Any]) -> List[str]:
    """The form's stages these slots show: started, and a place and a situation once given."""
    out = ["started"]
    if any(slots.get(name) not in (None, "", "unknown") for name in _PLACE_SLOTS):
        out.append("location")
    if slots.get("situation"):
        out.append("situation")
    return out


def record(db: sqlite_utils.Database, conversation_id: str, stages: Iterable[str], now: datetime) -> None:
    """Note the first time a conversation reached each of ``stages`` (earlier times are kept).

    Writes inside the caller's transaction when there is one.
    """
    stages = list(stages)
    unknown = set(stages) - set(STAGE_NAMES)
    if unknown:
        raise ValueError(f"unknown funnel stage {sorted(unknown)}")
    at = _fmt(now)
    conn = db.conn
    later = [s for s in stages if s != "started"]
    with contextlib.nullcontext() if conn.in_transaction else conn:
        conn.execute("INSERT OR IGNORE INTO funnel (conversation_id, started_at) VALUES (?, ?)", [conversation_id, at])
        if later:
            sets = ", ".join(f"{s}_at = coalesce({s}_at, ?)" for s in later)
            conn.execute(f"UPDATE funnel SET {sets} WHERE conversation_id = ?", [at] * len(later) + [conversation_id])


def forget(db: sqlite_utils.Database, conversation_id: str) -> None:
    """A refused conversation is not counted."""
    with db.conn:
        db.conn.execute("DELETE FROM funnel WHERE conversation_id = ?", [conversation_id])


def counts(db: sqlite_utils.Database, since: datetime) -> List[Tuple[str, Dict[str, int]]]:
    """(started_at, {stage: 0/1}) of every conversation started since ``since``."""
    rows = db.conn.execute(
        "SELECT started_at, location_at IS NOT NULL, situation_at IS NOT NULL, saved_at IS NOT NULL, booked_at IS NOT NULL "
        "FROM funnel WHERE started_at >= ?",
        [_fmt(since)],
    ).fetchall()
    return [(row[0], dict(zip(STAGE_NAMES, (1, *row[1:])))) for row in rows]


def backfill(db: sqlite_utils.Database, transcripts: Optional[Transcripts]) -> int:
    """Count the conversations stored before the funnel table existed (once, on
    the first dashboard load after an upgrade; a stage already recorded keeps
    its time); returns the conversations read."""
    rows: List[Tuple[str, float, bool, bool, bool]] = []
    if transcripts is not None:
        for sender, first_at, spoke, slots in transcripts.conversation_starts(_PLACE_SLOTS + ("situation",)):
            located = any(v is not None and v != "unknown" for name in _PLACE_SLOTS for v in slots.get(name, []))
            situated = any(v is not None for v in slots.get("situation", []))
            rows.append((sender, first_at, spoke, located, situated))
    intakes = {
        conv: (created, booking)
        for conv, created, booking in db.conn.execute("SELECT conversation_id, created_at, booking IS NOT NULL FROM intakes")
    }
    booked = set()
    if "bookings" in db.table_names():
        booked = {r[0] for r in db.conn.execute("SELECT DISTINCT conversation_id FROM bookings WHERE conversation_id IS NOT NULL")}
    read = 0
    with db.conn:
        for sender, first_at, spoke, located, situated in rows:
            if not spoke:
                continue
            start = _fmt(datetime.fromtimestamp(first_at, tz=timezone.utc))
            saved = intakes.get(sender)
            is_booked = sender in booked or bool(saved and saved[1])
            db.conn.execute(
                "INSERT INTO funnel (conversation_id, started_at, location_at, situation_at, saved_at, booked_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET "
                "started_at = min(started_at, excluded.started_at), "
                "location_at = coalesce(location_at, excluded.location_at), "
                "situation_at = coalesce(situation_at, excluded.situation_at), "
                "saved_at = coalesce(saved_at, excluded.saved_at), "
                "booked_at = coalesce(booked_at, excluded.booked_at)",
                [sender, start, start if located else None, start if situated else None,
                 saved[0] if saved else None, (saved[0] if saved else start) if is_booked else None],
            )
            read += 1
        db.conn.execute("INSERT INTO funnel_backfill (done_at) VALUES (?)", [_fmt(datetime.now(timezone.utc))])
    return read
