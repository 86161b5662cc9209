"""The one web process: the firm's demo site at ``/``, calendar invites at
``/bookings`` and the staff app at ``/staff``.

Run with ``uvicorn web.app:app --port 8000 --no-proxy-headers`` or
``python -m web`` (same thing). Without ``--no-proxy-headers`` uvicorn itself
believes ``X-Forwarded-For`` from 127.0.0.1, so anyone on the machine could
choose their address; :class:`ClientAddress` does that job instead, for the
configured proxies only.

Two pieces of middleware wrap everything, error pages included:

* :class:`ClientAddress`: the client's address and scheme. ``X-Forwarded-For``
  and ``X-Forwarded-Proto`` count only when the connection comes from one of
  ``trusted_proxies`` (``bot.settings.deployment``); the connection's own
  address stays in ``scope["peer"]``.
* :class:`SecurityHeaders`: every response carries the Content-Security-Policy
  and the other security headers, built from configuration once (the Rasa
  server's URL from ``RASA_URL`` / ``website_origin``, never the request's
  ``Host``). A sub-app may set stricter ones of its own (the staff app does).

At start (ASGI lifespan) the data directory and its databases and secrets are
made private (``bot.settings.protect_data_dir``).
"""
from __future__ import annotations

import contextlib
import ipaddress
from typing import AsyncIterator, Iterable, List, Optional, Tuple

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot import settings
from bot.firm import deployment as firm_deployment


def _address(text: str) -> Optional[str]:
    """An IP address from one ``X-Forwarded-For`` entry (``1.2.3.4``, ``1.2.3.4:5``,
    ``[::1]:5``, ``::1``); None for anything else."""
    text = text.strip()
    if text.startswith("["):
        text = text[1 : text.find("]")] if "]" in text else ""
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


class ClientAddress:
    """Sets ``scope["client"]`` (and ``scheme``) from forwarded headers sent by a
    trusted proxy only; keeps the connection's address in ``scope["peer"]``.

    The client is the nearest address in ``X-Forwarded-For``, read from the
    right, that is not itself a trusted proxy: entries further left were
    written by the client and prove nothing.
    """

    def __init__(self, app: ASGIApp, trusted: Iterable = ()) -> None:
        self.app = app
        self.trusted = tuple(trusted)

    def _trusts(self, host: Optional[str]) -> bool:
        if not host or not self.trusted:
            return False
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(ip in net for net in self.trusted if net.version == ip.version)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            peer = scope.get("client")
            scope["peer"] = peer
            if peer and self._trusts(peer[0]):
                forwarded: List[str] = []
                proto = None
                for name, value in scope.get("headers", []):
                    if name == b"x-forwarded-for":
                        forwarded += value.decode("latin-1").split(",")
                    elif name == b"x-forwarded-proto":
                        proto = value.decode("latin-1").split(",")[-1].strip().lower()
                client = peer[0]
                for entry in reversed(forwarded):
                    address = _address(entry)
                    if address is None:
                        break
                    client = address
                    if not self._trusts(address):
                        break
                scope["client"] = (client, 0)
                if proto in ("http", "https"):
                    scope["scheme"] = proto if scope["type"] == "http" else proto.replace("http", "ws")
        await self.app(scope, receive, send)


class SecurityHeaders:
    """The security headers on every response, unless the app set its own."""

    def __init__(self, app: ASGIApp, rasa: str, *, hsts: bool = False) -> None:
        from web.site import content_security_policy

        self.app = app
        self.hsts = hsts
        self.policies = {
            relaxed: content_security_policy(rasa, relaxed_styles=relaxed).encode("latin-1") for relaxed in (False, True)
        }

    def headers(self, scope: Scope) -> List[Tuple[bytes, bytes]]:
        # rasa-webchat (development only) styles itself inline.
        relaxed = scope.get("path", "").startswith("/demo/")
        out = [
            (b"content-security-policy", self.policies[relaxed]),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
            (b"x-frame-options", b"SAMEORIGIN"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]
        if self.hsts or scope.get("scheme") == "https":
            out.append((b"strict-transport-security", b"max-age=31536000"))
        return out

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.headers(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in extra if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


@contextlib.asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    # Files made by other processes (Rasa creates tracker.db with the default umask),
    # or copied in loosely, are made private again on every start.
    settings.protect_data_dir()
    yield


def create_app(rasa: Optional[str] = None, deployment: Optional[settings.Deployment] = None) -> ASGIApp:
    """The whole web process. ``rasa``: the Rasa server's URL (default: see
    ``web.site.rasa_url``); ``deployment``: default ``bot.firm.deployment()``."""
    from web import bookings, site as site_module
    from web.staff import app as staff_app

    deployment = deployment or firm_deployment()
    server = site_module.rasa_url(rasa)
    routes = [Mount("/bookings", app=bookings.create_app(), name="bookings")]
    routes.append(Mount("/staff", app=staff_app.create_app(secure_cookies=deployment.secure_cookies), name="staff"))
    routes.append(Mount("/", app=site_module.create_app(server, development=deployment.development), name="site"))
    app = Starlette(routes=routes, lifespan=_lifespan)
    # Outside Starlette's own error handling, so that a 500 page has the headers too.
    return ClientAddress(SecurityHeaders(app, server, hsts=deployment.secure_cookies), deployment.trusted_proxies)


app = create_app()
