"""The firm's demo website (home, posted updates), with the chat widget on every page.

``web.app`` mounts :func:`create_app` at ``/``. The widget is one
``<script>`` tag (``templates/_widget.html``) configured from ``firm.yml``:

* the Rasa server the widget talks to: ``$RASA_URL`` (for example
  ``https://chat.firm.example``); without it, the host of ``website_origin``
  on port 5005. Never the request's ``Host`` header, which the client chooses;
* the firm's name and assistant's name (``name``, ``assistant_name``);
* colours and the opening message, from an optional ``widget:`` section::

      widget:
        primary_color: "#1d4e89"       # header, launcher, visitor's bubbles
        primary_text_color: "#ffffff"  # text on primary_color (AA contrast is checked)
        initial_message: "/greet"      # sent (not shown) when a conversation begins

Browser code comes from this site only, never from a CDN: the widget from
``web/static/widget/``, socket.io-client (and rasa-webchat for its test page)
from ``node_modules`` (``npm ci``), served under ``/vendor/``. Every response
has a Content-Security-Policy (:func:`content_security_policy`, added by
``web.app`` for the whole process) that allows scripts, styles and images from
this site only and connections to this site and the Rasa server only.

``/demo/rasa-webchat`` (the third-party client, for comparison) exists in
development only: that client turns Markdown links in any message, the
visitor's own included, into live links.
"""
from __future__ import annotations

import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Dict, List, Optional
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import Receive, Scope, Send

from bot import settings, store, updates
from bot.firm import Firm, firm
from bot.firm import deployment as firm_deployment

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
NODE_MODULES = settings.PROJECT_ROOT / "node_modules"
#: URL path -> folder of browser code installed by ``npm ci`` (package.json).
VENDOR = {
    "socket.io-client": NODE_MODULES / "socket.io-client" / "dist",
    "rasa-webchat": NODE_MODULES / "rasa-webchat" / "lib",
}
RASA_PORT = 5005
UPDATES_LIMIT = 100

DEFAULT_PRIMARY = "#1d4e89"
DEFAULT_PRIMARY_TEXT = "#ffffff"
DEFAULT_INITIAL_MESSAGE = "/greet"
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


# --- colours -------------------------------------------------------------------


def _rgb(colour: str) -> tuple:
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))


def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# --- configuration ---------------------------------------------------------------


@dataclass(frozen=True)
class WidgetSettings:
    firm_name: str
    assistant_name: str
    primary_color: str
    primary_text_color: str
    initial_message: str


def widget_settings(profile: Optional[Firm] = None) -> WidgetSettings:
    """The widget's look and opening message, from ``firm.yml`` (``widget:``) or defaults.

    Colours that are not ``#rgb``/``#rrggbb``, or whose pair has less than the
    WCAG AA contrast of 4.5:1 (normal text), are replaced by the defaults.
    """
    f = profile or firm()
    raw: Dict[str, Any] = f.widget if isinstance(f.widget, dict) else {}
    primary = str(raw.get("primary_color") or DEFAULT_PRIMARY)
    text = str(raw.get("primary_text_color") or DEFAULT_PRIMARY_TEXT)
    if not (_HEX.match(primary) and _HEX.match(text)) or contrast_ratio(primary, text) < 4.5:
        logger.warning("widget colours %s on %s are invalid or below WCAG AA contrast; using defaults", text, primary)
        primary, text = DEFAULT_PRIMARY, DEFAULT_PRIMARY_TEXT
    return WidgetSettings(
        firm_name=f.name,
        assistant_name=f.assistant_name,
        primary_color=primary,
        primary_text_color=text,
        initial_message=str(raw.get("initial_message") or DEFAULT_INITIAL_MESSAGE),
    )


def rasa_url(configured: Optional[str] = None, profile: Optional[Firm] = None) -> str:
    """The Rasa server's base URL as the browser should reach it, from configuration
    only: ``configured``, else ``$RASA_URL``, else ``website_origin``'s host on port 5005."""
    url = configured if configured is not None else os.environ.get("RASA_URL")
    if url:
        return url.rstrip("/")
    origin = urlsplit((profile or firm()).website_origin)
    host = origin.hostname or "localhost"
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    return f"{origin.scheme or 'https'}://{host}:{RASA_PORT}"


def content_security_policy(rasa: str, relaxed_styles: bool = False) -> str:
    """This site's scripts, styles and images only; connections to this site and Rasa only."""
    parts = urlsplit(rasa)
    origin = f"{parts.scheme}://{parts.netloc}"
    ws = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"
    style = "'self' 'unsafe-inline'" if relaxed_styles else "'self'"
    return (
        "default-src 'self'; script-src 'self'; "
        f"style-src {style}; img-src 'self' data:; font-src 'self'; "
        f"connect-src 'self' {origin} {ws}; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
    )


# --- posted updates ------------------------------------------------------------------


def _local_path(url: str, origin: str) -> str:
    """A post URL on the firm's own site as a path on this site (works on any host/port)."""
    origin = origin.rstrip("/")
    if url.startswith(origin + "/"):
        return url[len(origin) :]
    return url


def _posts_db():
    """The intake database, when it exists and holds posts (None otherwise); close it after use."""
    path = settings.intake_db_path()
    if not path.exists():
        return None
    db = store.connect(path)
    if "posts" not in db.table_names():
        db.conn.close()
        return None
    return db


def recent_posts(limit: int = UPDATES_LIMIT) -> List[Dict[str, Any]]:
    """The newest posted updates, or ``[]`` when there are none."""
    try:
        db = _posts_db()
        if db is None:
            return []
        try:
            origin = firm().website_origin
            return [
                {
                    "title": p["title"],
                    "href": _local_path(p["url"], origin),
                    "published": p["published"],
                    "summary": p.get("summary") or "",
                }
                for p in islice(updates.iter_posts(db), limit)
            ]
        finally:
            db.conn.close()
    except (sqlite3.Error, KeyError) as exc:
        logger.warning("posted updates unavailable: %s", exc)
        return []


def find_post(slug: str) -> Optional[Dict[str, Any]]:
    """One post by the slug of its URL on the firm's site, or ``None``."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", slug):
        return None
    try:
        db = _posts_db()
        if db is None:
            return None
        try:
            return updates.get_post(db, f"{firm().website_origin.rstrip('/')}/updates/{slug}")
        finally:
            db.conn.close()
    except sqlite3.Error as exc:
        logger.warning("posted update unavailable: %s", exc)
        return None


# --- the app ---------------------------------------------------------------------------


class VendorFiles:
    """Files from an npm package; a plain 404 naming the fix until ``npm ci`` has run."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: Optional[StaticFiles] = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.files is None:
            if not self.folder.is_dir():
                response = PlainTextResponse(f"{self.folder.relative_to(settings.PROJECT_ROOT)} is missing: run `npm ci`", 404)
                await response(scope, receive, send)
                return
            self.files = StaticFiles(directory=str(self.folder))
        await self.files(scope, receive, send)


def create_app(rasa: Optional[str] = None, *, development: Optional[bool] = None) -> Starlette:
    """The demo site. ``rasa``: the Rasa server's URL (see :func:`rasa_url`);
    ``development``: serve the rasa-webchat test page (default: the deployment's)."""
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    server = rasa_url(rasa)
    if development is None:
        development = firm_deployment().development

    def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
        f = firm()
        context.update(firm=f, widget=widget_settings(f), rasa_url=server)
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    # The posted updates are read from SQLite in a worker thread, off the event loop.
    async def home(request: Request) -> Response:
        return render(request, "home.html", page="home", posts=await run_in_threadpool(recent_posts, 3))

    async def updates_list(request: Request) -> Response:
        return render(request, "updates.html", page="updates", posts=await run_in_threadpool(recent_posts))

    async def update_detail(request: Request) -> Response:
        post = await run_in_threadpool(find_post, request.path_params["slug"])
        if post is None:
            raise HTTPException(404)
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", post.get("body") or "") if p.strip()]
        return render(request, "post.html", page="updates", post=post, paragraphs=paragraphs)

    async def webchat_test(request: Request) -> Response:
        if not development:
            raise HTTPException(404)
        return render(request, "webchat_test.html", page="webchat")

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok")

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        return render(request, "not_found.html", status_code=status, page=None)

    routes = [
        Route("/", home, name="home"),
        Route("/updates", updates_list, name="updates"),
        Route("/updates/{slug}", update_detail, name="update"),
        Route("/demo/rasa-webchat", webchat_test, name="webchat_test"),
        Route("/healthz", health, name="health"),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    routes += [Mount(f"/vendor/{name}", app=VendorFiles(folder), name=f"vendor-{name}") for name, folder in VENDOR.items()]
    return Starlette(routes=routes, exception_handlers={404: not_found})
