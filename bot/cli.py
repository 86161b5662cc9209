"""The ``intake`` command line: a thin layer over ``bot``'s Python API.

:func:`write_export` is also the staff app's export (``/staff/export/csv``),
so both write the same, safe rows: any stored text exports, and no CSV
cell is read as a formula by a spreadsheet.
"""
from __future__ import annotations

import csv
import json
import re
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


#: A cell starting with one of these is a formula to Excel, LibreOffice or Google
#: Sheets (OWASP, "CSV Injection"): such cells get a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: C0 and C1 controls but tab, newline and CR: NUL breaks Python's CSV writer
#: and the rest garble a spreadsheet.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Half of a UTF-16 pair on its own: it cannot be written as UTF-8.
_LONE_SURROGATES = re.compile("[\ud800-\udfff]")
#: Escaped in JSON lines besides what ``json`` escapes: lone surrogates, and the
#: DEL/C1 controls and line separators that ``str.splitlines`` splits a line at.
_JSONL_ESCAPES = re.compile("[\ud800-\udfff\x7f-\x9f\u2028\u2029]")
REPLACEMENT = "\ufffd"


def csv_text(text: str) -> str:
    """Text as one CSV cell: controls and lone surrogates shown as U+FFFD, and
    a leading ``'`` when a spreadsheet would read it as a formula."""
    text = _LONE_SURROGATES.sub(REPLACEMENT, _CONTROLS.sub(REPLACEMENT, text))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _stored_bytes(value):
    """A BLOB where text was expected (written by another tool) as text."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    raise TypeError(f"cannot export a {type(value).__name__}")


def csv_cell(value):
    """An export value as a CSV cell (lists and objects as JSON)."""
    if isinstance(value, bytes):
        value = _stored_bytes(value)
    if isinstance(value, (dict, list)):
        return csv_text(json.dumps(value, ensure_ascii=False, sort_keys=True, default=_stored_bytes))
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return csv_text(value) if isinstance(value, str) else value


def jsonl_line(row) -> str:
    """One export row as one JSON line, lossless for any text: a lone surrogate
    (which UTF-8 cannot carry) and characters that some readers take for a line
    break are written as their ``\\uXXXX`` escapes."""
    text = json.dumps(row, ensure_ascii=False, default=_stored_bytes)
    # These only occur inside JSON strings, where the escape is valid.
    return _JSONL_ESCAPES.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def write_export(rows, fmt: str, out) -> int:
    """Write export rows as JSONL or CSV; returns how many were written.

    The one writer of ``intake export`` and the staff app's export.
    """
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=store.EXPORT_FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: csv_cell(v) for k, v in row.items()})
            count += 1
    else:
        for row in rows:
            out.write(jsonl_line(row))
            count += 1
    return count


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="File to write (default: standard output).")
@click.pass_context
def export(ctx: click.Context, fmt: str, output) -> None:
    """Write every intake, one row each, as JSONL or CSV."""
    db = store.tolerant_text(open_db(ctx))
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
