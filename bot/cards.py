"""Rich messages the widget renders as cards (sent as Rasa ``custom`` payloads)."""
from __future__ import annotations

from datetime import date
from typing import Any, Dict


def _date_label(iso: str) -> str:
    try:
        return date.fromisoformat(iso[:10]).strftime("%B %-d, %Y")
    except ValueError:
        return iso


def update_card(post: Dict[str, Any]) -> Dict[str, Any]:
    """A posted update as a card: title, date (always shown), one-line summary, link."""
    summary = " ".join(str(post.get("summary") or "").split())
    if len(summary) > 160:
        summary = summary[:159].rsplit(" ", 1)[0] + "…"
    return {
        "title": post["title"],
        "url": post["url"],
        "published": post["published"],
        "date": _date_label(post["published"]),
        "summary": summary,
    }
