"""The ``intake`` command line: a thin layer over ``bot``'s Python API.

Exports are written by :mod:`bot.export`, as the staff app's are; the
feature groups (``intake bookings``, ``intake updates``, ``intake staff``)
live beside their features and are added here.
"""
from __future__ import annotations

import sys
from typing import TextIO

import click

from bot import store
from bot.booking import cli as booking_cli
from bot.cli_support import open_db
from bot.export import write_export
from bot.staff import cli as staff_cli
from bot.updates import cli as updates_cli


@click.group()
@click.option("--db", "db_path", envvar="INTAKE_DB", type=click.Path(dir_okay=False), help="Intake database (default: <data dir>/intake.db).")
@click.pass_context
def main(ctx: click.Context, db_path: str | None) -> None:
    """Intake assistant: export intakes and manage the firm's data."""
    ctx.obj = {"db_path": db_path}


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="File to write (default: standard output).")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: TextIO) -> None:
    """Write every intake, one row each, as JSONL or CSV."""
    db = store.tolerant_text(open_db(ctx))
    count = write_export((store.export_row(i) for i in store.iter_intakes(db)), fmt, output)
    click.echo(f"{count} intake(s) exported", err=True)


for feature in (updates_cli, booking_cli, staff_cli):
    main.add_command(feature.cli)
    for command in getattr(feature, "commands", ()):  # top-level commands a feature adds: `intake purge`
        main.add_command(command)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
