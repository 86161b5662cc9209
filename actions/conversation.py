"""Conversation-level actions that are not part of a form."""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict


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
