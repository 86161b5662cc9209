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
"""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple, Union

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url
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


def _chunks(items: Sequence[str]) -> Iterator[List[str]]:
    items = list(items)
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


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


# --- where they live ---------------------------------------------------------------

_engines: Dict[str, Engine] = {}
#: Stores whose events table exists: Rasa never drops it, so it is looked for only until found.
_created: Set[str] = set()
_lock = threading.Lock()


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
