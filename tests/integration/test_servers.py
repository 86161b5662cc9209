"""The real servers (trained model, Rasa server, action server) under faults and bad input.

Needs a trained model (``make train``); run by ``make test`` after training.
"""
from __future__ import annotations

import contextlib
import json
import sqlite3
import uuid
from pathlib import Path

import httpx
import pytest
import yaml

from bot import transcripts

ROOT = Path(__file__).resolve().parents[2]
import servers  # noqa: E402

pytestmark = pytest.mark.integration

#: Not firm.yml's number: the servers run on a profile the test writes, as a firm would edit it (no retrain).
FIRM_PHONE = "(312) 555-0177"


class Stack:
    """A Rasa server and an action server that tests can stop and start."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.action_port = servers.free_port()
        self.rasa_port = servers.free_port()
        self.env = servers.base_env(data_dir, self.action_port)
        self.env["FIRM_PROFILE"] = str(write_firm_profile(data_dir / "firm.yml", phone="+1 312-555-0177", phone_display=FIRM_PHONE))
        self.logs = ROOT / "results" / "integration"
        self._actions = None
        self._rasa = None

    def start_actions(self):
        self._actions = contextlib.ExitStack()
        self._actions.enter_context(servers.action_server(self.env, self.action_port, self.logs / "actions.log"))

    def stop_actions(self):
        if self._actions:
            self._actions.close()
            self._actions = None

    def start_rasa(self):
        self._rasa = contextlib.ExitStack()
        self.rasa_proc = self._rasa.enter_context(servers.rasa_server(self.env, self.rasa_port, self.logs / "rasa.log"))

    def stop_rasa(self):
        if self._rasa:
            self._rasa.close()
            self._rasa = None

    def say(self, sender: str, text: str) -> list:
        response = httpx.post(
            f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            timeout=60,
        )
        assert response.status_code == 200, response.text
        return response.json()


def write_firm_profile(path: Path, **changes) -> Path:
    profile = yaml.safe_load((ROOT / "firm.yml").read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump({**profile, **changes}, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def joined(replies: list) -> str:
    return " ".join(r.get("text", "") for r in replies)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if not (ROOT / "models").exists():
        pytest.skip("no trained model: run `make train`")
    s = Stack(tmp_path_factory.mktemp("var"))
    s.start_rasa()
    yield s
    s.stop_actions()
    s.stop_rasa()


def test_the_rasa_server_runs_without_jax(stack):
    # connectors/rasa_server.py: TensorFlow is loaded, JAX (only its TFLite converter's) is not.
    assert stack.say("memory-check", "hi")
    maps = Path(f"/proc/{stack.rasa_proc.pid}/maps").read_text()
    assert "libtensorflow" in maps
    assert "jaxlib" not in maps


def test_faults_are_survived_without_losing_the_conversation(stack):
    sender = f"fault-{uuid.uuid4().hex[:8]}"
    # Action server down: the visitor still gets the firm's number, not silence.
    replies = stack.say(sender, "hi")
    assert replies and FIRM_PHONE in joined(replies)
    # A rule's response needs no action server either, and names the number in the firm profile.
    goodbye = stack.say(f"bye-{uuid.uuid4().hex[:8]}", "bye")
    assert joined(goodbye) == f"Take care. If anything changes, call us at {FIRM_PHONE}."

    stack.start_actions()
    assert "May I save" in joined(stack.say(sender, "hi"))
    assert "Where are you" in joined(stack.say(sender, "yes"))
    assert "What's happening" in joined(stack.say(sender, "chicago"))

    # Restart the Rasa server: the conversation continues where it was.
    stack.stop_rasa()
    stack.start_rasa()
    # (a short answer, so that the details question follows: a full sentence about it is not asked again)
    replies = joined(stack.say(sender, "citizenship"))
    assert "what would you like help with" in replies.lower()

    # Restart the action server too.
    stack.stop_actions()
    stack.start_actions()
    assert "What name" in joined(stack.say(sender, "I have had my green card for 6 years"))


@pytest.mark.parametrize(
    "text",
    ["", "   ", "😀😀😀", "x" * 5000, "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
     "'; DROP TABLE intakes; --", "Hola, necesito ayuda con mi caso", "??!!"],
)
def test_bad_input_gets_a_polite_reply(stack, text):
    if stack._actions is None:
        stack.start_actions()
    sender = f"bad-{uuid.uuid4().hex[:8]}"
    stack.say(sender, "hi")
    replies = stack.say(sender, text)
    assert replies, f"no reply to {text[:30]!r}"
    assert all(r.get("text") for r in replies)


def test_refusal_forgets_the_transcript(stack):
    if stack._actions is None:
        stack.start_actions()
    sender = f"refuse-{uuid.uuid4().hex[:8]}"
    stack.say(sender, "ICE took my brother in dallas")
    replies = joined(stack.say(sender, "no"))
    assert FIRM_PHONE in replies and "won't save" in replies
    kept = transcripts.store(stack.data_dir / "tracker.db").events_for(sender)
    # Only the marker is kept: nothing the visitor wrote, no place, no matter.
    slots = {e.get("name") for e in kept if e.get("event") == "slot"}
    assert slots <= {"consent_declined", "reply_language"}
    assert "consent_declined" in slots and "user" not in {e.get("event") for e in kept}
    assert not any("dallas" in json.dumps(e).lower() or "brother" in json.dumps(e).lower() for e in kept)
    with sqlite3.connect(stack.data_dir / "intake.db") as db:
        assert db.execute("select count(*) from intakes where conversation_id = ?", (sender,)).fetchone() == (0,)
        assert db.execute("select count(*) from consent_refusals").fetchone()[0] >= 1
    # Coming back asks consent again, without greeting the visitor as a stranger.
    again = joined(stack.say(sender, "hello"))
    assert "May I save" in again and "Earlier you chose not to share" in again


def test_completed_intake_is_exported(stack):
    if stack._actions is None:
        stack.start_actions()
    sender = f"done-{uuid.uuid4().hex[:8]}"
    for text in ["hi", "yes", "boston", "citizenship", "N-400", "Li Wei", "617 555 0100"]:
        stack.say(sender, text)
    assert "saved" in joined(stack.say(sender, "yes"))
    with sqlite3.connect(stack.data_dir / "intake.db") as db:
        db.row_factory = sqlite3.Row
        row = db.execute("select * from intakes where conversation_id = ?", (sender,)).fetchone()
    assert row["state"] == "MA" and row["situation"] == "citizenship"


def test_booking_then_cancel_in_the_chat(stack):
    if stack._actions is None:
        stack.start_actions()
    sender = f"book-{uuid.uuid4().hex[:8]}"
    for text in ["hi", "yes", "chicago", "my employer wants to sponsor me for an h1b", "software engineer",
                 "Priya Shah", "312 555 0142"]:
        stack.say(sender, text)
    replies = stack.say(sender, "yes")  # confirm the summary: saved, and a consultation is offered
    assert "book a consultation" in joined(replies).lower()
    offer = stack.say(sender, "yes")
    buttons = [b for r in offer for b in r.get("buttons", [])]
    assert 4 <= len(buttons) <= 6 and buttons[-1]["title"] == "Other times"
    assert "Central Time" in joined(offer)
    modes = stack.say(sender, buttons[0]["payload"])
    assert [b["payload"] for r in modes for b in r.get("buttons", [])]
    stack.say(sender, '/inform{"booking_mode":"phone"}')  # asks for the email
    summary = joined(stack.say(sender, "priya@example.com"))
    assert "Shall I book it?" in summary
    confirmed = stack.say(sender, "yes")
    card = next(r["custom"] for r in confirmed if r.get("custom"))
    assert card["type"] == "booking" and card["reference"].startswith("RC-") and card["ics_url"].endswith(".ics")

    stack.say(sender, "cancel my appointment")
    assert "email" in joined(stack.say(sender, card["reference"])).lower()
    # An unknown reference and a wrong email get the same answer (issue 11, finding 10).
    assert "can't find a booking with that reference and email" in joined(stack.say(sender, "someone@example.com"))
    stack.say(sender, card["reference"])  # both are asked again
    question = stack.say(sender, "priya@example.com")
    assert [b["title"] for r in question for b in r.get("buttons", [])] == ["Yes, cancel it", "No, keep it"]
    assert "is cancelled" in joined(stack.say(sender, "/affirm"))


def test_a_callback_request_reaches_the_webhook_within_seconds(stack):
    """The whole chain: the chat saves the request, the worker process signs and posts the alert."""
    import json
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from bot.alerts import message

    received = []

    def mine():
        return [r for r in received if b"Callback requested" in r[2]]

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((time.monotonic(), dict(self.headers), body))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    hook = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    env = dict(stack.env, ALERT_WEBHOOK_URL=f"http://127.0.0.1:{hook.server_address[1]}/alerts", ALERT_WEBHOOK_SECRET="s3cret")
    if stack._actions is None:
        stack.start_actions()
    sender = f"alert-{uuid.uuid4().hex[:8]}"
    try:
        with servers.worker(env, stack.logs / "worker.log"):
            for text in ["hi", "yes", "boston", "citizenship", "N-400", "Li Wei", "617 555 0100"]:
                stack.say(sender, text)
            assert "saved" in joined(stack.say(sender, "yes"))
            asked = time.monotonic()
            assert "call you back" in joined(stack.say(sender, "can a person call me back please"))
            deadline = asked + 30
            while not mine() and time.monotonic() < deadline:
                time.sleep(0.2)
    finally:
        hook.shutdown()
    # (Other tests' intakes share this data directory: their alerts arrive too.)
    assert mine(), "no alert for this callback reached the webhook"
    at, headers, body = mine()[0]
    print(f"callback alert reached the webhook {at - asked:.1f} s after the request")
    assert at - asked < 15
    worker_log = (stack.logs / "worker.log").read_text()
    assert "127.0.0.1:" not in worker_log  # the webhook's address (a secret, for Slack) is not logged
    assert message.verify_webhook(b"s3cret", headers["X-Intake-Timestamp"], body, headers["X-Intake-Signature"])
    payload = json.loads(body)
    assert payload["text"].startswith("Callback requested: intake #")  # firm.yml's webhook_format: slack
    assert "Li Wei" not in payload["text"] and "555 0100" not in payload["text"] and "5550100" not in payload["text"]
