"""The dashboard: the weekly funnel from the tracker store, intakes per situation and state,
alert delivery and acknowledgement times."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import sqlite_utils

from bot import transcripts
from bot.staff import stats
from staff_support import intake_db, intake_conversation, logged_in, make_intake, save_conversation
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
    weeks = stats.weekly_funnel(intake_db(), transcripts.store(), weeks=4, now=NOW)
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
    assert page.text.count("<svg class=\"chart\"") == 6  # funnel, 3 alert charts, 2 bar charts
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


# --- alert delivery and acknowledgement times -------------------------------------------

CHICAGO = ZoneInfo("America/Chicago")


def _iso(when: datetime) -> str:
    return when.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def urgent_alert(conversation_id, created, *, acknowledged=None, deliveries=(), kind=None):
    """An urgent intake (which raises its 'urgent' alert), then the alert backdated to
    ``created``, acknowledged after ``acknowledged`` minutes, with ``deliveries``:
    (level, channel, status, minutes after ``created`` it was sent, or None)."""
    saved = make_intake(conversation_id, urgent=True, urgency_reasons=["detained_now"])
    db = intake_db()
    (alert_id,) = db.conn.execute("SELECT id FROM alerts WHERE intake_id = ? AND kind = 'urgent'", [saved["id"]]).fetchone()
    with db.conn:
        db.conn.execute(
            "UPDATE alerts SET created_at = ?, level = 0, level_at = ?, acknowledged_at = ?, acknowledged_by = ?, kind = ? WHERE id = ?",
            [
                _iso(created),
                _iso(created),
                _iso(created + timedelta(minutes=acknowledged)) if acknowledged is not None else None,
                "lawyer@firm.example" if acknowledged is not None else None,
                kind or "urgent",
                alert_id,
            ],
        )
        for i, (level, channel, status, sent) in enumerate(deliveries):
            db.conn.execute(
                "INSERT INTO alert_deliveries (alert_id, level, channel, recipient, address, status, attempts, created_at, next_attempt_at, sent_at) "
                "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
                [alert_id, level, channel, "Ana", f"addr-{i}", status, _iso(created), _iso(created),
                 _iso(created + timedelta(minutes=sent)) if sent is not None else None],
            )
    return alert_id


def alert_scenario(monday: date):
    """Alerts around the week of ``monday`` (firm time), with known times in minutes.

    That week: delivery times 1, 2.5, 4, 10 (one alert never delivered), acknowledgement
    times 10, 20, 45 (two open): median 2.5 / p90 10.0 and median 20.0 / p90 45.0 by nearest rank.
    The week before: one alert raised Sunday 23:30 in Chicago (already Monday in UTC).
    """
    base = datetime.combine(monday, time(9, 0), tzinfo=CHICAGO)
    # the first level-0 delivery sent is at 1 min (the sms at 3 min does not count)
    urgent_alert("a1", base, acknowledged=10, deliveries=[(0, "email", "sent", 1), (0, "sms", "sent", 3)])
    # 150 seconds by webhook; the failed email has no sent_at
    urgent_alert("a2", base + timedelta(hours=1), acknowledged=20, deliveries=[(0, "email", "failed", None), (0, "webhook", "sent", 2.5)])
    # level 0 never delivered, never acknowledged: counted as raised and open only
    # (the next person on the rota, level 1, got it after 30 min: not a delivery time)
    urgent_alert("a3", base + timedelta(hours=2), deliveries=[(0, "email", "failed", None), (0, "sms", "queued", None), (1, "email", "sent", 30)])
    urgent_alert("a4", base + timedelta(days=1), acknowledged=45, deliveries=[(0, "email", "sent", 4)], kind="safety")
    urgent_alert("a5", base + timedelta(days=2), deliveries=[(0, "email", "sent", 10)])
    # a callback alert is neither urgent nor safety: left out
    urgent_alert("cb", base + timedelta(days=1), acknowledged=500, deliveries=[(0, "email", "sent", 300)], kind="callback")
    # Sunday 23:30 firm time, the week before
    urgent_alert("b1", base - timedelta(hours=9, minutes=30), acknowledged=90, deliveries=[(0, "sms", "sent", 0.5)])
    # before the window (four weeks): left out
    urgent_alert("old", base - timedelta(weeks=5), acknowledged=1, deliveries=[(0, "sms", "sent", 1)])


def _figures(w):
    return (w.raised, w.acknowledged, w.unacknowledged, w.delivery_median, w.delivery_p90, w.ack_median, w.ack_p90)


def test_nearest_rank_percentiles():
    assert stats.nearest_rank([], 50) is None
    assert stats.nearest_rank([7.0], 50) == stats.nearest_rank([7.0], 90) == 7.0
    assert stats.nearest_rank([4, 1, 3, 2], 50) == 2  # the lower middle value, not 2.5
    assert stats.nearest_rank(list(range(1, 11)), 90) == 9
    assert stats.nearest_rank(list(range(1, 12)), 90) == 10  # ceil(9.9) = 10th
    assert stats.nearest_rank(list(range(1, 21)), 90) == 18
    assert stats.nearest_rank([5, 1, 4, 2, 3], 50) == 3  # ceil(2.5) = 3rd
    assert stats.nearest_rank([1, 2, 3, 4, 5, 6], 90) == 6  # ceil(5.4) = 6th: at least 90% at or below


def test_alert_times_per_week():
    alert_scenario(date(2026, 11, 23))
    weeks = stats.alert_times(intake_db(), weeks=4, now=NOW)
    assert [w.start for w in weeks] == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    this, last = weeks[-1], weeks[-2]
    assert _figures(this) == (5, 3, 2, 2.5, 10.0, 20.0, 45.0)
    assert this.delivered == 4
    assert _figures(last) == (1, 1, 0, 0.5, 0.5, 90.0, 90.0)
    for empty in weeks[:2]:
        assert _figures(empty) == (0, 0, 0, None, None, None, None)


def test_alert_times_without_alerts():
    weeks = stats.alert_times(intake_db(), weeks=2, now=NOW)
    assert [_figures(w) for w in weeks] == [(0, 0, 0, None, None, None, None)] * 2
    # a database without the alert tables (before the alert queue existed)
    bare = stats.alert_times(sqlite_utils.Database(memory=True), weeks=2, now=NOW)
    assert [_figures(w) for w in bare] == [(0, 0, 0, None, None, None, None)] * 2


def test_alert_times_query_uses_the_deliveries_index():
    intake_db()  # the schema
    urgent_alert("a1", datetime(2026, 11, 23, 15, tzinfo=timezone.utc), deliveries=[(0, "email", "sent", 1)])
    db = intake_db()
    statements = []
    db.conn.set_trace_callback(statements.append)
    try:
        stats.alert_times(db, weeks=4, now=NOW)
    finally:
        db.conn.set_trace_callback(None)
    selects = [s for s in statements if "FROM alerts" in s]
    assert len(selects) == 1  # one query, not one per alert
    plan = " ".join(str(r) for r in db.conn.execute("EXPLAIN QUERY PLAN " + selects[0]))
    assert "alert_deliveries_due" not in plan and "(alert_id=?)" in plan


def _alert_row(page: str, monday: date) -> str:
    table = page.split('id="alert-times-table"')[1].split("</table>")[0]
    label = monday.strftime("%b %d, %Y")
    rows = [r for r in table.split("<tr>") if r.startswith(f"<td>{label}</td>")]
    assert len(rows) == 1, table
    return rows[0].split("</tr>")[0]


def test_dashboard_shows_alert_times():
    mondays, _ = stats.window(4)  # the page's own weeks (today, firm time)
    alert_scenario(mondays[-1])
    c, _ = logged_in()
    page = c.get("/staff/dashboard", params={"weeks": 4}).text
    assert _alert_row(page, mondays[-1]) == "<td>{}</td><td>5</td><td>3</td><td>2</td><td>2.5</td><td>10.0</td><td>20.0</td><td>45.0</td>".format(
        mondays[-1].strftime("%b %d, %Y")
    )
    assert _alert_row(page, mondays[-2]).endswith("<td>1</td><td>1</td><td>0</td><td>0.5</td><td>0.5</td><td>90.0</td><td>90.0</td>")
    assert _alert_row(page, mondays[0]).endswith("<td>0</td><td>0</td><td>0</td><td>—</td><td>—</td><td>—</td><td>—</td>")
    label = f"{mondays[-1]:%b %-d}"
    assert f"<title>Week of {label}: 90th percentile 10.0 min</title>" in page  # delivery chart
    assert f"<title>Week of {label}: Median 20.0 min</title>" in page  # acknowledgement chart
    assert f"<title>Week of {label}: Unacknowledged 2</title>" in page  # counts chart
    for i in (1, 2, 3):
        assert page.count(f'id="alerts-{i}-svg-title"') == 1


def test_dashboard_without_alerts_shows_dashes():
    c, _ = logged_in()
    page = c.get("/staff/dashboard", params={"weeks": 4}).text
    mondays, _ = stats.window(4)
    for monday in mondays:
        assert _alert_row(page, monday).endswith("<td>0</td><td>0</td><td>0</td><td>—</td><td>—</td><td>—</td><td>—</td>")
    table = page.split('id="alert-times-table"')[1].split("</table>")[0]
    assert table.count("<td>—</td>") == 16
    assert " min</title>" not in page  # no time bars drawn without data


def test_weekly_bars_geometry():
    chart = charts.weekly_bars(
        "t", [date(2026, 11, 2), date(2026, 11, 9)], [("a", "A", [3.5, None]), ("b", "B", [14.2, 0.0])], lambda v: f"{v:.1f}"
    )
    assert [b.title for b in chart.bars] == ["Week of Nov 2: A 3.5", "Week of Nov 2: B 14.2", "Week of Nov 9: B 0.0"]
    assert [t.label for t in chart.y_ticks] == ["0", "5", "10", "15"]
    tallest = max(chart.bars, key=lambda b: b.h)
    assert tallest.title.endswith("B 14.2") and tallest.y + tallest.h == pytest.approx(chart.plot_top + chart.plot_height)
    assert tallest.h == pytest.approx(chart.plot_height * 14.2 / 15, abs=0.1)
    assert [t.label for t in charts.weekly_bars("t", [date(2026, 11, 2)], [("a", "A", [None])]).y_ticks] == ["0", "1"]
