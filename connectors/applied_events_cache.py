"""Rasa's ``DialogueStateTracker.applied_events`` worked out once per state of the tracker's events.

Rasa works out the applied events (the events left once restarts, rewinds and
form loops are undone) from every event of the session, several times a
turn: for the policies' states, each form validation, each slot lookup of a
prediction. With a form the work grows faster than the conversation (each
form execution looks back through what came before it), and at the 50th
message it was about a quarter of the Rasa server's time (py-spy:
``applied_events``, ``_undo_till_previous_loop_execution`` and the ``isinstance``
checks they make).

The answer depends only on the events, so it is kept on the tracker with
what it was computed from: the same event deque, as many events, and the
same last event. Any change (an event added, a deque of the history's
maximum length that dropped its oldest, a deque replaced by a restart)
computes it again, by Rasa's own method. Each call gets its own list, as
from Rasa.

Installed by ``connectors.tracker_store`` (the one module of ours that only
the Rasa server imports). ``tests/test_rasa_fast_paths.py`` checks the same
lists as Rasa's method at every step of whole conversations.
"""
from __future__ import annotations

from typing import Any, List

from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

#: Rasa's own method, which computes the answer.
RASA_APPLIED_EVENTS = DialogueStateTracker.applied_events


def _applied_events(self: DialogueStateTracker) -> List[Event]:
    events = self.events
    last = events[-1] if events else None
    kept: Any = self.__dict__.get("_applied_events_kept")
    if kept is None or kept[0] is not events or kept[1] != len(events) or kept[2] is not last:
        kept = (events, len(events), last, RASA_APPLIED_EVENTS(self))
        self.__dict__["_applied_events_kept"] = kept
    return list(kept[3])


def install() -> None:
    """Trackers in this process keep their applied events between calls."""
    DialogueStateTracker.applied_events = _applied_events  # type: ignore[method-assign]
