"""Retention: purging old intakes and transcripts, from the CLI and by an admin."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest
from click.testing import CliRunner

from bot import transcripts
from bot.cli import main
from bot.staff import audit, retention, review, search
from bot.staff.cli import cli as staff_group
from bot.staff.cli import purge as purge_command
from staff_support import intake_conversation, intake_db, logged_in, make_intake, save_conversation

DAY = 86400
NOW = time.time()


def _iso(days_ago: float) -> str:
    return (datetime.now(timezone.utc) - timedelta(days=days_ago)).replace(microsecond=0).isoformat()


def _senders():
    return transcripts.store().conversations()


@pytest.fixture
def world():
    """old (400 days), recent (10 days), old with a consultation ahead, and two transcripts without intakes."""
    save_conversation("old", intake_conversation("old words"), start=NOW - 400 * DAY)
    save_conversation("recent", intake_conversation("recent words"), start=NOW - 10 * DAY)
    save_conversation("old-booked", intake_conversation("booked words"), start=NOW - 400 * DAY)
    save_conversation("orphan-old", [("session",), ("user", "hello", "greet")], start=NOW - 500 * DAY)
    save_conversation("orphan-new", [("session",), ("user", "hello", "greet")], start=NOW - 5 * DAY)
    old = make_intake("old", created_at=_iso(400), situation_text="old words")
    recent = make_intake("recent", created_at=_iso(10))
    ahead = (datetime.now(timezone.utc) + timedelta(days=3)).isoformat()
    booked = make_intake("old-booked", created_at=_iso(400), booking={"reference": "RC-AAAAAA", "attorney": "Ana Rivera", "start": ahead, "mode": "phone", "status": "confirmed"})
    db = intake_db()
    review.add_note(db, old["id"], "sam@firm.example", "called")
    review.assign(db, review.get(db, old["id"]), "arivera", "sam@firm.example")
    search.sync(db, transcripts.store())
    return old, recent, booked


def _ids():
    return {r[0] for r in intake_db().conn.execute("SELECT conversation_id FROM intakes")}


def test_purge_deletes_old_intakes_and_their_transcripts(world):
    old, recent, booked = world
    report = retention.purge(intake_db(), transcripts.store(), 365, "test")
    assert (report.intakes, report.kept_for_booking) == (1, 1)
    assert _ids() == {"recent", "old-booked"}
    assert _senders() == {"recent", "old-booked", "orphan-new"}
    assert report.transcripts == 2  # "old" and the old orphan
    db = intake_db()
    for table, column in (("staff_notes", "intake_id"), ("staff_assignments", "intake_id"), ("staff_search_docs", "intake_id")):
        assert db.conn.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", [old["id"]]).fetchone()[0] == 0
    assert db.conn.execute("SELECT count(*) FROM staff_search WHERE staff_search MATCH 'old'").fetchone()[0] == 0
    (entry, *_) = audit.entries(db, action="purge")[0]
    assert entry["actor"] == "test"


def test_dry_run_changes_nothing(world):
    report = retention.purge(intake_db(), transcripts.store(), 365, "test", dry_run=True)
    assert (report.intakes, report.transcripts, report.dry_run) == (1, 2, True)
    assert len(_ids()) == 3 and len(_senders()) == 5


def test_intake_purge_command(world):
    runner = CliRunner()
    if "purge" in main.commands:  # `intake purge` once bot/cli.py registers it
        result = runner.invoke(main, ["purge", "--older-than", "365", "--dry-run"])
    else:
        result = runner.invoke(main, ["staff", "purge", "--older-than", "365", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would delete 1 intake(s) and 2 transcript(s)" in result.output
    result = runner.invoke(purge_command, ["--older-than", "365"])
    assert result.exit_code == 0, result.output
    assert _ids() == {"recent", "old-booked"}
    assert runner.invoke(purge_command, ["--older-than", "0"]).exit_code != 0


def test_purge_without_days_uses_the_retention_setting(world):
    retention.set_retention_days(intake_db(), 5, "boss@firm.example")
    result = CliRunner().invoke(staff_group, ["purge"])
    assert result.exit_code == 0, result.output
    assert _ids() == {"old-booked"}


def test_admin_sets_retention_and_purges_in_the_app(world):
    c, token = logged_in("boss@firm.example", "admin")
    page = c.get("/staff/admin/retention")
    assert "365 days" in page.text and "would delete <strong>1</strong> intake" in page.text
    page = c.post("/staff/admin/retention", data={"csrf_token": token, "days": "30"})
    assert page.status_code == 200 and "Retention period saved." in page.text and "30 days" in page.text
    assert c.post("/staff/admin/retention", data={"csrf_token": token, "days": "0"}).status_code == 400
    assert c.post("/staff/admin/purge", data={"csrf_token": token}).status_code == 400  # not confirmed
    page = c.post("/staff/admin/purge", data={"csrf_token": token, "confirm": "yes"})
    assert page.status_code == 200 and "Purge finished." in page.text
    assert _ids() == {"recent", "old-booked"}
    actions = [e["action"] for e in audit.entries(intake_db())[0]]
    assert "set_retention" in actions and "purge" in actions


def test_default_retention_comes_from_the_firm_profile():
    assert retention.retention_days(intake_db()) == 365
