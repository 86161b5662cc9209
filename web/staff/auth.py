"""Login required, CSRF and security headers for every staff route, in one place.

:class:`StaffGuard` is pure ASGI middleware around the whole staff app:

- **Sessions.** The browser holds a random session token in a cookie signed
  with the app's secret (``itsdangerous``); the server keeps only the
  token's hash (``bot.staff.accounts``). The cookie is ``HttpOnly``,
  ``SameSite=Lax``, scoped to the app's path, and ``Secure`` whenever the
  request came over HTTPS or the deployment says the site is behind TLS
  (``secure_cookies``, on outside development: see ``bot.settings``).
- **Device cookies.** A successful login leaves a signed device cookie for
  that account on the login page's path; the login throttle gives such a
  browser its own allowance (``bot.staff.accounts``).
- **Login required.** Every path except :data:`PUBLIC_PATHS` (the login
  page) and :data:`TOKEN_PATHS` (signed alert links) needs a live session:
  pages redirect to the login page, other methods get 403.
- **CSRF.** Every POST (any method but GET/HEAD/OPTIONS) must carry a
  ``csrf_token`` form field equal to the session's token (on the login page:
  to the login cookie's), and, when the browser sends ``Origin``, come from
  this origin. The body is read here once and replayed to the route.
- **Headers.** A strict Content-Security-Policy (no scripts at all; the one
  stylesheet allowed by its hash), ``no-store`` caching, no framing.
- **Off the event loop.** The session lookup (SQLite) runs in a worker
  thread, as every view does (``web.staff.views.blocking``).

Routes then check *what* the user may do with ``requires(action)``, which
calls :func:`bot.staff.permissions.allowed`.
"""
from __future__ import annotations

import functools
import hmac
import secrets
from typing import Awaitable, Callable, Dict, Optional, Tuple
from urllib.parse import parse_qsl

from itsdangerous import BadSignature, TimestampSigner
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.staff import accounts, db as staff_db
from bot.staff.keys import secret_key  # also read from here by callers of web.staff.auth
from web.staff.templating import can, forbidden

SESSION_COOKIE = "staff_session"
LOGIN_CSRF_COOKIE = "staff_login_csrf"
DEVICE_COOKIE = "staff_device"
#: How long a browser stays known to an account after its last login.
DEVICE_MAX_AGE = 180 * 24 * 3600
PUBLIC_PATHS = frozenset({"/login"})
#: Paths whose last part is a signed token that is its own authority (an
#: alert's acknowledge link): reachable without a session, and the token in
#: the path stands in for the CSRF token, which an attacker cannot know either.
TOKEN_PATHS = ("/alerts/ack/",)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_FORM_BYTES = 256 * 1024
#: Scope key: set ``Secure`` on cookies whatever the request's scheme.
SECURE_COOKIES = "staff.secure_cookies"


def _signer() -> TimestampSigner:
    return TimestampSigner(secret_key(), salt="staff-session")


def sign_token(token: str) -> str:
    return _signer().sign(token.encode("utf-8")).decode("utf-8")


def unsign_token(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    try:
        return _signer().unsign(value.encode("utf-8"), max_age=accounts.ABSOLUTE_TIMEOUT).decode("utf-8")
    except (BadSignature, UnicodeDecodeError):
        return None


def route_path(scope: Scope) -> str:
    """The path inside the staff app (without the ``/staff`` mount)."""
    path, root = scope.get("path", ""), scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root):]
    return path or "/"


def is_https(scope: Scope) -> bool:
    return scope.get("scheme") == "https"


def secure_cookies(scope: Scope) -> bool:
    return is_https(scope) or bool(scope.get(SECURE_COOKIES))


def client_id(scope: Scope) -> str:
    """The client's address, as ``web.app.ClientAddress`` established it from the
    connection (forwarded headers count only from the configured proxies)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def peer_address(scope: Scope) -> str:
    """The address of the connection itself (the proxy's, behind one)."""
    peer = scope.get("peer") or scope.get("client")
    return str(peer[0]) if peer else "unknown"


# --- device cookies -------------------------------------------------------------------


def _device_signer() -> TimestampSigner:
    return TimestampSigner(secret_key(), salt="staff-device")


def device_cookie_value(user: accounts.User, device_id: Optional[str] = None) -> str:
    """A signed device cookie for ``user``: the browser's device id (kept when it
    had one for this user, so its failure count stays its own), re-dated now."""
    device_id = device_id or secrets.token_urlsafe(18)
    return _device_signer().sign(f"{user.id}:{device_id}".encode("utf-8")).decode("utf-8")


def read_device(value: Optional[str]) -> Optional[accounts.Device]:
    """The device a signed, unexpired device cookie names; None otherwise."""
    if not value:
        return None
    try:
        raw = _device_signer().unsign(value.encode("utf-8"), max_age=DEVICE_MAX_AGE).decode("utf-8")
        user_id, device_id = raw.split(":", 1)
        return accounts.Device(int(user_id), device_id)
    except (BadSignature, UnicodeDecodeError, ValueError):
        return None


def cookie_path(scope: Scope, path: str = "/") -> str:
    """``path`` inside the app as a cookie path (``/staff``, ``/staff/login``)."""
    root = (scope.get("root_path") or "").rstrip("/")
    if path == "/":
        return root or "/"
    return root + path


def set_cookie(response: Response, scope: Scope, name: str, value: str, *, path: str = "/", max_age: Optional[int] = None) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=cookie_path(scope, path),
        httponly=True,
        samesite="lax",
        secure=secure_cookies(scope),
    )


def delete_cookie(response: Response, scope: Scope, name: str, *, path: str = "/") -> None:
    response.delete_cookie(name, path=cookie_path(scope, path), httponly=True, samesite="lax", secure=secure_cookies(scope))


def _cookies(scope: Scope) -> Dict[str, str]:
    from http.cookies import SimpleCookie

    header = b"; ".join(v for k, v in scope.get("headers", []) if k == b"cookie").decode("latin-1")
    jar = SimpleCookie()
    try:
        jar.load(header)
    except Exception:
        return {}
    return {k: m.value for k, m in jar.items()}


def _header(scope: Scope, name: bytes) -> Optional[str]:
    for k, v in scope.get("headers", []):
        if k == name:
            return v.decode("latin-1")
    return None


def _own_origins(scope: Scope) -> Tuple[str, ...]:
    """This app's origin as the browser names it; with ``secure_cookies`` (TLS
    ended at a proxy that may not say so) its https form too."""
    host = _header(scope, b"host") or ""
    own = f"{scope.get('scheme', 'http')}://{host}"
    return (own, f"https://{host}") if scope.get(SECURE_COOKIES) else (own,)


def _session(token: Optional[str]) -> Optional[accounts.Session]:
    return accounts.get_session(staff_db.intake_db(), token) if token else None


class StaffGuard:
    def __init__(self, app: ASGIApp, *, style_hash: str = "", secure_cookies: bool = True) -> None:
        self.app = app
        self.secure_cookies = secure_cookies
        parts = ["default-src 'none'"]
        if style_hash:
            parts.append(f"style-src '{style_hash}'")
        parts += ["img-src 'self' data:", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'"]
        self.csp = "; ".join(parts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self._with_headers(send)
        scope[SECURE_COOKIES] = self.secure_cookies
        path = route_path(scope)
        method = scope["method"]
        cookies = _cookies(scope)
        token = unsign_token(cookies.get(SESSION_COOKIE))
        session = await run_in_threadpool(_session, token)
        scope["staff_session"] = session
        scope["staff_token"] = token if session else None

        token_path = path.startswith(TOKEN_PATHS)
        if session is None and path not in PUBLIC_PATHS and not token_path:
            if method in ("GET", "HEAD"):
                target = (scope.get("root_path") or "") + "/login"
                response: Response = RedirectResponse(target, status_code=303)
            else:
                response = PlainTextResponse("Log in first.", status_code=403)
            await response(scope, receive, send)
            return

        if method not in SAFE_METHODS:
            body, too_big = await _read_body(receive)
            if too_big:
                await PlainTextResponse("Request too large.", status_code=413)(scope, receive, send)
                return
            form = _parse_form(scope, body)
            expected = session.csrf_token if session else cookies.get(LOGIN_CSRF_COOKIE)
            origin = _header(scope, b"origin")
            origin_ok = origin is None or origin in _own_origins(scope)
            given = form.get("csrf_token") or ""
            csrf_ok = token_path or bool(expected and hmac.compare_digest(given.encode(), expected.encode()))
            if not origin_ok or not csrf_ok:
                await PlainTextResponse("The form expired or did not come from this site. Go back, reload and try again.", status_code=403)(
                    scope, receive, send
                )
                return
            receive = _replay(body, receive)

        await self.app(scope, receive, send)

    def _with_headers(self, send: Send) -> Send:
        csp = self.csp.encode("latin-1")

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = [
                    (b"content-security-policy", csp),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                    (b"cache-control", b"no-store"),
                ]
                headers.extend((k, v) for k, v in extra if k not in names)
                message = {**message, "headers": headers}
            await send(message)

        return wrapped


async def _read_body(receive: Receive) -> Tuple[bytes, bool]:
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            return b"", True
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks), False


def _parse_form(scope: Scope, body: bytes) -> Dict[str, str]:
    content_type = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return {}
    try:
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        return {}


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


# --- for routes ---------------------------------------------------------------------


def current_session(request: Request) -> accounts.Session:
    return request.scope["staff_session"]


def requires(action: str) -> Callable:
    """Declare (and enforce) the permission a route needs; 403 without it."""

    def decorate(endpoint: Callable[[Request], Awaitable[Response]]):
        @functools.wraps(endpoint)
        async def guarded(request: Request) -> Response:
            if not can(request, action):
                return forbidden(request)
            return await endpoint(request)

        guarded.required_action = action  # type: ignore[attr-defined]
        return guarded

    return decorate
