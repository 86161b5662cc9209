"""Transcripts: Rasa's tracker store, read and deleted on any SQL dialect.

Rasa's ``SQLTrackerStore`` keeps one row per event in the table ``events``
(``id``, ``sender_id``, ``type_name``, ``timestamp``, ``intent_name``,
``action_name``, ``data`` = the event as JSON). This module is the only
place in ``bot/`` and ``web/`` that reads or deletes those rows
(``tests/test_transcripts.py`` checks), with SQLAlchemy Core, so the staff app
works wherever Rasa keeps them: the SQLite file under ``var/`` by default, or
PostgreSQL (any dialect Rasa's store supports). Where they live is one
setting, :func:`bot.settings.transcripts_url`, which the Rasa side
(``connectors.tracker_store``) reads too.

The table is declared here as Rasa declares it, not imported from Rasa:
``bot/`` does not depend on Rasa.

**Full-text search on PostgreSQL.** Where Rasa keeps the events in
PostgreSQL, staff search asks PostgreSQL itself what was said
(:meth:`Transcripts.search`, :meth:`Transcripts.headlines`; how the staff
app combines it with the intake summaries is in :mod:`bot.staff.search`).
:meth:`Transcripts.ensure_search` creates, idempotently and once per
process, three objects beside Rasa's table:

* ``intake_search_text_v1(type_name, data)``: the searchable text of one
  event, as the SQLite index reads it (``bot.staff.transcript``'s
  ``visitor_words`` / ``assistant_words``): what the visitor typed (a button
  payload such as ``/affirm`` is not text), what the assistant said with its
  buttons' titles; NULL for any other event, and for data that is not JSON
  (it never raises, so it can never stop Rasa from saving an event). Word
  separators are made spaces, one character for one, so that PostgreSQL
  splits words where SQLite's FTS5 does (``chen@example.com``, ``N-400``,
  ``3.5`` are several words, not an e-mail, a signed number and a float);
* the text search configuration ``intake_search``: ``simple`` (no stemming,
  no stop words, as FTS5's ``unicode61``) with ``unaccent`` in front, so
  ``quinceanera`` finds ``quinceañera`` as FTS5's ``remove_diacritics``
  does (without the ``unaccent`` extension, which needs the right to create
  extensions, accents are not folded and a warning is logged);
* ``events_intake_search_v1``: a GIN index on
  ``to_tsvector('intake_search', intake_search_text_v1(type_name, data))``
  for the ``user`` and ``bot`` rows, built ``CONCURRENTLY`` so Rasa keeps
  saving while it is built (on a large existing store, run ``intake staff
  reindex`` once rather than leaving it to the first search).

The names carry a version: a change to what is indexed gets new names, so a
running Rasa never writes through an index whose definition changed.
"""
from __future__ import annotations

import json
import logging
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple, Union

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool

from bot import settings

_metadata = sa.MetaData()
#: Rasa's ``SQLTrackerStore.SQLEvent`` (rasa/core/tracker_store.py), column for column.
EVENTS = sa.Table(
    "events",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)
_e = EVENTS.c

#: Conversations per ``IN (...)`` list (SQLite allows 999 parameters in older builds).
CHUNK = 500

logger = logging.getLogger(__name__)


def _chunks(items: Sequence[str]) -> Iterator[List[str]]:
    items = list(items)
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


# --- full-text search on PostgreSQL (see the module docstring) -----------------------


@dataclass(frozen=True)
class Term:
    """One thing staff searched for: a word, or words in quotes matched as a phrase;
    ``prefix``: the last word also finds longer words (``brot`` finds ``brother``)."""

    words: Tuple[str, ...]
    prefix: bool = False


class SearchTimeout(Exception):
    """A transcript search ran past its time limit (PostgreSQL cancelled it)."""


SEARCH_CONFIG = "intake_search"
SEARCH_FUNCTION = "intake_search_text_v1"
SEARCH_INDEX = "events_intake_search_v1"
#: Word separators for FTS5's unicode61 that PostgreSQL's parser would keep inside
#: a token (e-mails, URLs, paths, hyphenated words, signed numbers, tags), made
#: spaces one for one; also the snippet hit marks (\x02, \x03), and the
#: punctuation a database in the C locale would read as letters. (Inside a
#: regular expression's brackets: no ``]``, no backslash, ``-`` first.)
_SEPARATORS = "-+@/:_&~#%=|^*$<>`\x02\x03¿¡“”‘’«»…–—"
#: pg_advisory_lock key: one process at a time creates the search objects.
_LOCK_KEY = 7_243_301_460_201
_SEARCHABLE = "type_name IN ('user', 'bot')"
_DOCUMENT = f"{SEARCH_FUNCTION}(type_name, data)"
_VECTOR = f"to_tsvector('{SEARCH_CONFIG}'::regconfig, {_DOCUMENT})"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# Executed without parameters (its text holds % and :), so not through sa.text.
# PARALLEL UNSAFE: the exception block opens a subtransaction, which PostgreSQL refuses
# in a parallel query. One regular expression makes the separators spaces (translate()
# costs ten times more with multibyte characters: the function runs for every message
# saved, and for every message a phrase search checks).
_FUNCTION_SQL = f"""
CREATE FUNCTION {SEARCH_FUNCTION}(kind text, data text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL UNSAFE AS $fn$
DECLARE
  event jsonb;
  body text;
BEGIN
  IF kind IS NULL OR kind NOT IN ('user', 'bot') THEN
    RETURN NULL;
  END IF;
  BEGIN
    event := data::jsonb;
    body := event->>'text';
    IF kind = 'user' AND left(body, 1) = '/' THEN
      -- a button's payload: the button's title is in the assistant's message
      body := NULL;
    ELSIF kind = 'bot' THEN
      body := concat_ws(E'\\n', body, (
        SELECT string_agg(button->>'title', E'\\n')
        FROM jsonb_array_elements(
          CASE WHEN jsonb_typeof(event->'data'->'buttons') = 'array' THEN event->'data'->'buttons' ELSE '[]' END
          || CASE WHEN jsonb_typeof(event->'data'->'quick_replies') = 'array' THEN event->'data'->'quick_replies' ELSE '[]' END
        ) AS button
        WHERE jsonb_typeof(button) = 'object'));
    END IF;
  EXCEPTION WHEN OTHERS THEN
    -- not JSON PostgreSQL reads (NaN, \\u0000): not searchable, never an error for Rasa
    RETURN NULL;
  END;
  -- a full stop inside a word separates words too (3.5, example.com, U.S.), not one ending a sentence
  RETURN regexp_replace(body, {_literal("[" + _SEPARATORS + "]|[.](?=[^[:space:]])")}, ' ', 'g');
END
$fn$
"""


def tsquery(term: Term) -> str:
    """``to_tsquery`` text for a term: each word a quoted lexeme (nothing typed is
    read as an operator), a phrase's words in order (``<->``), ``:*`` for a prefix."""
    lexemes = ["'" + word.replace("\\", "\\\\").replace("'", "''") + "'" for word in term.words]
    text = " <-> ".join(lexemes)
    return text + ":*" if term.prefix and text else text


class Transcripts:
    """The events table of one tracker store."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        return str(self.engine.dialect.name)

    def exists(self) -> bool:
        """Whether Rasa has created its table yet."""
        with self.engine.connect() as conn:
            return bool(sa.inspect(conn).has_table(EVENTS.name))

    # --- reading --------------------------------------------------------------------

    def events_for(self, sender_id: str) -> List[Dict[str, Any]]:
        """The stored events of one conversation as Rasa's JSON dicts, oldest first."""
        query = sa.select(_e.data).where(_e.sender_id == sender_id).order_by(_e.id)
        out = []
        with self.engine.connect() as conn:
            for (data,) in conn.execute(query):
                try:
                    out.append(json.loads(data))
                except (TypeError, ValueError):
                    continue
        return out

    def last_event_id(self) -> int:
        """The id of the newest event (0 when there is none): ids only grow while the store is kept."""
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(_e.id), 0))).scalar_one())

    def conversations_with_events_between(self, after_id: int, up_to_id: int) -> List[str]:
        """Conversations with an event whose id is in ``(after_id, up_to_id]`` (a range on the primary key)."""
        query = sa.select(_e.sender_id).distinct().where(_e.id > after_id, _e.id <= up_to_id)
        with self.engine.connect() as conn:
            return [row[0] for row in conn.execute(query)]

    def conversations(self) -> Set[str]:
        """Every conversation with stored events."""
        with self.engine.connect() as conn:
            return {row[0] for row in conn.execute(sa.select(_e.sender_id).distinct())}

    def conversations_stored(self, sender_ids: Iterable[str]) -> Set[str]:
        """Those of ``sender_ids`` that have stored events."""
        found: Set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(sender_ids))):
                query = sa.select(_e.sender_id).distinct().where(_e.sender_id.in_(chunk))
                found.update(row[0] for row in conn.execute(query))
        return found

    def conversations_idle_since(self, timestamp: float) -> Set[str]:
        """Conversations whose last event is older than ``timestamp`` (Unix seconds)."""
        query = sa.select(_e.sender_id).group_by(_e.sender_id).having(sa.func.max(_e.timestamp) < timestamp)
        with self.engine.connect() as conn:
            return {row[0] for row in conn.execute(query)}

    def conversation_starts(self, slot_names: Sequence[str]) -> Iterator[Tuple[str, float, bool, Dict[str, List[Any]]]]:
        """For every conversation: ``(sender_id, first event's time, the visitor spoke,
        {slot: [values set]})`` for the slots named (the funnel's one-time backfill).

        Slot values are read from the JSON in Python, not with SQL JSON
        functions, which differ between dialects; slot events are few.
        """
        one_if_user = sa.case((_e.type_name == "user", 1), else_=0)
        starts = sa.select(_e.sender_id, sa.func.min(_e.timestamp), sa.func.max(one_if_user)).group_by(_e.sender_id)
        slots = (
            sa.select(_e.sender_id, _e.action_name, _e.data)
            .where(_e.type_name == "slot", _e.action_name.in_(list(slot_names)))
            .order_by(_e.id)
        )
        values: Dict[str, Dict[str, List[Any]]] = {}
        with self.engine.connect() as conn:
            for sender, name, data in conn.execute(slots):
                try:
                    value = (json.loads(data) or {}).get("value")
                except (TypeError, ValueError, AttributeError):
                    continue
                values.setdefault(sender, {}).setdefault(name, []).append(value)
            rows = conn.execute(starts).fetchall()
        for sender, first_at, spoke in rows:
            yield sender, first_at, bool(spoke), values.get(sender, {})

    # --- deleting ------------------------------------------------------------------

    def delete_conversations(self, sender_ids: Iterable[str]) -> int:
        """Delete every event of these conversations; returns how many had any."""
        deleted = 0
        with self.engine.begin() as conn:
            for chunk in _chunks(sorted(set(sender_ids))):
                count = sa.select(sa.func.count(sa.distinct(_e.sender_id))).where(_e.sender_id.in_(chunk))
                deleted += int(conn.execute(count).scalar_one())
                conn.execute(EVENTS.delete().where(_e.sender_id.in_(chunk)))
        return deleted


    # --- full-text search (PostgreSQL) --------------------------------------------------

    @property
    def searches_itself(self) -> bool:
        """Whether staff search asks this store what was said (PostgreSQL), rather
        than indexing the transcripts in the intake database's FTS5 index."""
        return self.dialect == "postgresql"

    def ensure_search(self) -> None:
        """Create the search function, configuration and index when missing (idempotent;
        once per process and store; see the module docstring)."""
        if not self.searches_itself or self.engine in _search_ready:
            return
        with _search_lock:
            if self.engine in _search_ready:
                return
            with self.engine.begin() as conn:
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
                _create_config(conn)
                if conn.execute(sa.text("SELECT to_regprocedure(:f)"), {"f": f"{SEARCH_FUNCTION}(text,text)"}).scalar() is None:
                    conn.execution_options(no_parameters=True).exec_driver_sql(_FUNCTION_SQL)
            with self.engine.connect() as pooled:
                conn = pooled.execution_options(isolation_level="AUTOCOMMIT")
                conn.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": _LOCK_KEY})
                try:
                    valid = conn.execute(
                        sa.text("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(:name)"), {"name": SEARCH_INDEX}
                    ).scalar()
                    if valid is False:  # a build that was interrupted: PostgreSQL keeps it, unusable
                        conn.exec_driver_sql(f"DROP INDEX CONCURRENTLY IF EXISTS {SEARCH_INDEX}")
                    if not valid:
                        conn.exec_driver_sql(
                            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {SEARCH_INDEX} ON events USING gin ({_VECTOR}) WHERE {_SEARCHABLE}"
                        )
                finally:
                    conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": _LOCK_KEY})
            _search_ready.add(self.engine)

    def search(self, terms: Sequence[Term], timeout: Optional[float] = None) -> List[Set[str]]:
        """For each term, the conversations in which the visitor or the assistant
        said it (one query, each term through the index)."""
        if not terms:
            return []
        self.ensure_search()
        params = {f"q{i}": tsquery(term) for i, term in enumerate(terms)}
        sql = " UNION ".join(
            f"SELECT {i} AS term, sender_id FROM events WHERE {_SEARCHABLE} "
            f"AND {_VECTOR} @@ to_tsquery('{SEARCH_CONFIG}', :q{i})"
            for i in range(len(terms))
        )
        found: List[Set[str]] = [set() for _ in terms]
        with self._limited(timeout) as conn:
            for term, sender in conn.execute(sa.text(sql), params):
                found[term].add(sender)
        return found

    def headlines(
        self, terms: Sequence[Term], sender_ids: Iterable[str], start: str, end: str,
        words: int = 14, timeout: Optional[float] = None,
    ) -> Dict[str, str]:
        """For each of these conversations where any term was said: PostgreSQL's
        ``ts_headline`` of its best matching message (``words`` words around the
        hits, each hit between ``start`` and ``end``), with "…" where the message
        was cut. Plain text, as stored: the caller escapes it."""
        senders = sorted(set(sender_ids))
        if not terms or not senders:
            return {}
        self.ensure_search()
        options = f"StartSel={start}, StopSel={end}, MaxWords={words}, MinWords={max(1, words // 2)}, ShortWord=0"
        query = sa.text(
            f"WITH q AS (SELECT to_tsquery('{SEARCH_CONFIG}', :query) AS query), "
            f"best AS (SELECT DISTINCT ON (sender_id) sender_id, {_DOCUMENT} AS document FROM events, q "
            f"WHERE sender_id IN :senders AND {_SEARCHABLE} AND {_VECTOR} @@ q.query "
            f"ORDER BY sender_id, ts_rank_cd({_VECTOR}, q.query) DESC, id) "
            f"SELECT best.sender_id, best.document, ts_headline('{SEARCH_CONFIG}', best.document, q.query, :options) "
            "FROM best, q"
        ).bindparams(sa.bindparam("senders", expanding=True))
        out: Dict[str, str] = {}
        with self._limited(timeout) as conn:
            for chunk in _chunks(senders):
                params = {"query": " | ".join(f"({tsquery(t)})" for t in terms), "senders": chunk, "options": options}
                for sender, document, headline in conn.execute(query, params):
                    out[sender] = _with_ellipses(headline or "", document or "", start, end)
        return out

    @contextmanager
    def _limited(self, timeout: Optional[float]) -> Iterator[Connection]:
        """A transaction whose statements PostgreSQL cancels after ``timeout`` seconds
        (:class:`SearchTimeout`)."""
        try:
            with self.engine.begin() as conn:
                if timeout:
                    conn.execute(sa.text("SELECT set_config('statement_timeout', :ms, true)"), {"ms": str(max(1, int(timeout * 1000)))})
                yield conn
        except DBAPIError as exc:
            if getattr(exc.orig, "pgcode", None) == "57014":  # query_canceled
                raise SearchTimeout("the transcript search ran past its time limit") from exc
            raise


def _with_ellipses(headline: str, document: str, start: str, end: str) -> str:
    plain = headline.replace(start, "").replace(end, "")
    at = document.find(plain) if plain else -1
    if at < 0:
        return headline
    before, after = document[:at], document[at + len(plain) :]
    return ("…" if before.strip() else "") + headline + ("…" if after.strip() else "")


def _create_config(conn: Connection) -> None:
    """The ``intake_search`` text search configuration, with ``unaccent`` when it can be had."""
    exists = conn.execute(
        sa.text("SELECT 1 FROM pg_ts_config WHERE cfgname = :name AND pg_ts_config_is_visible(oid)"), {"name": SEARCH_CONFIG}
    ).first()
    if exists:
        return
    unaccent = _unaccent(conn)
    conn.exec_driver_sql(f"CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} (COPY = pg_catalog.simple)")
    if unaccent:
        conn.exec_driver_sql(
            f"ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} ALTER MAPPING FOR word, hword, hword_part, numword, "
            f"numhword, hword_numpart WITH {unaccent}, pg_catalog.simple"
        )
    else:
        logger.warning("PostgreSQL's unaccent extension is not available: transcript search will not fold accents "
                       "(quinceanera will not find quinceañera); CREATE EXTENSION unaccent, then drop %s", SEARCH_CONFIG)


def _unaccent(conn: Connection) -> Optional[str]:
    """The ``unaccent`` dictionary's name (schema-qualified when not on the search path),
    the extension created first when it is missing; None when it cannot be."""
    find = sa.text(
        "SELECT oid::regdictionary::text FROM pg_ts_dict WHERE dictname = 'unaccent' ORDER BY pg_ts_dict_is_visible(oid) DESC LIMIT 1"
    )
    name = conn.execute(find).scalar()
    if name is None:
        try:
            with conn.begin_nested():
                conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
        except DBAPIError as exc:
            logger.warning("could not create the unaccent extension: %s", str(exc.orig).strip().splitlines()[0])
            return None
        name = conn.execute(find).scalar()
    return str(name) if name else None


# --- where they live ---------------------------------------------------------------

_engines: Dict[str, Engine] = {}
#: Stores whose events table exists: Rasa never drops it, so it is looked for only until found.
_created: Set[str] = set()
_lock = threading.Lock()
#: Stores whose search objects exist (PostgreSQL; see :meth:`Transcripts.ensure_search`).
_search_ready: Set[Engine] = set()
_search_lock = threading.Lock()


def url_for(where: Union[str, Path, None] = None) -> str:
    """An SQLAlchemy URL: ``where`` if it is one, an SQLite file if it is a path,
    else the setting (:func:`bot.settings.transcripts_url`)."""
    if where is None:
        return settings.transcripts_url()
    text = str(where)
    return text if "://" in text else f"sqlite:///{text}"


def _sqlite_file(url: str) -> Optional[Path]:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _engine(url: str) -> Engine:
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            if _sqlite_file(url) is not None:
                # A small pool of warm connections, shared by the web process's
                # threads, so SQLite's page cache survives between requests
                # (SQLAlchemy 1.4 would open a new file connection every time).
                engine = sa.create_engine(
                    url, poolclass=QueuePool, pool_size=4, max_overflow=8,
                    connect_args={"timeout": 5.0, "check_same_thread": False},
                )
            elif make_url(url).get_backend_name() == "postgresql":
                engine = sa.create_engine(url, pool_pre_ping=True, connect_args=_postgresql_options())
            else:
                engine = sa.create_engine(url, pool_pre_ping=True)
            _engines[url] = engine
        return engine


def _postgresql_options() -> Dict[str, Any]:
    # Rasa puts its tables in $POSTGRESQL_SCHEMA when set (rasa.core.tracker_store.create_engine_kwargs).
    schema = os.environ.get("POSTGRESQL_SCHEMA")
    return {"options": f"-csearch_path={schema}"} if schema else {}


def store(where: Union[str, Path, None] = None) -> Optional[Transcripts]:
    """The tracker store (``where``: a URL or SQLite path; default the setting),
    or None while Rasa has not created it yet. An SQLite file is made private
    (Rasa creates it with the default umask) and never created here."""
    url = url_for(where)
    path = _sqlite_file(url)
    if path is not None:
        if not path.exists():
            return None
        if url not in _engines:
            settings.private_database(path)
    transcripts = Transcripts(_engine(url))
    if url not in _created:
        if not transcripts.exists():
            return None
        _created.add(url)
    return transcripts


def close() -> None:
    """Close every pooled connection (tests, and after the store's files were replaced)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _created.clear()
        _search_ready.clear()
