"""The ``intake`` command line: a thin layer over ``bot``'s Python API."""
from __future__ import annotations

import csv
import json
import sys

import click

from bot import store


@click.group()
@click.option("--db", "db_path", envvar="INTAKE_DB", type=click.Path(dir_okay=False), help="Intake database (default: <data dir>/intake.db).")
@click.pass_context
def main(ctx: click.Context, db_path: str | None) -> None:
    """Intake assistant: export intakes and manage the firm's data."""
    ctx.obj = {"db_path": db_path}


def open_db(ctx: click.Context):
    """The database named by ``--db`` (or the default), schema in place."""
    return store.connect(ctx.obj.get("db_path") if ctx.obj else None)


def _csv_cell(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def write_export(rows, fmt: str, out) -> int:
    """Write export rows as JSONL or CSV; returns how many were written."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=store.EXPORT_FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_cell(v) for k, v in row.items()})
            count += 1
    else:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="File to write (default: standard output).")
@click.pass_context
def export(ctx: click.Context, fmt: str, output) -> None:
    """Write every intake, one row each, as JSONL or CSV."""
    db = open_db(ctx)
    count = write_export((store.export_row(i) for i in store.iter_intakes(db)), fmt, output)
    click.echo(f"{count} intake(s) exported", err=True)


def _register_subcommands() -> None:
    """Command groups that live in their own modules."""
    # Each feature module exposes a click group or command named `cli`.
    import importlib

    for module_name in ("bot.updates.cli", "bot.booking.cli", "bot.staff_cli"):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue  # feature not installed in this checkout
            raise
        main.add_command(module.cli)
        for command in getattr(module, "commands", ()):  # top-level commands a feature adds: `intake purge`
            main.add_command(command)


_register_subcommands()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
