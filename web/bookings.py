"""Calendar invites for booked consultations: ``/bookings/{reference}.ics``.

The invite holds no visitor details (attorney, time, firm phone only), so the
reference in the link is all it takes to fetch it. The handler is a plain
function, so Starlette runs it (and its SQLite read) in a worker thread.
"""
from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot import booking, store
from bot.booking import ics


def invite(request: Request) -> Response:
    db = store.connect()
    try:
        made = booking.get_booking(db, request.path_params["reference"])
    finally:
        db.conn.close()
    if made is None or made.status != "confirmed":
        return PlainTextResponse("No confirmed consultation has that reference.", status_code=404)
    names = {a.id: a.name for a in booking.load_attorneys()}
    body = booking.booking_ics(made, names.get(made.attorney_id))
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{ics.filename(made)}"'},
    )


def create_app() -> Starlette:
    return Starlette(routes=[Route("/{reference}.ics", invite)])
