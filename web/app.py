"""The one web process: the firm's demo site at ``/`` and the staff app at ``/staff``.

Run with ``uvicorn web.app:app --port 8000`` (``make run`` does).
"""
from __future__ import annotations

import importlib

from starlette.applications import Starlette
from starlette.routing import Mount


def _optional(module: str, attribute: str):
    """A sub-application from a module that may not be part of this checkout yet."""
    try:
        return getattr(importlib.import_module(module), attribute)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None
        raise


def create_app() -> Starlette:
    from web import bookings

    routes = [Mount("/bookings", app=bookings.create_app(), name="bookings")]
    staff = _optional("web.staff.app", "create_app")
    if staff is not None:
        routes.append(Mount("/staff", app=staff(), name="staff"))
    site = _optional("web.site", "create_app")
    if site is not None:
        routes.append(Mount("/", app=site(), name="site"))
    return Starlette(routes=routes)


app = create_app()
