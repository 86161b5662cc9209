"""The staff app: intake review under ``/staff`` (mounted by ``web.app``).

``create_app()`` returns a Starlette app whose every route but the login
page requires a logged-in user (``web.staff.auth.StaffGuard``), and whose
routes each declare the permission they need (``@requires``).
"""
from __future__ import annotations

import logging
from typing import Optional

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from bot.firm import deployment as firm_deployment
from web.staff import views
from web.staff.auth import StaffGuard
from web.staff.templating import stylesheet

ROUTES = [
    Route("/login", views.login, methods=["GET", "POST"], name="login"),
    Route("/logout", views.logout, methods=["POST"], name="logout"),
    Route("/", views.inbox_page, methods=["GET"], name="inbox"),
    Route("/export/{fmt}", views.export, methods=["GET"], name="export"),
    Route("/intakes/{intake_id:int}", views.intake_page, methods=["GET"], name="intake"),
    Route("/intakes/{intake_id:int}/notes", views.add_note, methods=["POST"], name="add_note"),
    Route("/intakes/{intake_id:int}/status", views.change_status, methods=["POST"], name="change_status"),
    Route("/intakes/{intake_id:int}/assign", views.assign, methods=["POST"], name="assign"),
    Route("/intakes/{intake_id:int}/booking/cancel", views.cancel_booking, methods=["POST"], name="cancel_booking"),
    Route("/intakes/{intake_id:int}/booking/reschedule", views.reschedule_booking, methods=["POST"], name="reschedule_booking"),
    Route("/intakes/{intake_id:int}/acknowledge", views.acknowledge, methods=["POST"], name="acknowledge"),
    Route("/alerts/ack/{token}", views.acknowledge_link, methods=["GET", "POST"], name="acknowledge_link"),
    Route("/dashboard", views.dashboard, methods=["GET"], name="dashboard"),
    Route("/admin/users", views.users_page, methods=["GET"], name="users"),
    Route("/admin/users", views.add_user, methods=["POST"], name="add_user"),
    Route("/admin/users/{user_id:int}", views.change_user, methods=["POST"], name="change_user"),
    Route("/admin/retention", views.retention_page, methods=["GET"], name="retention"),
    Route("/admin/retention", views.set_retention, methods=["POST"], name="set_retention"),
    Route("/admin/purge", views.purge_now, methods=["POST"], name="purge"),
    Route("/admin/audit", views.audit_page, methods=["GET"], name="audit"),
    Route("/admin/alerts", views.alerts_page, methods=["GET"], name="alerts"),
    Route("/admin/alerts/retry", views.retry_alert, methods=["POST"], name="retry_alert"),
]


class _RedactStaffQueries(logging.Filter):
    """Uvicorn's access log writes each request's query string; on ``/staff``
    that could be a search for a visitor's name, so it is replaced by ``?…``."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            path = args[2]
            if path.startswith("/staff") and "?" in path:
                record.args = args[:2] + (path.split("?", 1)[0] + "?…",) + args[3:]
        return True


def _redact_access_log() -> None:
    logger = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, _RedactStaffQueries) for f in logger.filters):
        logger.addFilter(_RedactStaffQueries())


def create_app(secure_cookies: Optional[bool] = None) -> Starlette:
    """``secure_cookies``: always set ``Secure`` (default: the deployment's setting, see ``bot.settings``)."""
    if secure_cookies is None:
        secure_cookies = firm_deployment().secure_cookies
    _, style_hash = stylesheet()
    _redact_access_log()
    return Starlette(
        routes=list(ROUTES),
        middleware=[Middleware(StaffGuard, style_hash=style_hash, secure_cookies=secure_cookies)],
        exception_handlers={404: views.not_found},
    )
