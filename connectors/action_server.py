"""The action server, started in place of ``rasa run actions``: Rasa SDK's own app, locked down.

``rasa run actions`` listens on every interface, answers anyone, and parses a
``text/plain`` body as JSON (so even a cross-site "simple" POST from a browser
runs actions). This launcher builds the same Sanic app with rasa_sdk's public
``create_app`` and:

* binds to ``127.0.0.1`` unless ``$ACTION_SERVER_HOST`` says otherwise;
* sends no CORS headers (only the Rasa server calls it, never a browser);
* supplies the domain's slots and forms itself, read once from ``domain.yml``:
  the Rasa server no longer sends the whole domain (95 KB of JSON) with every
  call (``enable_selective_domain`` in ``endpoints.yml``);
* refuses with 401 every request but ``GET /health`` that lacks the shared
  secret in the ``X-Action-Token`` header (``bot/action_token.py``; Rasa
  sends it through ``endpoints.yml``), and every POST whose body is not
  declared ``application/json``. Refusals are logged with the method, path
  and reason only: never the body, headers or address.

    python -m connectors.action_server --port 5055 [--actions actions]
"""
from __future__ import annotations

import argparse
import hmac
import json
import logging
import os
import sys
import types
import zlib
from pathlib import Path
from typing import Any, Dict, Optional, Union

import yaml

from rasa_sdk import utils
from rasa_sdk.constants import DEFAULT_SERVER_PORT
from rasa_sdk.endpoint import create_app
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import action_token

logger = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
HOST_ENV_VAR = "ACTION_SERVER_HOST"
OPEN_PATHS = frozenset({"/health"})  # answers {"status": "ok"}, nothing more
DOMAIN = Path(__file__).resolve().parent.parent / "domain.yml"
#: What the actions and Rasa SDK read of the domain: slot mappings (FormValidationAction,
#: the "not an answer" check) and the forms' required slots and ignored intents.
DOMAIN_SECTIONS = ("slots", "forms")


def bind_host() -> str:
    """Where to listen: ``$ACTION_SERVER_HOST``, else loopback only."""
    return os.environ.get(HOST_ENV_VAR, "").strip() or DEFAULT_HOST


def _refuse(request: Request, status: int, reason: str) -> HTTPResponse:
    logger.warning("action server refused %s %s: %s", request.method, request.path, reason)
    return response.json({"error": "unauthorized" if status == 401 else "unsupported media type"}, status=status)


def require_token(app: Sanic, token: str) -> Sanic:
    """Refuse every request but the open ones without ``token`` in ``X-Action-Token``."""
    expected = action_token.validated(token, "action server").encode()

    async def check(request: Request) -> Optional[HTTPResponse]:
        if request.method in ("GET", "HEAD") and request.path in OPEN_PATHS:
            return None
        given = request.headers.get(action_token.HEADER, "")
        if not hmac.compare_digest(given.encode("utf-8", "replace"), expected):
            return _refuse(request, 401, "missing token" if not given else "wrong token")
        if request.method not in ("GET", "HEAD"):
            media_type = (request.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if media_type != "application/json":
                return _refuse(request, 415, "body not declared application/json")
        return None

    app.register_middleware(check, "request")
    return app


def domain_sections(path: Path = DOMAIN) -> Dict[str, Any]:
    """The parts of the domain the actions read, as Rasa would send them (checked by a test)."""
    loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {section: loaded.get(section) or {} for section in DOMAIN_SECTIONS}


def supply_domain(app: Sanic, sections: Dict[str, Any]) -> Sanic:
    """Give every action call without a domain (selective domain) the project's own sections."""

    async def add(request: Request) -> None:
        if request.method != "POST" or request.path != "/webhook":
            return
        deflated = request.headers.get("Content-Encoding") == "deflate"
        try:
            call = json.loads(zlib.decompress(request.body)) if deflated else request.json
        except (ValueError, zlib.error):
            return  # rasa_sdk answers a body it cannot read
        if not isinstance(call, dict) or call.get("domain"):
            return
        call["domain"] = sections
        if deflated:  # rasa_sdk reads a deflated body itself
            request.body = zlib.compress(json.dumps(call).encode("utf-8"))

    app.register_middleware(add, "request")
    return app


def build_app(action_package: Union[str, types.ModuleType] = "actions", token: Optional[str] = None,
              domain: Optional[Dict[str, Any]] = None) -> Sanic:
    """Rasa SDK's action server app with the token check, no CORS, and the domain's sections supplied."""
    app = create_app(action_package, cors_origins=None)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)  # as rasa_sdk.endpoint.run does
    app = require_token(app, token if token is not None else action_token.action_server_token())
    return supply_domain(app, domain if domain is not None else domain_sections())


def without_tensorflow() -> None:
    """Keep TensorFlow out of this process, before the actions are imported.

    No action needs it, but spaCy's thinc imports it when it is installed (Rasa
    installs it): 360 MB and 2 s of start-up here for nothing. With the module's
    entry None, thinc's import fails as if it were absent, and it does without.
    Only the server's own process: tests import actions beside Rasa."""
    sys.modules.setdefault("tensorflow", None)  # type: ignore[arg-type]


def main(argv: Optional[list] = None) -> None:
    without_tensorflow()
    parser = argparse.ArgumentParser(description="Start the action server (loopback, shared secret).")
    parser.add_argument("--port", type=int, default=DEFAULT_SERVER_PORT)
    parser.add_argument("--actions", default="actions", help="package with the custom actions")
    utils.add_logging_level_option_arguments(parser)
    args = parser.parse_args(argv)

    logging.getLogger("matplotlib").setLevel(logging.WARN)
    utils.configure_colored_logging(args.loglevel)
    utils.update_sanic_log_level()

    app = build_app(args.actions)
    host = bind_host()
    logger.info("Action endpoint is up and running on http://%s:%s (token required)", host, args.port)
    app.run(host, args.port, workers=utils.number_of_sanic_workers())


if __name__ == "__main__":
    main()
