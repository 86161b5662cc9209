"""Consultation bookings in the intake database.

The guarantee that no attorney is ever booked twice for overlapping times is
the database's, not the application's:

- ``BEFORE INSERT`` and ``BEFORE UPDATE`` triggers raise when a confirmed
  booking would overlap another confirmed booking of the same attorney;
- a partial unique index allows one confirmed booking per attorney and start;
- CHECK constraints keep every time in one fixed UTC format
  (``2026-12-01T16:00:00Z``), so comparing them as text is comparing instants.

Every write runs in a ``BEGIN IMMEDIATE`` transaction: writers queue for the
lock, the slot is re-checked against the firm's rules (buffers, lead time)
inside it, and either everything is written (the booking, the old booking's
new status, the summary on the intake) or nothing is. The loser of a race
gets :class:`SlotTaken`.
"""
from __future__ import annotations

import logging
import secrets
import sqlite3
import time as _time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence

from zoneinfo import ZoneInfoNotFoundError

import sqlite_utils

from bot import store as intake_store
from bot.booking.attorneys import MODES, Attorney, BookingRules, by_id, load_attorneys, load_rules
from bot.booking.availability import UTC, Interval, Slot, as_utc, is_open, local_iso, utcnow, zone
from bot.booking.parsing import parse_email, parse_phone

log = logging.getLogger(__name__)

STATUSES = ("confirmed", "cancelled", "rescheduled")
#: No 0/O, 1/I/L or U: a code read aloud or copied by hand stays unambiguous.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_PREFIX = "RC-"
REFERENCE_LENGTH = 6

_UTC_GLOB = "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z"
_OVERLAP = (
    "b.attorney_id = NEW.attorney_id AND b.status = 'confirmed' "
    "AND b.start_utc < NEW.end_utc AND NEW.start_utc < b.end_utc"
)
OVERLAP_MESSAGE = "booking overlaps a confirmed booking of the same attorney"

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS bookings (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    attorney_id TEXT NOT NULL,
    start_utc TEXT NOT NULL CHECK (start_utc GLOB '{_UTC_GLOB}'),
    end_utc TEXT NOT NULL CHECK (end_utc GLOB '{_UTC_GLOB}' AND end_utc > start_utc),
    mode TEXT NOT NULL CHECK (mode IN ({", ".join(f"'{m}'" for m in MODES)})),
    status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ({", ".join(f"'{s}'" for s in STATUSES)})),
    conversation_id TEXT,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    visitor_tz TEXT NOT NULL,
    language TEXT,
    replaces TEXT,
    replaced_by TEXT,
    reminder_sent_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS bookings_one_confirmed_per_start
    ON bookings (attorney_id, start_utc) WHERE status = 'confirmed';
CREATE INDEX IF NOT EXISTS bookings_by_attorney_time ON bookings (attorney_id, status, start_utc);
CREATE INDEX IF NOT EXISTS bookings_by_status_time ON bookings (status, start_utc);
CREATE INDEX IF NOT EXISTS bookings_by_conversation ON bookings (conversation_id);
CREATE TRIGGER IF NOT EXISTS bookings_no_overlap_insert
BEFORE INSERT ON bookings
WHEN NEW.status = 'confirmed' AND EXISTS (SELECT 1 FROM bookings b WHERE {_OVERLAP})
BEGIN
    SELECT RAISE(ABORT, '{OVERLAP_MESSAGE}');
END;
CREATE TRIGGER IF NOT EXISTS bookings_no_overlap_update
BEFORE UPDATE OF attorney_id, start_utc, end_utc, status ON bookings
WHEN NEW.status = 'confirmed' AND EXISTS (SELECT 1 FROM bookings b WHERE b.id != NEW.id AND {_OVERLAP})
BEGIN
    SELECT RAISE(ABORT, '{OVERLAP_MESSAGE}');
END;
"""


# --- errors: each has a code the conversation maps to a message and a new question


class BookingError(Exception):
    code = "booking_error"


class InvalidBooking(BookingError):
    """A detail of the booking is not acceptable (mode, email, phone, zone)."""

    code = "invalid"

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class SlotUnavailable(BookingError):
    """The slot is not (or no longer) bookable: outside hours, past, within the lead time."""

    code = "slot_unavailable"


class SlotTaken(SlotUnavailable):
    """Someone else booked this attorney at (or too close to) that time first."""

    code = "slot_taken"


class UnknownReference(BookingError):
    code = "unknown_reference"


class EmailMismatch(BookingError):
    """The reference exists but was booked with another email address."""

    code = "wrong_email"


class NotActive(BookingError):
    """The booking was already cancelled, or rescheduled (``replaced_by`` names the new one)."""

    code = "not_active"

    def __init__(self, message: str, status: str, replaced_by: Optional[str] = None):
        super().__init__(message)
        self.status = status
        self.replaced_by = replaced_by


class AlreadyHappened(BookingError):
    code = "past"


# --- records


@dataclass(frozen=True)
class Visitor:
    """Who books. ``email``/``phone`` are validated and normalised by :func:`book`."""

    name: str
    email: str
    phone: Optional[str]
    time_zone: str
    language: Optional[str] = None
    conversation_id: Optional[str] = None


@dataclass(frozen=True)
class Booking:
    id: int
    reference: str
    attorney_id: str
    start: datetime
    end: datetime
    mode: str
    status: str
    conversation_id: Optional[str]
    name: str
    email: str
    phone: Optional[str]
    visitor_tz: str
    language: Optional[str]
    replaces: Optional[str]
    replaced_by: Optional[str]
    reminder_sent_at: Optional[str]
    created_at: str
    updated_at: str

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> "Booking":
        data = {k: v for k, v in row.items() if k in cls.__dataclass_fields__}
        data["start"] = parse_utc(row["start_utc"])
        data["end"] = parse_utc(row["end_utc"])
        return cls(**data)

    @property
    def slot(self) -> Slot:
        return Slot(self.start, self.attorney_id, self.end)

    def summary(self, attorney_name: Optional[str] = None) -> Dict[str, Any]:
        """What the intake keeps (``booking`` in ``intake export``)."""
        return {
            "reference": self.reference,
            "attorney": attorney_name or self.attorney_id,
            "start": local_iso(self.start, self.visitor_tz),
            "mode": self.mode,
            "status": self.status,
        }


def format_utc(when: datetime) -> str:
    return as_utc(when).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text: str) -> datetime:
    """Inverse of :func:`format_utc` (``fromisoformat`` takes no ``Z`` before Python 3.11)."""
    if not text.endswith("Z"):
        raise ValueError(f"not a UTC time: {text!r}")
    return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)


_SCHEMA_OBJECTS = (
    "bookings",
    "bookings_one_confirmed_per_start",
    "bookings_no_overlap_insert",
    "bookings_no_overlap_update",
)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the bookings table, its triggers and indexes (idempotent)."""
    marks = ", ".join("?" for _ in _SCHEMA_OBJECTS)
    (present,) = db.conn.execute(f"SELECT count(*) FROM sqlite_master WHERE name IN ({marks})", _SCHEMA_OBJECTS).fetchone()
    if present < len(_SCHEMA_OBJECTS):
        db.executescript(SCHEMA)


def connect(path=None) -> sqlite_utils.Database:
    """The intake database (see :func:`bot.store.connect`) with the bookings table in place."""
    db = intake_store.connect(path)
    ensure_schema(db)
    return db


def new_reference() -> str:
    return REFERENCE_PREFIX + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def normalise_reference(text: Optional[str]) -> Optional[str]:
    """'rc 7k3m9p', '7K3M9P', 'RC-7K3M9P.' -> 'RC-7K3M9P'; None if it cannot be one."""
    code = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    if code.startswith("RC") and len(code) == REFERENCE_LENGTH + 2:
        code = code[2:]
    if len(code) != REFERENCE_LENGTH or any(ch not in REFERENCE_ALPHABET for ch in code):
        return None
    return REFERENCE_PREFIX + code


# --- transactions


@contextmanager
def write_transaction(db: sqlite_utils.Database, attempts: int = 20) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any error.

    The busy timeout of :func:`bot.store.connect` makes SQLite wait for the
    write lock; this also retries if it still reports the database locked.
    """
    conn = db.conn
    if conn.in_transaction:
        raise RuntimeError("a booking write must not run inside another transaction")
    for attempt in range(attempts):
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or attempt == attempts - 1:
                raise
            _time.sleep(min(0.005 * 2 ** attempt, 0.25))
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        if conn.in_transaction:
            try:
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise


def _rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> List[Dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


# --- reading


def get_booking(db: sqlite_utils.Database, reference: str) -> Optional[Booking]:
    code = normalise_reference(reference)
    if not code:
        return None
    rows = _rows(db.conn, "SELECT * FROM bookings WHERE reference = ?", [code])
    return Booking.from_row(rows[0]) if rows else None


def list_bookings(
    db: sqlite_utils.Database,
    *,
    status: Optional[str] = None,
    start: Optional[datetime] = None,
    end: Optional[datetime] = None,
) -> List[Booking]:
    """Bookings in time order, optionally by status and start in ``[start, end)``."""
    where, params = [], []
    if status:
        where.append("status = ?")
        params.append(status)
    if start:
        where.append("start_utc >= ?")
        params.append(format_utc(start))
    if end:
        where.append("start_utc < ?")
        params.append(format_utc(end))
    sql = "SELECT * FROM bookings" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY start_utc, id"
    return [Booking.from_row(r) for r in _rows(db.conn, sql, params)]


def busy_intervals(
    db: sqlite_utils.Database,
    attorney_ids: Iterable[str],
    start: datetime,
    end: datetime,
    conn: Optional[sqlite3.Connection] = None,
) -> Dict[str, List[Interval]]:
    """Confirmed bookings per attorney that end after ``start`` and begin before ``end``."""
    ids = list(attorney_ids)
    out: Dict[str, List[Interval]] = {i: [] for i in ids}
    if not ids:
        return out
    marks = ", ".join("?" for _ in ids)
    rows = (conn or db.conn).execute(
        f"SELECT attorney_id, start_utc, end_utc FROM bookings WHERE status = 'confirmed' "
        f"AND attorney_id IN ({marks}) AND start_utc < ? AND end_utc > ? ORDER BY start_utc",
        [*ids, format_utc(end), format_utc(start)],
    )
    for attorney_id, s, e in rows:
        out[attorney_id].append((parse_utc(s), parse_utc(e)))
    return out


# --- writing


def _attorney(attorneys: Optional[Sequence[Attorney]], attorney_id: str) -> Attorney:
    if attorneys is None:
        attorneys = load_attorneys()
    found = by_id(attorneys).get(attorney_id)
    if not found:
        raise SlotUnavailable(f"no attorney {attorney_id!r} takes consultations")
    return found


def _check_visitor(visitor: Visitor, attorney: Attorney, mode: str) -> Visitor:
    if mode not in attorney.modes:
        raise InvalidBooking("mode", f"{attorney.name} does not offer {mode} consultations")
    name = " ".join((visitor.name or "").split())
    if not name:
        raise InvalidBooking("name", "a name is needed")
    email, error = parse_email(visitor.email)
    if error:
        raise InvalidBooking("email", error)
    phone = None
    if visitor.phone:
        parsed, error = parse_phone(visitor.phone)
        if error:
            raise InvalidBooking("phone", error)
        phone = parsed.e164
    try:
        zone(visitor.time_zone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise InvalidBooking("time_zone", f"unknown time zone {visitor.time_zone!r}") from None
    return Visitor(name, email, phone, visitor.time_zone, visitor.language, visitor.conversation_id)


def _check_open(conn, db, attorney: Attorney, start: datetime, now: datetime, rules: BookingRules) -> None:
    """Inside the write transaction: is the slot still open (buffers, lead time, hours)?"""
    if is_open(attorney, start, (), now=now, rules=rules):
        window = attorney.duration + attorney.buffer
        busy = busy_intervals(db, [attorney.id], start - window, start + window, conn=conn)[attorney.id]
        if not is_open(attorney, start, busy, now=now, rules=rules):
            raise SlotTaken("that time was just booked by someone else")
        return
    raise SlotUnavailable("that time is not open for booking")


def _insert(conn: sqlite3.Connection, record: Dict[str, Any]) -> str:
    """Insert with a fresh reference (retrying the rare collision); returns the reference."""
    columns = ", ".join(record) + ", reference"
    marks = ", ".join("?" for _ in record) + ", ?"
    for _ in range(10):
        reference = new_reference()
        try:
            conn.execute(f"INSERT INTO bookings ({columns}) VALUES ({marks})", [*record.values(), reference])
            return reference
        except sqlite3.IntegrityError as exc:
            if "bookings.reference" in str(exc):
                continue
            if OVERLAP_MESSAGE in str(exc) or "bookings.attorney_id" in str(exc):
                raise SlotTaken("that time was just booked by someone else") from None
            raise
    raise BookingError("could not find a free reference code")  # pragma: no cover


def _save_on_intake(db: sqlite_utils.Database, booking: Booking, attorney_name: str) -> None:
    """The booking summary on the conversation's intake, if there is one.

    Must be the last write of the transaction: ``bot.store.save_intake``
    commits the open transaction when it succeeds (``with db.conn:``), and
    rolls all of it back when it fails.
    """
    if booking.conversation_id and intake_store.intake_for_conversation(db, booking.conversation_id):
        intake_store.save_intake(db, booking.conversation_id, {"booking": booking.summary(attorney_name)})


def _by_reference(conn, reference: str) -> Optional[Booking]:
    rows = _rows(conn, "SELECT * FROM bookings WHERE reference = ?", [reference])
    return Booking.from_row(rows[0]) if rows else None


def book(
    db: sqlite_utils.Database,
    slot: Slot,
    visitor: Visitor,
    mode: str,
    *,
    attorneys: Optional[Sequence[Attorney]] = None,
    now: Optional[datetime] = None,
    rules: Optional[BookingRules] = None,
) -> Booking:
    """Book ``slot`` for ``visitor``; all or nothing.

    Raises :class:`SlotTaken` when someone else got the slot (or one too close
    to it) first, :class:`SlotUnavailable` when it is not open at all (past,
    within the lead time, outside hours), :class:`InvalidBooking` for a bad
    detail. On success the booking summary is also on the intake.
    """
    now = as_utc(now or utcnow())
    rules = rules or load_rules()
    attorney = _attorney(attorneys, slot.attorney_id)
    visitor = _check_visitor(visitor, attorney, mode)
    start = as_utc(slot.start)
    stamp = format_utc(now)
    record = {
        "attorney_id": attorney.id,
        "start_utc": format_utc(start),
        "end_utc": format_utc(start + attorney.duration),
        "mode": mode,
        "status": "confirmed",
        "conversation_id": visitor.conversation_id,
        "name": visitor.name,
        "email": visitor.email,
        "phone": visitor.phone,
        "visitor_tz": visitor.time_zone,
        "language": visitor.language,
        "created_at": stamp,
        "updated_at": stamp,
    }
    with write_transaction(db) as conn:
        _check_open(conn, db, attorney, start, now, rules)
        reference = _insert(conn, record)
        booking = _by_reference(conn, reference)
        _save_on_intake(db, booking, attorney.name)
    log.info("booking %s confirmed", reference)
    return booking


def _verify(conn, reference: str, email: str, now: datetime) -> Booking:
    code = normalise_reference(reference)
    booking = _by_reference(conn, code) if code else None
    if booking is None:
        raise UnknownReference("no booking has that reference code")
    given, _ = parse_email(email)
    if (given or (email or "").strip()).casefold() != booking.email.casefold():
        raise EmailMismatch("that email address is not the one the booking was made with")
    if booking.status == "cancelled":
        raise NotActive("that booking was already cancelled", "cancelled")
    if booking.status == "rescheduled":
        raise NotActive(f"that booking was moved; its new reference is {booking.replaced_by}", "rescheduled", booking.replaced_by)
    if booking.start <= now:
        raise AlreadyHappened("that consultation has already started or taken place")
    return booking


def check_reference(db: sqlite_utils.Database, reference: str, email: str, *, now: Optional[datetime] = None) -> Booking:
    """The active, future booking for ``reference`` if ``email`` matches; the
    same errors as :func:`cancel` otherwise (use it before asking for a new time)."""
    return _verify(db.conn, reference, email, as_utc(now or utcnow()))


def cancel(
    db: sqlite_utils.Database,
    reference: str,
    email: str,
    *,
    attorneys: Optional[Sequence[Attorney]] = None,
    now: Optional[datetime] = None,
) -> Booking:
    """Cancel a booking; raises :class:`UnknownReference`, :class:`EmailMismatch`,
    :class:`NotActive` or :class:`AlreadyHappened`."""
    now = as_utc(now or utcnow())
    with write_transaction(db) as conn:
        booking = _verify(conn, reference, email, now)
        conn.execute(
            "UPDATE bookings SET status = 'cancelled', updated_at = ? WHERE id = ?", [format_utc(now), booking.id]
        )
        booking = _by_reference(conn, booking.reference)
        _save_on_intake(db, booking, _attorney_name(attorneys, booking.attorney_id))
    log.info("booking %s cancelled", booking.reference)
    return booking


def reschedule(
    db: sqlite_utils.Database,
    reference: str,
    email: str,
    new_slot: Slot,
    *,
    mode: Optional[str] = None,
    attorneys: Optional[Sequence[Attorney]] = None,
    now: Optional[datetime] = None,
    rules: Optional[BookingRules] = None,
) -> Booking:
    """Move a booking to ``new_slot``: the old one becomes ``rescheduled`` and a
    new confirmed booking (new reference, ``replaces`` the old) is returned.
    If the new slot is taken nothing changes. Raises what :func:`cancel` and
    :func:`book` raise."""
    now = as_utc(now or utcnow())
    rules = rules or load_rules()
    attorney = _attorney(attorneys, new_slot.attorney_id)
    start = as_utc(new_slot.start)
    with write_transaction(db) as conn:
        old = _verify(conn, reference, email, now)
        mode = mode or old.mode
        if mode not in attorney.modes:
            raise InvalidBooking("mode", f"{attorney.name} does not offer {mode} consultations")
        stamp = format_utc(now)
        # Free the old time first, so a move by a few minutes does not collide with itself.
        conn.execute("UPDATE bookings SET status = 'rescheduled', updated_at = ? WHERE id = ?", [stamp, old.id])
        _check_open(conn, db, attorney, start, now, rules)
        record = {
            "attorney_id": attorney.id,
            "start_utc": format_utc(start),
            "end_utc": format_utc(start + attorney.duration),
            "mode": mode,
            "status": "confirmed",
            "conversation_id": old.conversation_id,
            "name": old.name,
            "email": old.email,
            "phone": old.phone,
            "visitor_tz": old.visitor_tz,
            "language": old.language,
            "replaces": old.reference,
            "created_at": stamp,
            "updated_at": stamp,
        }
        new_reference_ = _insert(conn, record)
        conn.execute("UPDATE bookings SET replaced_by = ? WHERE id = ?", [new_reference_, old.id])
        booking = _by_reference(conn, new_reference_)
        _save_on_intake(db, booking, attorney.name)
    log.info("booking %s rescheduled as %s", old.reference, booking.reference)
    return booking


def _attorney_name(attorneys: Optional[Sequence[Attorney]], attorney_id: str) -> str:
    try:
        return _attorney(attorneys, attorney_id).name
    except SlotUnavailable:
        return attorney_id  # an attorney since removed from the firm profile
