"""The staff app's pages and form handlers.

Each handler reads the request, calls ``bot.staff`` and renders a template;
the permission each needs is declared with ``@requires(...)``. Forms post
and redirect (303) back to a page with a ``done`` code, whose message is
fixed text here, so nothing from the request is ever echoed into a page
except through autoescaped template variables.

Handlers are plain functions run in a worker thread (:func:`blocking`):
SQLite queries and argon2 password checks never run on the event loop, where
they would hold up every other request, the public site's included.
"""
from __future__ import annotations

import functools
import logging
import os
import secrets
import sqlite3
import tempfile
from datetime import datetime, timezone
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse

from bot import language as languages
from bot import transcripts
from bot.alerts import message as alert_message
from bot.alerts import queue as alert_queue
from bot.booking.attorneys import MODE_LABELS
from bot.intake import DETAIL_LABELS, STAGE_LABELS, location_label
from bot.situations import CATEGORIES
from bot.staff import accounts, audit, inbox, retention, review, search, stats, transcript
from bot.staff import db as staff_db
from bot.staff.inbox import STATUSES, Filters, FilterError
from bot.urgency import REASONS
from web.staff import auth, charts
from web.staff.auth import current_session, requires
from web.staff.templating import can, render

log = logging.getLogger(__name__)

#: ``?done=`` codes and the message each shows.
DONE_MESSAGES = {
    "note": "Note added.",
    "status": "Status changed.",
    "assigned": "Assignment saved.",
    "cancelled": "The consultation was cancelled.",
    "rescheduled": "The consultation was moved.",
    "user_added": "User added.",
    "user_changed": "User updated.",
    "retention": "Retention period saved.",
    "purged": "Purge finished.",
    "acknowledged": "Alert acknowledged: the rest of the rota will not be alerted.",
    "retried": "The delivery will be tried again within a minute.",
}


def root(request: Request) -> str:
    return (request.scope.get("root_path") or "").rstrip("/")


def redirect(request: Request, path: str, done: Optional[str] = None) -> RedirectResponse:
    url = root(request) + path
    if done:
        url += ("&" if "?" in url else "?") + urlencode({"done": done})
    return RedirectResponse(url, status_code=303)


def not_found(request: Request, exc: Any = None) -> Response:
    return render(request, "error.html", {"title": "Not found", "message": "There is nothing here."}, status_code=404)


def _actor(request: Request) -> str:
    return current_session(request).user.email


def _done(request: Request) -> Optional[str]:
    return DONE_MESSAGES.get(request.query_params.get("done", ""))


async def _form(request: Request) -> Dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


Form = Dict[str, str]
View = Callable[[Request, Form], Response]


def blocking(view: View) -> Callable[[Request], Any]:
    """An endpoint that runs ``view(request, form)`` in a worker thread; a POST's
    form is read first, on the event loop (reading the body is async)."""

    @functools.wraps(view)
    async def endpoint(request: Request) -> Response:
        form = await _form(request) if request.method == "POST" else {}
        return await run_in_threadpool(view, request, form)

    return endpoint


# --- login ---------------------------------------------------------------------------


@blocking
def login(request: Request, form: Form) -> Response:
    db = staff_db.intake_db()
    if request.scope.get("staff_session") is not None:
        return redirect(request, "/")
    error, status, email = None, 200, ""
    if request.method == "POST":
        email = form.get("email", "")[:200]
        device = auth.read_device(request.cookies.get(auth.DEVICE_COOKIE))
        client = auth.client_id(request.scope)
        result = accounts.authenticate(db, email, form.get("password", ""), client=client, device=device)
        # Where the attempt came from: the address established from the
        # connection and the trusted proxies, and the connection's own peer.
        where = {"client": client, "peer": auth.peer_address(request.scope)}
        if result.user is not None:
            token = accounts.create_session(db, result.user)
            audit.record(db, result.user.email, "login", detail=where)
            response = redirect(request, "/")
            auth.set_cookie(response, request.scope, auth.SESSION_COOKIE, auth.sign_token(token))
            auth.delete_cookie(response, request.scope, auth.LOGIN_CSRF_COOKIE, path="/login")
            known = device.device_id if device is not None and device.user_id == result.user.id else None
            auth.set_cookie(
                response, request.scope, auth.DEVICE_COOKIE, auth.device_cookie_value(result.user, known),
                path="/login", max_age=auth.DEVICE_MAX_AGE,
            )
            return response
        if result.error == "throttled":
            minutes = max(1, (result.retry_after + 59) // 60)
            error, status = f"Too many failed attempts. Try again in {minutes} minute{'s' if minutes != 1 else ''}.", 429
        else:
            # Never the text typed: it may be a password typed in the email field.
            audit.record(db, accounts.login_name(db, email), "login_failed", detail=where)
            error, status = "Email or password is incorrect.", 400
    nonce = request.cookies.get(auth.LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(24)
    response = render(request, "login.html", {"error": error, "email": email, "csrf_token": nonce}, status_code=status)
    auth.set_cookie(response, request.scope, auth.LOGIN_CSRF_COOKIE, nonce, path="/login")
    return response


@requires("view_intakes")
@blocking
def logout(request: Request, form: Form) -> Response:
    db = staff_db.intake_db()
    audit.record(db, _actor(request), "logout")
    accounts.end_session(db, request.scope.get("staff_token"))
    response = redirect(request, "/login")
    auth.delete_cookie(response, request.scope, auth.SESSION_COOKIE)
    return response


# --- inbox --------------------------------------------------------------------------------


def _inbox_url(request: Request, filters: Filters, **extra: str) -> str:
    params = {**filters.to_params(), **{k: v for k, v in extra.items() if v}}
    return root(request) + "/" + (("?" + urlencode(params)) if params else "")


def _facet_value_label(name: str, value: Any) -> str:
    if name == "status":
        return STATUSES.get(value, str(value))
    if name == "situation":
        return CATEGORIES.get(value, "Not given") if value else "Not given"
    if name == "state":
        return value or "Not given"
    if name == "language":
        return languages.name(value) if value else "Not given"
    return "Yes" if value else "No"


FACET_TITLES = {
    "status": "Status",
    "urgent": "Urgent",
    "callback": "Callback requested",
    "booked": "Consultation booked",
    "situation": "Situation",
    "state": "State",
    "language": "Language",
}


def _facet_links(request: Request, filters: Filters, counts: inbox.Counts) -> List[Dict[str, Any]]:
    out = []
    for name in ("status", "urgent", "callback", "booked", "situation", "state", "language"):
        current = getattr(filters, name)
        values = []
        for value, n in counts.facets.get(name, []):
            if value is None:
                values.append({"label": "Not given", "count": n, "url": None, "selected": False})
                continue
            param = ("yes" if value else "no") if isinstance(value, bool) else value
            selected = current == value
            target = filters.without(name) if selected else filters.with_(**{name: value})
            values.append(
                {
                    "label": _facet_value_label(name, value),
                    "count": n,
                    "url": _inbox_url(request, target),
                    "selected": selected,
                    "param": param,
                }
            )
        out.append({"name": name, "title": FACET_TITLES[name], "values": values[:15], "more": max(0, len(values) - 15)})
    return out


@requires("view_intakes")
@blocking
def inbox_page(request: Request, form: Form) -> Response:
    db = staff_db.intake_db()
    error = None
    try:
        filters = Filters.from_params(request.query_params)
        after = request.query_params.get("after") or None
        inbox.Cursor.decode(after)
    except FilterError as exc:
        error, filters, after = str(exc), Filters(), None
    catching_up = 0
    if filters.q:
        report = search.sync(db, transcripts.store())
        catching_up = report.pending
    try:
        page, counts = inbox.view(db, filters, after=after)
    except (sqlite3.OperationalError, transcripts.SearchTimeout) as exc:
        if isinstance(exc, sqlite3.OperationalError) and "interrupt" not in str(exc):
            raise
        # the query ran past its time limit (bot.staff.db.time_limit; for the transcripts
        # in PostgreSQL, its statement timeout: bot.transcripts)
        error, filters, after = "That search took too long. Try more specific words or filters.", Filters(), None
        page, counts = inbox.view(db, filters)
    queue, queue_total = inbox.callback_queue(db)
    names = {a.id: a.name for a in review.attorneys()}
    now = datetime.now(timezone.utc)
    waiting = {
        intake_id: _waited(now - since)
        for intake_id, since in alert_queue.waiting_since(db, [i["id"] for i in page.intakes]).items()
    }
    context = {
        "filters": filters,
        "params": filters.to_params(),
        "page": page,
        "counts": counts,
        "facets": _facet_links(request, filters, counts),
        "queue": queue,
        "queue_total": queue_total,
        "attorneys": names,
        "next_url": _inbox_url(request, filters, after=page.next_cursor) if page.next_cursor else None,
        "first_url": _inbox_url(request, filters) if after else None,
        "export_query": urlencode(filters.to_params()),
        "catching_up": catching_up,
        "waiting": waiting,
        "failed_alerts": alert_queue.failed_count(db) if can(request, "manage_alerts") else 0,
        "error": error,
        "statuses": STATUSES,
        "situations": CATEGORIES,
        "languages": languages.NAMES,
        "state_choices": sorted(v for v, _ in counts.facets.get("state", []) if v),
        "done": _done(request),
    }
    return render(request, "inbox.html", context, status_code=400 if error else 200)


def _write_export(filters: Filters, fmt: str) -> Tuple[str, int]:
    """The filtered export written to a private temporary file; (path, rows).

    Written by ``intake export``'s own writer (``bot.cli.write_export``).
    """
    from bot.export import write_export

    db = staff_db.intake_db()
    fd, path = tempfile.mkstemp(prefix="staff-export-", suffix="." + fmt)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            count = write_export(inbox.export_rows(db, filters), fmt, out)
    except BaseException:
        os.unlink(path)
        raise
    return path, count


def _stream_file(path: str) -> Iterator[bytes]:
    try:
        with open(path, "rb") as f:
            while True:
                chunk = f.read(64 * 1024)
                if not chunk:
                    break
                yield chunk
    finally:
        os.unlink(path)


@requires("export")
@blocking
def export(request: Request, form: Form) -> Response:
    fmt = request.path_params["fmt"]
    if fmt not in ("csv", "jsonl"):
        return not_found(request)
    try:
        filters = Filters.from_params(request.query_params)
    except FilterError as exc:
        return render(request, "error.html", {"title": "Bad filter", "message": str(exc)}, status_code=400)
    if filters.q:
        search.sync(staff_db.intake_db(), transcripts.store(), batch=None)
    path, count = _write_export(filters, fmt)
    audit.record(staff_db.intake_db(), _actor(request), "export", "export", {"format": fmt, "rows": count, "filters": filters.describe()})
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M")
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
    return StreamingResponse(
        _stream_file(path),
        media_type=media,
        headers={"content-disposition": f'attachment; filename="intakes-{stamp}.{fmt}"'},
    )


# --- one intake ------------------------------------------------------------------------------


def _detail_value(key: str, value: Any) -> str:
    if key == "removal_stage":
        return STAGE_LABELS.get(value, str(value))
    if key == "ice_present_now":
        return "yes" if value else "no"
    if value == "unknown":
        return "not known"
    return str(value)


def summary_rows(intake: Dict[str, Any]) -> List[Tuple[str, Any]]:
    """(label, value) pairs of the structured summary; values are plain text."""
    slots = {**intake, "location": intake.get("location_text")}
    rows: List[Tuple[str, Any]] = [
        ("Location", location_label(slots)),
        ("Location as typed", intake.get("location_text") or "—"),
        ("Situation", CATEGORIES.get(intake.get("situation"), "Not given")),
        ("In their words", intake.get("situation_text") or "—"),
    ]
    for key, value in (intake.get("details") or {}).items():
        rows.append((DETAIL_LABELS.get(key, key.replace("_", " ").capitalize()), _detail_value(key, value)))
    rows.append(("Language", languages.name(intake.get("language")) or "—"))
    return rows


def _safe_url(url: Any) -> Optional[str]:
    text = str(url or "")
    return text if text.startswith(("https://", "http://")) else None


def _posts(intake: Dict[str, Any]) -> List[Dict[str, Any]]:
    out = []
    for post in intake.get("updates_shown") or []:
        if isinstance(post, dict):
            out.append({"title": str(post.get("title") or post.get("url") or "Post"), "url": _safe_url(post.get("url")), "published": post.get("published")})
        else:
            out.append({"title": str(post), "url": _safe_url(post), "published": None})
    return out


def _intake_or_404(request: Request) -> Tuple[Any, Optional[Dict[str, Any]]]:
    db = staff_db.intake_db()
    return db, review.get(db, request.path_params["intake_id"])


@requires("view_intakes")
@blocking
def intake_page(request: Request, form: Form) -> Response:
    return _intake_page(request)


def _intake_page(request: Request, *, error: Optional[str] = None, status_code: int = 200) -> Response:
    db, intake = _intake_or_404(request)
    if intake is None:
        return not_found(request)
    tracker = transcripts.store()
    items = transcript.read(tracker, intake["conversation_id"])
    # Reading a transcript refreshes its search document.
    search.index_intakes(db, tracker, [intake["id"]])
    booking = review.current_booking(db, intake)
    now = datetime.now(timezone.utc)
    can_change_booking = bool(booking and booking.status == "confirmed" and booking.start > now)
    audit.record(db, _actor(request), "view_intake", f"intake:{intake['id']}")
    context = {
        "intake": intake,
        "summary": summary_rows(intake),
        "reasons": [REASONS.get(r, r) for r in intake.get("urgency_reasons") or []],
        "contact": intake.get("contact") or {},
        "posts": _posts(intake),
        "items": items,
        "activity": review.activity(db, intake["id"]),
        "booking": booking,
        "booking_summary": intake.get("booking") if isinstance(intake.get("booking"), dict) else None,
        "attorney_name": review.attorney_name((booking.attorney_id if booking else None)),
        "can_change_booking": can_change_booking,
        "choices": review.reschedule_choices(db, intake) if can_change_booking else [],
        "statuses": STATUSES,
        "mode_labels": MODE_LABELS,
        "attorneys": review.attorneys(),
        "assigned_name": review.attorney_name(intake.get("assigned_to")),
        "error": error,
        "done": _done(request),
        "max_note": review.MAX_NOTE_CHARS,
        "alerts": alert_queue.alerts_for_intake(db, intake["id"]),
    }
    return render(request, "intake.html", context, status_code=status_code)


def _change(request: Request, form: Form, apply) -> Response:
    db, intake = _intake_or_404(request)
    if intake is None:
        return not_found(request)
    try:
        done = apply(db, intake, form)
    except review.ReviewError as exc:
        return _intake_page(request, error=str(exc), status_code=400)
    return redirect(request, f"/intakes/{intake['id']}", done)


@requires("edit_intake")
@blocking
def add_note(request: Request, form: Form) -> Response:
    def apply(db, intake, form):
        review.add_note(db, intake["id"], _actor(request), form.get("body", ""))
        return "note"

    return _change(request, form, apply)


@requires("edit_intake")
@blocking
def change_status(request: Request, form: Form) -> Response:
    def apply(db, intake, form):
        review.set_status(db, intake, form.get("status", ""), _actor(request))
        return "status"

    return _change(request, form, apply)


@requires("edit_intake")
@blocking
def assign(request: Request, form: Form) -> Response:
    def apply(db, intake, form):
        review.assign(db, intake, form.get("attorney_id") or None, _actor(request))
        return "assigned"

    return _change(request, form, apply)


@requires("edit_intake")
@blocking
def cancel_booking(request: Request, form: Form) -> Response:
    def apply(db, intake, form):
        if form.get("confirm") != "yes":
            raise review.ReviewError("Tick the box to confirm the cancellation.")
        review.cancel_booking(db, intake, _actor(request))
        return "cancelled"

    return _change(request, form, apply)


@requires("edit_intake")
@blocking
def reschedule_booking(request: Request, form: Form) -> Response:
    def apply(db, intake, form):
        review.reschedule_booking(db, intake, form.get("slot", ""), _actor(request))
        return "rescheduled"

    return _change(request, form, apply)


# --- alerts ---------------------------------------------------------------------------------------


def _waited(delta) -> str:
    """'waiting 14 min' / 'waiting 3 h 5 min' / 'waiting 2 days'."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    if minutes < 60:
        return f"waiting {minutes} min"
    if minutes < 48 * 60:
        hours, rest = divmod(minutes, 60)
        return f"waiting {hours} h {rest} min" if rest else f"waiting {hours} h"
    return f"waiting {minutes // (24 * 60)} days"


@requires("edit_intake")
@blocking
def acknowledge(request: Request, form: Form) -> Response:
    def apply(db, intake, form):
        now = datetime.now(timezone.utc)
        acknowledged = alert_queue.acknowledge(db, intake["id"], _actor(request), now)
        for alert_id in acknowledged:
            audit.record(db, _actor(request), "acknowledge_alert", f"intake:{intake['id']}", {"alert": alert_id})
        return "acknowledged"

    return _change(request, form, apply)


def _ack_context(request: Request) -> Tuple[Any, Optional[Dict[str, Any]]]:
    db = staff_db.intake_db()
    now = datetime.now(timezone.utc)
    delivery_id = alert_message.read_ack_token(auth.secret_key(), request.path_params["token"], now)
    found = alert_queue.delivery(db, delivery_id) if delivery_id is not None else None
    return db, found


@blocking
def acknowledge_link(request: Request, form: Form) -> Response:
    """The signed link in an alert: GET shows what it acknowledges, POST does it.

    A GET changes nothing, so a mail scanner or a chat app's link preview
    cannot acknowledge an alert that nobody has read.
    """
    db, found = _ack_context(request)
    if found is None:
        context = {"title": "Link not valid", "message": "This link has expired or is not valid. Open the intake in the staff app instead."}
        return render(request, "error.html", context, status_code=404)
    done = False
    if request.method == "POST":
        now = datetime.now(timezone.utc)
        by = f"{found['recipient']} (alert link)"
        for alert_id in alert_queue.acknowledge(db, found["intake_id"], by, now, alert_id=found["alert_id"]):
            audit.record(db, by, "acknowledge_alert", f"intake:{found['intake_id']}", {"alert": alert_id, "delivery": found["id"]})
        found = alert_queue.delivery(db, found["id"])
        done = True
    context = {
        "delivery": found,
        "label": alert_queue.KIND_LABELS.get(found["kind"], found["kind"]),
        "acknowledged_now": done,
    }
    return render(request, "acknowledge.html", context)


@requires("manage_alerts")
@blocking
def alerts_page(request: Request, form: Form) -> Response:
    db = staff_db.intake_db()
    status = request.query_params.get("status") or None
    if status not in (None, *alert_queue.STATUSES):
        status = None
    context = {
        "deliveries": alert_queue.recent_deliveries(db, status=status),
        "status": status,
        "statuses": alert_queue.STATUSES,
        "labels": alert_queue.KIND_LABELS,
        "max_attempts": alert_queue.MAX_ATTEMPTS,
        "done": _done(request),
    }
    return render(request, "admin_alerts.html", context)


@requires("manage_alerts")
@blocking
def retry_alert(request: Request, form: Form) -> Response:
    db = staff_db.intake_db()
    try:
        delivery_id = int(form.get("delivery_id", ""))
    except ValueError:
        return redirect(request, "/admin/alerts")
    if alert_queue.retry(db, delivery_id, datetime.now(timezone.utc)):
        audit.record(db, _actor(request), "retry_alert", None, {"delivery": delivery_id})
    return redirect(request, "/admin/alerts", "retried")


# --- dashboard ------------------------------------------------------------------------------------


@requires("view_dashboard")
@blocking
def dashboard(request: Request, form: Form) -> Response:
    db = staff_db.intake_db()
    try:
        weeks = min(52, max(4, int(request.query_params.get("weeks", "12"))))
    except ValueError:
        weeks = 12
    funnel = stats.weekly_funnel(db, transcripts.store(), weeks=weeks)
    _, since = stats.window(weeks)
    by_situation = stats.intakes_by(db, "situation", since)
    by_state = stats.intakes_by(db, "state", since)
    alert_weeks = stats.alert_times(db, weeks=weeks)
    context = {
        "weeks": weeks,
        "funnel": funnel,
        "stages": stats.STAGES,
        "funnel_chart": charts.funnel_chart(funnel),
        "situation_chart": charts.bar_chart("Intakes per situation", by_situation),
        "state_chart": charts.bar_chart("Intakes per state", by_state),
        "since": since,
        "alert_weeks": alert_weeks,
        "alert_charts": charts.alert_time_charts(alert_weeks),
    }
    return render(request, "dashboard.html", context)


# --- admin ------------------------------------------------------------------------------------------


@requires("manage_users")
@blocking
def users_page(request: Request, form: Form) -> Response:
    return _users_page(request)


def _users_page(request: Request, *, error: Optional[str] = None, status_code: int = 200) -> Response:
    db = staff_db.intake_db()
    context = {
        "users": accounts.list_users(db),
        "roles": accounts.ROLES,
        "error": error,
        "done": _done(request),
        "min_password": accounts.MIN_PASSWORD_LENGTH,
    }
    return render(request, "admin_users.html", context, status_code=status_code)


@requires("manage_users")
@blocking
def add_user(request: Request, form: Form) -> Response:
    db = staff_db.intake_db()
    try:
        user = accounts.add_user(db, form.get("email", ""), form.get("password", ""), form.get("role", "staff"))
    except accounts.AccountError as exc:
        return _users_page(request, error=str(exc), status_code=400)
    audit.record(db, _actor(request), "add_user", f"user:{user.id}", {"role": user.role})
    return redirect(request, "/admin/users", "user_added")


@requires("manage_users")
@blocking
def change_user(request: Request, form: Form) -> Response:
    db = staff_db.intake_db()
    user_id = request.path_params["user_id"]
    changes: Dict[str, Any] = {}
    if form.get("role"):
        changes["role"] = form["role"]
    if form.get("active") in ("yes", "no"):
        changes["active"] = form["active"] == "yes"
    if form.get("password"):
        changes["password"] = form["password"]
    try:
        user = accounts.update_user(db, user_id, **changes)
    except accounts.AccountError as exc:
        return _users_page(request, error=str(exc), status_code=400)
    detail = {k: v for k, v in changes.items() if k != "password"}
    if "password" in changes:
        detail["password"] = "reset"
    audit.record(db, _actor(request), "change_user", f"user:{user.id}", detail)
    return redirect(request, "/admin/users", "user_changed")


@requires("manage_retention")
@blocking
def retention_page(request: Request, form: Form) -> Response:
    return _retention_page(request)


def _retention_page(request: Request, *, error: Optional[str] = None, status_code: int = 200) -> Response:
    db = staff_db.intake_db()
    days = retention.retention_days(db)
    preview = retention.purge(db, transcripts.store(), days, _actor(request), dry_run=True)
    context = {
        "days": days,
        "default_days": retention.default_days(),
        "preview": preview,
        "error": error,
        "done": _done(request),
        "last": audit.entries(db, action="purge", limit=5)[0],
    }
    return render(request, "admin_retention.html", context, status_code=status_code)


@requires("manage_retention")
@blocking
def set_retention(request: Request, form: Form) -> Response:
    db = staff_db.intake_db()
    try:
        retention.set_retention_days(db, form.get("days", ""), _actor(request))
    except retention.RetentionError as exc:
        return _retention_page(request, error=str(exc), status_code=400)
    return redirect(request, "/admin/retention", "retention")


@requires("manage_retention")
@blocking
def purge_now(request: Request, form: Form) -> Response:
    db = staff_db.intake_db()
    if form.get("confirm") != "yes":
        return _retention_page(request, error="Tick the box to confirm the purge.", status_code=400)
    days = retention.retention_days(db)
    report = retention.purge(db, transcripts.store(), days, _actor(request))
    log.info("purge by user %s: %d intakes, %d transcripts", current_session(request).user.id, report.intakes, report.transcripts)
    return redirect(request, "/admin/retention", "purged")


@requires("read_audit")
@blocking
def audit_page(request: Request, form: Form) -> Response:
    db = staff_db.intake_db()
    action = request.query_params.get("action") or None
    if action not in audit.ACTIONS:
        action = None
    try:
        before = int(request.query_params.get("before") or 0) or None
    except ValueError:
        before = None
    entries, next_before = audit.entries(db, before=before, action=action)
    audit.record(db, _actor(request), "read_audit", "audit", {"action": action} if action else None)
    params = {"action": action} if action else {}
    context = {
        "entries": entries,
        "actions": audit.ACTIONS,
        "action": action,
        "next_url": (root(request) + "/admin/audit?" + urlencode({**params, "before": next_before})) if next_before else None,
    }
    return render(request, "admin_audit.html", context)
