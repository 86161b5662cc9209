"""Rich messages the widget renders as cards (sent as Rasa ``custom`` payloads).

Every card payload the chat sends is built here: the widget
(``web/static/widget/widget.js``) renders them by ``type``.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Dict, Iterable

from bot.booking.flow import mode_label
from bot.language import MONTHS_ES


def _date_label(iso: str, language: str = "en") -> str:
    """'December 9, 2024' / '9 de diciembre de 2024'."""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    if language == "es":
        return f"{day.day} de {MONTHS_ES[day.month - 1]} de {day.year}"
    return day.strftime("%B %-d, %Y")


def update_card(post: Dict[str, Any], language: str = "en") -> Dict[str, Any]:
    """A posted update as a card: title, date (always shown, in the conversation's language),
    one-line summary, link. The post itself is in the language the firm wrote it in."""
    summary = " ".join(str(post.get("summary") or "").split())
    if len(summary) > 160:
        summary = summary[:159].rsplit(" ", 1)[0] + "…"
    return {
        "title": post["title"],
        "url": post["url"],
        "published": post["published"],
        "date": _date_label(post["published"], language),
        "summary": summary,
    }


def updates_message(posts: Iterable[Dict[str, Any]], language: str = "en") -> Dict[str, Any]:
    """Posted updates as a list of cards (:func:`update_card`)."""
    return {"type": "updates", "items": [update_card(p, language) for p in posts]}


def booking_card(reference: str, when: str, attorney: str, mode: str, ics_url: str, language: str = "en") -> Dict[str, Any]:
    """The confirmation as a card the widget renders (with the calendar link)."""
    return {
        "type": "booking",
        "reference": reference,
        "when": when,
        "attorney": attorney,
        "mode": mode_label(mode, language),
        "ics_url": ics_url,
        "language": language,
    }
