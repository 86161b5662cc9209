"""Who may do what: the one permission check for the staff app and CLI.

Roles: ``staff`` review intakes (read, note, change status, assign, change
bookings, export, see the dashboard); ``admin`` can also manage users, set
the retention period, purge, read the audit log, and see and retry alert
deliveries.
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Optional

STAFF_ACTIONS: FrozenSet[str] = frozenset(
    {"view_intakes", "edit_intake", "export", "view_dashboard"}
)
ADMIN_ACTIONS: FrozenSet[str] = STAFF_ACTIONS | {"manage_users", "manage_retention", "read_audit", "manage_alerts"}

ROLE_ACTIONS: Dict[str, FrozenSet[str]] = {"staff": STAFF_ACTIONS, "admin": ADMIN_ACTIONS}


def allowed(role: Optional[str], action: str) -> bool:
    """May a user with ``role`` do ``action``? Unknown roles and actions: no."""
    if action not in ADMIN_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    return action in ROLE_ACTIONS.get(role or "", frozenset())
