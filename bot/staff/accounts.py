"""Staff accounts, sessions and login throttling.

- Passwords are hashed with argon2id (``argon2-cffi``'s defaults) and
  rehashed on login when those defaults change.
- A session is a random token held by the browser in a signed cookie (see
  ``web.staff.auth``); only its SHA-256 is stored, with the user, a CSRF
  token and two clocks: sessions end after :data:`IDLE_TIMEOUT` without use
  and :data:`ABSOLUTE_TIMEOUT` after login. Logging out, disabling a user or
  changing their password or role ends their sessions.
- Throttling: after :data:`MAX_FAILURES_PER_EMAIL` failed logins for one
  address, or :data:`MAX_FAILURES_PER_CLIENT` from one client, within
  :data:`FAILURE_WINDOW` seconds, further attempts are refused (without even
  checking the password) until the oldest failure leaves the window.
"""
from __future__ import annotations

import hashlib
import re
import secrets
import time
from dataclasses import dataclass
from typing import List, Optional

import sqlite_utils
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from bot.store import utcnow

ROLES = ("staff", "admin")
MIN_PASSWORD_LENGTH = 12

IDLE_TIMEOUT = 8 * 3600
ABSOLUTE_TIMEOUT = 24 * 3600

FAILURE_WINDOW = 15 * 60
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_CLIENT = 20

_hasher = PasswordHasher()
_dummy_hash: List[str] = []


def _dummy() -> str:
    """Verified against when the email is unknown, so that both cases take as long."""
    if not _dummy_hash:
        _dummy_hash.append(_hasher.hash(secrets.token_hex(16)))
    return _dummy_hash[0]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountError(ValueError):
    """A user cannot be created or changed as asked (message says why)."""


@dataclass(frozen=True)
class User:
    id: int
    email: str
    role: str
    active: bool
    created_at: str
    last_login_at: Optional[str]

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @classmethod
    def from_row(cls, row) -> "User":
        return cls(
            id=row["id"],
            email=row["email"],
            role=row["role"],
            active=bool(row["active"]),
            created_at=row["created_at"],
            last_login_at=row["last_login_at"],
        )


@dataclass(frozen=True)
class Session:
    user: User
    csrf_token: str
    created_at: float


@dataclass(frozen=True)
class LoginResult:
    user: Optional[User] = None
    #: ``bad_credentials`` or ``throttled`` when ``user`` is None.
    error: Optional[str] = None
    retry_after: int = 0


# --- users -------------------------------------------------------------------


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def check_password_strength(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")


def _rows(db: sqlite_utils.Database, sql: str, params=()) -> List[dict]:
    cursor = db.conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def add_user(db: sqlite_utils.Database, email: str, password: str, role: str = "staff") -> User:
    email = normalise_email(email)
    if not _EMAIL.match(email):
        raise AccountError(f"not an email address: {email!r}")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    check_password_strength(password)
    if get_user_by_email(db, email):
        raise AccountError(f"a user {email} already exists")
    with db.conn:
        db.conn.execute(
            "INSERT INTO staff_users (email, password_hash, role, active, created_at) VALUES (?, ?, ?, 1, ?)",
            [email, _hasher.hash(password), role, utcnow()],
        )
    return get_user_by_email(db, email)


def get_user(db: sqlite_utils.Database, user_id: int) -> Optional[User]:
    rows = _rows(db, "SELECT * FROM staff_users WHERE id = ?", [user_id])
    return User.from_row(rows[0]) if rows else None


def get_user_by_email(db: sqlite_utils.Database, email: str) -> Optional[User]:
    rows = _rows(db, "SELECT * FROM staff_users WHERE email = ?", [normalise_email(email)])
    return User.from_row(rows[0]) if rows else None


def list_users(db: sqlite_utils.Database) -> List[User]:
    return [User.from_row(r) for r in _rows(db, "SELECT * FROM staff_users ORDER BY email")]


def _active_admins(db: sqlite_utils.Database) -> int:
    return db.conn.execute("SELECT count(*) FROM staff_users WHERE role = 'admin' AND active = 1").fetchone()[0]


def update_user(
    db: sqlite_utils.Database,
    user_id: int,
    *,
    role: Optional[str] = None,
    active: Optional[bool] = None,
    password: Optional[str] = None,
) -> User:
    """Change a user's role, active flag or password; their sessions end.

    The last active admin can be neither demoted nor disabled.
    """
    user = get_user(db, user_id)
    if user is None:
        raise AccountError("no such user")
    if role is not None and role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    losing_admin = user.is_admin and user.active and ((role is not None and role != "admin") or active is False)
    if losing_admin and _active_admins(db) <= 1:
        raise AccountError("this is the last active admin; make someone else admin first")
    sets, params = [], []
    if role is not None:
        sets.append("role = ?")
        params.append(role)
    if active is not None:
        sets.append("active = ?")
        params.append(int(bool(active)))
    if password is not None:
        check_password_strength(password)
        sets.append("password_hash = ?")
        params.append(_hasher.hash(password))
    if sets:
        with db.conn:
            db.conn.execute(f"UPDATE staff_users SET {', '.join(sets)} WHERE id = ?", [*params, user_id])
            db.conn.execute("DELETE FROM staff_sessions WHERE user_id = ?", [user_id])
    return get_user(db, user_id)


# --- logging in ----------------------------------------------------------------


def _failures_since(db: sqlite_utils.Database, column: str, value: str, since: float) -> List[float]:
    return [
        row[0]
        for row in db.conn.execute(
            f"SELECT at FROM staff_login_failures WHERE {column} = ? AND at > ? ORDER BY at", [value, since]
        )
    ]


def throttle_wait(db: sqlite_utils.Database, email: str, client: str, now: Optional[float] = None) -> int:
    """Seconds until another attempt for ``email`` from ``client`` is allowed (0: now)."""
    now = time.time() if now is None else now
    since = now - FAILURE_WINDOW
    wait = 0.0
    for column, value, limit in (
        ("email", normalise_email(email), MAX_FAILURES_PER_EMAIL),
        ("client", client, MAX_FAILURES_PER_CLIENT),
    ):
        failures = _failures_since(db, column, value, since)
        if len(failures) >= limit:
            # Allowed again when enough failures have left the window.
            wait = max(wait, failures[len(failures) - limit] + FAILURE_WINDOW - now)
    return max(0, int(wait + 0.999))


def authenticate(
    db: sqlite_utils.Database, email: str, password: str, client: str = "unknown", now: Optional[float] = None
) -> LoginResult:
    """Check a login; records failures, refuses while throttled."""
    now = time.time() if now is None else now
    email = normalise_email(email)
    wait = throttle_wait(db, email, client, now)
    if wait:
        return LoginResult(error="throttled", retry_after=wait)
    rows = _rows(db, "SELECT * FROM staff_users WHERE email = ?", [email])
    stored = rows[0]["password_hash"] if rows else _dummy()
    try:
        ok = _hasher.verify(stored, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok or not rows or not rows[0]["active"]:
        with db.conn:
            db.conn.execute(
                "INSERT INTO staff_login_failures (email, client, at) VALUES (?, ?, ?)", [email, client, now]
            )
            db.conn.execute("DELETE FROM staff_login_failures WHERE at < ?", [now - 2 * FAILURE_WINDOW])
        return LoginResult(error="bad_credentials")
    row = rows[0]
    with db.conn:
        if _hasher.check_needs_rehash(stored):
            db.conn.execute("UPDATE staff_users SET password_hash = ? WHERE id = ?", [_hasher.hash(password), row["id"]])
        db.conn.execute("UPDATE staff_users SET last_login_at = ? WHERE id = ?", [utcnow(), row["id"]])
        db.conn.execute("DELETE FROM staff_login_failures WHERE email = ?", [email])
    return LoginResult(user=get_user(db, row["id"]))


# --- sessions --------------------------------------------------------------------


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_session(db: sqlite_utils.Database, user: User, now: Optional[float] = None) -> str:
    """A new session for ``user``; returns the token for the browser's cookie."""
    now = time.time() if now is None else now
    token = secrets.token_urlsafe(32)
    with db.conn:
        db.conn.execute(
            "INSERT INTO staff_sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
            [_hash_token(token), user.id, secrets.token_urlsafe(32), now, now],
        )
        db.conn.execute(
            "DELETE FROM staff_sessions WHERE last_seen_at < ? OR created_at < ?",
            [now - IDLE_TIMEOUT, now - ABSOLUTE_TIMEOUT],
        )
    return token


def get_session(db: sqlite_utils.Database, token: Optional[str], now: Optional[float] = None) -> Optional[Session]:
    """The live session for ``token`` (its user active), touching its idle clock; else None."""
    if not token:
        return None
    now = time.time() if now is None else now
    rows = _rows(
        db,
        "SELECT s.csrf_token, s.created_at AS session_created, s.last_seen_at, u.* FROM staff_sessions s "
        "JOIN staff_users u ON u.id = s.user_id WHERE s.id_hash = ?",
        [_hash_token(token)],
    )
    if not rows:
        return None
    row = rows[0]
    expired = row["last_seen_at"] < now - IDLE_TIMEOUT or row["session_created"] < now - ABSOLUTE_TIMEOUT
    if expired or not row["active"]:
        end_session(db, token)
        return None
    if now - row["last_seen_at"] > 60:  # touch at most once a minute
        with db.conn:
            db.conn.execute("UPDATE staff_sessions SET last_seen_at = ? WHERE id_hash = ?", [now, _hash_token(token)])
    return Session(user=User.from_row(row), csrf_token=row["csrf_token"], created_at=row["session_created"])


def end_session(db: sqlite_utils.Database, token: Optional[str]) -> None:
    if token:
        with db.conn:
            db.conn.execute("DELETE FROM staff_sessions WHERE id_hash = ?", [_hash_token(token)])
