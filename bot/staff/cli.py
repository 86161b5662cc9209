"""``intake staff ...`` (accounts, search index, audit log) and ``intake purge``.

A thin layer over :mod:`bot.staff`: each command opens the intake database
(``intake --db``) and the tracker store, calls one function and reports.
Commands that change something are written to the audit log as
``cli:<system user>``.
"""
from __future__ import annotations

import getpass
import sys
from typing import Any, Optional

import click
import sqlite_utils

from bot import transcripts
from bot.cli_support import open_db

from bot.staff import accounts, audit, retention, search
from bot.staff import db as staff_db


def _db(ctx: click.Context) -> sqlite_utils.Database:
    db = open_db(ctx)
    staff_db.ensure_schema(db)
    return db


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # pragma: no cover - no user name in some containers
        return "cli"


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _user(db: sqlite_utils.Database, email: str) -> accounts.User:
    user = accounts.get_user_by_email(db, email)
    if user is None:
        raise click.ClickException(f"no user {email}")
    return user


@click.group(name="staff")
def cli() -> None:
    """Staff accounts, the search index and the audit log."""


@cli.command(name="add-user")
@click.argument("email")
@click.option("--role", type=click.Choice(accounts.ROLES), default="staff", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of prompting.")
@click.pass_context
def add_user(ctx: click.Context, email: str, role: str, password_stdin: bool) -> None:
    """Create a staff account (prompts for the password; argon2-hashed)."""
    db = _db(ctx)
    password = _read_password(password_stdin)
    try:
        user = accounts.add_user(db, email, password, role)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    audit.record(db, _actor(), "add_user", f"user:{user.id}", {"role": user.role})
    click.echo(f"added {user.email} ({user.role})")


@cli.command(name="list-users")
@click.pass_context
def list_users(ctx: click.Context) -> None:
    """Accounts, their role and whether they are active."""
    for user in accounts.list_users(_db(ctx)):
        state = "active" if user.active else "disabled"
        click.echo(f"{user.email}\t{user.role}\t{state}\tlast login {user.last_login_at or 'never'}")


def _change(ctx: click.Context, email: str, **changes: Any) -> None:
    db = _db(ctx)
    user = _user(db, email)
    try:
        accounts.update_user(db, user.id, **changes)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    detail = {k: v for k, v in changes.items() if k != "password"}
    if "password" in changes:
        detail["password"] = "reset"
    audit.record(db, _actor(), "change_user", f"user:{user.id}", detail)


@cli.command(name="set-role")
@click.argument("email")
@click.argument("role", type=click.Choice(accounts.ROLES))
@click.pass_context
def set_role(ctx: click.Context, email: str, role: str) -> None:
    """Make an account staff or admin (ends its sessions)."""
    _change(ctx, email, role=role)
    click.echo(f"{email} is now {role}")


@cli.command(name="disable")
@click.argument("email")
@click.pass_context
def disable(ctx: click.Context, email: str) -> None:
    """Disable an account and end its sessions."""
    _change(ctx, email, active=False)
    click.echo(f"{email} disabled")


@cli.command(name="enable")
@click.argument("email")
@click.pass_context
def enable(ctx: click.Context, email: str) -> None:
    """Enable a disabled account."""
    _change(ctx, email, active=True)
    click.echo(f"{email} enabled")


@cli.command(name="set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of prompting.")
@click.pass_context
def set_password(ctx: click.Context, email: str, password_stdin: bool) -> None:
    """Set a new password (ends the account's sessions)."""
    _change(ctx, email, password=_read_password(password_stdin))
    click.echo(f"password of {email} changed")


@cli.command(name="reindex")
@click.option("--full", is_flag=True, help="Drop the index and rebuild it from every intake and transcript.")
@click.pass_context
def reindex(ctx: click.Context, full: bool) -> None:
    """Bring the full-text search index up to date (the app also does this before each search)."""
    db = _db(ctx)
    tracker = transcripts.store()
    report = search.rebuild(db, tracker) if full else search.sync(db, tracker, batch=None)
    click.echo(f"{report.indexed} intake(s) indexed")


@cli.command(name="audit")
@click.option("--limit", type=click.IntRange(1, 500), default=50, show_default=True)
@click.option("--action", type=click.Choice(sorted(audit.ACTIONS)), default=None)
@click.pass_context
def audit_command(ctx: click.Context, limit: int, action: Optional[str]) -> None:
    """The newest audit log entries (who viewed, changed, exported or purged what)."""
    entries, _ = audit.entries(_db(ctx), action=action, limit=limit)
    for e in entries:
        detail = " ".join(f"{k}={v}" for k, v in sorted(e["detail"].items()))
        click.echo(f"{e['at']}\t{e['actor']}\t{e['action']}\t{e['target'] or ''}\t{detail}")


@click.command(name="purge")
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(retention.MIN_DAYS, retention.MAX_DAYS),
    default=None,
    metavar="DAYS",
    help="Delete intakes and transcripts not updated for DAYS days (default: the retention period set by an admin, else firm.yml's retention_days).",
)
@click.option("--dry-run", is_flag=True, help="Only count what would be deleted.")
@click.pass_context
def purge(ctx: click.Context, days: Optional[int], dry_run: bool) -> None:
    """Delete intakes and their transcripts past the retention period."""
    db = _db(ctx)
    days = days if days is not None else retention.retention_days(db)
    report = retention.purge(db, transcripts.store(), days, _actor(), dry_run=dry_run)
    verb = "would delete" if dry_run else "deleted"
    kept = f"; kept {report.kept_for_booking} with a consultation still ahead" if report.kept_for_booking else ""
    click.echo(f"{verb} {report.intakes} intake(s) and {report.transcripts} transcript(s) not updated since {report.cutoff}{kept}")


cli.add_command(purge)

#: Top-level commands for ``bot.cli``'s ``intake`` group (``intake purge``).
commands = [purge]
