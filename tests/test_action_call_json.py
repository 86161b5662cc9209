"""connectors/action_call_json.py: the action calls' bodies written by ujson are json's values."""
from __future__ import annotations

import asyncio
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


async def test_action_calls_share_a_kept_session_and_its_connections():
    from aiohttp import web
    from rasa.utils.endpoints import EndpointConfig

    from connectors import tracker_store  # noqa: F401  (installs it, as in the Rasa server)

    seen = []

    async def webhook(request):
        seen.append({"peer": request.transport.get_extra_info("peername"), "token": request.headers.get("X-Action-Token"),
                     "cookie": request.headers.get("Cookie"), "body": await request.json()})
        response = web.json_response({"events": [], "responses": [], "n": len(seen)})
        response.set_cookie("visitor", str(len(seen)))
        return response

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook", headers={"X-Action-Token": "t"})
    try:
        for n in range(5):
            answer = await endpoint.request(json={"next_action": "validate_intake_form", "n": n}, method="post", timeout=300)
            assert answer["n"] == n + 1
        await asyncio.gather(*(endpoint.request(json={"n": n}, method="post") for n in range(5)))
        assert [s["body"]["n"] for s in seen[:5]] == list(range(5))
        assert all(s["token"] == "t" for s in seen)
        assert all(s["cookie"] is None for s in seen)  # nothing carried from one call to the next
        assert len({s["peer"] for s in seen[:5]}) == 1  # one connection for calls in turn
        assert len({s["peer"] for s in seen}) <= 5
        session = endpoint.session().session
        assert session is endpoint.session().session and not session.closed
        assert session.connector._keepalive_timeout == action_call_json.IDLE_SECONDS < 5  # Sanic's keep-alive
        await session.close()  # closed: the next call opens another
        await endpoint.request(json={"n": 9}, method="post")
        assert seen[-1]["body"] == {"n": 9} and endpoint.session().session is not session
    finally:
        await endpoint.session().session.close()
        await runner.cleanup()

