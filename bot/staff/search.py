"""Full-text search over intake summaries and transcripts (SQLite FTS5).

The choice: a **kept index, brought up to date on demand**. ``staff_search``
holds one document per intake (rowid = intake id) with three columns:
``summary`` (location, situation and the visitor's description, follow-up
answers, contact, urgency reasons, booking reference), ``visitor`` (what
the visitor typed, and the titles of the buttons they clicked) and
``assistant`` (what the assistant said). ``staff_search_docs`` records which
version of each intake (its ``updated_at``) is indexed, and
``staff_search_state`` the last tracker event id read.

:func:`sync` runs before every search (and ``intake staff reindex`` runs it
in full). It re-indexes only

1. intakes created or changed since the last sync (``intakes.updated_at``,
   indexed), and
2. intakes whose conversation has new tracker events (event ids above the
   last one read: a range scan on Rasa's primary key, through
   :mod:`bot.transcripts`, whichever database Rasa uses),

so when nothing changed it costs two indexed queries, and the transcript of a
conversation is parsed once per change, not on every search. A first sync
over an existing database is done in batches (:data:`BATCH`) so no request
waits long; the inbox says when the index is still catching up. Purging
removes the documents with the intakes (:mod:`bot.staff.retention`).

Indexing on demand without a kept index would mean reading every transcript
on every search: seconds at 100,000 intakes. Triggers cannot do it either:
the transcripts live in another database (a file, or PostgreSQL), written by
Rasa. The index lives in the intake database, so search is the same FTS5
index whichever database holds the transcripts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import sqlite_utils

from bot import store
from bot.situations import CATEGORIES
from bot.staff import transcript
from bot.store import utcnow
from bot.transcripts import Transcripts
from bot.urgency import REASONS

#: Intakes (re)indexed per call of :func:`sync` from a web request.
BATCH = 2000

_TOKEN = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')
_HIT_START, _HIT_END = "\x02", "\x03"


@dataclass(frozen=True)
class SyncReport:
    indexed: int
    pending: int


# --- documents -------------------------------------------------------------------


def _flatten(value: Any) -> Iterable[str]:
    if value is None or value is False:
        return
    if isinstance(value, dict):
        for v in value.values():
            yield from _flatten(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _flatten(v)
    elif value is True:
        return
    else:
        yield str(value)


def summary_text(intake: Dict[str, Any]) -> str:
    """The searchable text of an intake's structured summary."""
    parts: List[str] = []
    for key in ("location_text", "city", "county", "state", "country", "situation", "situation_text", "language"):
        if intake.get(key):
            parts.append(str(intake[key]))
    if intake.get("situation") in CATEGORIES:
        parts.append(CATEGORIES[intake["situation"]])
    for reason in intake.get("urgency_reasons") or []:
        parts.append(REASONS.get(reason, str(reason)))
    parts.extend(_flatten(intake.get("details") or {}))
    contact = intake.get("contact") or {}
    parts.extend(_flatten(contact))
    phone = "".join(ch for ch in str(contact.get("phone") or "") if ch.isdigit())
    if phone:
        parts.extend([phone, phone[-10:], phone[-7:]])
    booking = intake.get("booking") or {}
    if isinstance(booking, dict):
        parts.extend(str(booking[k]) for k in ("reference", "attorney") if booking.get(k))
    return "\n".join(p for p in parts if p)


def index_intakes(
    db: sqlite_utils.Database, transcripts: Optional[Transcripts], intake_ids: Sequence[int]
) -> int:
    """(Re)index these intakes from their current row and transcript; returns how many."""
    count = 0
    now = utcnow()
    for chunk_start in range(0, len(intake_ids), 200):
        chunk = list(intake_ids[chunk_start : chunk_start + 200])
        marks = ", ".join("?" for _ in chunk)
        cursor = db.conn.execute(f"SELECT * FROM intakes WHERE id IN ({marks})", chunk)
        names = [d[0] for d in cursor.description]
        rows = [store.decode(dict(zip(names, r))) for r in cursor.fetchall()]
        docs = []
        for intake in rows:
            items = transcript.read(transcripts, intake["conversation_id"])
            # ``updated_at`` has one-second precision: an intake changed in this
            # very second may change again within it, unseen, so it is recorded
            # as still to check ('') and looked at again by the next sync.
            version = intake["updated_at"] if intake["updated_at"] < now else ""
            docs.append((intake["id"], version, summary_text(intake), transcript.visitor_words(items), transcript.assistant_words(items)))
        with db.conn:
            db.conn.executemany("DELETE FROM staff_search WHERE rowid = ?", [[d[0]] for d in docs])
            db.conn.executemany(
                "INSERT INTO staff_search (rowid, summary, visitor, assistant) VALUES (?, ?, ?, ?)",
                [[d[0], d[2], d[3], d[4]] for d in docs],
            )
            db.conn.executemany(
                "INSERT OR REPLACE INTO staff_search_docs (intake_id, updated_at, indexed_at) VALUES (?, ?, ?)",
                [[d[0], d[1], now] for d in docs],
            )
        count += len(docs)
    return count


def remove(db: sqlite_utils.Database, intake_ids: Sequence[int]) -> None:
    """Drop these intakes' documents (inside the caller's transaction if there is one)."""
    ids = [[i] for i in intake_ids]
    db.conn.executemany("DELETE FROM staff_search WHERE rowid = ?", ids)
    db.conn.executemany("DELETE FROM staff_search_docs WHERE intake_id = ?", ids)


# --- keeping the index current ------------------------------------------------------


def _state(db: sqlite_utils.Database) -> Dict[str, str]:
    return dict(db.conn.execute("SELECT key, value FROM staff_search_state").fetchall())


def _set_state(db: sqlite_utils.Database, **values: Any) -> None:
    with db.conn:
        db.conn.executemany(
            "INSERT OR REPLACE INTO staff_search_state (key, value) VALUES (?, ?)",
            [[k, str(v)] for k, v in values.items()],
        )


def _stale_intakes(db: sqlite_utils.Database, since: str, limit: Optional[int]) -> Tuple[List[int], List[int]]:
    """Intakes to (re)index: changed since ``since`` (or never indexed), and those whose
    transcript grew (their document's ``updated_at`` blanked by :func:`sync`)."""
    limit_sql = " LIMIT ?" if limit else ""
    extra = [limit] if limit else []
    grown = [
        row[0]
        for row in db.conn.execute(
            "SELECT intake_id FROM staff_search_docs WHERE updated_at = '' ORDER BY intake_id" + limit_sql, extra
        )
    ]
    changed = [
        row[0]
        for row in db.conn.execute(
            "SELECT i.id FROM intakes i LEFT JOIN staff_search_docs d ON d.intake_id = i.id "
            "WHERE i.updated_at >= ? AND (d.updated_at IS NULL OR d.updated_at != i.updated_at) "
            "ORDER BY i.updated_at, i.id" + limit_sql,
            [since, *extra],
        )
    ]
    return grown, changed


def pending(db: sqlite_utils.Database) -> int:
    """Intakes waiting to be (re)indexed."""
    grown, changed = _stale_intakes(db, _state(db).get("intake_updated_at", ""), None)
    return len(set(grown) | set(changed))


def sync(
    db: sqlite_utils.Database, transcripts: Optional[Transcripts], *, batch: Optional[int] = BATCH
) -> SyncReport:
    """Bring the index up to date (at most ``batch`` intakes of each kind; None: all)."""
    state = _state(db)
    event_mark = int(state.get("tracker_event_id") or 0)
    intake_mark = state.get("intake_updated_at", "")
    if transcripts is not None:
        max_event = transcripts.last_event_id()
        if max_event < event_mark:
            # The tracker store was replaced: every transcript must be read again.
            with db.conn:
                db.conn.execute("UPDATE staff_search_docs SET updated_at = ''")
            event_mark = max_event
        has_docs = db.conn.execute("SELECT 1 FROM staff_search_docs LIMIT 1").fetchone() is not None
        if max_event > event_mark and has_docs:
            senders = transcripts.conversations_with_events_between(event_mark, max_event)
            with db.conn:
                for i in range(0, len(senders), 500):
                    chunk = senders[i : i + 500]
                    marks = ", ".join("?" for _ in chunk)
                    db.conn.execute(
                        "UPDATE staff_search_docs SET updated_at = '' WHERE intake_id IN "
                        f"(SELECT id FROM intakes WHERE conversation_id IN ({marks}))",
                        chunk,
                    )
        if max_event != int(state.get("tracker_event_id") or 0):
            _set_state(db, tracker_event_id=max_event)
    grown, changed = _stale_intakes(db, intake_mark, (batch + 1) if batch else None)
    more = bool(batch and (len(grown) > batch or len(changed) > batch))
    if batch:
        grown, changed = grown[:batch], changed[:batch]
    todo = list(dict.fromkeys(grown + changed))
    indexed = index_intakes(db, transcripts, todo) if todo else 0
    if changed:
        last = db.conn.execute("SELECT updated_at FROM intakes WHERE id = ?", [changed[-1]]).fetchone()
        if last:
            _set_state(db, intake_updated_at=last[0])
    return SyncReport(indexed=indexed, pending=pending(db) if more else 0)


def rebuild(db: sqlite_utils.Database, transcripts: Optional[Transcripts]) -> SyncReport:
    """Drop and rebuild the whole index."""
    with db.conn:
        db.conn.execute("DELETE FROM staff_search")
        db.conn.execute("DELETE FROM staff_search_docs")
        db.conn.execute("DELETE FROM staff_search_state")
    return sync(db, transcripts, batch=None)


# --- querying ----------------------------------------------------------------------


def fts_query(text: str) -> Optional[str]:
    """A safe FTS5 query for what staff typed: every word must match (the last
    one as a prefix); ``"quoted words"`` match as a phrase. None if no words."""
    text = text or ""
    terms: List[str] = []
    for phrase in _PHRASE.findall(text):
        words = _TOKEN.findall(phrase)
        if words:
            terms.append('"' + " ".join(words) + '"')
    rest = _PHRASE.sub(" ", text)
    words = _TOKEN.findall(rest)
    for i, word in enumerate(words):
        quoted = '"' + word + '"'
        terms.append(quoted + "*" if i == len(words) - 1 else quoted)
    return " ".join(terms) if terms else None


def count_hits(db: sqlite_utils.Database, query: str) -> int:
    count: int = db.conn.execute("SELECT count(*) FROM staff_search WHERE staff_search MATCH ?", [query]).fetchone()[0]
    return count


def snippets(db: sqlite_utils.Database, query: str, intake_ids: Sequence[int]) -> Dict[int, List[Tuple[str, bool]]]:
    """For each intake, a short passage around the best match, as ``(text, is_hit)`` pieces.

    The pieces are plain text: the template escapes them and marks the hits,
    so nothing a visitor typed is ever inserted as HTML.
    """
    if not intake_ids:
        return {}
    marks = ", ".join("?" for _ in intake_ids)
    rows = db.conn.execute(
        f"SELECT rowid, snippet(staff_search, -1, ?, ?, '…', 14) FROM staff_search "
        f"WHERE staff_search MATCH ? AND rowid IN ({marks})",
        [_HIT_START, _HIT_END, query, *intake_ids],
    ).fetchall()
    return {rowid: split_snippet(text) for rowid, text in rows}


def split_snippet(text: str) -> List[Tuple[str, bool]]:
    pieces: List[Tuple[str, bool]] = []
    for i, part in enumerate(re.split(f"[{_HIT_START}{_HIT_END}]", text or "")):
        if part:
            pieces.append((re.sub(r"\s+", " ", part), i % 2 == 1))
    return pieces
