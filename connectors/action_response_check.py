"""Rasa 3.6's check of each action server response, with its schema compiled once.

Rasa validates every response of the action server against its events schema
with ``jsonschema.validate``, which on every call checks the (constant) schema
against the JSON Schema meta-schema and builds a new validator: about 7% of the
Rasa server's time under load. Here the validator is built once, when first
needed, after the same meta-schema check. Every response is still validated
against the same schema, and an invalid one raises the same ``ValidationError``
with Rasa's own message, so nothing an action server sends is trusted more.

Installed by ``connectors.tracker_store`` (the one module of ours that only the
Rasa server imports); ``tests/test_connectors.py`` pins the Rasa version it
was written for and checks both outcomes.
"""
from __future__ import annotations

from typing import Any, Dict, Optional, Text

from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

_validator: Optional[Any] = None


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    global _validator
    if _validator is None:
        schema = self.action_response_format_spec()
        cls = validators.validator_for(schema)
        cls.check_schema(schema)
        _validator = cls(schema)
    try:
        _validator.validate(result)
        return True
    except ValidationError as e:
        # Rasa's message, word for word (rasa/core/actions/action.py).
        e.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise e


def install() -> None:
    """Use the compiled check for every remote action of this process."""
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
