"""The dashboard: the weekly funnel from the tracker store, intakes per situation and state."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from bot.staff import stats
from bot.staff import db as staff_db
from test_staff_support import intake_db, intake_conversation, logged_in, make_intake, save_conversation
from web.staff import charts

# Thursday 2026-11-26 18:00 UTC; its week starts Monday 2026-11-23 (Chicago)
NOW = datetime(2026, 11, 26, 18, 0, tzinfo=timezone.utc)
THIS_WEEK = NOW.timestamp() - 2 * 86400
LAST_WEEK = NOW.timestamp() - 9 * 86400


@pytest.fixture
def conversations():
    # this week: one complete intake with a booking, one that stopped after the location, one that never spoke
    save_conversation("full", intake_conversation(), start=THIS_WEEK)
    save_conversation("located", [("session",), ("user", "hi", "greet"), ("user", "Chicago", "inform_location"), ("slot", "location", "Chicago")], start=THIS_WEEK)
    save_conversation("silent", [("session",)], start=THIS_WEEK)
    # last week: a visitor who did not know where they are, then gave a situation
    save_conversation("unknown", [("session",), ("user", "no se", "dont_know"), ("slot", "location", "unknown"), ("slot", "situation", "family")], start=LAST_WEEK)
    make_intake("full", situation="detention", state="IL", booking={"reference": "RC-AAAAAA", "status": "confirmed", "start": "2026-12-01T10:00:00-06:00"})
    make_intake("unknown", situation="family", state=None)


def test_weekly_funnel_counts_each_stage(conversations):
    weeks = stats.weekly_funnel(intake_db(), staff_db.tracker_db(), weeks=4, now=NOW)
    assert [w.start for w in weeks] == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    this, last = weeks[-1], weeks[-2]
    assert (this.started, this.location, this.situation, this.saved, this.booked) == (2, 2, 1, 1, 1)
    assert (last.started, last.location, last.situation, last.saved, last.booked) == (1, 0, 1, 1, 0)


def test_funnel_without_a_tracker_store_is_empty():
    weeks = stats.weekly_funnel(intake_db(), None, weeks=2, now=NOW)
    assert len(weeks) == 2 and all(w.started == 0 for w in weeks)


def test_intakes_per_situation_and_state():
    for i, (situation, state) in enumerate([("family", "IL"), ("family", "CA"), ("detention", "IL"), ("removal", None)]):
        make_intake(f"c{i}", situation=situation, state=state)
    assert stats.intakes_by(intake_db(), "situation")[0] == ("Family or marriage", 2)
    assert dict(stats.intakes_by(intake_db(), "state")) == {"IL": 2, "CA": 1, "Not given": 1}
    rows = stats.intakes_by(intake_db(), "state", top=2)
    assert rows == [("IL", 2), ("All others", 2)]


def test_dashboard_page_draws_svg_on_the_server(conversations):
    c, _ = logged_in()
    page = c.get("/staff/dashboard", params={"weeks": 4})
    assert page.status_code == 200
    assert page.text.count("<svg class=\"chart\"") == 3
    assert "Conversations started" in page.text and "Consultation booked" in page.text
    assert "<rect class=\"stage-started\"" in page.text and "<rect class=\"hbar\"" in page.text
    assert "<script" not in page.text and "http" not in page.text.split("<main>")[1].replace("http://www.w3.org/2000/svg", "")


def test_chart_geometry():
    weeks = [stats.Week(date(2026, 11, 2), 10, 8, 6, 4, 1), stats.Week(date(2026, 11, 9), 0, 0, 0, 0, 0)]
    chart = charts.funnel_chart(weeks)
    assert len(chart.bars) == 10
    tallest = max(chart.bars, key=lambda b: b.h)
    assert tallest.css == "stage-started" and tallest.y + tallest.h == pytest.approx(chart.plot_top + chart.plot_height)
    assert [charts.nice_max(v) for v in (0, 1, 7, 10, 11, 180, 501)] == [1, 1, 10, 10, 20, 200, 1000]
    assert [t.label for t in chart.y_ticks] == ["0", "5", "10"]  # whole numbers of conversations
    assert [t.label for t in charts.funnel_chart([stats.Week(date(2026, 11, 2), 3)]).y_ticks] == ["0", "1", "2", "3"]
    assert [t.label for t in charts.funnel_chart([stats.Week(date(2026, 11, 2), 1234)]).y_ticks][-1] == "1,500"
    bars = charts.bar_chart("x", [("A", 4), ("B", 2)])
    assert bars.rows[1]["w"] == pytest.approx(bars.rows[0]["w"] / 2)
