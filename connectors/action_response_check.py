"""Rasa 3.6's check of each action server response, with its schema compiled once.

Rasa validates every response of the action server against its events schema
with ``jsonschema.validate``, which on every call checks the (constant) schema
against the JSON Schema meta-schema and builds a new validator: about 7% of the
Rasa server's time under load. Here the validator is built once, when first
needed, after the same meta-schema check. Every response is still validated
against the same schema, and an invalid one raises the same ``ValidationError``
(the best match among the errors, as ``jsonschema.validate`` picks it) with Rasa's own message, so nothing an action server sends is trusted more.

Each event of a response must match exactly one of the schema's 23 event
kinds (``oneOf``), so jsonschema tries every kind for every event and builds
an error for each of the 22 that do not match: still 5% of the server's time.
The kinds differ by the constant their ``event`` field must hold, so an event
can only ever match the kind named by its ``event`` field; each event is
checked first against the event schema's own fields and that kind alone
(validators also built once). A response whose every event passes that way is
valid under the whole schema, since every other kind then fails on the
``event`` constant; anything else (an unknown kind, a field of the wrong type)
goes through the whole schema's validator, which gives Rasa's verdict and
error. The shortcut is used only if the schema has that shape (checked when
the validators are built).

Installed by ``connectors.tracker_store`` (the one module of ours that only the
Rasa server imports); ``tests/test_connectors.py`` pins the Rasa version it
was written for and checks both outcomes, and ``tests/test_rasa_fast_paths.py``
that the shortcut's verdicts are the whole schema's.
"""
from __future__ import annotations

from typing import Any, Dict, NamedTuple, Optional, Text

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


class _Check(NamedTuple):
    whole: Any  # the schema's validator
    rest: Optional[Any]  # the response without its events (None: no shortcut)
    by_kind: Dict[Text, Any]  # the event schema's own fields and the one kind named by "event"


_check: Optional[_Check] = None


def _build(schema: Dict[Text, Any]) -> _Check:
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    whole = cls(schema)
    try:
        events = schema["properties"]["events"]
        assert set(events) == {"type", "items"} and events["type"] == "array"
        event = events["items"]
        own = {key: value for key, value in event.items() if key != "oneOf"}
        assert "event" in own["required"] and own["properties"]["event"] == {"type": "string"}
        by_kind = {kind["properties"]["event"]["const"]: cls({"allOf": [own, kind]}) for kind in event["oneOf"]}
        assert len(by_kind) == len(event["oneOf"])  # each kind its own constant
        assert all(isinstance(name, str) for name in by_kind)
        rest = cls({**schema, "properties": {k: v for k, v in schema["properties"].items() if k != "events"}})
    except (AssertionError, KeyError, TypeError):
        return _Check(whole, None, {})
    return _Check(whole, rest, by_kind)


def is_valid(check: _Check, result: Any) -> bool:
    """True when ``result`` passes the shortcut (then it is valid under the whole schema)."""
    if check.rest is None or not isinstance(result, dict) or not check.rest.is_valid(result):
        return False
    events = result.get("events", [])
    if not isinstance(events, list):
        return False
    for event in events:
        name = event.get("event") if isinstance(event, dict) else None
        kind = check.by_kind.get(name) if isinstance(name, str) else None
        if kind is None or not kind.is_valid(event):
            return False
    return True


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    global _check
    if _check is None:
        _check = _build(self.action_response_format_spec())
    if is_valid(_check, result):
        return True
    # As jsonschema.validate raises: the best match among the errors.
    error = exceptions.best_match(_check.whole.iter_errors(result))
    if error is None:
        return True
    # Rasa's message, word for word (rasa/core/actions/action.py).
    error.message += (
        f". Failed to validate Action server response from API, "
        f"make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    """Use the compiled check for every remote action of this process."""
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
