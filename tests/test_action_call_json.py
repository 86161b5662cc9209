"""connectors/action_call_json.py: the action calls' bodies written by ujson are json's values."""
from __future__ import annotations

import hashlib
import inspect
import json
import math

import pytest

from connectors import action_call_json


def _tracker_state():
    """The body Rasa sends with an action call, of a conversation with every kind of value."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

    from tests.project_domain import rasa_domain

    domain = rasa_domain()
    events = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
              UserUttered("mi esposo está detenido en San José, CA 95112 😟 </b>",
                          {"name": "situation_detained", "confidence": 0.8734512345678912},
                          [{"entity": "place", "value": "San José, CA", "start": 27, "end": 39,
                            "extractor": "SpacyEntityExtractor", "confidence": None}],
                          parse_data={"intent_ranking": [{"name": "situation_detained", "confidence": 0.8734512345678912},
                                                         {"name": "inform", "confidence": 1e-7}]}),
              SlotSet("places_mentioned", [{"text": "San José", "score": 0.1 + 0.2, "n": 2 ** 70}]),
              SlotSet("details", "line\nbreak \"quoted\" \\ back\u2028slash \x00"),
              BotUttered("¿Dónde está?", {"buttons": [{"title": "No sé", "payload": "/inform{\"x\":1}"}]}),
              ActionExecuted("action_listen")]
    tracker = DialogueStateTracker.from_events("visitor-ñ", events, slots=domain.slots)
    return tracker.current_state(EventVerbosity.ALL)


def test_a_real_action_call_body_is_the_same_json():
    state = _tracker_state()
    written = action_call_json.dumps(state)
    assert json.loads(written) == json.loads(json.dumps(state))
    assert written.isascii()  # non-ASCII escaped, as json.dumps does


@pytest.mark.parametrize("value", [0.1 + 0.2, 1 / 3, 5e-324, 1.7976931348623157e308, 1723456789.123456, 2 ** 70,
                                   -(2 ** 63), {1: "a", 2.5: "b", None: "c", False: "d"}, (1, 2), "a/b", "\ud800", "😀"])
def test_values_are_written_as_json_writes_them(value):
    assert json.loads(action_call_json.dumps(value)) == json.loads(json.dumps(value))


def test_what_ujson_refuses_is_left_to_json():
    nan = json.loads(action_call_json.dumps(float("nan")))
    assert math.isnan(nan)
    with pytest.raises(TypeError):
        action_call_json.dumps({1, 2})
    with pytest.raises(TypeError):
        action_call_json.dumps(object())


async def test_the_rasa_servers_endpoint_sessions_write_with_it():
    from rasa.utils.endpoints import EndpointConfig

    from connectors import tracker_store  # noqa: F401  (installs it, as in the Rasa server)

    session = EndpointConfig("http://127.0.0.1:9/webhook", headers={"X-Action-Token": "t"},
                             basic_auth={"username": "u", "password": "p"}).session()
    try:
        assert session._json_serialize is action_call_json.dumps
        assert session.headers["X-Action-Token"] == "t"
        assert session.auth.login == "u"
        assert session.timeout.total == 300
    finally:
        await session.close()


# Pin: the session Rasa makes, which _session repeats with json_serialize added.
def test_the_rasa_code_it_replaces_is_unchanged():
    import rasa

    assert rasa.__version__ == "3.6.21", "check connectors/action_call_json.py against this Rasa"
    source = inspect.getsource(action_call_json.RASA_SESSION)
    assert hashlib.sha256(source.encode()).hexdigest()[:16] == "e55aa13d9d4fb4bc"
