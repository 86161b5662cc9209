"""Jinja2 for the staff app: autoescape on for every template, whatever its name.

Nothing is marked safe: visitor text, staff notes and search snippets are
all rendered as text. The one stylesheet is inlined (allowed by its hash in
the Content-Security-Policy) and contains no character that escaping would
change, which :func:`stylesheet` checks.
"""
from __future__ import annotations

import base64
import hashlib
import re
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Optional, Tuple
from zoneinfo import ZoneInfo

import jinja2
from markupsafe import escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from bot.situations import BUTTON_LABELS, CATEGORIES
from bot.staff.inbox import STATUSES
from bot.urgency import REASONS
from bot.staff.permissions import allowed

#: Half a UTF-16 pair (from a stored JSON escape) cannot be sent as UTF-8: shown as U+FFFD.
_LONE_SURROGATES = re.compile("[\ud800-\udfff]")

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STYLESHEET = HERE / "static" / "staff.css"


@lru_cache(maxsize=1)
def stylesheet() -> Tuple[str, str]:
    """(css, CSP source) for the inline stylesheet."""
    css = STYLESHEET.read_text(encoding="utf-8")
    if str(escape(css)) != css:
        raise ValueError("staff.css must not contain quotes, <, > or &: it is inlined through autoescaping")
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return css, f"sha256-{digest}"


def _zone() -> ZoneInfo:
    from bot.firm import firm

    return ZoneInfo(firm().time_zone)


def localtime(value: Any, fmt: str = "long") -> str:
    """An ISO timestamp or datetime in the firm's time zone: ``Nov 28, 2026 9:05 AM CST``."""
    if value in (None, ""):
        return "—"
    if isinstance(value, (int, float)):
        when = datetime.fromtimestamp(value, tz=timezone.utc)
    elif isinstance(value, datetime):
        when = value
    else:
        try:
            when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return str(value)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    local = when.astimezone(_zone())
    clock = f"{local.hour % 12 or 12}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"
    if fmt == "time":
        return clock
    if fmt == "zone":
        return local.tzname() or ""
    if fmt == "short":
        return f"{local:%b} {local.day}, {clock}"
    return f"{local:%b} {local.day}, {local.year} {clock} {local.tzname()}"


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["localtime"] = localtime
    env.filters["status_label"] = lambda s: STATUSES.get(s, s or "—")
    env.filters["situation_label"] = lambda s: CATEGORIES.get(s, "Not given") if s else "Not given"
    env.filters["situation_short"] = lambda s: BUTTON_LABELS.get(s, "Not given") if s else "Not given"
    env.filters["reason_label"] = lambda r: REASONS.get(r, r)
    return env


_env = environment()


def can(request: Request, action: str) -> bool:
    """May the logged-in user do ``action``? (``bot.staff.permissions`` decides.)"""
    session = request.scope.get("staff_session")
    return session is not None and allowed(session.user.role, action)


def render(request: Request, name: str, context: Optional[Dict[str, Any]] = None, status_code: int = 200) -> HTMLResponse:
    session = request.scope.get("staff_session")
    css, _ = stylesheet()
    full: Dict[str, Any] = {
        "request": request,
        "root": (request.scope.get("root_path") or "").rstrip("/"),
        "user": session.user if session else None,
        "csrf_token": session.csrf_token if session else "",
        "can": (lambda action: can(request, action)),
        "css": css,
        "done": None,
        "error": None,
    }
    full.update(context or {})
    page = _env.get_template(name).render(full)
    return HTMLResponse(_LONE_SURROGATES.sub("\ufffd", page), status_code=status_code)


def forbidden(request: Request) -> HTMLResponse:
    return render(request, "error.html", {"title": "Not allowed", "message": "Your account cannot do this."}, status_code=403)
