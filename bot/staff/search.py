"""Full-text search over intake summaries and transcripts.

What staff type is read the same way in both profiles (:func:`parse`): every
word must be found (the last one also as a prefix: ``brot`` finds
``brother``), ``"words in quotes"`` as a phrase, accents and case ignored,
and nothing typed is ever an operator (``OR``, ``NEAR``, ``*``, quotes and
markup are words or nothing). A word may be found in any of three places: the
intake's **summary** (location, situation and the visitor's description,
follow-up answers, contact, urgency reasons, booking reference), what the
**visitor** typed (and the titles of the buttons they clicked), or what the
**assistant** said (with its buttons' titles). Results are listed in the
inbox's order (urgent first, then newest), under the inbox's filters, with a
snippet around the hits (:func:`snippets`: plain text and hit flags, which
the template escapes and marks).

**Embedded profile (transcripts in SQLite): one FTS5 index.** The choice: a
**kept index, brought up to date on demand**. ``staff_search`` holds one
document per intake (rowid = intake id) with three columns: ``summary``,
``visitor`` and ``assistant``. ``staff_search_docs`` records which version of
each intake (its ``updated_at``) is indexed, and ``staff_search_state`` the
last tracker event id read.

:func:`sync` runs before every search (and ``intake staff reindex`` runs it
in full). It re-indexes only

1. intakes created or changed since the last sync (``intakes.updated_at``,
   indexed), and
2. intakes whose conversation has new tracker events (event ids above the
   last one read: a range scan on Rasa's primary key, through
   :mod:`bot.transcripts`),

so when nothing changed it costs two indexed queries, and the transcript of a
conversation is parsed once per change, not on every search. A first sync
over an existing database is done in batches (:data:`BATCH`) so no request
waits long; the inbox says when the index is still catching up. Purging
removes the documents with the intakes (:mod:`bot.staff.retention`).

Indexing on demand without a kept index would mean reading every transcript
on every search: seconds at 100,000 intakes. Triggers cannot do it either:
the transcripts live in another database, written by Rasa.

**Scaled profile (transcripts in PostgreSQL): PostgreSQL answers for the
transcripts, FTS5 for the summaries.** The intakes stay in SQLite on the
data node, so the summary column is still indexed there by :func:`sync`; the
visitor and assistant columns are left empty, and no transcript is copied
out of PostgreSQL. What was said is searched where Rasa stores it:
:meth:`bot.transcripts.Transcripts.search` asks PostgreSQL, through a GIN
index on ``to_tsvector`` of each visitor and assistant message (created by
:mod:`bot.transcripts`), which conversations said each term; the summary
index says which intakes hold it; an intake is a hit when every term is
found in one or the other (:func:`collect_hits`, in temporary tables of the
intake database). The snippet is the better of FTS5's over the summary and
PostgreSQL's ``ts_headline`` over the best matching message (more hits wins,
the summary on a tie), marked with the same characters. So a new message is
searchable as soon as Rasa has saved it, and a purged transcript is gone
from the results with its rows. One difference: in PostgreSQL a phrase is
found within one message, while FTS5 reads a conversation's messages as one
text (a phrase could run from one message into the next). Which way the
index was built is kept in ``staff_search_state``; when the transcripts move,
the documents are made again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import sqlite_utils

from bot import store
from bot import transcripts as tracker_stores
from bot.situations import CATEGORIES
from bot.staff import transcript
from bot.staff.db import QUERY_TIME_LIMIT
from bot.store import utcnow
from bot.transcripts import Term, Transcripts
from bot.urgency import REASONS

#: Intakes (re)indexed per call of :func:`sync` from a web request.
BATCH = 2000

_TOKEN = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')
_HIT_START, _HIT_END = "\x02", "\x03"
#: ``staff_search_state`` key: where the transcript side was indexed (see the module docstring).
_MODE_KEY = "transcripts"


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
    # PostgreSQL answers for the transcripts itself: only the summary is indexed here.
    elsewhere = _searches_itself(transcripts)
    for chunk_start in range(0, len(intake_ids), 200):
        chunk = list(intake_ids[chunk_start : chunk_start + 200])
        marks = ", ".join("?" for _ in chunk)
        cursor = db.conn.execute(f"SELECT * FROM intakes WHERE id IN ({marks})", chunk)
        names = [d[0] for d in cursor.description]
        rows = [store.decode(dict(zip(names, r))) for r in cursor.fetchall()]
        docs = []
        for intake in rows:
            items = [] if elsewhere else transcript.read(transcripts, intake["conversation_id"])
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
    mode = _mode(transcripts)
    if state.get(_MODE_KEY, "index") != mode:
        # The transcripts moved (or were first found in PostgreSQL): every document is made again.
        with db.conn:
            db.conn.execute("UPDATE staff_search_docs SET updated_at = ''")
        _set_state(db, **{_MODE_KEY: mode})
    if transcripts is not None and mode == "postgresql":
        transcripts.ensure_search()
    event_mark = int(state.get("tracker_event_id") or 0)
    intake_mark = state.get("intake_updated_at", "")
    if transcripts is not None and mode == "index":
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


def _mode(transcripts: Optional[Transcripts]) -> str:
    return "postgresql" if _searches_itself(transcripts) else "index"


def _searches_itself(transcripts: Optional[Transcripts]) -> bool:
    return transcripts is not None and transcripts.searches_itself


# --- querying ----------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """What staff typed, read once (:func:`parse`)."""

    terms: Tuple[Term, ...]

    @property
    def fts(self) -> Optional[str]:
        """The FTS5 query: every term (None if there are none)."""
        return " ".join(_fts_term(t) for t in self.terms) or None


def _fts_term(term: Term) -> str:
    quoted = '"' + " ".join(term.words) + '"'
    return quoted + "*" if term.prefix else quoted


def parse(text: str) -> Query:
    """The terms of what staff typed: ``"quoted words"`` are phrases, every other
    word a term, the last of them a prefix. Only word characters are kept."""
    text = text or ""
    terms: List[Term] = []
    for phrase in _PHRASE.findall(text):
        words = _TOKEN.findall(phrase)
        if words:
            terms.append(Term(tuple(words)))
    words = _TOKEN.findall(_PHRASE.sub(" ", text))
    for i, word in enumerate(words):
        terms.append(Term((word,), prefix=i == len(words) - 1))
    return Query(tuple(terms))


def fts_query(text: str) -> Optional[str]:
    """A safe FTS5 query for what staff typed: every word must match (the last
    one as a prefix); ``"quoted words"`` match as a phrase. None if no words."""
    return parse(text).fts


def searching_store() -> Optional[Transcripts]:
    """The tracker store when it answers the transcript side of searches itself
    (PostgreSQL), else None (the FTS5 index holds the transcripts)."""
    found = tracker_stores.store()
    return found if _searches_itself(found) else None


def collect_hits(db: sqlite_utils.Database, query: Query, table: str = "temp.staff_hits") -> None:
    """Insert the ids of the intakes matching ``query`` into ``table`` (an ``id`` column).

    With the transcripts in PostgreSQL, each term is looked for in the summary
    index and in PostgreSQL; an intake must have every term in one or the other.
    Raises :class:`bot.transcripts.SearchTimeout` when PostgreSQL takes too long.
    """
    fts = query.fts
    if not fts:
        return
    elsewhere = searching_store()
    if elsewhere is None:
        db.conn.execute(f"INSERT INTO {table} SELECT rowid FROM staff_search WHERE staff_search MATCH ?", [fts])
        return
    said = elsewhere.search(query.terms, timeout=QUERY_TIME_LIMIT)
    conn = db.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS staff_hit_terms "
                 "(term INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (term, id)) WITHOUT ROWID")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS staff_hit_senders (term INTEGER NOT NULL, sender TEXT NOT NULL)")
    conn.execute("DELETE FROM temp.staff_hit_terms")
    conn.execute("DELETE FROM temp.staff_hit_senders")
    for i, term in enumerate(query.terms):
        conn.execute("INSERT OR IGNORE INTO temp.staff_hit_terms SELECT ?, rowid FROM staff_search WHERE staff_search MATCH ?",
                     [i, "summary : " + _fts_term(term)])
        conn.executemany("INSERT INTO temp.staff_hit_senders (term, sender) VALUES (?, ?)", [(i, s) for s in said[i]])
    conn.execute("INSERT OR IGNORE INTO temp.staff_hit_terms SELECT s.term, i.id FROM temp.staff_hit_senders s "
                 "JOIN intakes i ON i.conversation_id = s.sender")
    conn.execute(f"INSERT INTO {table} SELECT id FROM temp.staff_hit_terms GROUP BY id HAVING count(*) = ?",
                 [len(query.terms)])
    conn.execute("DELETE FROM temp.staff_hit_senders")


def count_hits(db: sqlite_utils.Database, query: str) -> int:
    count: int = db.conn.execute("SELECT count(*) FROM staff_search WHERE staff_search MATCH ?", [query]).fetchone()[0]
    return count


def snippets(db: sqlite_utils.Database, query: Query, intake_ids: Sequence[int]) -> Dict[int, List[Tuple[str, bool]]]:
    """For each intake, a short passage around the best match, as ``(text, is_hit)`` pieces.

    The pieces are plain text: the template escapes them and marks the hits,
    so nothing a visitor typed is ever inserted as HTML.
    """
    fts = query.fts
    if not intake_ids or not fts:
        return {}
    marks = ", ".join("?" for _ in intake_ids)
    elsewhere = searching_store()
    if elsewhere is None:
        rows = db.conn.execute(
            f"SELECT rowid, snippet(staff_search, -1, ?, ?, '…', 14) FROM staff_search "
            f"WHERE staff_search MATCH ? AND rowid IN ({marks})",
            [_HIT_START, _HIT_END, fts, *intake_ids],
        ).fetchall()
        return {rowid: split_snippet(text) for rowid, text in rows}
    # The summary's passage (any term found in it), and the best message's in PostgreSQL.
    any_term = "summary : (" + " OR ".join(_fts_term(t) for t in query.terms) + ")"
    summaries = dict(db.conn.execute(
        f"SELECT rowid, snippet(staff_search, 0, ?, ?, '…', 14) FROM staff_search "
        f"WHERE staff_search MATCH ? AND rowid IN ({marks})",
        [_HIT_START, _HIT_END, any_term, *intake_ids],
    ).fetchall())
    conversations = dict(db.conn.execute(f"SELECT id, conversation_id FROM intakes WHERE id IN ({marks})", list(intake_ids)))
    said = elsewhere.headlines(query.terms, conversations.values(), _HIT_START, _HIT_END, words=14, timeout=QUERY_TIME_LIMIT)
    out: Dict[int, List[Tuple[str, bool]]] = {}
    for intake_id in intake_ids:
        conversation = conversations.get(intake_id)
        passages = [summaries.get(intake_id), _one_hit_per_phrase(said.get(conversation)) if conversation else None]
        found = [p for p in passages if p]
        if found:
            # the passage with more hits; the summary's on a tie (FTS5's first column)
            out[intake_id] = split_snippet(max(found, key=lambda p: p.count(_HIT_START)))
    return out


def _one_hit_per_phrase(headline: Optional[str]) -> Optional[str]:
    """``ts_headline`` marks each word of a phrase; FTS5 marks the phrase once."""
    return re.sub(f"{_HIT_END}(\\s+){_HIT_START}", r"\1", headline) if headline else headline


def split_snippet(text: str) -> List[Tuple[str, bool]]:
    pieces: List[Tuple[str, bool]] = []
    for i, part in enumerate(re.split(f"[{_HIT_START}{_HIT_END}]", text or "")):
        if part:
            pieces.append((re.sub(r"\s+", " ", part), i % 2 == 1))
    return pieces
