"""Rasa's SQL tracker store, with one addition: a refused conversation is forgotten.

A visitor who declines consent is promised that nothing they shared is kept.
When a turn ends with the ``forget_conversation`` slot set (by
``action_submit_intake_form`` on refusal), the conversation's events are
deleted instead of saved, so the transcript holds nothing; the refusal itself
is counted in the intake database. Works with every SQL dialect Rasa
supports (SQLite by default, PostgreSQL when a firm outgrows one machine).
"""
from __future__ import annotations

import logging
from typing import Any, Optional, Text

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

FORGET_SLOT = "forget_conversation"


class ConsentAwareSQLTrackerStore(SQLTrackerStore):
    def __init__(self, domain: Optional[Domain] = None, host: Optional[Text] = None, **kwargs: Any) -> None:
        super().__init__(domain=domain, host=host, **kwargs)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.get_slot(FORGET_SLOT):
            self.forget(tracker.sender_id)
            return
        await super().save(tracker)

    def forget(self, sender_id: Text) -> None:
        """Delete every stored event of one conversation."""
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
        logger.info("a refused conversation was forgotten")
