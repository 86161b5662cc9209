"""Intake exports as JSONL or CSV: one writer for ``intake export`` and the staff app.

Any stored text exports (bytes that are not UTF-8 and lone surrogates are
shown as U+FFFD or escaped), and no CSV cell is read as a formula by a
spreadsheet.
"""
from __future__ import annotations

import csv
import json
import re
from typing import Any, Iterable, Mapping, TextIO

from bot import store

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


def _stored_bytes(value: object) -> str:
    """A BLOB where text was expected (written by another tool) as text."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    raise TypeError(f"cannot export a {type(value).__name__}")


def csv_cell(value: Any) -> object:
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


def jsonl_line(row: Mapping[str, Any]) -> str:
    """One export row as one JSON line, lossless for any text: a lone surrogate
    (which UTF-8 cannot carry) and characters that some readers take for a line
    break are written as their ``\\uXXXX`` escapes."""
    text = json.dumps(row, ensure_ascii=False, default=_stored_bytes)
    # These only occur inside JSON strings, where the escape is valid.
    return _JSONL_ESCAPES.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def write_export(rows: Iterable[Mapping[str, Any]], fmt: str, out: TextIO) -> int:
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
