"""Rasa's REST and socket.io channels, locked at the input edge, and a promise: every message gets a reply.

**Every message**, on both channels, goes through :func:`guarded`:

* a message over 4,000 characters (as received) is not processed: the
  visitor is told, kindly and in the conversation's language when it is
  known (English and Spanish otherwise), to send it in shorter parts;
  nothing said before is lost (:data:`NOTES`, the one place for this wording);
* any other message is cleaned (``bot/text_input.py``: no NUL or other
  control characters but newline and tab, no bidi controls, no lone
  surrogates, button payloads cleaned inside);
* a turn that deliberately says nothing (Rasa's ``/restart``,
  ``/session_start``, ``/back``) gets a line saying what happened;
* any other turn without a bot message (the action server is down, an action
  crashed) gets a short note with the firm's phone number instead of silence.
  The conversation itself is untouched, so it continues once the fault is gone.

**Origins.** Both channels accept browsers only from the firm's own site: a
request or socket.io connection whose ``Origin`` is not in ``allowed_origins``
of ``firm.yml`` is refused (``rasa run --cors`` only adds CORS headers, which a
browser does not apply to websockets, and which do not stop a cross-site
"simple" POST from being processed). Requests without an ``Origin`` header
(curl, server-to-server, tests) are not browsers.

**Conversations cannot be joined by id.**

* socket.io: the server issues every session id (32 hex digits) and a token
  for it signed with HMAC-SHA256 (the ``session_token`` event, sent just
  before ``session_confirm``). Rejoining a conversation (a reload, another
  page of the site) takes that token, which the widget keeps in the tab's
  sessionStorage; without it, or with a forged one, a new conversation
  starts. A socket's messages always go to the session bound to that socket,
  whatever ``session_id`` they carry. A session held by another live socket
  is not shared: that socket is asked to answer (``session_check``); if it
  does, the newcomer gets a new conversation; if not within 3 s (a dead
  connection the server has not noticed yet), it is disconnected and the
  session moves. Holders are kept in memory: one Rasa server process.
* REST (``/webhooks/rest/webhook``) stays open to non-browser clients (the
  firm's back end, the benchmarks, tests). They choose their own ``sender``,
  which is required (1-128 letters, digits or ``._:@+-``); the form of a
  server-issued id (32 hex digits) is refused unless sent as its signed token.
  Browsers (any request with an ``Origin``) get socket.io's protection: their
  ``sender`` must be a signed session token (the widget's, or the
  ``X-Session-Token`` header of an earlier answer); otherwise a new
  conversation is started for them and its token returned in that header.
  A session held by a live socket is refused with 409.
* The signing secret is ``$CHAT_SESSION_SECRET``, else
  ``<data dir>/chat_session.secret`` (0600, created once, like the action
  server's token in ``bot/action_token.py``). Changing it means open
  conversations can no longer be rejoined (visitors start new ones).

**Limits.** A REST body over 64 KB gets 413; a body that is not a JSON object,
has no ``sender`` or a ``message`` that is not a string gets 400 with a short
JSON error. A socket.io packet over 64 KB closes the connection (engine.io's
``max_http_buffer_size``); a malformed event is acknowledged with an error and
not processed. ``metadata`` and ``input_channel`` sent by clients are ignored:
nothing in the bot reads them, and Rasa would store them as sent. Rasa's
``?stream=true`` REST responses are not offered (nothing here uses them).
Logs name the reason for a refusal, never the message or the session.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
import uuid
import warnings
from typing import Any, Awaitable, Callable, Dict, Iterable, Optional, Text, Tuple

from rasa.core.channels import channel, rest, socketio
from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer
from socketio.exceptions import SocketIOError

from bot import action_token
from bot.firm import firm
from bot.text_input import COMMAND, MAX_MESSAGE_CHARS, clean_message, too_long
from connectors import retries

logger = logging.getLogger(__name__)



def keep_visitor_text_out_of_warnings() -> None:
    """Rasa warns about a "/intent{...}" message it cannot parse with the whole message
    in the warning ("Failed to parse arguments in line '/greet{...}'"), which would put a
    visitor's words in the server log. The message is still handled; the warning is not shown."""
    warnings.filterwarnings("ignore", message=r"Failed to parse arguments in line")


keep_visitor_text_out_of_warnings()  # the Rasa server imports this module at start

REST_MAX_BODY = 64 * 1024
SOCKET_MAX_BYTES = 64 * 1024
#: Sanic reads a socket.io polling body whole before engine.io checks its size,
#: so the whole server's limit comes down to this. No route of the Rasa server
#: as run here needs more (its HTTP API, with model uploads, is not enabled).
SERVER_MAX_BODY = 1024 * 1024

SECRET_ENV_VAR = "CHAT_SESSION_SECRET"
SECRET_FILE = "chat_session.secret"
TOKEN_HEADER = "X-Session-Token"
SENDER = re.compile(r"[A-Za-z0-9._:@+\-]{1,128}")

TOO_LONG = "too_long"

# --- what the visitor is told ------------------------------------------------------------------

_LIMIT = {"en": f"{MAX_MESSAGE_CHARS:,}", "es": f"{MAX_MESSAGE_CHARS:,}".replace(",", ".")}

#: Replies of the channels themselves, by kind and language.
NOTES: Dict[str, Dict[str, str]] = {
    TOO_LONG: {
        "en": (
            f"Sorry, that message is too long for me to read (more than {_LIMIT['en']} characters), "
            "so I haven't used it. Everything you told me before is kept. "
            "Could you send it again in shorter parts?"
        ),
        "es": (
            f"Lo siento, ese mensaje es demasiado largo para que lo lea (más de {_LIMIT['es']} caracteres), "
            "así que no lo he usado. Todo lo que me dijo antes se conserva. "
            "¿Podría enviarlo de nuevo en partes más cortas?"
        ),
    },
    "restart": {"en": "The conversation has been restarted.", "es": "La conversación se ha reiniciado."},
    "session_start": {"en": "A new conversation has started.", "es": "Ha comenzado una nueva conversación."},
    "back": {"en": "I've undone your last message.", "es": "He deshecho su último mensaje."},
}

#: Rasa's built-in commands whose actions send nothing (unless the domain has utter_<name>).
SILENT_COMMANDS = frozenset({"restart", "session_start", "back"})


def note(kind: str, language: Optional[str] = None) -> str:
    """The channel's reply of ``kind``: in ``language`` if known, else in English and Spanish."""
    wording = NOTES[kind]
    if language in wording:
        return wording[language]
    return wording["en"] + "\n\n" + wording["es"]


def fallback_text(language: Optional[str] = None) -> str:
    """The reply when something failed: in the conversation's language, or in English and Spanish."""
    f = firm()
    hours_es = " ".join(str(f.spanish.get("office_hours_text") or "").split()) or f.office_hours_text
    wording = {
        "en": ("Sorry, I'm having a technical problem right now. Please try again in a minute, "
               f"or call {f.short_name} at {f.phone_display} ({f.office_hours_text})."),
        "es": ("Lo siento, tengo un problema técnico en este momento. Por favor intente de nuevo en un minuto, "
               f"o llame a {f.short_name} al {f.phone_display} ({hours_es})."),
    }
    if language in wording:
        return wording[language]
    return wording["en"] + "\n" + wording["es"]  # one message: channels split on blank lines


def silent_command(text: str) -> Optional[str]:
    """``"restart"`` for ``/restart`` (and the other :data:`SILENT_COMMANDS`), else None."""
    match = COMMAND.match(text.strip())
    name = match.group("name").strip() if match else None
    return name if name in SILENT_COMMANDS else None


# --- every message -------------------------------------------------------------------------------

Handler = Callable[[UserMessage], Awaitable[Any]]
LanguageOf = Callable[[str], Awaitable[Optional[str]]]


class _CountingOutput(OutputChannel):
    """Passes every response on to the real channel and counts them."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.sent = 0

    @classmethod
    def name(cls) -> Text:
        return "counting"

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        self.sent += 1
        await self.inner.send_response(recipient_id, message)

    def __getattr__(self, item: str) -> Any:  # anything else: the real channel's
        return getattr(self.inner, item)


def guarded(on_new_message: Handler, language_of: Optional[LanguageOf] = None) -> Callable[[UserMessage], Awaitable[Optional[str]]]:
    """Wrap Rasa's message handler: clean the text, refuse it kindly when too long, never stay silent.

    The wrapped handler returns :data:`TOO_LONG` when the message was not
    processed for its length, else None. ``language_of(sender_id)`` gives the
    conversation's language ("en", "es") when known.
    """

    async def language(sender_id: str) -> Optional[str]:
        if language_of is None:
            return None
        try:
            return await language_of(sender_id)
        except Exception:  # an unreadable tracker only costs the choice of language
            logger.warning("conversation language unknown: the tracker could not be read")
            return None

    async def handle(message: UserMessage) -> Optional[str]:
        text = message.text if isinstance(message.text, str) else ""
        if too_long(text):  # as received: what a client sends is what it is told about
            logger.info("message not processed: %d characters, over the limit of %d", len(text), MAX_MESSAGE_CHARS)
            reply = note(TOO_LONG, await language(message.sender_id))
            await message.output_channel.send_text_message(message.sender_id, reply)
            return TOO_LONG
        message.text = clean_message(text)
        command = silent_command(message.text)
        # Read before the turn: a restart forgets the language.
        command_language = await language(message.sender_id) if command else None
        counting = _CountingOutput(message.output_channel)
        message.output_channel = counting
        failed = False
        try:
            await on_new_message(message)
        except Exception:  # the visitor must never see a 500 or silence
            failed = True
            logger.exception("message handling failed")
        if counting.sent == 0:
            reply = (note(command, command_language) if command and not failed
                     else fallback_text(await language(message.sender_id)))
            await counting.inner.send_text_message(message.sender_id, reply)
        return None

    return handle


def _store_in(app_holder: Dict[str, Any]) -> Any:
    """The Rasa app's tracker store, once the app is known."""
    agent = getattr(getattr(app_holder.get("app"), "ctx", None), "agent", None)
    return getattr(agent, "tracker_store", None)


def _language_in(app_holder: Dict[str, Any]) -> LanguageOf:
    """``language_of`` reading the ``language`` slot through the Rasa app's agent, once the app is known."""

    async def language_of(sender_id: str) -> Optional[str]:
        store = _store_in(app_holder)
        if store is None:
            return None
        tracker = await store.retrieve(sender_id)
        value = tracker.get_slot("language") if tracker is not None else None
        return value if value in ("en", "es") else None

    return language_of


def _remember_app(bp: Blueprint, app_holder: Dict[str, Any]) -> None:
    @bp.listener("before_server_start")
    async def remember(app, _loop) -> None:
        app_holder["app"] = app


# --- origins -------------------------------------------------------------------------------------


def origin_allowed(origin: Optional[str], allowed: Iterable[str]) -> bool:
    """May a browser page from ``origin`` talk to the bot?

    No ``Origin`` header means no browser page (curl, another server): allowed.
    ``"*"`` in ``allowed`` allows every origin.
    """
    if not origin:
        return True
    allowed = {a.strip().rstrip("/") for a in allowed}
    return "*" in allowed or origin.strip().rstrip("/") in allowed


def allowed_origins() -> Iterable[str]:
    return firm().allowed_origins or []


# --- sessions ------------------------------------------------------------------------------------


class Sessions:
    """Server-issued conversation ids and their signed tokens (``<id>.<HMAC-SHA256, base64url>``)."""

    ID = re.compile(r"[0-9a-f]{32}")

    def __init__(self, key: str) -> None:
        self._key = action_token.validated(key, "chat session secret").encode()

    @classmethod
    def from_secret(cls) -> "Sessions":
        """With ``$CHAT_SESSION_SECRET``, else the secret kept in the data directory (created once)."""
        return cls(action_token.secret(SECRET_ENV_VAR, SECRET_FILE))

    @staticmethod
    def issue() -> str:
        return uuid.uuid4().hex

    def token(self, session_id: str) -> str:
        mac = hmac.new(self._key, b"intake-chat-session\0" + session_id.encode(), hashlib.sha256).digest()
        return session_id + "." + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()

    def verify(self, token: Any) -> Optional[str]:
        """The session id ``token`` was issued for, or None for anything else."""
        if not isinstance(token, str) or len(token) > 100:
            return None
        session_id = token.partition(".")[0]
        if not self.ID.fullmatch(session_id):
            return None
        return session_id if hmac.compare_digest(token.encode(), self.token(session_id).encode()) else None

    @classmethod
    def reserved(cls, sender: str) -> bool:
        """Is ``sender`` a server-issued id, or a token for one, that did not verify?"""
        return bool(cls.ID.fullmatch(sender.partition(".")[0]))


class Holders:
    """Which live socket holds which session (both ways), for this process."""

    def __init__(self) -> None:
        self.by_session: Dict[str, str] = {}
        self.by_socket: Dict[str, str] = {}

    def bind(self, sid: str, session_id: str) -> Optional[str]:
        """Give ``session_id`` to socket ``sid``; returns the session it held before, if another."""
        previous = self.release(sid)
        self.by_socket[sid] = session_id
        self.by_session[session_id] = sid
        return previous if previous != session_id else None

    def release(self, sid: str) -> Optional[str]:
        session_id = self.by_socket.pop(sid, None)
        if session_id is not None and self.by_session.get(session_id) == sid:
            del self.by_session[session_id]
        return session_id


#: Shared by both channels: REST refuses a session a live socket holds.
HOLDERS = Holders()


# --- REST ----------------------------------------------------------------------------------------


def _error(status: int, text: str, headers: Optional[Dict[str, str]] = None) -> HTTPResponse:
    return response.json({"error": text}, status=status, headers=headers)


async def _read_capped(request: Request, limit: int) -> Optional[bytes]:
    """The request body, or None when it is longer than ``limit`` (reading stops there)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    while True:
        chunk = await request.stream.read()
        if chunk is None:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)


def parse_rest_body(body: bytes) -> Tuple[Optional[Dict[str, str]], Optional[str]]:
    """``({"sender", "message"}, None)`` from a REST body, or ``(None, error)`` for a 400."""
    try:
        payload = json.loads(body.decode("utf-8")) if body.strip() else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, "the body must be JSON"
    if not isinstance(payload, dict):
        return None, "the body must be a JSON object"
    sender, message = payload.get("sender"), payload.get("message")
    if sender is None:
        return None, "sender is required"
    if not isinstance(sender, str):
        return None, "sender must be a string"
    if not isinstance(message, str):
        return None, "message must be a string"
    return {"sender": sender, "message": message}, None


class RestInput(rest.RestInput):
    """Rasa's REST channel (``/webhooks/rest/webhook``), guarded, for the firm's origins only.

    Open to non-browser clients with senders of their own; browsers only with
    a signed session token (see the module docstring).
    """

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        app_holder: Dict[str, Any] = {}
        handle = guarded(on_new_message, _language_in(app_holder))
        sessions = Sessions.from_secret()
        bp = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)
        _remember_app(bp, app_holder)

        @bp.middleware("request")
        async def refuse_other_origins(request: Request) -> Optional[HTTPResponse]:
            origin = request.headers.get("origin")
            if not origin_allowed(origin, allowed_origins()):
                logger.warning("REST request refused: origin %s is not in allowed_origins", origin)
                return _error(403, "origin not allowed")
            return None

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        # Streamed, so that no more than REST_MAX_BODY is ever read.
        @bp.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            body = await _read_capped(request, REST_MAX_BODY)
            if body is None:
                logger.warning("REST request refused: body over %d bytes", REST_MAX_BODY)
                return _error(413, f"the body must be at most {REST_MAX_BODY // 1024} KB")
            payload, problem = parse_rest_body(body)
            if payload is None:
                logger.warning("REST request refused: %s", problem)
                return _error(400, problem)
            sender, issued = payload["sender"], None
            session_id = sessions.verify(sender)
            if session_id is not None:
                if session_id in HOLDERS.by_session:
                    logger.warning("REST request refused: the session is held by a live socket")
                    return _error(409, "this conversation is open in another window")
                sender = session_id
            elif request.headers.get("origin"):
                # A browser without its token: a conversation of its own, never the one it named.
                sender = sessions.issue()
                issued = sessions.token(sender)
            elif not SENDER.fullmatch(sender):
                logger.warning("REST request refused: malformed sender")
                return _error(400, "sender must be 1-128 letters, digits or ._:@+-")
            elif sessions.reserved(sender):
                logger.warning("REST request refused: a server-issued session id without a valid token")
                return _error(403, "this conversation can only be continued with its session token")
            headers = {TOKEN_HEADER: issued, "Access-Control-Expose-Headers": TOKEN_HEADER} if issued else None
            message_id = retries.request_id(request.headers)
            if message_id and not issued:
                again = await retries.earlier_replies(_store_in(app_holder), sender, message_id)
                if again is not None:
                    logger.info("a retried request was answered from its first handling")
                    return response.json(again, headers=headers)
            collector = CollectingOutputChannel()
            await handle(UserMessage(payload["message"], collector, sender, input_channel=self.name(), message_id=message_id))
            return response.json(collector.messages, headers=headers)

        return bp


# --- socket.io -----------------------------------------------------------------------------------


class SocketIOOutput(socketio.SocketIOOutput):
    """Rasa's socket.io output, with custom payloads that reach the browser.

    Rasa 3.6 passes a custom payload to ``AsyncServer.emit`` as keyword
    arguments, so ``{"type": "updates", ...}`` raises ``TypeError`` and the
    rest of the turn is lost. Here it is sent the way the REST channel sends
    it, as ``{"custom": payload}`` (which rasa-webchat also understands).
    """

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class _SocketBlueprint(socketio.SocketBlueprint):
    def register(self, app, options) -> None:
        # engine.io checks max_http_buffer_size only after Sanic has read a polling body whole.
        app.config.REQUEST_MAX_SIZE = min(app.config.REQUEST_MAX_SIZE, SERVER_MAX_BODY)
        super().register(app, options)


class SocketIOInput(socketio.SocketIOInput):
    """Rasa's socket.io channel, guarded, for the firm's origins only, with server-issued signed sessions."""

    #: Seconds a socket holding a session has to answer ``session_check``.
    check_timeout = 3.0

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def get_output_channel(self) -> Optional[OutputChannel]:
        if self.sio is None:
            return super().get_output_channel()
        return SocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        app_holder: Dict[str, Any] = {}
        handle = guarded(on_new_message, _language_in(app_holder))
        self.sessions = Sessions.from_secret()
        # CORS handling stays off (cors_allowed_origins=[]), as in Rasa, so that its
        # headers don't clash with sanic-cors; the origin is checked on connect instead.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[], max_http_buffer_size=SOCKET_MAX_BYTES)
        self.sio = sio
        bp = _SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        _remember_app(bp, app_holder)
        namespace = self.namespace

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if not origin_allowed(origin, allowed_origins()):
                logger.warning("socket.io connection refused: origin %s is not in allowed_origins", origin)
                return False
            if self.jwt_key:  # as Rasa's channel: credentials.yml may ask for a JWT
                token = auth.get("token") if isinstance(auth, dict) else None
                if not token or not channel.decode_bearer_token(token, self.jwt_key, self.jwt_algorithm):
                    return False
            return True

        @sio.on("disconnect", namespace=namespace)
        async def disconnect(sid: Text) -> None:
            HOLDERS.release(sid)

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: Text, *args: Any) -> None:
            data = args[0] if args else None
            session_id = self.sessions.verify(data.get("session_token") if isinstance(data, dict) else None)
            if session_id is not None and (
                not await self._free_for(session_id, sid) or HOLDERS.by_session.get(session_id) not in (None, sid)
            ):  # (the second test: taken by another socket while this one was checking)
                logger.info("socket.io: a session in use by another live socket was requested; a new one was issued")
                session_id = None
            session_id = session_id or self.sessions.issue()
            previous = HOLDERS.bind(sid, session_id)
            if previous:
                sio.leave_room(sid, previous, namespace=namespace)
            sio.enter_room(sid, session_id, namespace=namespace)
            await sio.emit("session_token", self.sessions.token(session_id), room=sid, namespace=namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: Text, *args: Any) -> Dict[str, str]:
            # The reply to the client's acknowledgement callback: {} or {"error": reason}.
            session_id = HOLDERS.by_socket.get(sid)
            if session_id is None:
                logger.warning("socket.io message refused: no session on this connection")
                return {"error": "no_session"}
            data = args[0] if args else None
            text = data.get("message") if isinstance(data, dict) else None
            if not isinstance(text, str):
                logger.warning("socket.io message refused: the message is not a string")
                return {"error": "bad_message"}
            output = SocketIOOutput(sio, self.bot_message_evt)
            outcome = await handle(UserMessage(text, output, session_id, input_channel=self.name()))
            return {"error": outcome} if outcome else {}

        return bp

    async def _free_for(self, session_id: str, sid: str) -> bool:
        """May socket ``sid`` take ``session_id``? Not while another live socket holds it."""
        other = HOLDERS.by_session.get(session_id)
        if other is None or other == sid:
            return True
        namespace = self.namespace or "/"
        if self.sio.manager.is_connected(other, namespace):
            try:
                await self.sio.call("session_check", to=other, namespace=namespace, timeout=self.check_timeout)
                return False
            except SocketIOError:  # no answer: a connection that died unnoticed
                await self.sio.disconnect(other, namespace=namespace)
        HOLDERS.release(other)
        return True


__all__ = ["NOTES", "RestInput", "SocketIOInput", "SocketIOOutput", "Sessions", "channel", "guarded", "note", "origin_allowed"]
