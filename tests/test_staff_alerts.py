"""Alerts in the staff app: waiting times in the inbox, acknowledging, the signed link, failed deliveries."""
import re
from datetime import datetime, timedelta, timezone

from bot.alerts import message, queue
from bot.staff import audit
from bot.staff.keys import secret_key
from tests.staff_support import client, intake_db, logged_in, make_intake

URGENT = {"urgent": True, "urgency_reasons": ["detained_now"], "situation": "detention"}


def _deliver_to(intake_id, recipient="Ana Rivera", channel="sms", address="+13125550101"):
    """Queue one delivery for the intake's alert, as the worker's dispatch does."""
    db = intake_db()
    [alert_id] = [r["id"] for r in db.query("SELECT id FROM alerts WHERE intake_id = ?", [intake_id])]
    now = datetime.now(timezone.utc)
    queue._add_deliveries(db, alert_id, 0, [queue.Target(channel, recipient, address)], now)
    db.conn.commit()
    return next(db.query("SELECT id FROM alert_deliveries WHERE alert_id = ?", [alert_id]))["id"]


def test_an_unacknowledged_urgent_intake_shows_how_long_it_has_waited():
    intake = make_intake("conv-urgent", **URGENT)
    make_intake("conv-calm")
    db = intake_db()
    with db.conn:
        db.conn.execute("UPDATE alerts SET created_at = ?", [(datetime.now(timezone.utc) - timedelta(minutes=14, seconds=5)).isoformat()])
    c, _ = logged_in()
    page = c.get("/staff/").text
    assert page.count("waiting 14 min") == 1
    queue.acknowledge(db, intake["id"], "someone", datetime.now(timezone.utc))
    db.conn.commit()
    assert "waiting" not in c.get("/staff/").text


def test_acknowledging_on_the_intake_page_is_audited_and_stops_the_rota():
    intake = make_intake("conv-urgent", **URGENT)
    c, token = logged_in("paula@firm.example")
    page = c.get(f"/staff/intakes/{intake['id']}").text
    assert "not acknowledged" in page and "I'm handling this" in page
    response = c.post(f"/staff/intakes/{intake['id']}/acknowledge", data={"csrf_token": token})
    assert response.status_code == 200 and "Alert acknowledged" in response.text
    assert "acknowledged" in response.text and "by paula@firm.example" in response.text
    assert "I'm handling this" not in response.text
    entries, _ = audit.entries(intake_db(), action="acknowledge_alert")
    assert [(e["actor"], e["target"]) for e in entries] == [("paula@firm.example", f"intake:{intake['id']}")]


def test_the_signed_link_shows_then_acknowledges_without_a_login():
    intake = make_intake("conv-urgent", **URGENT)
    delivery_id = _deliver_to(intake["id"])
    token = message.ack_token(secret_key(), delivery_id, datetime.now(timezone.utc))
    c = client()
    page = c.get(f"/staff/alerts/ack/{token}")
    assert page.status_code == 200 and "Acknowledge as Ana Rivera" in page.text
    # Nothing private on a page reached without a login.
    assert "Ana Perez" not in page.text and "5550100" not in page.text
    assert queue.waiting_since(intake_db(), [intake["id"]])  # a GET changes nothing
    done = c.post(f"/staff/alerts/ack/{token}", data={})
    assert done.status_code == 200 and "Thank you" in done.text and "by Ana Rivera (alert link)" in done.text
    assert queue.waiting_since(intake_db(), [intake["id"]]) == {}
    entries, _ = audit.entries(intake_db(), action="acknowledge_alert")
    assert [e["actor"] for e in entries] == ["Ana Rivera (alert link)"]


def test_a_tampered_or_expired_link_acknowledges_nothing():
    intake = make_intake("conv-urgent", **URGENT)
    delivery_id = _deliver_to(intake["id"])
    long_ago = datetime.now(timezone.utc) - message.ACK_LINK_LIFETIME - timedelta(minutes=1)
    expired = message.ack_token(secret_key(), delivery_id, long_ago)
    forged = re.sub(r"\.[0-9a-f]+$", ".0123456789abcdef0123456789abcdef", message.ack_token(secret_key(), delivery_id, datetime.now(timezone.utc)))
    c = client()
    for token in (expired, forged):
        response = c.post(f"/staff/alerts/ack/{token}", data={})
        assert response.status_code == 404 and "expired or is not valid" in response.text
    assert queue.waiting_since(intake_db(), [intake["id"]])


def test_admins_see_failed_deliveries_and_can_retry_them():
    intake = make_intake("conv-urgent", **URGENT)
    delivery_id = _deliver_to(intake["id"])
    db = intake_db()
    with db.conn:
        db.conn.execute("UPDATE alert_deliveries SET status = 'failed', attempts = 8, last_error = 'twilio HTTP 401' WHERE id = ?", [delivery_id])
    c, token = logged_in("admin@firm.example", "admin")
    page = c.get("/staff/admin/alerts?status=failed").text
    assert "twilio HTTP 401" in page and "sms: Ana Rivera" in page
    response = c.post("/staff/admin/alerts/retry", data={"csrf_token": token, "delivery_id": str(delivery_id)})
    assert "tried again" in response.text
    assert next(db.query("SELECT status, attempts FROM alert_deliveries WHERE id = ?", [delivery_id])) == {"status": "queued", "attempts": 0}
    staff, staff_token = logged_in("staff@firm.example", "staff")
    assert staff.get("/staff/admin/alerts").status_code == 403


def test_admins_are_told_in_the_inbox_when_a_delivery_failed():
    intake = make_intake("conv-urgent", **URGENT)
    delivery_id = _deliver_to(intake["id"])
    db = intake_db()
    with db.conn:
        db.conn.execute("UPDATE alert_deliveries SET status = 'failed' WHERE id = ?", [delivery_id])
    admin, _ = logged_in("admin@firm.example", "admin")
    assert "1 alert delivery failed" in admin.get("/staff/").text
    staff, _ = logged_in("staff@firm.example", "staff")
    assert "alert delivery failed" not in staff.get("/staff/").text
