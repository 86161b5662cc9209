"""Fuzz: generated messages through both chat channels' input path; whatever is stored still exports.

Hypothesis sends REST bodies through the Sanic app (in process, ASGI: body
reading, JSON parsing, sender rules, cleaning, limits) and socket.io events to
the channel's own handlers (session request, then the message). In place of
Rasa's agent, ``StoringAgent`` reads each message with Rasa's own parsing of
``/intent{...}`` payloads (``YAMLStoryReader.unpack_regex_message``, what
RegexMessageHandler runs) and stores the text and the entity values in an
intake, as the intake actions would. Properties, for every message:

* no 5xx on REST; every socket.io event is acknowledged, nothing raises;
* every stored intake exports to JSONL and CSV, by ``intake export``'s writer
  and by the staff export's rows, as UTF-8, and reads back;
* no message takes longer than 2 s (the one time bound in the tests, as a
  property of the fuzz run, not a timed unit test);
* afterwards the channel still answers an ordinary message.

Inputs: random Unicode including controls, bidi controls and lone
surrogates, huge strings, JSON of every type in every place, and
``/intent{...}`` payloads with good, escaped and broken JSON.

``make test`` runs 250 messages per channel; ``make fuzz`` runs 10,000 per
channel (``FUZZ_EXAMPLES``). No trained model is needed.
"""
from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import time
import warnings
from pathlib import Path
from typing import Any, Dict, List

import httpx
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.training_data.message import Message
from sanic import Sanic

from bot import store
from bot.export import write_export
from bot.staff import db as staff_db
from bot.staff import inbox
from connectors import channels

from .chat_app import SITE, build_app

# Hypothesis keeps its example database and Unicode tables under .pytest_cache/
# (ignored by git), not in a .hypothesis/ folder of the checkout.
set_hypothesis_home_dir(str(Path(__file__).resolve().parents[2] / ".pytest_cache" / "hypothesis"))

#: Generated messages per channel: 250 (500 in all) in `make test`, 10,000 in `make fuzz`.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "250"))
SECONDS_PER_MESSAGE = 2.0

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # the time bound is asserted per message below, with the reason
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture,
                           HealthCheck.large_base_example],
    derandomize=False,
    print_blob=True,
)


# --- what gets sent ------------------------------------------------------------------------------

CONTROLS = [chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))]
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)]
SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)

any_char = st.one_of(
    st.characters(exclude_categories=()),  # every category, unassigned and private use included
    st.sampled_from(CONTROLS + BIDI + ["\r\n", "\u2028", "\ufeff", "\ufffd", "\U0010ffff"]),
    SURROGATES,
)
unicode_text = st.lists(any_char, max_size=60).map("".join)
huge_text = st.builds(lambda piece, n: (piece or "x") * n, unicode_text, st.integers(100, 20_000)).map(lambda s: s[:120_000])
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), unicode_text)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(unicode_text, inner, max_size=4),
                           max_leaves=12)


def _dumps(value: Any, ascii_only: bool) -> str:
    return json.dumps(value, ensure_ascii=ascii_only)


intent_names = st.one_of(st.sampled_from(["inform", "affirm", "deny", "greet", "restart", "session_start", "back", "start_over",
                                          "nlu_fallback", "inform@0.5", "inform@x"]), unicode_text)
entity_values = st.one_of(unicode_text, json_values)
payload_json = st.one_of(
    st.builds(_dumps, st.dictionaries(st.sampled_from(["contact_name", "contact_phone", "booking_mode", "booking_slot",
                                                       "visitor_time_zone", "removal_stage", "change_field"]) | unicode_text,
                                      entity_values, max_size=4), st.booleans()),
    st.builds(_dumps, json_values, st.booleans()),
    unicode_text.map(lambda t: "{" + t),  # unterminated
    unicode_text.map(lambda t: "{" + t + "}"),  # braces around anything
    st.integers(1, 5_000).map(lambda n: "{" + '"a":' * n + "1" + "}"),
    st.integers(1, 20_000).map(lambda n: "{\"a\":" + "[" * n + "]" * n + "}"),  # nested deeper than json can parse
)
commands = st.builds(lambda name, body, tail: f"/{name}{body}{tail}", intent_names, payload_json, st.sampled_from(["", " ", "tail", "\n2nd line"]))
messages = st.one_of(unicode_text, commands, huge_text, st.sampled_from(["/restart", "/session_start", "/back", "", " ", "/", "/{}"]))

good_senders = st.from_regex(r"fuzz-[a-z0-9]{1,12}", fullmatch=True)
senders = st.one_of(good_senders, good_senders, json_values, st.just("0123456789abcdef0123456789abcdef"))


@st.composite
def rest_requests(draw) -> Dict[str, Any]:
    """A body (bytes) and headers for the REST webhook."""
    kind = draw(st.sampled_from(["message", "message", "message", "typed", "json", "bytes", "big"]))
    headers = {"Origin": SITE} if draw(st.integers(0, 4)) == 0 else {}
    if kind == "message":
        body = {"sender": draw(good_senders), "message": draw(messages)}
    elif kind == "typed":
        body = draw(st.dictionaries(st.sampled_from(["sender", "message", "metadata", "input_channel", "stream"]),
                                    st.one_of(json_values, messages, senders), max_size=5))
    elif kind == "json":
        body = draw(json_values)
    elif kind == "bytes":
        return {"content": draw(st.binary(max_size=300)), "headers": headers}
    else:
        body = {"sender": draw(good_senders), "message": "y" * draw(st.integers(60_000, 200_000))}
    # ASCII JSON can carry lone surrogates (as escapes); a body with raw ones is not UTF-8.
    ascii_only = draw(st.booleans())
    text = json.dumps(body, ensure_ascii=ascii_only)
    return {"content": text.encode("utf-8", "surrogatepass"), "headers": headers}


socket_events = st.one_of(
    st.builds(lambda m, s: {"message": m, "session_id": s}, messages, st.one_of(st.none(), unicode_text, json_values)),
    st.dictionaries(st.sampled_from(["message", "session_id", "metadata"]), st.one_of(json_values, messages), max_size=3),
    json_values,
)
session_requests = st.one_of(st.none(), json_values, st.dictionaries(st.sampled_from(["session_id", "session_token"]),
                                                                        st.one_of(json_values, unicode_text), max_size=2))


# --- the stand-in for Rasa -----------------------------------------------------------------------


class StoringAgent:
    """Parses each message as Rasa does and stores what it read in an intake (then echoes it)."""

    def __init__(self) -> None:
        self.db = None
        self.tracker_store = None  # the language of a conversation is never known here

    async def handle_message(self, message) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Rasa warns about unparseable payloads, with their text
            parsed = YAMLStoryReader.unpack_regex_message(Message({"text": message.text}), None, "RegexMessageHandler")
        entities = parsed.get("entities") or []
        values = [e["value"] for e in entities]
        assert all(isinstance(v, str) for v in values), "the input edge lets only string entity values through"
        store.save_intake(self.db, message.sender_id, {
            "situation_text": message.text,
            "location_text": values[0] if values else message.text[:200],
            "city": values[-1] if values else None,
            "details": {"said": message.text, "entities": {e["entity"]: e["value"] for e in entities}},
            "contact": {"name": message.text, "phone": values[0] if values else ""},
        })
        await message.output_channel.send_response(message.sender_id, {"text": f"You said: {message.text}"})


def assert_exports(db) -> None:
    """Every stored intake exports as JSONL and CSV, both ways, as UTF-8, and reads back."""
    cli_rows = [store.export_row(i) for i in store.iter_intakes(db)]
    staff_rows = list(inbox.export_rows(db, inbox.Filters()))
    assert len(staff_rows) == len(cli_rows)
    for rows in (cli_rows, staff_rows):
        for fmt in ("jsonl", "csv"):
            out = io.StringIO()
            assert write_export(iter(rows), fmt, out) == len(rows)
            text = out.getvalue()
            text.encode("utf-8")
            if fmt == "jsonl":
                assert len([json.loads(line) for line in text.splitlines()]) == len(rows)
            else:
                assert len(list(csv.reader(io.StringIO(text, newline="")))) == len(rows) + 1


class Harness:
    """The channels on one Sanic app, driven from one event loop for the whole Hypothesis run."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.agent = StoringAgent()
        self.app = build_app(self.agent)  # type: ignore[arg-type]
        self.sio = self.app.ctx.socketio.sio
        self.emitted: List[Any] = []
        self.sio.emit = self._emit  # socket.io replies recorded, not sent anywhere
        self.inbox: asyncio.Queue = asyncio.Queue()
        self.outbox: asyncio.Queue = asyncio.Queue()
        self.run(self.inbox.put({"type": "lifespan.startup"}))
        self.lifespan = self.loop.create_task(
            self.app({"type": "lifespan", "asgi": {"version": "3.0"}}, self.inbox.get, self.outbox.put))
        assert self.run(self.outbox.get())["type"] == "lifespan.startup.complete"
        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app), base_url="http://rasa", timeout=30)
        self.sockets = 0

    async def _emit(self, event, data=None, room=None, **kwargs) -> None:
        json.dumps(data)  # what python-socketio would have to encode
        self.emitted.append((event, data, room))

    def run(self, coro):
        return self.loop.run_until_complete(coro)

    def fresh_db(self):
        self.agent.db = staff_db.connect(":memory:")
        return self.agent.db

    def close(self) -> None:
        self.run(self.client.aclose())
        self.run(self.inbox.put({"type": "lifespan.shutdown"}))
        self.run(self.outbox.get())
        self.lifespan.cancel()
        self.loop.close()


@pytest.fixture
def harness(monkeypatch):
    monkeypatch.setattr(Sanic, "test_mode", True)
    monkeypatch.setattr(channels, "HOLDERS", channels.Holders())
    h = Harness()
    yield h
    h.close()


def timed(harness: Harness, coro) -> Any:
    started = time.perf_counter()
    result = harness.run(coro)
    elapsed = time.perf_counter() - started
    assert elapsed < SECONDS_PER_MESSAGE, f"one message took {elapsed:.2f} s"
    return result


def test_fuzz_rest_webhook(harness):
    @FUZZ
    @given(request=rest_requests())
    def check(request):
        db = harness.fresh_db()
        note(f"body bytes: {len(request['content'])}, headers: {request['headers']}")
        response = timed(harness, harness.client.post("/webhooks/rest/webhook", **request))
        assert response.status_code < 500
        reply = response.json()  # always JSON: the replies, or {"error": ...}
        assert isinstance(reply, list) or set(reply) == {"error"}
        assert_exports(db)

    check()
    harness.fresh_db()
    after = harness.run(harness.client.post("/webhooks/rest/webhook", json={"sender": "fuzz-after", "message": "hello"}))
    assert after.status_code == 200 and after.json()[0]["text"] == "You said: hello"


def test_fuzz_socketio_events(harness):
    handlers = harness.sio.handlers["/"]

    @FUZZ
    @given(request=session_requests, event=socket_events)
    def check(request, event):
        db = harness.fresh_db()
        harness.sockets += 1
        sid = harness.sio.manager.connect(f"fuzz-eio-{harness.sockets}", "/")  # as engine.io would on connect
        try:
            assert harness.run(handlers["connect"](sid, {"HTTP_ORIGIN": SITE}, None)) is True
            timed(harness, handlers["session_request"](sid, request))
            ack = timed(harness, handlers["user_uttered"](sid, event))
            assert isinstance(ack, dict) and set(ack) <= {"error"}
            json.dumps(ack)
            assert_exports(db)
        finally:
            harness.run(handlers["disconnect"](sid))
            harness.run(harness.sio.manager.disconnect(sid, "/"))
            harness.emitted.clear()

    check()
    harness.fresh_db()
    sid = harness.sio.manager.connect("fuzz-eio-after", "/")
    harness.run(handlers["session_request"](sid, None))
    assert harness.run(handlers["user_uttered"](sid, {"message": "hello"})) == {}
    assert harness.emitted[-1][1] == {"text": "You said: hello"}
