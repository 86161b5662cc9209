"""Connections and the staff tables.

The staff app shares the intake database with the action server (WAL mode,
see :func:`bot.store.connect`); it reads Rasa's tracker store only through
:mod:`bot.transcripts`. Each thread keeps one warm connection to the intake
database, so SQLite's page cache survives between requests. Inbox and search queries run under a time
limit (:func:`time_limit`, an SQLite progress handler), as Datasette's do.

Everything the staff app adds lives in tables prefixed ``staff_`` (and in
indexes prefixed ``staff_`` on ``intakes``); :func:`ensure_schema` creates
them and is safe to call on every connection.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, List, Union

import sqlite_utils

from bot import settings, store, transcripts

#: Queries taking longer than this are interrupted (seconds).
QUERY_TIME_LIMIT = 5.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS staff_users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('staff', 'admin')),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    last_login_at TEXT
);
CREATE TABLE IF NOT EXISTS staff_sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at REAL NOT NULL,
    last_seen_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_sessions_by_user ON staff_sessions (user_id);
-- email: the account (user:<id>) or unknown:<keyed hash>, never the text typed;
-- device: the browser's device id when it holds the account's device cookie.
CREATE TABLE IF NOT EXISTS staff_login_failures (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL COLLATE NOCASE,
    client TEXT NOT NULL,
    at REAL NOT NULL,
    device TEXT
);
CREATE INDEX IF NOT EXISTS staff_login_failures_by_email ON staff_login_failures (email, at);
CREATE INDEX IF NOT EXISTS staff_login_failures_by_client ON staff_login_failures (client, at);
CREATE TABLE IF NOT EXISTS staff_notes (
    id INTEGER PRIMARY KEY,
    intake_id INTEGER NOT NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'note' CHECK (kind IN ('note', 'status', 'assignment', 'booking')),
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_notes_by_intake ON staff_notes (intake_id, id);
CREATE TABLE IF NOT EXISTS staff_assignments (
    intake_id INTEGER PRIMARY KEY,
    attorney_id TEXT NOT NULL,
    assigned_by TEXT NOT NULL,
    assigned_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS staff_audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT
);
CREATE INDEX IF NOT EXISTS staff_audit_by_target ON staff_audit (target, id);
CREATE TABLE IF NOT EXISTS staff_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_by TEXT,
    updated_at TEXT
);
-- Full-text index over each intake's summary and transcript (rowid = intake id);
-- kept current by bot.staff.search.sync, see there.
CREATE VIRTUAL TABLE IF NOT EXISTS staff_search USING fts5(
    summary, visitor, assistant,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS staff_search_docs (
    intake_id INTEGER PRIMARY KEY,
    updated_at TEXT NOT NULL,  -- the intake version indexed; '' when its transcript grew since
    indexed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_search_docs_stale ON staff_search_docs (intake_id) WHERE updated_at = '';
CREATE TABLE IF NOT EXISTS staff_search_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- The inbox order (urgent first, then newest) and its filters, on the intake table.
CREATE INDEX IF NOT EXISTS staff_intakes_order ON intakes (urgent DESC, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS staff_intakes_updated ON intakes (updated_at);
-- Facet counts scan these two covering indexes (all intakes, and those with a
-- confirmed consultation), never the wide table rows.
CREATE INDEX IF NOT EXISTS staff_intakes_facets ON intakes (status, situation, state, urgent, callback_requested, language, created_at);
CREATE INDEX IF NOT EXISTS staff_intakes_booked ON intakes (status, situation, state, urgent, callback_requested, language, created_at)
    WHERE json_extract(booking, '$.status') = 'confirmed';
-- The same columns by date: counts within a date range read only that range.
CREATE INDEX IF NOT EXISTS staff_intakes_by_date ON intakes (created_at, status, situation, state, urgent, callback_requested, language);
CREATE INDEX IF NOT EXISTS staff_intakes_booked_by_date ON intakes (created_at, status, situation, state, urgent, callback_requested, language)
    WHERE json_extract(booking, '$.status') = 'confirmed';
-- The same columns reached by id: counts for the hits of a narrow search.
CREATE INDEX IF NOT EXISTS staff_intakes_by_id ON intakes (id, status, situation, state, urgent, callback_requested, language, created_at);
-- The callback queue.
CREATE INDEX IF NOT EXISTS staff_intakes_callbacks ON intakes (status, urgent, created_at) WHERE callback_requested = 1;
"""

#: "Has a confirmed consultation": exactly the WHERE of ``staff_intakes_booked``,
#: so that SQLite can use that partial index.
BOOKED_SQL = "json_extract(booking, '$.status') = 'confirmed'"

#: SQLite page cache per connection (KiB): the inbox indexes of 100,000 intakes fit.
CACHE_KIB = 65536

_local = threading.local()
#: id(connection) -> [deadline]; 0 means no limit in force.
_deadlines: Dict[int, List[float]] = {}


def _install_time_limit(conn: sqlite3.Connection) -> None:
    deadline = _deadlines.setdefault(id(conn), [0.0])

    def handler() -> int:
        return 1 if deadline[0] and time.monotonic() > deadline[0] else 0

    conn.set_progress_handler(handler, 20_000)


@contextmanager
def time_limit(db: sqlite_utils.Database, seconds: float = QUERY_TIME_LIMIT) -> Iterator[None]:
    """Interrupt queries on ``db`` running past ``seconds`` (they raise ``sqlite3.OperationalError``)."""
    deadline = _deadlines.get(id(db.conn))
    if deadline is None:
        yield
        return
    previous = deadline[0]
    deadline[0] = time.monotonic() + seconds
    try:
        yield
    finally:
        deadline[0] = previous


#: The covering indexes the inbox counts facets over (each holds every facet column).
_FACET_INDEXES = ("staff_intakes_facets", "staff_intakes_booked", "staff_intakes_by_date",
                  "staff_intakes_booked_by_date", "staff_intakes_by_id")


def _indexes_language(db: sqlite_utils.Database) -> bool:
    return any(row[2] == "language" for row in db.conn.execute("PRAGMA index_info(staff_intakes_facets)"))


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the staff tables and indexes (idempotent), and bring older ones up to date."""
    present = {row[0] for row in db.conn.execute("SELECT name FROM sqlite_master")}
    if "staff_intakes_facets" in present and not _indexes_language(db):
        # Before the language facet (2026-12-03): the facet indexes are made again with it.
        for name in _FACET_INDEXES:
            db.conn.execute(f"DROP INDEX IF EXISTS {name}")
        present -= set(_FACET_INDEXES)
    if not {"staff_users", "staff_search", "staff_intakes_booked", "staff_intakes_by_id", "staff_intakes_callbacks",
                "staff_intakes_booked_by_date", "staff_login_failures_by_device"} <= present:
        db.executescript(SCHEMA)
        _keyed_login_failures(db)


def _keyed_login_failures(db: sqlite_utils.Database) -> None:
    """Failed logins used to be kept under the text typed as the email, which
    can be a password typed in the wrong field: the throttle's rows are
    dropped (they only matter for 15 minutes) and the audit log's failed
    logins that name no account are replaced by the keyed hash used now."""
    columns = {row[1] for row in db.conn.execute("PRAGMA table_info(staff_login_failures)")}
    with db.conn:
        if "device" not in columns:
            db.conn.execute("ALTER TABLE staff_login_failures ADD COLUMN device TEXT")
            db.conn.execute("DELETE FROM staff_login_failures")
            from bot.staff.accounts import identifier_hash

            rows = db.conn.execute(
                "SELECT id, actor FROM staff_audit WHERE action = 'login_failed' AND actor != '(blank)' "
                "AND actor NOT LIKE 'unknown:%' AND actor NOT IN (SELECT email FROM staff_users)"
            ).fetchall()
            for entry_id, actor in rows:
                db.conn.execute("UPDATE staff_audit SET actor = ? WHERE id = ?", ["unknown:" + identifier_hash(actor), entry_id])
        db.conn.execute("CREATE INDEX IF NOT EXISTS staff_login_failures_by_device ON staff_login_failures (device, at)")


def connect(path: Union[str, Path, None] = None) -> sqlite_utils.Database:
    """A new connection to the intake database with the intake and staff schema in place."""
    # Any stored text is shown or exported, never a failed page (bytes that are
    # not UTF-8 can only come from another tool, but must not break the inbox).
    db = store.tolerant_text(store.connect(path))
    db.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    ensure_schema(db)
    _install_time_limit(db.conn)
    return db


def intake_db(path: Union[str, Path, None] = None) -> sqlite_utils.Database:
    """This thread's connection to the intake database (opened once per thread and path)."""
    key = str(path or settings.intake_db_path())
    cache: Dict[str, sqlite_utils.Database] = getattr(_local, "intake", None) or {}
    _local.intake = cache
    if key not in cache:
        cache[key] = connect(key)
    return cache[key]


def close_thread_connections() -> None:
    """Close this thread's cached connections and the transcript store's pool
    (tests, and after a purge replaced files)."""
    transcripts.close()
    for db in (getattr(_local, "intake", None) or {}).values():
        try:
            db.conn.close()
        except Exception:  # pragma: no cover - closing is best effort
            pass
    _local.intake = {}


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back on error); joins a transaction already open.

    Writes made inside by :func:`bot.store.save_intake` become part of it.
    """
    conn = db.conn
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    else:
        if conn.in_transaction:
            conn.commit()
