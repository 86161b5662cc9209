"""``intake bookings ...``: list bookings and show open slots."""
from __future__ import annotations

from datetime import datetime

import click
import sqlite_utils

from bot.cli_support import open_db

from bot.booking import store as booking_store
from bot.booking.attorneys import load_attorneys, load_rules
from bot.booking.availability import format_slot
from bot.booking.service import find_slots
from bot.situations import CATEGORIES


def _db(ctx: click.Context) -> sqlite_utils.Database:
    db = open_db(ctx)
    booking_store.ensure_schema(db)
    return db


@click.group(name="bookings")
def cli() -> None:
    """Consultation bookings."""


@cli.command(name="list")
@click.option("--status", type=click.Choice([*booking_store.STATUSES, "all"]), default="confirmed", show_default=True)
@click.option("--tz", "tz", default=None, help="Show times in this zone (default: the firm's).")
@click.pass_context
def list_command(ctx: click.Context, status: str, tz: str | None) -> None:
    """Bookings in time order (no visitor contact details)."""
    from bot.firm import firm

    db = _db(ctx)
    tz = tz or firm().time_zone
    names = {a.id: a.name for a in load_attorneys()}
    bookings = booking_store.list_bookings(db, status=None if status == "all" else status)
    for b in bookings:
        click.echo(
            "\t".join(
                [b.reference, format_slot(b.start, tz), names.get(b.attorney_id, b.attorney_id), b.mode, b.status]
            )
        )
    click.echo(f"{len(bookings)} booking(s)", err=True)


@cli.command()
@click.option("--situation", required=True, type=click.Choice(list(CATEGORIES)))
@click.option("--language", default=None, help="Preferred language code (en, es, ...).")
@click.option("--urgent", is_flag=True, help="Earliest slots of any matching attorney.")
@click.option("--tz", "tz", default=None, help="Visitor's zone (default: the firm's).")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 50))
@click.option("--now", "now_text", default=None, metavar="ISO-8601", help="Pretend it is this time (with offset; default: now).")
@click.pass_context
def slots(
    ctx: click.Context, situation: str, language: str | None, urgent: bool, tz: str | None, limit: int, now_text: str | None
) -> None:
    """The next open slots a visitor with this situation would be offered."""
    from bot.firm import firm

    try:
        now = datetime.fromisoformat(now_text) if now_text else None
        if now is not None and now.tzinfo is None:
            raise ValueError("no offset")
    except ValueError:
        raise click.BadParameter("use ISO 8601 with an offset, e.g. 2026-12-01T09:00:00-06:00", param_hint="--now")
    db = _db(ctx)
    tz = tz or firm().time_zone
    attorneys = load_attorneys()
    names = {a.id: a.name for a in attorneys}
    offer = find_slots(
        db, situation=situation, visitor_tz=tz, language=language, urgent=urgent, limit=limit,
        now=now, attorneys=attorneys, rules=load_rules(),
    )
    if offer.route.language_fallback:
        click.echo(f"(no matching attorney speaks {language}; showing all matching attorneys)", err=True)
    for slot, label in zip(offer.slots, offer.labels):
        click.echo(f"{label}\t{names[slot.attorney_id]}\t{slot.key}")
    if not offer.slots:
        click.echo("no open slots", err=True)
