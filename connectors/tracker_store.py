"""Rasa's SQL tracker store, with one addition: a refused conversation is forgotten.

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
"""
from __future__ import annotations

import logging
from typing import Any, List, Optional, Text

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot import settings

logger = logging.getLogger(__name__)

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


class ConsentAwareSQLTrackerStore(SQLTrackerStore):
    def __init__(self, domain: Any = None, host: Optional[Text] = None, **kwargs: Any) -> None:
        if host is None and "db" not in kwargs:
            # Rasa takes a host holding "://" as the whole SQLAlchemy URL.
            host = settings.transcripts_url()
        super().__init__(domain=domain, host=host, **kwargs)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.get_slot(FORGET_SLOT):
            self.forget(tracker.sender_id)
            slots = self.domain.slots if self.domain else []
            marker = DialogueStateTracker.from_events(tracker.sender_id, marker_events(tracker), slots=slots)
            await super().save(marker)
            return
        await super().save(tracker)

    def forget(self, sender_id: Text) -> None:
        """Delete every stored event of one conversation."""
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
        logger.info("a refused conversation was forgotten")
