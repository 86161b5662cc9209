"""The action calls' JSON bodies written with ujson, Sanic's own JSON library, instead of the standard library's.

Every action call carries the whole session's events (the actions read the
session's messages), and aiohttp writes that body with ``json.dumps``: 7% of
the Rasa server's time under load (``make profile-chat``). ujson (installed
with Sanic, and what the action server's Sanic reads the body with) writes the
same JSON values about three times faster: the same numbers (floats round-trip
exactly, large integers and NaN as ``json`` writes them), strings escaped the
same way (``\\u`` escapes for non-ASCII), only without the spaces after ``,``
and ``:``. Anything ujson refuses is written by ``json.dumps`` as before, so a
body that could not be written still fails the same way.

The session is also kept between calls. Rasa's ``EndpointConfig.request``
opens a client session for each request (``async with self.session()``) and
closes it after, so every action call made a new connection to the action
server, and that server accepted one (3% of the Rasa server's time under load,
more of the action server's). Here ``session()`` hands ``request`` one session
per endpoint and event loop, which ``async with`` leaves open: its connections
are reused. Each request is otherwise the same: the same headers, auth and
timeout, and no cookies kept between calls (as a new session had none). An
idle connection is closed by the Rasa server after 2 s, before the action
server's Sanic closes it (5 s), so a request is never sent on a connection
the other side is closing.

Installed by ``connectors.tracker_store`` (the one module of ours that only the
Rasa server imports): Rasa's ``EndpointConfig.session``, which makes a client
session per request, is replaced by the kept session with this writer.
``tests/test_action_call_json.py`` pins the Rasa code it replaces, compares
the bodies of real trackers and checks that calls share connections.
"""
from __future__ import annotations

import asyncio
import json
from typing import Any, Dict, Optional

import aiohttp
import ujson
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.utils.endpoints import EndpointConfig


#: Rasa's own, which :func:`install` replaces (its source is pinned by a test).
RASA_SESSION = EndpointConfig.session


def dumps(value: Any) -> str:
    """``json.dumps(value)``'s JSON value, written by ujson when it can."""
    try:
        return ujson.dumps(value, escape_forward_slashes=False)
    except (TypeError, OverflowError, ValueError):
        return json.dumps(value)


#: Seconds an idle connection to the action server stays open: less than Sanic's keep-alive (5 s).
IDLE_SECONDS = 2.0


def _new_session(self: EndpointConfig, kept: bool = True) -> aiohttp.ClientSession:
    # Rasa 3.6's EndpointConfig.session (rasa/utils/endpoints.py), with json_serialize and, when kept,
    # no cookies kept between calls and idle connections closed after IDLE_SECONDS.
    if self.basic_auth:
        auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
    else:
        auth = None
    return aiohttp.ClientSession(
        headers=self.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        json_serialize=dumps,
        **({"cookie_jar": aiohttp.DummyCookieJar(), "connector": aiohttp.TCPConnector(keepalive_timeout=IDLE_SECONDS)}
           if kept else {}),
    )


class Kept:
    """What ``async with endpoint.session() as session`` enters: a session that stays open after."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, *exc_info: Any) -> None:
        return None

    def __getattr__(self, name: str) -> Any:  # anything else Rasa may do with a session
        return getattr(self.session, name)


def _session(self: EndpointConfig) -> Any:
    """The endpoint's session for the running event loop, made when missing or closed."""
    try:
        loop: Optional[asyncio.AbstractEventLoop] = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop is None:
        return _new_session(self, kept=False)  # no loop to keep it on: a session of its own, as Rasa's
    kept: Dict[asyncio.AbstractEventLoop, aiohttp.ClientSession] = self.__dict__.setdefault("_kept_sessions", {})
    session = kept.get(loop)
    if session is None or session.closed:
        for other in [other for other in kept if other.is_closed()]:
            del kept[other]
        session = kept[loop] = _new_session(self)
    return Kept(session)


def install() -> None:
    """This process's endpoint requests (the action calls): kept sessions, bodies written with :func:`dumps`."""
    EndpointConfig.session = _session  # type: ignore[method-assign]
