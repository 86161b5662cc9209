"""Finding 16: a failed login never keeps what was typed as the email (it may
be a password typed in the wrong field): the audit log names the account, or
a short keyed hash of a name that is no account; the throttle's rows too."""
from __future__ import annotations

import json
import sqlite3

from bot import settings
from bot.staff import accounts, audit
from bot.staff import db as staff_db
from staff_support import PASSWORD, add_user, client, intake_db, login

TYPED_PASSWORD = "Hunter2-my-real-password!"


def _everything_stored() -> str:
    db = intake_db()
    dump = [list(r) for t in ("staff_audit", "staff_login_failures") for r in db.conn.execute(f"SELECT * FROM {t}")]
    return json.dumps(dump)


def test_a_password_typed_as_the_email_is_not_stored():
    add_user("a@firm.example")
    c = client()
    assert login(c, TYPED_PASSWORD, PASSWORD).status_code == 400
    assert login(c, TYPED_PASSWORD.upper(), "x").status_code == 400
    stored = _everything_stored()
    assert TYPED_PASSWORD.lower() not in stored.lower() and "Hunter2" not in stored
    entries, _ = audit.entries(intake_db(), action="login_failed")
    actors = {e["actor"] for e in entries}
    # One short id for the same name typed twice: repeated attempts stay visible.
    assert len(actors) == 1 and actors.pop().startswith("unknown:")


def test_a_known_account_is_named_by_its_email_and_a_blank_as_blank():
    add_user("a@firm.example")
    c = client()
    login(c, " A@Firm.Example ", "wrong password")
    login(c, "", "wrong password")
    actors = [e["actor"] for e in audit.entries(intake_db(), action="login_failed")[0]]
    assert actors == ["(blank)", "a@firm.example"]


def test_the_hash_needs_the_secret():
    assert accounts.identifier_hash(TYPED_PASSWORD, b"key one") != accounts.identifier_hash(TYPED_PASSWORD, b"key two")
    assert len(accounts.identifier_hash(TYPED_PASSWORD, b"k")) == 12


def test_entries_written_before_are_cleaned_when_the_database_is_opened():
    """Databases of the earlier release kept the typed text in both tables."""
    path = settings.intake_db_path()
    staff_db.connect(path).conn.close()
    with sqlite3.connect(path) as conn:  # as the earlier release left them
        conn.execute("DROP INDEX staff_login_failures_by_device")
        conn.execute("DROP TABLE staff_login_failures")
        conn.execute("CREATE TABLE staff_login_failures (id INTEGER PRIMARY KEY, email TEXT NOT NULL COLLATE NOCASE, "
                     "client TEXT NOT NULL, at REAL NOT NULL)")
        conn.execute("INSERT INTO staff_login_failures (email, client, at) VALUES (?, '1.2.3.4', 1)", [TYPED_PASSWORD.lower()])
        conn.execute("INSERT INTO staff_users (email, password_hash, role, created_at) VALUES ('a@firm.example', 'x', 'staff', 'now')")
        for actor in (TYPED_PASSWORD.lower(), "a@firm.example", "(blank)"):
            conn.execute("INSERT INTO staff_audit (at, actor, action) VALUES ('2026-11-01', ?, 'login_failed')", [actor])
    db = staff_db.connect(path)
    stored = json.dumps([list(r) for t in ("staff_audit", "staff_login_failures") for r in db.conn.execute(f"SELECT * FROM {t}")])
    assert "hunter2" not in stored
    actors = [r[0] for r in db.conn.execute("SELECT actor FROM staff_audit ORDER BY id")]
    assert actors[0].startswith("unknown:") and actors[1:] == ["a@firm.example", "(blank)"]
