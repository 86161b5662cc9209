"""The intake database (bot.store) and `intake export` (bot.cli)."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from bot import intake, store
from bot.cli import main


@pytest.fixture
def db():
    return store.connect(":memory:")


SLOTS = {
    "consent": True,
    "location": "Chicago, IL",
    "country": "United States",
    "state": "IL",
    "city": "Chicago",
    "situation": "detention",
    "situation_text": "ICE took my husband this morning",
    "detained_where": "Broadview",
    "a_number": "unknown",
    "contact_name": "Maria Lopez",
    "contact_phone": "+13125550100",
    "contact_email": None,
}


def test_save_then_update_same_conversation(db):
    first = store.save_intake(db, "c1", intake.record(SLOTS, ["detained_now"]))
    assert first["urgent"] is True and first["urgency_reasons"] == ["detained_now"]
    assert first["details"] == {"detained_where": "Broadview", "a_number": "unknown"}
    assert first["contact"] == {"name": "Maria Lopez", "phone": "+13125550100"}
    second = store.save_intake(db, "c1", {"city": "Evanston"})
    assert second["id"] == first["id"] and second["city"] == "Evanston" and second["state"] == "IL"
    assert db["intakes"].count == 1


def test_callback_flag_is_never_switched_off(db):
    store.save_intake(db, "c2", {"callback_requested": True})
    again = store.save_intake(db, "c2", intake.record(SLOTS, []))
    assert again["callback_requested"] is True


def test_refusal_keeps_nothing_about_the_visitor(db):
    store.record_consent_refusal(db)
    assert db["consent_refusals"].count == 1
    assert set(db["consent_refusals"].columns_dict) == {"id", "created_at"}
    assert db["intakes"].count == 0


def test_summary_lines():
    lines = intake.summary_lines(SLOTS, ["detained_now"])
    assert lines[0] == "Where you are: Chicago, IL"
    assert "Held at: Broadview" in lines and "A-number: not known" in lines
    assert lines[-1].startswith("Marked urgent")


def test_export_jsonl_and_csv(tmp_path):
    path = tmp_path / "intake.db"
    db = store.connect(path)
    store.save_intake(db, "c1", intake.record(SLOTS, ["detained_now"]))
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(path), "export", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == list(store.EXPORT_FIELDS)
    assert row["conversation_id"] == "c1" and row["situation"] == "detention" and row["urgent"] is True
    assert row["contact"]["name"] == "Maria Lopez"

    result = runner.invoke(main, ["--db", str(path), "export", "--format", "csv"])
    assert result.exit_code == 0
    reader = list(csv.DictReader(io.StringIO(result.stdout.split("\n", 0)[0])))
    assert reader[0]["state"] == "IL" and reader[0]["urgent"] == "true"
    assert json.loads(reader[0]["urgency_reasons"]) == ["detained_now"]


def test_the_tracker_path_is_the_one_rasa_is_given(monkeypatch, tmp_path):
    from bot import settings

    assert settings.tracker_db_path() == settings.data_dir() / "tracker.db"
    monkeypatch.setenv("RASA_TRACKER_DB", str(tmp_path / "elsewhere.db"))
    assert settings.tracker_db_path() == tmp_path / "elsewhere.db"
