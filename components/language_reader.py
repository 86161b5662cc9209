"""The language of each message, as the entity ``message_language``.

The ``language`` slot is mapped from this entity, so it changes only when a
message says enough to tell (``bot.language.detect``). A Spanish message also
gives ``reply_language`` = es at once, before any action runs, so the reply
to the very message that switched is already in Spanish; the way back to
English (two English messages in a row) is counted by the actions.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import language

ENTITY = "message_language"
#: The language to reply in: Spanish, or English for every other language.
REPLY_ENTITY = "reply_language"
EXTRACTOR = "LanguageReader"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageReader(GraphComponent):
    """Adds the message's language as an entity when it can be told."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LanguageReader":
        language.load()  # now, not on a visitor's first message
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            code = language.detect(message.get(TEXT) or "")
            if code is None:
                continue
            entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") not in (ENTITY, REPLY_ENTITY)]
            entities.append({"entity": ENTITY, "value": code, "extractor": EXTRACTOR})
            if language.reply_language(code) == "es":
                # Spanish is followed at once; back to English only after English messages in a row,
                # which the actions count (bot.language.conversation_language), so one English
                # sentence in a Spanish conversation is answered in Spanish.
                entities.append({"entity": REPLY_ENTITY, "value": "es", "extractor": EXTRACTOR})
            message.set(ENTITIES, entities, add_to_output=True)
        return messages
