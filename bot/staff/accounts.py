"""Staff accounts, sessions and login throttling.

- Passwords are hashed with argon2id (``argon2-cffi``'s defaults) and
  rehashed on login when those defaults change.
- A session is a random token held by the browser in a signed cookie (see
  ``web.staff.auth``); only its SHA-256 is stored, with the user, a CSRF
  token and two clocks: sessions end after :data:`IDLE_TIMEOUT` without use
  and :data:`ABSOLUTE_TIMEOUT` after login. Logging out, disabling a user or
  changing their password or role ends their sessions.
- Throttling (OWASP's "device cookie" scheme), within :data:`FAILURE_WINDOW`
  seconds: a browser that has logged in to an account before (it holds a
  signed device cookie for it, see ``web.staff.auth``) gets
  :data:`MAX_FAILURES_PER_DEVICE` failures of its own; every other browser
  shares :data:`MAX_FAILURES_PER_ACCOUNT` failures per account, and one client
  address gets :data:`MAX_FAILURES_PER_CLIENT` across accounts. Past a limit,
  attempts are refused without checking the password until the oldest
  failure leaves the window. So guessing stays slow however many addresses
  an attacker has, and an attacker can lock an account only for browsers it
  has never been used from: staff keep logging in from their own.
- Failed attempts are recorded under the account (``user:<id>``) or, for a
  name that is no account (perhaps a password typed in the wrong field), a
  short keyed hash of it (:func:`identifier_hash`): never the text typed.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
import time
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import sqlite_utils
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from bot.store import utcnow

ROLES = ("staff", "admin")
MIN_PASSWORD_LENGTH = 12

IDLE_TIMEOUT = 8 * 3600
ABSOLUTE_TIMEOUT = 24 * 3600

FAILURE_WINDOW = 15 * 60
#: Failures per account from browsers without its device cookie, all together.
MAX_FAILURES_PER_ACCOUNT = 10
#: Failures from one client address (IPv6: its /64), any accounts, without a device cookie.
MAX_FAILURES_PER_CLIENT = 20
#: Failures from one browser holding the account's device cookie.
MAX_FAILURES_PER_DEVICE = 5

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
    def from_row(cls, row: Mapping[str, Any]) -> "User":
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
class Device:
    """A browser that logged in to ``user_id`` before (from its signed device cookie)."""

    user_id: int
    device_id: str


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


def _rows(db: sqlite_utils.Database, sql: str, params: Sequence[object] = ()) -> List[Dict[str, Any]]:
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
    user = get_user_by_email(db, email)
    assert user is not None  # just inserted
    return user


def get_user(db: sqlite_utils.Database, user_id: int) -> Optional[User]:
    rows = _rows(db, "SELECT * FROM staff_users WHERE id = ?", [user_id])
    return User.from_row(rows[0]) if rows else None


def get_user_by_email(db: sqlite_utils.Database, email: str) -> Optional[User]:
    rows = _rows(db, "SELECT * FROM staff_users WHERE email = ?", [normalise_email(email)])
    return User.from_row(rows[0]) if rows else None


def list_users(db: sqlite_utils.Database) -> List[User]:
    return [User.from_row(r) for r in _rows(db, "SELECT * FROM staff_users ORDER BY email")]


def _active_admins(db: sqlite_utils.Database) -> int:
    count: int = db.conn.execute("SELECT count(*) FROM staff_users WHERE role = 'admin' AND active = 1").fetchone()[0]
    return count


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
    sets: List[str] = []
    params: List[object] = []
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
    updated = get_user(db, user_id)
    assert updated is not None  # the user was read above and users are never deleted here
    return updated


# --- logging in ----------------------------------------------------------------


def _secret() -> bytes:
    from bot.staff.keys import secret_key

    return secret_key()


def identifier_hash(text: str, key: Optional[bytes] = None) -> str:
    """12 hex digits of HMAC-SHA256(key, normalised text): tells repeated attempts
    with the same name apart without keeping it, and cannot be reversed by
    guessing without the key (a plain hash of a typed password could be)."""
    digest = hmac.new(key if key is not None else _secret(), normalise_email(text).encode("utf-8", "replace"), hashlib.sha256)
    return digest.hexdigest()[:12]


def login_name(db: sqlite_utils.Database, typed: str, key: Optional[bytes] = None) -> str:
    """What a failed login is recorded under: the account's email when the name
    is an account, ``unknown:<hash>`` otherwise (``(blank)`` when empty)."""
    if not normalise_email(typed):
        return "(blank)"
    user = get_user_by_email(db, typed)
    return user.email if user else "unknown:" + identifier_hash(typed, key)


def client_key(address: str) -> str:
    """One client address for throttling: IPv6 by its /64 (one host usually holds
    a whole /64, so single addresses are free to rotate), IPv4 as it is."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _account_key(user_id: Optional[int], typed: str, key: Optional[bytes]) -> str:
    return f"user:{user_id}" if user_id is not None else "unknown:" + identifier_hash(typed, key)


def _count_since(db: sqlite_utils.Database, where: str, params: List[object], since: float) -> List[float]:
    return [row[0] for row in db.conn.execute(f"SELECT at FROM staff_login_failures WHERE {where} AND at > ? ORDER BY at", [*params, since])]


def throttle_wait(
    db: sqlite_utils.Database, account: str, client: str, device: Optional[str] = None, now: Optional[float] = None
) -> int:
    """Seconds until another attempt on ``account`` (``user:<id>`` or ``unknown:<hash>``)
    is allowed from ``client``, or from the known browser ``device`` (0: now)."""
    now = time.time() if now is None else now
    since = now - FAILURE_WINDOW
    if device:
        checks: List[Tuple[str, List[object], int]] = [("email = ? AND device = ?", [account, device], MAX_FAILURES_PER_DEVICE)]
    else:
        checks = [
            ("email = ? AND device IS NULL", [account], MAX_FAILURES_PER_ACCOUNT),
            ("client = ? AND device IS NULL", [client], MAX_FAILURES_PER_CLIENT),
        ]
    wait = 0.0
    for where, params, limit in checks:
        failures = _count_since(db, where, params, since)
        if len(failures) >= limit:
            # Allowed again when enough failures have left the window.
            wait = max(wait, failures[len(failures) - limit] + FAILURE_WINDOW - now)
    return max(0, int(wait + 0.999))


def authenticate(
    db: sqlite_utils.Database,
    email: str,
    password: str,
    client: str = "unknown",
    now: Optional[float] = None,
    *,
    device: Optional[Device] = None,
    key: Optional[bytes] = None,
) -> LoginResult:
    """Check a login; records failures, refuses while throttled (see the module's doc).

    ``client`` is the client's address as the web layer established it;
    ``device`` the browser's device cookie, if it holds a valid one; ``key``
    keys the hash of names that are no account (default: the staff secret).
    """
    now = time.time() if now is None else now
    email = normalise_email(email)
    client = client_key(client)
    rows = _rows(db, "SELECT * FROM staff_users WHERE email = ?", [email])
    account = _account_key(rows[0]["id"] if rows else None, email, key)
    known_device = device.device_id if device is not None and rows and device.user_id == rows[0]["id"] else None
    wait = throttle_wait(db, account, client, known_device, now)
    if wait:
        return LoginResult(error="throttled", retry_after=wait)
    stored = rows[0]["password_hash"] if rows else _dummy()
    ok: bool
    try:
        ok = _hasher.verify(stored, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok or not rows or not rows[0]["active"]:
        with db.conn:
            db.conn.execute(
                "INSERT INTO staff_login_failures (email, client, device, at) VALUES (?, ?, ?, ?)",
                [account, client, known_device, now],
            )
            db.conn.execute("DELETE FROM staff_login_failures WHERE at < ?", [now - 2 * FAILURE_WINDOW])
        return LoginResult(error="bad_credentials")
    row = rows[0]
    with db.conn:
        if _hasher.check_needs_rehash(stored):
            db.conn.execute("UPDATE staff_users SET password_hash = ? WHERE id = ?", [_hasher.hash(password), row["id"]])
        db.conn.execute("UPDATE staff_users SET last_login_at = ? WHERE id = ?", [utcnow(), row["id"]])
        # Only this browser's (or this address's) failures are forgiven: a
        # success here must not hand an attacker elsewhere a fresh allowance.
        if known_device:
            db.conn.execute("DELETE FROM staff_login_failures WHERE email = ? AND device = ?", [account, known_device])
        else:
            db.conn.execute("DELETE FROM staff_login_failures WHERE email = ? AND client = ? AND device IS NULL", [account, client])
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
