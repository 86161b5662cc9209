"""Finding 7: visitor text is isolated in staff pages (``<bdi>`` or ``dir``), so
bidirectional controls in a name cannot reorder the phone number beside it."""
from __future__ import annotations

from html.parser import HTMLParser
from typing import List, Tuple

from staff_support import intake_conversation, logged_in, make_intake, save_conversation

RLO, LRI, PDF = "\u202e", "\u2066", "\u202c"
NAME = f"Maria {RLO}Lopez"
PHONE = "+13125550148"
STORY = f"ICE took him {RLO}at 8am{LRI}"
PLACE_TYPED = f"Chica{RLO}go"


class Isolation(HTMLParser):
    """Each text node with whether an ancestor isolates it, and that isolate's id."""

    VOID = {"meta", "link", "input", "br", "img", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: List[Tuple[str, int]] = []  # (tag, isolate number or 0)
        self.texts: List[Tuple[str, object]] = []
        self.isolates = 0

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            isolates = tag == "bdi" or any(name == "dir" for name, _ in attrs)
            self.isolates += isolates
            self.stack.append((tag, self.isolates if isolates else 0))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        isolate = next((number for _, number in reversed(self.stack) if number), None)
        self.texts.append((data, isolate))


def isolation_of(html: str, needle: str) -> List[object]:
    parser = Isolation()
    parser.feed(html)
    return [isolate for text, isolate in parser.texts if needle in text]


def _intake():
    save_conversation("conv-bidi", intake_conversation(STORY, name=NAME, phone=PHONE))
    return make_intake("conv-bidi", contact={"name": NAME, "phone": PHONE}, situation_text=STORY, location_text=PLACE_TYPED,
                       callback_requested=True, city=f"Spring{RLO}field", state="IL")


def test_inbox_isolates_names_and_places_from_the_phone_number():
    _intake()
    c, _ = logged_in()
    html = c.get("/staff/").text
    names, phones = isolation_of(html, NAME), isolation_of(html, PHONE)
    assert names and phones  # in the callback queue and the list
    assert None not in names and None not in phones
    assert not set(names) & set(phones)  # each in an isolate of its own
    assert None not in isolation_of(html, f"Spring{RLO}field")


def test_intake_page_isolates_every_piece_of_visitor_text():
    intake = _intake()
    c, _ = logged_in()
    html = c.get(f"/staff/intakes/{intake['id']}").text
    for text in (NAME, PHONE, STORY, PLACE_TYPED):
        found = isolation_of(html, text)
        assert found and None not in found, text
    assert not set(isolation_of(html, NAME)) & set(isolation_of(html, PHONE))
