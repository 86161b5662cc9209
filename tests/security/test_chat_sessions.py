"""Finding 2: conversations cannot be joined by id, on REST or socket.io (connectors/channels.py).

REST runs in process (ASGI); socket.io through real python-socketio clients
against the channels served on an ephemeral port. The agent is a fake
(tests/security/chat_app.py): these tests are about who reaches which conversation.
"""
from __future__ import annotations

import stat

import pytest

from bot import action_token
from connectors import channels

from .chat_app import SITE, Visitor, agent, chat_app, live_server, post, rest  # noqa: F401 (fixtures)

HIJACK = "0123456789abcdef0123456789abcdef"


# --- REST ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [{"message": "my name is Ana"}, {"sender": None, "message": "hi"}, {"sender": 7, "message": "hi"},
                                  {"sender": ["a"], "message": "hi"}])
async def test_rest_without_a_sender_is_refused(rest, agent, body):
    """Regression: without `sender` Rasa used one shared "default" conversation for every such client."""
    response = await post(rest, body)
    assert response.status_code == 400
    assert "sender" in response.json()["error"]
    assert agent.received == []


async def test_two_clients_without_sender_do_not_meet_in_default(rest, agent):
    await post(rest, {"message": "my phone is 312 555 0199"})
    await post(rest, {"message": "what is my phone?"})
    assert agent.received == []


@pytest.mark.parametrize("sender", ["", " ", "a b", "x" * 129, "ana\x00", "caf\u00e9", "=cmd|' /C calc'!A0"])
async def test_rest_senders_are_plain(rest, agent, sender):
    response = await post(rest, {"sender": sender, "message": "hi"})
    assert response.status_code == 400
    assert agent.received == []


async def test_rest_clients_keep_their_own_senders(rest, agent):
    for sender in ("demo", "eval-dev-cri-001-a1b2c3", "bench-0123456789ab", "backend:42@firm.example"):
        response = await post(rest, {"sender": sender, "message": "hi"})
        assert response.status_code == 200
        assert response.json()[0]["recipient_id"] == sender
    assert [s for s, _ in agent.received] == ["demo", "eval-dev-cri-001-a1b2c3", "bench-0123456789ab", "backend:42@firm.example"]


async def test_rest_cannot_name_a_server_issued_session(rest, agent, live_server):
    """A socket.io session's id over REST, without its token: refused. With it: that conversation."""
    visitor = await Visitor(live_server).connect()
    try:
        session_id = await visitor.session()
        token = visitor.token
        await visitor.close()
        refused = await post(rest, {"sender": session_id, "message": "what is my name?"})
        assert refused.status_code == 403
        assert agent.received == []
        forged = session_id + "." + "A" * 43
        assert (await post(rest, {"sender": forged, "message": "hi"})).status_code == 403
        accepted = await post(rest, {"sender": token, "message": "hi"})
        assert accepted.status_code == 200
        assert agent.received == [(session_id, "hi")]
    finally:
        await visitor.close()


async def test_a_browser_on_rest_gets_a_conversation_of_its_own(rest, agent):
    """Browsers get socket.io's protection on REST: a signed token, or a new conversation."""
    await post(rest, {"sender": "victim-1", "message": "my name is Ana"})
    response = await post(rest, {"sender": "victim-1", "message": "what is my name?"}, headers={"Origin": SITE})
    assert response.status_code == 200
    token = response.headers["X-Session-Token"]
    assert "X-Session-Token" in response.headers["Access-Control-Expose-Headers"]
    issued = token.partition(".")[0]
    assert agent.received[-1] == (issued, "what is my name?") and issued != "victim-1"
    again = await post(rest, {"sender": token, "message": "still me"}, headers={"Origin": SITE})
    assert again.status_code == 200 and "X-Session-Token" not in again.headers
    assert agent.received[-1] == (issued, "still me")


# --- socket.io -----------------------------------------------------------------------------------


async def test_the_server_issues_and_signs_session_ids(live_server):
    visitor = await Visitor(live_server).connect()
    try:
        session_id = await visitor.session({"session_id": HIJACK})  # a client's own choice is not taken
        assert session_id != HIJACK and channels.Sessions.ID.fullmatch(session_id)
        assert visitor.token.startswith(session_id + ".")
    finally:
        await visitor.close()


async def test_claiming_a_victims_session_id_gets_neither_their_replies_nor_their_conversation(live_server, agent):
    """The review's reproduction: a second client that claims the victim's session id."""
    victim, attacker = Visitor(live_server), Visitor(live_server)
    await victim.connect()
    await attacker.connect()
    try:
        victim_session = await victim.session()
        forged = [{"session_id": victim_session}, {"session_id": victim_session, "session_token": victim_session},
                  {"session_token": victim_session + "." + "x" * 43}, {"session_token": victim.token[:-1] + "A"}]
        for request in forged:
            assert await attacker.session(request) != victim_session
        attacker_session = attacker.confirmed[-1]
        await victim.say("my name is Ana Lopez")
        await attacker.say("what is my name?", session_id=victim_session)  # names the victim's session
        assert agent.received == [(victim_session, "my name is Ana Lopez"), (attacker_session, "what is my name?")]
        assert len(victim.heard) == 1 and len(attacker.heard) == 1  # each heard only its own turn
    finally:
        await victim.close()
        await attacker.close()


async def test_the_original_tab_rejoins_with_its_token(live_server, agent):
    tab = await Visitor(live_server).connect()
    session_id = await tab.session()
    token = tab.token
    await tab.close()
    reloaded = await Visitor(live_server).connect()
    try:
        assert await reloaded.session({"session_id": session_id, "session_token": token}) == session_id
        await reloaded.say("back again")
        assert agent.received == [(session_id, "back again")]
        assert reloaded.heard
    finally:
        await reloaded.close()


async def test_a_session_in_use_by_a_live_socket_is_not_shared(live_server, agent):
    """Even with the token (a duplicated tab, a leaked token): the live holder keeps it alone."""
    holder = await Visitor(live_server).connect()
    second = await Visitor(live_server).connect()
    try:
        session_id = await holder.session()
        assert await second.session({"session_token": holder.token}) != session_id
        await holder.say("mine")
        assert len(second.heard) == 0
    finally:
        await holder.close()
        await second.close()


async def test_rest_refuses_a_session_held_by_a_live_socket(live_server, rest, agent):
    holder = await Visitor(live_server).connect()
    try:
        await holder.session()
        response = await post(rest, {"sender": holder.token, "message": "hi"})
        assert response.status_code == 409
        assert agent.received == []
    finally:
        await holder.close()


async def test_a_dead_holder_does_not_keep_the_session(live_server, chat_app, agent):
    """A holder that does not answer the check (gone without the server noticing) loses the session."""
    gone = await Visitor(live_server, answers_checks=False).connect()
    session_id = await gone.session()
    gone_sid = gone.client.get_sid()
    reconnected = await Visitor(live_server).connect()
    try:
        assert await reconnected.session({"session_token": gone.token}) == session_id
        await reconnected.say("hello")
        assert agent.received == [(session_id, "hello")]
        assert gone_sid not in channels.HOLDERS.by_socket  # disconnected by the server
        assert not chat_app.ctx.socketio.sio.manager.is_connected(gone_sid, "/")
    finally:
        await gone.close()
        await reconnected.close()


async def test_messages_before_a_session_are_refused(live_server, agent):
    visitor = await Visitor(live_server).connect()
    try:
        assert await visitor.say("hi", session_id=HIJACK) == {"error": "no_session"}
        assert agent.received == []
    finally:
        await visitor.close()


# --- the secret ----------------------------------------------------------------------------------


def test_the_signing_secret_is_created_private_once(data_dir, monkeypatch):
    monkeypatch.delenv("CHAT_SESSION_SECRET", raising=False)
    first = channels.Sessions.from_secret()
    path = data_dir / "chat_session.secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    token = first.token(first.issue())
    assert channels.Sessions.from_secret().verify(token) == token.partition(".")[0]  # same secret next start


def test_the_environment_secret_wins_and_tokens_do_not_cross_secrets(data_dir, monkeypatch):
    monkeypatch.setenv("CHAT_SESSION_SECRET", "s" * 32)
    sessions = channels.Sessions.from_secret()
    assert not (data_dir / "chat_session.secret").exists()
    token = sessions.token(sessions.issue())
    assert channels.Sessions("t" * 32).verify(token) is None
    for bad in (None, 7, "", token + "x", token.upper(), "x" * 500, token.replace(".", "")):
        assert sessions.verify(bad) is None
    monkeypatch.setenv("CHAT_SESSION_SECRET", "short")
    with pytest.raises(action_token.TokenError):
        channels.Sessions.from_secret()
