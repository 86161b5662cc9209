"""Conversation-level actions that are not part of a form."""
from __future__ import annotations

import logging
from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.db import intake_db
from actions.clock import today
from actions.messages import latest_intent, latest_text, said_again, told_languages
from bot import interruptions, language, store
from bot.firm import firm

logger = logging.getLogger(__name__)


class ActionStartOver(Action):
    """"Start over": clear every answer and begin again from consent.

    Unlike Rasa's ``action_restart`` the history stays in the transcript, so
    staff can see where the visitor started over; slots return to their
    initial values (the firm's details among them).
    """

    def name(self) -> Text:
        return "action_start_over"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(response="utter_start_over")
        return [ActiveLoop(None), AllSlotsReset()]


def _free_text(domain: DomainDict, slot: str | None) -> bool:
    """Whether the pending question takes the visitor's words as they are (a from_text mapping)."""
    mappings = ((domain.get("slots") or {}).get(slot) or {}).get("mappings") or []
    return any(m.get("type") == "from_text" for m in mappings)


class ActionAnswerInterruption(Action):
    """Answer a message that is not an answer, in any form or none; the form then asks again.

    One rule per form (data/rules/interruptions.yml) covers every kind of
    interruption; ``bot.interruptions.handle`` picks the answer and the slots.
    """

    def name(self) -> Text:
        return "action_answer_interruption"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        message = tracker.latest_message or {}
        answer = interruptions.handle(
            latest_intent(tracker),
            latest_text(tracker),
            message.get("entities") or [],
            message.get("intent_ranking") or [],
            tracker.slots,
            firm(),
            today=today(),
            repeated=said_again(tracker),
            free_text=_free_text(domain, tracker.get_slot("requested_slot")),
        )
        events: List[EventType] = [SlotSet(k, v) for k, v in answer.slots.items()]
        reply = language.conversation_language(told_languages(tracker))
        if "reply_language" not in answer.slots and reply != tracker.get_slot("reply_language"):
            events.append(SlotSet("reply_language", reply))  # as in validate_intake_form
        # Responses are rendered with this turn's slots (the language of a crisis reply).
        for key, value in answer.slots.items():
            tracker.slots[key] = value
        for response, values in answer.messages:
            dispatcher.utter_message(response=response, **values)
        for response in answer.responses:
            dispatcher.utter_message(response=response)
        if answer.slots.get("safety_flag"):
            logger.info("safety flag raised (conversation kept private)")
        if answer.slots.get("consent") is False:
            store.record_consent_refusal(intake_db())
        if answer.slots.get("deletion_requested"):
            store.request_deletion(intake_db(), tracker.sender_id)
        return events
