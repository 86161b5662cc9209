"""Alerts for the people on call: raised with the intake, sent once, retried, escalated, acknowledged."""
import dataclasses
import json
import re
import threading
from base64 import b64decode
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from bot import store
from bot.alerts import channels, message, oncall, queue
from bot.alerts import run as alerts_run
from bot.firm import Firm
from bot.staff import audit
from bot.staff import db as staff_db

UTC = timezone.utc
# Friday 2026-12-04, 19:00 in Chicago: after hours.
EVENING = datetime(2026, 12, 5, 1, 0, tzinfo=UTC)
# Friday 2026-12-04, 10:00 in Chicago: open.
MORNING = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
KEY = b"k" * 32

FIRM = Firm(
    name="Rivera & Cole Immigration Law", short_name="Rivera & Cole", phone="+1 312-555-0148",
    phone_display="(312) 555-0148", email="intake@riveracole.example", website_origin="https://riveracole.example",
    allowed_origins=[], time_zone="America/Chicago", office_hours_text="Mon-Fri 9-5", disclaimer="-",
    consent_question="-",
    office_hours={d: ["09:00", "17:00"] for d in ("mon", "tue", "wed", "thu", "fri")},
    closed_days=["2026-12-24"],
    on_call={
        "phone": "+1 312-555-0199",
        "escalate_after_minutes": 10,
        "rota": [
            {"name": "Ana Rivera", "email": "ana@riveracole.example", "sms": "+1 312 555 0101"},
            {"name": "Front Desk", "email": "desk@riveracole.example", "when": "office_hours"},
            {"name": "Luis Ortega", "sms": "(312) 555-0102", "when": "after_hours"},
        ],
    },
)
ON_CALL = oncall.load(FIRM)

URGENT = {
    "status": "new", "state": "IL", "city": "Chicago", "situation": "detention",
    "situation_text": "my husband was taken by ICE this morning", "urgent": True,
    "urgency_reasons": ["detained_now"], "contact": {"name": "Rosa Díaz", "phone": "+13125550177"},
}


@pytest.fixture
def db():
    db = staff_db.connect(":memory:")
    yield db
    db.conn.close()


def deliveries(db, **where):
    sql = "SELECT channel, recipient, address, status, level FROM alert_deliveries"
    if where:
        sql += " WHERE " + " AND ".join(f"{k} = ?" for k in where)
    return [tuple(r) for r in db.conn.execute(sql + " ORDER BY id", list(where.values()))]


# --- settings -----------------------------------------------------------------

def test_on_call_settings_are_read_and_normalised():
    assert [p.name for p in ON_CALL.rota] == ["Ana Rivera", "Front Desk", "Luis Ortega"]
    assert ON_CALL.rota[0].sms == "+13125550101" and ON_CALL.rota[2].sms == "+13125550102"
    assert ON_CALL.phone == "+13125550199" and ON_CALL.phone_display == "(312) 555-0199"
    assert ON_CALL.staff_url == "https://riveracole.example/staff"
    assert ON_CALL.alert_on == frozenset(oncall.KINDS)


@pytest.mark.parametrize(
    "on_call, says",
    [
        ({"rota": [{"email": "a@b.example"}]}, "needs a name"),
        ({"rota": [{"name": "Ana"}]}, "email or an sms"),
        ({"rota": [{"name": "Ana", "email": "not an address"}]}, "@-sign"),
        ({"rota": [{"name": "Ana", "sms": "12"}]}, "not a phone number"),
        ({"rota": [{"name": "Ana", "email": "a@b.example", "when": "weekends"}]}, "when"),
        ({"alert_on": ["urgent", "gossip"]}, "unknown gossip"),
        ({"webhook_format": "xml"}, "webhook_format"),
        ({"escalate_after_minutes": -5}, "at least 1"),
    ],
)
def test_bad_on_call_settings_say_what_is_wrong(on_call, says):
    with pytest.raises(ValueError, match=says):
        oncall.load(dataclasses.replace(FIRM, on_call=on_call))


def test_office_hours_in_the_firms_time_zone_with_closed_days():
    assert oncall.office_open(FIRM, MORNING)
    assert not oncall.office_open(FIRM, EVENING)
    assert not oncall.office_open(FIRM, datetime(2026, 12, 5, 16, 0, tzinfo=UTC))  # Saturday
    assert not oncall.office_open(FIRM, datetime(2026, 12, 24, 16, 0, tzinfo=UTC))  # a closed Thursday
    assert oncall.office_open(FIRM, datetime(2026, 12, 4, 15, 0, tzinfo=UTC))  # 9:00 sharp
    assert not oncall.office_open(FIRM, datetime(2026, 12, 4, 23, 0, tzinfo=UTC))  # 17:00 sharp


def test_who_is_on_duty_depends_on_the_hour():
    assert [p.name for p in oncall.on_duty(ON_CALL, FIRM, MORNING)] == ["Ana Rivera", "Front Desk"]
    assert [p.name for p in oncall.on_duty(ON_CALL, FIRM, EVENING)] == ["Ana Rivera", "Luis Ortega"]


# --- raising ------------------------------------------------------------------

def test_an_urgent_intake_raises_one_alert_however_often_it_is_saved(db):
    intake = store.save_intake(db, "c1", URGENT)
    store.save_intake(db, "c1", {**URGENT, "city": "Evanston"})
    store.save_intake(db, "c1", URGENT)
    rows = list(db.query("SELECT intake_id, kind FROM alerts"))
    assert rows == [{"intake_id": intake["id"], "kind": "urgent"}]


def test_each_kind_is_raised_when_it_turns_on(db):
    store.save_intake(db, "c2", {"status": "new", "situation": "family"})
    assert list(db.query("SELECT kind FROM alerts")) == []
    store.save_intake(db, "c2", {"callback_requested": True})
    store.save_intake(db, "c2", {"safety_flag": "self_harm"})
    assert [r["kind"] for r in db.query("SELECT kind FROM alerts ORDER BY id")] == ["callback", "safety"]


def test_an_intake_that_fails_to_save_leaves_no_alert(db):
    with pytest.raises(RuntimeError):
        with staff_db.transaction(db):
            store.save_intake(db, "c3", URGENT)
            raise RuntimeError("the process stops before the commit")
    assert list(db.query("SELECT * FROM alerts")) == []
    assert store.intake_for_conversation(db, "c3") is None


# --- dispatch, escalation, acknowledgement --------------------------------------

def test_the_first_person_on_duty_and_the_webhook_are_queued(db):
    store.save_intake(db, "c1", URGENT)
    assert queue.dispatch(db, ON_CALL, FIRM, EVENING, webhook="https://hooks.example/x") == 3
    assert deliveries(db) == [
        ("email", "Ana Rivera", "ana@riveracole.example", "queued", 0),
        ("sms", "Ana Rivera", "+13125550101", "queued", 0),
        ("webhook", "webhook", "https://hooks.example/x", "queued", 0),
    ]
    assert queue.dispatch(db, ON_CALL, FIRM, EVENING, webhook="https://hooks.example/x") == 0  # once


def test_kinds_the_firm_does_not_alert_on_are_kept_but_not_sent(db):
    only_urgent = dataclasses.replace(ON_CALL, alert_on=frozenset({"urgent", "safety"}))
    store.save_intake(db, "c1", {"status": "new", "callback_requested": True})
    assert queue.dispatch(db, only_urgent, FIRM, EVENING) == 0
    assert deliveries(db) == []
    assert [r["level"] for r in db.query("SELECT level FROM alerts")] == [0]


def test_an_unacknowledged_urgent_alert_moves_down_the_rota(db):
    intake = store.save_intake(db, "c1", URGENT)
    queue.dispatch(db, ON_CALL, FIRM, EVENING)
    assert queue.escalate_due(db, ON_CALL, FIRM, EVENING + timedelta(minutes=9)) == []
    moved = queue.escalate_due(db, ON_CALL, FIRM, EVENING + timedelta(minutes=10))
    assert [(i, level) for _, i, level in moved] == [(intake["id"], 1)]
    assert deliveries(db, level=1) == [("sms", "Luis Ortega", "+13125550102", "queued", 1)]
    # Nobody after Luis in the evening: it stays where it is, and waits in the inbox.
    assert queue.escalate_due(db, ON_CALL, FIRM, EVENING + timedelta(minutes=30)) == []
    assert list(queue.waiting_since(db, [intake["id"]])) == [intake["id"]]


def test_an_acknowledged_alert_goes_no_further(db):
    intake = store.save_intake(db, "c1", URGENT)
    queue.dispatch(db, ON_CALL, FIRM, EVENING)
    assert queue.acknowledge(db, intake["id"], "ana@riveracole.example", EVENING + timedelta(minutes=3))
    assert queue.escalate_due(db, ON_CALL, FIRM, EVENING + timedelta(minutes=30)) == []
    assert queue.waiting_since(db, [intake["id"]]) == {}
    assert queue.acknowledge(db, intake["id"], "someone else", EVENING + timedelta(minutes=4)) == []  # already done
    [alert] = queue.alerts_for_intake(db, intake["id"])
    assert alert["acknowledged_by"] == "ana@riveracole.example"


def test_callbacks_do_not_escalate(db):
    store.save_intake(db, "c1", {"status": "new", "callback_requested": True})
    queue.dispatch(db, ON_CALL, FIRM, EVENING)
    assert queue.escalate_due(db, ON_CALL, FIRM, EVENING + timedelta(hours=2)) == []


# --- delivery -----------------------------------------------------------------

def test_a_failing_channel_is_retried_with_backoff_then_shown_as_failed(db):
    store.save_intake(db, "c1", URGENT)
    queue.dispatch(db, ON_CALL, FIRM, EVENING)
    calls = []

    def fail(d):
        calls.append(d.attempts)
        raise queue.DeliveryError("HTTP 503")

    senders = {"email": lambda d: None, "sms": fail}
    now = EVENING
    assert queue.deliver_due(db, senders, now) == {"sent": 1, "retry": 1, "failed": 0}
    assert queue.deliver_due(db, senders, now + timedelta(seconds=29)) == {"sent": 0, "retry": 0, "failed": 0}
    for _ in range(queue.MAX_ATTEMPTS - 1):
        now += queue.LONGEST_RETRY
        queue.deliver_due(db, senders, now)
    assert calls == list(range(1, queue.MAX_ATTEMPTS + 1))
    row = next(db.query("SELECT status, attempts, last_error FROM alert_deliveries WHERE channel = 'sms'"))
    assert row == {"status": "failed", "attempts": queue.MAX_ATTEMPTS, "last_error": "HTTP 503"}
    assert [d["channel"] for d in queue.recent_deliveries(db, status="failed")] == ["sms"]
    # An admin's retry puts it back.
    assert queue.retry(db, next(db.query("SELECT id FROM alert_deliveries WHERE channel = 'sms'"))["id"], now)
    assert queue.deliver_due(db, {"sms": lambda d: None}, now) == {"sent": 1, "retry": 0, "failed": 0}


def test_backoff_grows_and_is_capped():
    assert [queue.backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert queue.backoff(30) == queue.LONGEST_RETRY


def test_a_delivery_claimed_by_a_worker_that_died_is_sent_after_its_lease(db):
    store.save_intake(db, "c1", URGENT)
    queue.dispatch(db, dataclasses.replace(ON_CALL, rota=ON_CALL.rota[:1]), FIRM, EVENING)
    claimed = queue._claim_due(db, EVENING, 10)  # a worker claims them, then stops
    assert len(claimed) == 2
    assert queue.deliver_due(db, {"email": lambda d: None, "sms": lambda d: None}, EVENING + timedelta(seconds=30)) == \
        {"sent": 0, "retry": 0, "failed": 0}
    after_lease = EVENING + queue.LEASE
    assert queue.deliver_due(db, {"email": lambda d: None, "sms": lambda d: None}, after_lease)["sent"] == 2


def test_nothing_is_lost_across_a_restart(tmp_path):
    path = str(tmp_path / "intake.db")
    first = staff_db.connect(path)
    store.save_intake(first, "c1", URGENT)
    queue.dispatch(first, ON_CALL, FIRM, EVENING)
    first.conn.close()  # the worker stops before sending
    second = staff_db.connect(path)
    sent = []
    assert queue.deliver_due(second, {"email": sent.append, "sms": sent.append}, EVENING)["sent"] == 2
    assert {d.channel for d in sent} == {"email", "sms"}
    second.conn.close()


# --- what an alert says ---------------------------------------------------------

def _message(db, kind="urgent"):
    intake = store.save_intake(db, "c1", URGENT)
    queue.dispatch(db, ON_CALL, FIRM, EVENING)
    alert = dict(next(db.query("SELECT * FROM alerts WHERE kind = ?", [kind])))
    d = queue._claim_due(db, EVENING, 1)[0]
    return intake, message.build(alert, intake, d, firm=FIRM, staff_url=ON_CALL.staff_url, key=KEY, now=EVENING)


def test_an_alert_holds_the_minimum_and_never_the_visitors_story_or_phone(db):
    intake, msg = _message(db)
    assert "Urgent: intake #" in msg.text and "Someone is detained now" in msg.text
    assert "Where: Chicago, IL" in msg.text
    assert re.search(r"When: (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \w{3} \d{1,2}, \d{1,2}:\d\d [AP]M C[SD]T\n", msg.text)
    assert f"https://riveracole.example/staff/intakes/{intake['id']}" in msg.text
    everything = msg.text + msg.subject + json.dumps(msg.fields) + message.sms_text(msg)
    for private in ("Rosa", "Díaz", "5550177", "husband", "this morning"):
        assert private not in everything


def test_the_acknowledge_link_is_signed_and_expires(db):
    _, msg = _message(db)
    token = msg.ack_url.rsplit("/", 1)[1]
    delivery_id = message.read_ack_token(KEY, token, EVENING)
    assert delivery_id is not None
    assert message.read_ack_token(b"another key", token, EVENING) is None
    assert message.read_ack_token(KEY, token.replace(f"{delivery_id}.", f"{delivery_id + 1}.", 1), EVENING) is None
    assert message.read_ack_token(KEY, token, EVENING + message.ACK_LINK_LIFETIME + timedelta(seconds=1)) is None
    assert message.read_ack_token(KEY, "junk", EVENING) is None


@pytest.mark.parametrize("fmt, key", [("json", "kind"), ("slack", "text"), ("mattermost", "text"), ("teams", "summary")])
def test_webhook_bodies_in_each_format(db, fmt, key):
    _, msg = _message(db)
    body = json.loads(message.webhook_body(msg, fmt))
    assert key in body
    assert "Rosa" not in json.dumps(body)


# --- channels against local fake servers ----------------------------------------

class _Recorder(BaseHTTPRequestHandler):
    status = 201

    def do_POST(self):  # noqa: N802 - the stdlib's name
        length = int(self.headers.get("Content-Length") or 0)
        self.server.requests.append((self.path, dict(self.headers), self.rfile.read(length)))
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"sid": "SM1", "code": 21211}' if self.server.status >= 400 else b'{"sid": "SM1"}')

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.requests, server.status = [], 201
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _url(server):
    return f"http://127.0.0.1:{server.server_address[1]}"


def test_the_webhook_is_signed_so_the_receiver_can_check_it(fake_server):
    body = b'{"kind": "urgent"}'
    channels.post_webhook(_url(fake_server) + "/hook", body, secret=b"s3cret", idempotency_key="alert-1-2")
    [(path, headers, received)] = fake_server.requests
    assert path == "/hook" and received == body
    assert headers["Idempotency-Key"] == "alert-1-2"
    assert message.verify_webhook(b"s3cret", headers["X-Intake-Timestamp"], received, headers["X-Intake-Signature"])
    assert not message.verify_webhook(b"other", headers["X-Intake-Timestamp"], received, headers["X-Intake-Signature"])


def test_a_webhook_that_refuses_is_a_delivery_error(fake_server):
    fake_server.status = 500
    with pytest.raises(queue.DeliveryError, match="HTTP 500"):
        channels.post_webhook(_url(fake_server), b"{}", secret=b"s", idempotency_key="k")


def test_twilio_is_called_as_its_api_documents(fake_server):
    env = {"TWILIO_ACCOUNT_SID": "AC123", "TWILIO_AUTH_TOKEN": "tok", "TWILIO_FROM": "+13125550000",
           "TWILIO_API_BASE": _url(fake_server)}
    provider = channels.sms_provider(env)
    provider.send_sms("+13125550101", "Urgent: intake #1")
    [(path, headers, body)] = fake_server.requests
    assert path == "/2010-04-01/Accounts/AC123/Messages.json"
    assert b64decode(headers["Authorization"].split()[1]) == b"AC123:tok"
    assert parse_qs(body.decode()) == {"To": ["+13125550101"], "From": ["+13125550000"], "Body": ["Urgent: intake #1"]}
    fake_server.status = 400
    with pytest.raises(queue.DeliveryError, match="twilio HTTP 400 code 21211"):
        provider.send_sms("+1", "x")


def test_an_unknown_sms_provider_is_named():
    with pytest.raises(ValueError, match="unknown provider 'carrier-pigeon'"):
        channels.sms_provider({"ALERT_SMS_PROVIDER": "carrier-pigeon"})
    assert channels.sms_provider({}) is None


def test_a_whole_pass_reaches_every_channel_and_audits_escalation(db, fake_server):
    intake = store.save_intake(db, "c1", URGENT)
    env = {"ALERT_WEBHOOK_URL": _url(fake_server) + "/hook", "ALERT_WEBHOOK_SECRET": "s3cret",
           "TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": "t", "TWILIO_FROM": "+13125550000",
           "TWILIO_API_BASE": _url(fake_server)}
    counts = alerts_run.run_pass(db, FIRM, EVENING, env=env, smtp=False, key=KEY)
    assert counts == {"queued": 3, "escalated": 0, "sent": 3, "retry": 0, "failed": 0}
    assert sorted(p for p, _, _ in fake_server.requests) == ["/2010-04-01/Accounts/AC1/Messages.json", "/hook"]
    # The email waits in the outbox (no SMTP here), as booking emails do.
    [mail] = list(db.query("SELECT kind, recipient, status FROM outbox"))
    assert mail == {"kind": "alert", "recipient": "ana@riveracole.example", "status": "queued"}
    assert [r["detail"] for r in db.query("SELECT detail FROM alert_deliveries ORDER BY id")] == ["outbox", None, None]
    counts = alerts_run.run_pass(db, FIRM, EVENING + timedelta(minutes=11), env=env, smtp=False, key=KEY)
    assert counts["escalated"] == 1 and counts["sent"] == 1
    [entry] = [e for e in audit.entries(db)[0] if e["action"] == "escalate_alert"]
    assert entry["target"] == f"intake:{intake['id']}"


def test_purging_an_intake_removes_its_alerts(db):
    intake = store.save_intake(db, "c1", URGENT)
    queue.dispatch(db, ON_CALL, FIRM, EVENING)
    with db.conn:
        db.conn.execute("DELETE FROM intakes WHERE id = ?", [intake["id"]])
    assert list(db.query("SELECT * FROM alerts")) == [] and list(db.query("SELECT * FROM alert_deliveries")) == []


def test_a_booking_made_moved_and_cancelled_alerts_once_each(db):
    from bot.booking import store as booking_store
    from bot.booking.attorneys import BookingRules, parse_attorneys
    from bot.booking.availability import open_slots

    now = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    attorneys = parse_attorneys(
        [{"id": "ana", "name": "Ana Rivera", "practice_areas": ["removal"], "time_zone": "America/Chicago",
          "consultation_minutes": 30, "buffer_minutes": 15, "hours": {"mon": [["09:00", "12:00"]]}}]
    )
    slots = open_slots(attorneys[0], now=now)
    booking_store.ensure_schema(db)
    intake = store.save_intake(db, "c9", {"status": "new", "situation": "removal"})
    visitor = booking_store.Visitor("Rosa Díaz", "rosa@example.com", None, "America/Chicago", conversation_id="c9")
    made = booking_store.book(db, slots[0], visitor, "phone", attorneys=attorneys, rules=BookingRules(), now=now)
    moved = booking_store.reschedule(db, made.reference, "rosa@example.com", slots[1], attorneys=attorneys, now=now, rules=BookingRules())
    booking_store.cancel(db, moved.reference, "rosa@example.com", attorneys=attorneys, now=now)
    events = [r["event"] for r in db.query("SELECT event FROM alerts WHERE intake_id = ? AND kind = 'booking' ORDER BY id", [intake["id"]])]
    assert events == [f"made:{made.reference}", f"rescheduled:{moved.reference}", f"cancelled:{moved.reference}"]
    queue.dispatch(db, ON_CALL, FIRM, EVENING)
    assert queue.escalate_due(db, ON_CALL, FIRM, EVENING + timedelta(hours=3)) == []  # for information: no escalation
