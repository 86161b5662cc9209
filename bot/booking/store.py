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

Reference codes are 12 symbols of Crockford's base32 (60 random bits) in
groups of four, ``RC-7K3M-9PQX-2D4W``; the 6-symbol codes made before
(``RC-7K3M9P``) are still found. A visitor proves a booking is theirs with
its reference and email: an unknown reference and a wrong email get the one
same answer (:class:`UnknownReference`), and failed checks are limited per
conversation and per reference (:class:`TooManyAttempts`, the
``booking_attempts`` table), so neither codes nor emails can be guessed.
"""
from __future__ import annotations

import logging
import secrets
import sqlite3
import string
import time as _time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Union

from zoneinfo import ZoneInfoNotFoundError

import sqlite_utils

from bot import store as intake_store
from bot.alerts import queue as alert_queue
from bot.booking.attorneys import MODES, Attorney, BookingRules, by_id, load_attorneys, load_rules
from bot.booking.availability import UTC, Interval, Slot, as_utc, is_open, local_iso, utcnow, zone
from bot.booking.parsing import parse_email, parse_phone

log = logging.getLogger(__name__)

STATUSES = ("confirmed", "cancelled", "rescheduled")
#: Crockford's base32: no I, L, O or U, and O, I and L typed by mistake are read
#: as 0, 1 and 1, so a code read aloud or copied by hand stays unambiguous.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_PREFIX = "RC-"
#: 12 symbols of 5 bits: 60 random bits, shown as three groups of four.
REFERENCE_LENGTH = 12
REFERENCE_GROUP = 4
_MISREAD = {"O": "0", "I": "1", "L": "1"}
#: Codes made before (6 of 30 symbols, about 29 bits): still found, never made.
LEGACY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LEGACY_LENGTH = 6

#: Failed reference-and-email checks allowed within ATTEMPT_WINDOW, per
#: conversation and per reference; then :class:`TooManyAttempts`.
MAX_FAILED_CHECKS_PER_CONVERSATION = 5
MAX_FAILED_CHECKS_PER_REFERENCE = 5
ATTEMPT_WINDOW = timedelta(hours=24)

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
-- Failed reference-and-email checks (no email kept): what limits guessing.
CREATE TABLE IF NOT EXISTS booking_attempts (
    id INTEGER PRIMARY KEY,
    conversation_id TEXT,
    reference TEXT,
    at TEXT NOT NULL CHECK (at GLOB '{_UTC_GLOB}')
);
CREATE INDEX IF NOT EXISTS booking_attempts_by_conversation ON booking_attempts (conversation_id, at);
CREATE INDEX IF NOT EXISTS booking_attempts_by_reference ON booking_attempts (reference, at);
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
    """No booking has this reference *and* this email: one answer for both, so a
    reply never tells whether a guessed reference exists."""

    code = "unknown_reference"


class EmailMismatch(UnknownReference):
    """Kept for callers that still catch it; never raised: a wrong email gets
    :class:`UnknownReference`, the same answer as an unknown reference."""

    code = "unknown_reference"


class TooManyAttempts(BookingError):
    """Too many failed reference-and-email checks from this conversation or for
    this reference within :data:`ATTEMPT_WINDOW`: the visitor should call the firm."""

    code = "too_many_attempts"


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
    "booking_attempts",
)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the bookings table, its triggers and indexes (idempotent)."""
    marks = ", ".join("?" for _ in _SCHEMA_OBJECTS)
    (present,) = db.conn.execute(f"SELECT count(*) FROM sqlite_master WHERE name IN ({marks})", _SCHEMA_OBJECTS).fetchone()
    if present < len(_SCHEMA_OBJECTS):
        db.executescript(SCHEMA)


def connect(path: Union[str, Path, None] = None) -> sqlite_utils.Database:
    """The intake database (see :func:`bot.store.connect`) with the bookings table in place."""
    db = intake_store.connect(path)
    ensure_schema(db)
    return db


def _grouped(code: str) -> str:
    return REFERENCE_PREFIX + "-".join(code[i : i + REFERENCE_GROUP] for i in range(0, len(code), REFERENCE_GROUP))


def new_reference() -> str:
    """A fresh reference code: ``RC-`` and 60 random bits as ``XXXX-XXXX-XXXX``."""
    return _grouped("".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH)))


_ASCII_ALNUM = frozenset(string.ascii_uppercase + string.digits)


def normalise_reference(text: Optional[str]) -> Optional[str]:
    """A reference as typed -> as stored; None if it cannot be one.

    'rc 7k3m 9pqx 2d4w', '7K3M9PQX2D4W', 'RC-7K3M-9PQX-2D4W.' -> 'RC-7K3M-9PQX-2D4W'
    (O, I and L read as 0, 1, 1); a code made before: 'rc 7k3m9p' -> 'RC-7K3M9P'.
    """
    code = "".join(ch for ch in (text or "").upper() if ch in _ASCII_ALNUM)
    if code.startswith("RC") and len(code) in (LEGACY_LENGTH + 2, REFERENCE_LENGTH + 2):
        code = code[2:]
    if len(code) == LEGACY_LENGTH:
        return REFERENCE_PREFIX + code if all(ch in LEGACY_ALPHABET for ch in code) else None
    if len(code) == REFERENCE_LENGTH:
        code = "".join(_MISREAD.get(ch, ch) for ch in code)
        return _grouped(code) if all(ch in REFERENCE_ALPHABET for ch in code) else None
    return None


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
    assert email is not None  # no error: an address
    phone = None
    if visitor.phone:
        parsed, error = parse_phone(visitor.phone)
        if error:
            raise InvalidBooking("phone", error)
        assert parsed is not None  # no error: a number
        phone = parsed.e164
    try:
        zone(visitor.time_zone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise InvalidBooking("time_zone", f"unknown time zone {visitor.time_zone!r}") from None
    return Visitor(name, email, phone, visitor.time_zone, visitor.language, visitor.conversation_id)


def _check_open(conn: sqlite3.Connection, db: sqlite_utils.Database, attorney: Attorney, start: datetime, now: datetime, rules: BookingRules) -> None:
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
    if not booking.conversation_id:
        return
    intake = intake_store.intake_for_conversation(db, booking.conversation_id)
    if intake is not None:
        # The people on call hear of it (bot.alerts), once per booking and event.
        event = "cancelled" if booking.status == "cancelled" else ("rescheduled" if booking.replaces else "made")
        alert_queue.raise_alert(db, intake["id"], "booking", f"{event}:{booking.reference}", now=utcnow())
        intake_store.save_intake(db, booking.conversation_id, {"booking": booking.summary(attorney_name)})


def _stored(conn: sqlite3.Connection, reference: str) -> Booking:
    """A booking this transaction has just written."""
    booking = _by_reference(conn, reference)
    assert booking is not None, reference
    return booking


def _by_reference(conn: sqlite3.Connection, reference: str) -> Optional[Booking]:
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
        booking = _stored(conn, reference)
        _save_on_intake(db, booking, attorney.name)
    log.info("booking %s confirmed", reference)
    return booking


NO_MATCH = "no booking has that reference code and email address"


def _verify(conn: sqlite3.Connection, reference: str, email: str, now: datetime) -> Booking:
    code = normalise_reference(reference)
    booking = _by_reference(conn, code) if code else None
    given, _ = parse_email(email)
    if booking is None or (given or (email or "").strip()).casefold() != booking.email.casefold():
        raise UnknownReference(NO_MATCH)
    if booking.status == "cancelled":
        raise NotActive("that booking was already cancelled", "cancelled")
    if booking.status == "rescheduled":
        raise NotActive(f"that booking was moved; its new reference is {booking.replaced_by}", "rescheduled", booking.replaced_by)
    if booking.start <= now:
        raise AlreadyHappened("that consultation has already started or taken place")
    return booking


# --- guessing limits


def failed_checks(db: sqlite_utils.Database, *, now: datetime, conversation_id: Optional[str] = None,
                  reference: Optional[str] = None) -> int:
    """Failed reference-and-email checks within the window, for a conversation or a reference."""
    ensure_schema(db)
    column, value = ("conversation_id", conversation_id) if conversation_id is not None else ("reference", reference)
    count: int
    (count,) = db.conn.execute(
        f"SELECT count(*) FROM booking_attempts WHERE {column} = ? AND at > ?", [value, format_utc(now - ATTEMPT_WINDOW)]
    ).fetchone()
    return count


def _limited(
    db: sqlite_utils.Database, reference: str, conversation_id: Optional[str], now: datetime, check: Callable[[], Booking]
) -> Booking:
    """Run ``check`` (which raises :class:`UnknownReference` on no match) within the
    limits: refused outright past them, and each failure counted."""
    code = normalise_reference(reference)
    over = conversation_id is not None and failed_checks(db, now=now, conversation_id=conversation_id) >= MAX_FAILED_CHECKS_PER_CONVERSATION
    over = over or (code is not None and failed_checks(db, now=now, reference=code) >= MAX_FAILED_CHECKS_PER_REFERENCE)
    if over:
        log.warning("booking checks refused: too many failures")
        raise TooManyAttempts("too many attempts; please call the firm")
    try:
        booking = check()
    except UnknownReference:
        with db.conn:  # after the check's own transaction was rolled back
            db.conn.execute(
                "INSERT INTO booking_attempts (conversation_id, reference, at) VALUES (?, ?, ?)",
                [conversation_id, code, format_utc(now)],
            )
            db.conn.execute("DELETE FROM booking_attempts WHERE at < ?", [format_utc(now - 2 * ATTEMPT_WINDOW)])
        raise
    if code is not None:
        with db.conn:  # the owner proved it: their earlier typos no longer count against it
            db.conn.execute("DELETE FROM booking_attempts WHERE reference = ?", [code])
    return booking


def check_reference(
    db: sqlite_utils.Database,
    reference: str,
    email: str,
    *,
    now: Optional[datetime] = None,
    conversation_id: Optional[str] = None,
    limit: bool = True,
) -> Booking:
    """The active, future booking for ``reference`` if ``email`` matches; the
    same errors as :func:`cancel` otherwise (use it before asking for a new time).

    ``conversation_id``: the visitor's conversation, whose failed checks are
    limited too; ``limit=False`` for staff, who act on bookings they can see.
    """
    now = as_utc(now or utcnow())
    if not limit:
        return _verify(db.conn, reference, email, now)
    ensure_schema(db)
    return _limited(db, reference, conversation_id, now, lambda: _verify(db.conn, reference, email, now))


def cancel(
    db: sqlite_utils.Database,
    reference: str,
    email: str,
    *,
    attorneys: Optional[Sequence[Attorney]] = None,
    now: Optional[datetime] = None,
    conversation_id: Optional[str] = None,
    limit: bool = True,
) -> Booking:
    """Cancel a booking; raises :class:`UnknownReference` (no booking with that
    reference and email), :class:`TooManyAttempts`, :class:`NotActive` or
    :class:`AlreadyHappened`. ``conversation_id``, ``limit``: see :func:`check_reference`."""
    now = as_utc(now or utcnow())

    def attempt() -> Booking:
        with write_transaction(db) as conn:
            booking = _verify(conn, reference, email, now)
            conn.execute(
                "UPDATE bookings SET status = 'cancelled', updated_at = ? WHERE id = ?", [format_utc(now), booking.id]
            )
            booking = _stored(conn, booking.reference)
            _save_on_intake(db, booking, _attorney_name(attorneys, booking.attorney_id))
        return booking

    booking = _limited(db, reference, conversation_id, now, attempt) if limit else attempt()
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
    conversation_id: Optional[str] = None,
    limit: bool = True,
) -> Booking:
    """Move a booking to ``new_slot``: the old one becomes ``rescheduled`` and a
    new confirmed booking (new reference, ``replaces`` the old) is returned.
    If the new slot is taken nothing changes. Raises what :func:`cancel` and
    :func:`book` raise."""
    now = as_utc(now or utcnow())
    rules = rules or load_rules()
    attorney = _attorney(attorneys, new_slot.attorney_id)
    start = as_utc(new_slot.start)
    if limit:
        ensure_schema(db)
        return _limited(
            db, reference, conversation_id, now,
            lambda: reschedule(db, reference, email, new_slot, mode=mode, attorneys=attorneys, now=now, rules=rules, limit=False),
        )
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
        booking = _stored(conn, new_reference_)
        _save_on_intake(db, booking, attorney.name)
    log.info("booking %s rescheduled as %s", old.reference, booking.reference)
    return booking


def _attorney_name(attorneys: Optional[Sequence[Attorney]], attorney_id: str) -> str:
    try:
        return _attorney(attorneys, attorney_id).name
    except SlotUnavailable:
        return attorney_id  # an attorney since removed from the firm profile
