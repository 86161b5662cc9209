"""Exporting the filtered inbox as CSV and JSONL, with ``intake export``'s fields."""
from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from bot import store
from bot.cli import main
from bot.staff import audit
from staff_support import intake_db, logged_in, make_intake


def _seed():
    make_intake("a", created_at="2026-11-01T10:00:00+00:00", situation="detention", urgent=True, urgency_reasons=["detained_now"],
                contact={"name": "Rosa, \"Rosie\" Diaz", "phone": "+13125550111"}, details={"detained_where": "Broadview"})
    make_intake("b", created_at="2026-11-02T10:00:00+00:00", situation="family")
    make_intake("c", created_at="2026-11-03T10:00:00+00:00", situation="family", callback_requested=True,
                updates_shown=[{"title": "Post", "url": "https://firm.example/p"}])


def test_csv_export_of_the_filtered_list():
    _seed()
    c, _ = logged_in()
    response = c.get("/staff/export/csv", params={"situation": "family"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith('attachment; filename="intakes-')
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0].keys()) == store.EXPORT_FIELDS
    assert [r["conversation_id"] for r in rows] == ["c", "b"]  # inbox order
    assert json.loads(rows[0]["updates_shown"]) == [{"title": "Post", "url": "https://firm.example/p"}]
    assert rows[0]["callback_requested"] == "true"


def test_jsonl_export_rows_equal_intake_export_rows():
    _seed()
    c, _ = logged_in()
    web = [json.loads(line) for line in c.get("/staff/export/jsonl").text.splitlines()]
    cli = CliRunner().invoke(main, ["export", "--format", "jsonl"])
    assert cli.exit_code == 0, cli.output
    from_cli = {r["id"]: r for r in (json.loads(line) for line in cli.stdout.splitlines() if line.startswith("{"))}
    assert len(web) == 3
    for row in web:
        assert list(row) == list(store.EXPORT_FIELDS)
        assert row == from_cli[row["id"]]


def test_csv_export_matches_intake_export_byte_for_byte_for_the_same_rows():
    _seed()
    c, _ = logged_in()
    web = list(csv.reader(io.StringIO(c.get("/staff/export/csv").text)))
    cli = CliRunner().invoke(main, ["export", "--format", "csv"])
    from_cli = list(csv.reader(io.StringIO(cli.stdout)))
    assert web[0] == from_cli[0]
    assert sorted(web[1:]) == sorted(from_cli[1:])


def test_export_is_audited_without_search_words():
    _seed()
    c, _ = logged_in("exporter@firm.example")
    c.get("/staff/export/csv", params={"q": "Rosa", "urgent": "yes"})
    (entry,) = audit.entries(intake_db(), action="export")[0]
    assert entry["actor"] == "exporter@firm.example"
    assert entry["detail"]["rows"] == 1 and entry["detail"]["format"] == "csv"
    assert entry["detail"]["filters"]["urgent"] == "yes" and "Rosa" not in json.dumps(entry)


def test_unknown_format_is_404():
    c, _ = logged_in()
    assert c.get("/staff/export/xlsx").status_code == 404
