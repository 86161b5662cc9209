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

Installed by ``connectors.tracker_store`` (the one module of ours that only the
Rasa server imports): Rasa's ``EndpointConfig.session``, which makes a client
session per request, is replaced by the same session with this writer.
``tests/test_action_call_json.py`` pins the Rasa code it replaces and compares
the bodies of real trackers.
"""
from __future__ import annotations

import json
from typing import Any

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


def _session(self: EndpointConfig) -> aiohttp.ClientSession:
    # Rasa 3.6's EndpointConfig.session (rasa/utils/endpoints.py), with json_serialize.
    if self.basic_auth:
        auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
    else:
        auth = None
    return aiohttp.ClientSession(
        headers=self.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        json_serialize=dumps,
    )


def install() -> None:
    """Write the JSON bodies of this process's endpoint requests (the action calls) with :func:`dumps`."""
    EndpointConfig.session = _session  # type: ignore[method-assign]
