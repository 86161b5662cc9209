"""The chat channels' input edge (connectors/channels.py): findings 4, 5, 7, 11 and 17.

REST in process (ASGI), socket.io through real python-socketio clients on an
ephemeral port; the agent is a fake (tests/security/chat_app.py) that records
what reaches it, so each test shows what the bot would have read.
"""
from __future__ import annotations

import json

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from connectors.channels import NOTES, REST_MAX_BODY, SOCKET_MAX_BYTES, fallback_text, guarded, note

from .chat_app import Visitor, agent, chat_app, live_server, post, rest  # noqa: F401 (fixtures)

TOO_LONG_EN = NOTES["too_long"]["en"]
TOO_LONG_ES = NOTES["too_long"]["es"]


def texts(response) -> list:
    return [m.get("text") for m in response.json()]


# --- findings 4 and 7: controls and bidi controls are stripped on both channels -------------------

DIRTY = "Ana\x00 L\u202eopez\u202c\x1b[2J 312\u2066-555\u2069\r\n\x85ok\t."
CLEAN = "Ana Lopez[2J 312-555\nok\t."


async def test_rest_strips_controls_and_bidi_controls(rest, agent):
    assert (await post(rest, {"sender": "clean-1", "message": DIRTY})).status_code == 200
    assert agent.texts() == [CLEAN]


async def test_rest_strips_them_inside_button_payloads_too(rest, agent):
    payload = '/inform{"contact_name": "Ana\\u0000\\u202e Lopez", "x": {"y": 1}}'
    assert (await post(rest, {"sender": "clean-2", "message": payload})).status_code == 200
    assert agent.texts() == ['/inform{"contact_name":"Ana Lopez"}']


async def test_rest_replaces_lone_surrogates(rest, agent):
    body = b'{"sender": "clean-3", "message": "a\\ud800b"}'
    assert (await post(rest, content=body)).status_code == 200
    assert agent.texts() == ["a\ufffdb"]


async def test_socketio_strips_controls_and_bidi_controls(live_server, agent):
    visitor = await Visitor(live_server).connect()
    try:
        session_id = await visitor.session()
        assert await visitor.say(DIRTY) == {}
        assert agent.received == [(session_id, CLEAN)]
    finally:
        await visitor.close()


# --- finding 5: message length and body size ----------------------------------------------------------


async def test_rest_too_long_message_gets_a_kind_reply_and_is_not_processed(rest, agent):
    assert (await post(rest, {"sender": "long-1", "message": "my name is Ana"})).status_code == 200
    response = await post(rest, {"sender": "long-1", "message": "x" * 4001})
    assert response.status_code == 200
    assert texts(response) == [TOO_LONG_EN, TOO_LONG_ES]  # language not known: both
    assert agent.texts() == ["my name is Ana"]  # nothing lost, nothing new read
    exactly = await post(rest, {"sender": "long-1", "message": "\U0001F600" * 4000})  # characters, not bytes
    assert texts(exactly) == ["heard 4000 characters"]


async def test_the_kind_reply_is_in_the_conversation_language_when_known(rest, agent):
    agent.tracker_store.languages.update({"long-es": "es", "long-en": "en"})
    assert texts(await post(rest, {"sender": "long-es", "message": "y" * 5000})) == [TOO_LONG_ES]
    assert texts(await post(rest, {"sender": "long-en", "message": "y" * 5000})) == [TOO_LONG_EN]
    assert "4,000" in TOO_LONG_EN and "4.000" in TOO_LONG_ES
    assert "shorter parts" in TOO_LONG_EN and "partes más cortas" in TOO_LONG_ES


async def test_the_limit_counts_the_message_as_received(rest, agent):
    """Before cleaning: a client (the widget) can tell from what it sends whether it is too long."""
    response = await post(rest, {"sender": "long-2", "message": "a" * 3999 + "\x00\x00"})
    assert texts(response) == [TOO_LONG_EN, TOO_LONG_ES]
    assert agent.received == []


@pytest.mark.parametrize("size", [REST_MAX_BODY + 1, 900_000])
async def test_rest_body_over_64_kb_is_refused(rest, agent, size):
    body = json.dumps({"sender": "big-1", "message": "x" * size}).encode()
    response = await post(rest, content=body)
    assert response.status_code == 413
    assert "error" in response.json()
    assert agent.received == []


async def test_rest_body_cap_holds_without_a_content_length(rest, agent):
    async def chunks():
        yield b'{"sender": "big-2", "message": "'
        for _ in range(20):
            yield b"x" * 4096
        yield b'"}'

    response = await rest.post("/webhooks/rest/webhook", content=chunks())  # chunked: no Content-Length
    assert response.status_code == 413
    assert agent.received == []


async def test_socketio_too_long_message_gets_a_kind_reply(live_server, agent):
    visitor = await Visitor(live_server).connect()
    try:
        await visitor.session()
        assert await visitor.say("z" * 4001) == {"error": "too_long"}  # the widget puts the text back
        assert [m["text"] for m in visitor.heard] == [TOO_LONG_EN, TOO_LONG_ES]
        assert agent.received == []
    finally:
        await visitor.close()


async def test_socketio_packet_over_the_buffer_size_is_dropped(live_server, chat_app, agent):
    sio = chat_app.ctx.socketio.sio
    assert sio.eio.max_http_buffer_size == SOCKET_MAX_BYTES == 64 * 1024
    assert chat_app.config.REQUEST_MAX_SIZE <= 1024 * 1024  # Sanic reads no bigger polling body first
    visitor = await Visitor(live_server).connect()
    try:
        await visitor.session()
        await visitor.client.emit("user_uttered", {"message": "x" * 900_000})
        await visitor.client.sleep(0.5)
        assert agent.received == []
        assert not visitor.client.connected
    finally:
        await visitor.close()


# --- finding 11: the REST webhook answers malformed bodies with 400 --------------------------------


MALFORMED = {
    "array": b"[]", "array of text": b'["hi"]', "string": b'"hi"', "null": b"null", "empty": b"", "blank": b"   ",
    "number": b"42", "true": b"true", "truncated": b"{", "python dict": b"{'sender': 'a'}", "not utf-8": b"\xff\xfe{}",
    "nested 30,000 deep": b"[" * 30_000 + b"]" * 30_000, "5,000-digit number": b'{"sender": "a", "message": ' + b"1" * 5000 + b"}",
}


@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
async def test_rest_malformed_bodies_get_400_with_a_json_error(rest, agent, body):
    response = await post(rest, content=body)
    assert response.status_code == 400
    assert set(response.json()) == {"error"} and len(response.json()["error"]) < 80
    assert agent.received == []


@pytest.mark.parametrize("message", [None, 1, 1.5, True, [], ["hi"], {"text": "hi"}])
async def test_rest_non_string_message_gets_400(rest, agent, message):
    """Regression: Rasa answered a non-string message with silence."""
    body = {"sender": "typed-1", "message": message}
    response = await post(rest, body)
    assert response.status_code == 400
    assert response.json() == {"error": "message must be a string"}
    assert (await post(rest, {"sender": "typed-1"})).status_code == 400
    assert agent.received == []


@pytest.mark.parametrize("data", [None, "hi", 42, [], {"message": None}, {"message": 7}, {"message": ["hi"]}])
async def test_socketio_malformed_messages_are_refused_not_crashed(live_server, agent, data):
    visitor = await Visitor(live_server).connect()
    try:
        await visitor.session()
        assert await visitor.client.call("user_uttered", data, timeout=5) == {"error": "bad_message"}
        assert await visitor.say("still here") == {}  # the connection is fine
        assert agent.texts() == ["still here"]
    finally:
        await visitor.close()


# --- finding 17: a deliberately silent turn says what happened -------------------------------------


async def silent(message) -> None:
    """What Rasa's action_restart sends: nothing (the domain has no utter_restart)."""


async def test_restart_says_the_conversation_was_restarted(rest, agent):
    agent.reply = silent
    agent.tracker_store.languages["restart-1"] = "en"
    response = await post(rest, {"sender": "restart-1", "message": "/restart"})
    assert texts(response) == ["The conversation has been restarted."]
    assert fallback_text() not in texts(response)


async def test_restart_note_uses_the_language_from_before_the_restart(rest, agent):
    async def restart_forgets(message) -> None:
        agent.tracker_store.languages.pop(message.sender_id, None)

    agent.reply = restart_forgets
    agent.tracker_store.languages["restart-2"] = "es"
    assert texts(await post(rest, {"sender": "restart-2", "message": "/restart"})) == ["La conversación se ha reiniciado."]


async def test_a_silent_ordinary_turn_still_gets_the_fallback(rest, agent):
    agent.reply = silent
    assert texts(await post(rest, {"sender": "silent-1", "message": "hello"})) == [fallback_text()]


async def test_a_failed_restart_gets_the_fallback(rest, agent):
    async def crash(message) -> None:
        raise RuntimeError("tracker store down")

    agent.reply = crash
    assert texts(await post(rest, {"sender": "restart-3", "message": "/restart"})) == [fallback_text()]


async def test_socketio_restart_says_so(live_server, agent):
    agent.reply = silent
    visitor = await Visitor(live_server).connect()
    try:
        await visitor.session()
        await visitor.say("/restart")
        assert [m["text"] for m in visitor.heard] == [NOTES["restart"]["en"], NOTES["restart"]["es"]]
    finally:
        await visitor.close()


@pytest.mark.parametrize("command, kind", [("/restart", "restart"), (" /restart ", "restart"), ("/session_start", "session_start"),
                                           ("/back", "back"), ('/restart{"x": "y"}', "restart")])
async def test_every_silent_command_has_its_note(command, kind):
    out = CollectingOutputChannel()
    await guarded(silent)(UserMessage(command, out, "s1"))
    assert out.messages[0]["text"] == note(kind).split("\n\n")[0]


async def test_a_command_that_answers_gets_no_extra_note():
    async def answers(message):
        await message.output_channel.send_response(message.sender_id, {"text": "Okay, let's start over."})

    out = CollectingOutputChannel()
    await guarded(answers)(UserMessage("/restart", out, "s1"))
    assert [m["text"] for m in out.messages] == ["Okay, let's start over."]
