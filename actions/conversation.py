"""Conversation-level actions that are not part of a form."""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.messages import latest_intent


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


#: What the assistant answers when a visitor asks something else mid-form.
INTERRUPTION_RESPONSES = {
    "chitchat": "utter_chitchat",
    "out_of_scope": "utter_out_of_scope",
    "ask_legal_advice": "utter_no_legal_advice",
    "ask_cost": "utter_consultation_fee",
    "bot_challenge": "utter_iamabot",
}


class ActionAnswerInterruption(Action):
    """Answer a side question inside a booking form; the form then repeats its question.

    One rule per form (data/rules/booking_interruptions.yml) covers every kind of
    interruption; this action picks the answer from the intent.
    """

    def name(self) -> Text:
        return "action_answer_interruption"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(response=INTERRUPTION_RESPONSES.get(latest_intent(tracker), "utter_default"))
        return []
