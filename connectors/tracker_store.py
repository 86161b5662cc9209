"""Rasa's SQL tracker store, with two additions: a refused conversation is forgotten,
and a conversation's tracker is kept in memory between its turns.

A visitor who declines consent is promised that nothing they shared is kept.
When a turn ends with the ``forget_conversation`` slot set (by
``action_submit_intake_form`` on refusal), the conversation's events are
deleted instead of saved, so the transcript holds nothing; the refusal itself
is counted in the intake database. Works with every SQL dialect Rasa
supports (SQLite by default, PostgreSQL when a firm outgrows one machine).

Where it keeps transcripts is :func:`bot.settings.transcripts_url`
(``$TRANSCRIPTS_URL``, else the SQLite file ``$RASA_TRACKER_DB``), the same
setting the staff app reads them from (``bot.transcripts``), unless
``endpoints.yml`` names a database itself.

Only a marker stays: ``consent_declined`` and the reply language, nothing the
visitor wrote. If the same visitor writes again, the assistant knows they
declined and does not greet them as a stranger (``utter_ask_consent``'s
variation for ``consent_declined``).

Rasa's store reads and deserialises every event of the session on each message,
so a turn costs more the longer the conversation (the 50th message about twice
the 5th). The tracker saved at the end of a turn is kept and handed back at the
next one while the database still holds exactly what was saved: the same highest
event id and number of events for that conversation (one indexed aggregate
query), and the tracker has not changed since. Anything else, such as another
Rasa process having written, a purge, or a turn that failed before saving,
reloads from the database as before. Saving is unchanged, so every event is
still written before the reply is sent.

The two counting queries of a turn (the stamp above, and Rasa's count of the
events stored for the latest session, which ``save`` skips before writing the
rest) are SQLAlchemy Core statements built once, the same SQL as Rasa's ORM
query: building that query again at every save was 4% of the server's time.

The new events of a turn are written as Rasa writes them (the same columns and
values, in the same order, in one transaction committed before the reply), but
with one multi-row ``INSERT`` instead of an ORM object per event, which the ORM
then flushed one statement at a time: 7% of the server's time under load.
"""
from __future__ import annotations

import itertools
import json
import logging
from collections import OrderedDict
from typing import Any, Iterator, List, NamedTuple, Optional, Text, Tuple

import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot import settings
from connectors import action_call_json, action_response_check, applied_events_cache, graph_runner, slot_copy

logger = logging.getLogger(__name__)

# Only the Rasa server loads this module (endpoints.yml): its check of action responses, compiled once,
# the action calls' bodies written with ujson (in kept sessions), slots copied directly, and the model's
# graphs run in Dask's order without its scheduler (this module is imported before the model loads), and
# a tracker's applied events worked out once per state of its events.
action_response_check.install()
action_call_json.install()
slot_copy.install()
graph_runner.install()
applied_events_cache.install()

FORGET_SLOT = "forget_conversation"
DECLINED_SLOT = "consent_declined"
#: Slots the marker keeps: none of them holds anything the visitor wrote.
MARKER_SLOTS = ("reply_language",)


def marker_events(tracker: DialogueStateTracker) -> List[Event]:
    """What is kept of a refused conversation: that it was refused, and its language.

    Shaped as a new session waiting for the visitor, so that their next
    message starts the intake like any first message.
    """
    events: List[Event] = [ActionExecuted(ACTION_SESSION_START_NAME), SessionStarted(), SlotSet(DECLINED_SLOT, True)]
    for name in MARKER_SLOTS:
        value = tracker.get_slot(name)
        if value is not None:
            events.append(SlotSet(name, value))
    return events + [ActionExecuted(ACTION_LISTEN_NAME)]


#: (highest event id, number of events) of one conversation in the database.
Stamp = Tuple[Optional[int], int]


class _Kept(NamedTuple):
    stamp: Stamp
    length: int  # len(tracker.events) when kept: a tracker changed but not saved is not handed back
    tracker: DialogueStateTracker


def _sqlite_write_ahead(connection: Any, _record: Any) -> None:
    """SQLite's write-ahead log, synced at checkpoints rather than at every commit.

    A commit is then one append to the log, not two waits for the disk: about a
    quarter of the Rasa server's time under load went to commits. A committed turn
    still survives the server being killed (the log is written before the reply);
    only a power cut or an operating-system crash may lose the last turns, which is
    why a firm that cannot accept that runs PostgreSQL. Readers (the staff app) no
    longer wait for writers either."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sessions(tracker: DialogueStateTracker) -> int:
    return sum(isinstance(event, SessionStarted) for event in tracker.events)


class ConsentAwareSQLTrackerStore(SQLTrackerStore):
    #: Conversations kept in memory, the least recently used dropped first.
    KEPT = 256

    def __init__(self, domain: Any = None, host: Optional[Text] = None, **kwargs: Any) -> None:
        if host is None and "db" not in kwargs:
            # Rasa takes a host holding "://" as the whole SQLAlchemy URL.
            host = settings.transcripts_url()
        super().__init__(domain=domain, host=host, **kwargs)
        self._kept: "OrderedDict[Text, _Kept]" = OrderedDict()
        if self.engine.dialect.name == "sqlite":
            # SQLAlchemy 1.4 opens and closes a SQLite file's connection for every
            # session (NullPool): with the pragmas, a sixth of the server's time under
            # load. A small pool keeps them open; one Sanic loop uses them in turn.
            self.engine.dispose()
            self.engine = sa.create_engine(self.engine.url, poolclass=QueuePool, pool_size=2, max_overflow=8,
                                           connect_args={"check_same_thread": False})
            sa.event.listen(self.engine, "connect", _sqlite_write_ahead)
            self.sessionmaker = sessionmaker(bind=self.engine)
        events = self.SQLEvent
        sender = sa.bindparam("sender_id")
        self._stamp_query = sa.select(sa.func.max(events.id), sa.func.count(events.id)).where(events.sender_id == sender)
        # Rasa's _event_query(fetch_events_from_all_sessions=False).count(): the events since the latest
        # SessionStarted event, or all of them when there is none.
        session_start = sa.select(sa.func.max(events.timestamp).label("session_start")).where(
            events.sender_id == sender, events.type_name == SessionStarted.type_name).subquery()
        self._latest_session_count = sa.select(sa.func.count()).select_from(events).where(
            events.sender_id == sender,
            sa.or_(events.timestamp >= session_start.c.session_start, session_start.c.session_start.is_(None)))

        self._insert = sa.insert(events.__table__)

    async def _save_events(self, tracker: DialogueStateTracker) -> None:
        """Rasa's ``SQLTrackerStore.save``: the same rows, in one statement."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            rows = []
            for event in self._additional_events(session, tracker):
                data = event.as_dict()
                rows.append({
                    "sender_id": tracker.sender_id,
                    "type_name": event.type_name,
                    "timestamp": data.get("timestamp"),
                    "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                    "action_name": data.get("name"),
                    "data": json.dumps(data),
                })
            if rows:
                session.execute(self._insert, rows)
            session.commit()
        logger.debug(f"Tracker with sender_id '{tracker.sender_id}' stored to database")

    def _stamp(self, sender_id: Text) -> Stamp:
        with self.session_scope() as session:
            highest, count = session.execute(self._stamp_query, {"sender_id": sender_id}).one()
        return highest, count

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        """Rasa's: the tracker's events after as many as the database holds for its latest session."""
        stored = session.execute(self._latest_session_count, {"sender_id": tracker.sender_id}).scalar_one()
        return itertools.islice(tracker.events, stored, len(tracker.events))

    def _keep(self, sender_id: Text, stamp: Stamp, tracker: DialogueStateTracker) -> None:
        self._kept[sender_id] = _Kept(stamp, len(tracker.events), tracker)
        self._kept.move_to_end(sender_id)
        while len(self._kept) > self.KEPT:
            self._kept.popitem(last=False)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        # The stamp is read before the events: if another process writes in between,
        # the kept stamp is older than the tracker and the next turn reloads (never the reverse).
        stamp = self._stamp(sender_id)
        kept = self._kept.get(sender_id)
        if kept is not None and kept.stamp == stamp and len(kept.tracker.events) == kept.length:
            self._kept.move_to_end(sender_id)
            return kept.tracker
        self._kept.pop(sender_id, None)
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            self._keep(sender_id, stamp, tracker)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        sender_id = tracker.sender_id
        kept = self._kept.pop(sender_id, None)
        if tracker.get_slot(FORGET_SLOT):
            self.forget(sender_id)
            slots = self.domain.slots if self.domain else []
            marker = DialogueStateTracker.from_events(sender_id, marker_events(tracker), slots=slots)
            await self._save_events(marker)
            return
        await self._save_events(tracker)
        if kept is None or kept.tracker is not tracker or _sessions(tracker) > 1:
            return  # reloaded at the next turn, as Rasa does (only the latest session)
        after = self._stamp(sender_id)
        # Kept only when the rows added are exactly this turn's events: nobody else wrote or purged.
        if after[1] == kept.stamp[1] + len(tracker.events) - kept.length:
            self._keep(sender_id, after, tracker)

    def forget(self, sender_id: Text) -> None:
        """Delete every stored event of one conversation."""
        self._kept.pop(sender_id, None)
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
        logger.info("a refused conversation was forgotten")
