"""Transcripts read from a real Rasa tracker store, and the intake page that shows them."""
from __future__ import annotations

import html

import re

import markupsafe
import pytest

from bot import transcripts
from bot.staff import transcript
from staff_support import (
    T0,
    intake_conversation,
    logged_in,
    make_intake,
    save_conversation,
)


def _items(sender):
    return transcript.read(transcripts.store(), sender)


def test_messages_with_times_and_clicked_button_titles():
    save_conversation("conv-1", intake_conversation())
    items = _items("conv-1")
    kinds = [i.kind for i in items]
    assert kinds[0] == "visitor" and items[0].text == "hi"
    assert items[0].at.timestamp() == pytest.approx(T0 + 3)  # session start events come first
    bots = [i for i in items if i.kind == "bot"]
    assert bots[0].buttons == ["Yes, that's fine", "No"]
    clicks = [i.clicked for i in items if i.kind == "visitor" and i.text.startswith("/")]
    # every payload is shown as the title of the button it came from
    assert clicks == ["Yes, that's fine", "Someone is detained", "Yes, save it"]
    assert "ICE took my husband this morning, he is at Broadview" in [i.text for i in items]


def test_markers_for_start_over_going_back_restart_and_new_session():
    save_conversation("conv-2", intake_conversation(start_over=True, went_back=True))
    save_conversation("conv-2", [("session",), ("user", "hello again", "greet"), ("restart",)], start=T0 + 7200)
    markers = [i.marker for i in _items("conv-2") if i.kind == "marker"]
    assert markers == ["start_over", "went_back", "session", "restart"]
    assert transcript.MARKERS["start_over"] == "Visitor started over"


def test_payload_without_a_matching_button_is_left_as_is():
    items = transcript.build(
        [
            {"event": "bot", "timestamp": T0, "text": "Pick", "data": {"buttons": [{"title": "A", "payload": "/a"}]}},
            {"event": "user", "timestamp": T0 + 1, "text": "/b", "parse_data": {"intent": {"name": "b"}}},
        ]
    )
    assert items[1].clicked is None and items[1].intent == "b"


def test_no_tracker_store_means_no_transcript():
    assert transcripts.store() is None
    assert _items("anyone") == []


def test_intake_page_shows_summary_beside_transcript():
    save_conversation("conv-3", intake_conversation(start_over=True))
    intake = make_intake(
        "conv-3",
        situation="detention",
        urgent=True,
        urgency_reasons=["detained_now"],
        details={"detained_where": "Broadview", "a_number": "012345678"},
        contact={"name": "Maria Lopez", "phone": "+13125550148"},
        updates_shown=[{"title": "What Illinois' TRUST Act means for you", "url": "https://firm.example/posts/trust-act"}],
    )
    c, _ = logged_in()
    page = c.get(f"/staff/intakes/{intake['id']}")
    assert page.status_code == 200
    text = html.unescape(page.text)
    for expected in (
        "Someone is detained now",  # urgency reason label
        "Held at",
        "Broadview",
        "012345678",
        "Maria Lopez",
        "What Illinois' TRUST Act means for you",
        "Visitor started over",
        "Clicked the button",
        "Someone is detained",
        "ICE took my husband this morning, he is at Broadview",
    ):
        assert expected in text, expected
    # times are shown in the firm's zone (T0 + 3 s = 9:00 AM in Chicago)
    assert "Visitor · 9:00 AM" in text


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "<a href=\"javascript:alert(1)\">x</a>",
        "{{ 7*7 }} {% raw %}",  # not a template either
    ],
)
def test_visitor_text_is_never_html(payload):
    save_conversation("conv-x", intake_conversation(visitor_text=payload, name=payload))
    intake = make_intake("conv-x", situation_text=payload, contact={"name": payload})
    c, _ = logged_in()
    escaped = str(markupsafe.escape(payload))
    for url, params in ((f"/staff/intakes/{intake['id']}", {}), ("/staff/", {}), ("/staff/", {"q": payload})):
        body = c.get(url, params=params).text
        assert escaped in body, url
        if escaped != payload:
            assert payload not in body, url
    # Rendered as a template it would read "49"; random tokens on the page may hold "49" by chance.
    page = re.sub(r'(?:value|content)="[^"]*"', "", c.get(f"/staff/intakes/{intake['id']}").text)
    assert ">49<" not in page and " 49 " not in page
    if "{{" in payload:
        assert "{{ 7*7 }}" in page
