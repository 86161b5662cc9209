"""The dashboard's funnel, recorded as conversations move on."""
from datetime import datetime, timedelta, timezone

import pytest

from bot import funnel, store
from bot.staff import db as staff_db
from bot.staff import retention

T = datetime(2026, 12, 1, 15, 0, tzinfo=timezone.utc)


@pytest.fixture
def db():
    db = staff_db.connect(":memory:")
    yield db
    db.conn.close()


def rows(db):
    return [dict(r) for r in db.query("SELECT * FROM funnel ORDER BY conversation_id")]


@pytest.mark.parametrize(
    "slots, stages",
    [
        ({}, ["started"]),
        ({"location": "unknown", "country": None}, ["started"]),
        ({"state": "IL"}, ["started", "location"]),
        ({"country": "Mexico", "situation": "family"}, ["started", "location", "situation"]),
        ({"situation": "other"}, ["started", "situation"]),
    ],
)
def test_the_stages_the_slots_show(slots, stages):
    assert funnel.reached(slots) == stages


def test_each_stage_keeps_the_first_time_it_was_reached(db):
    funnel.record(db, "c1", ["started"], T)
    funnel.record(db, "c1", ["started", "location"], T + timedelta(minutes=1))
    funnel.record(db, "c1", ["started", "location", "situation"], T + timedelta(minutes=2))
    [row] = rows(db)
    assert row["started_at"] == "2026-12-01T15:00:00+00:00" and row["location_at"] == "2026-12-01T15:01:00+00:00"
    assert row["situation_at"] == "2026-12-01T15:02:00+00:00" and row["saved_at"] is None
    with pytest.raises(ValueError, match="unknown funnel stage"):
        funnel.record(db, "c1", ["gossip"], T)


def test_saving_an_intake_and_a_booking_reach_the_last_stages(db):
    funnel.record(db, "c1", ["started", "location", "situation"], T)
    store.save_intake(db, "c1", {"status": "new", "situation": "family"})
    assert rows(db)[0]["saved_at"] and rows(db)[0]["booked_at"] is None
    store.save_intake(db, "c1", {"booking": {"reference": "RC-1"}})
    assert rows(db)[0]["booked_at"]
    [(started, reached)] = funnel.counts(db, T - timedelta(days=1))
    assert reached == {"started": 1, "location": 1, "situation": 1, "saved": 1, "booked": 1}


def test_a_refused_conversation_is_not_counted(db):
    funnel.record(db, "c1", ["started", "location"], T)
    funnel.forget(db, "c1")
    assert rows(db) == []


def test_the_backfill_counts_old_conversations_once_and_keeps_live_times(db):
    store.save_intake(db, "old", {"status": "new"})
    funnel.record(db, "live", ["started", "location"], T)
    assert not funnel.backfilled(db)
    assert funnel.backfill(db, None) == 0  # no transcripts: nothing to read, but done
    assert funnel.backfilled(db)
    assert {r["conversation_id"] for r in rows(db)} == {"old", "live"}


def test_retention_removes_the_rows_of_purged_and_abandoned_conversations(db):
    long_ago = datetime.now(timezone.utc) - timedelta(days=400)
    funnel.record(db, "abandoned", ["started"], long_ago)
    funnel.record(db, "recent", ["started"], datetime.now(timezone.utc))
    store.save_intake(db, "kept", {"status": "new"})
    retention.purge(db, None, 365, "test")
    assert {r["conversation_id"] for r in rows(db)} == {"recent", "kept"}


def test_the_dashboard_reads_the_transcripts_only_once(db):
    from bot.staff import stats

    class Tracker:
        reads = 0

    class Empty:
        def conversation_starts(self, *args):
            Tracker.reads += 1
            if Tracker.reads > 1:
                raise AssertionError("the transcripts were read again")
            return iter(())

    funnel.record(db, "c1", ["started", "location"], datetime.now(timezone.utc))
    tracker = Empty()
    first = stats.weekly_funnel(db, tracker, weeks=1)
    second = stats.weekly_funnel(db, tracker, weeks=1)
    assert Tracker.reads == 1
    assert (first[-1].started, first[-1].location) == (second[-1].started, second[-1].location) == (1, 1)


def test_retention_removes_old_emails_from_the_outbox(db):
    from bot.booking import mail

    long_ago = datetime.now(timezone.utc) - timedelta(days=400)
    mail.record(db, kind="confirmation", reference="RC-OLD", recipient="rosa@example.com", subject="s", body="b",
                status="queued", now=long_ago)
    mail.record(db, kind="alert", reference="alert-1", recipient="ana@firm.example", subject="s", body="b", status="sent")
    retention.purge(db, None, 365, "test")
    assert [r["reference"] for r in db.query("SELECT reference FROM outbox")] == ["alert-1"]
