"""``intake updates ...``: import, list and search the posted updates (thin layer over ``bot.updates``)."""
from __future__ import annotations

from datetime import datetime
from typing import Optional, Tuple

import click
import sqlite_utils

from bot.cli_support import open_db
from bot.situations import CATEGORIES
from bot.updates import importer, library, ranking
from bot.updates import jurisdictions as jur
from bot.updates.query import search as search_posts


def _db(ctx: click.Context) -> sqlite_utils.Database:
    db = open_db(ctx)
    library.ensure_schema(db)
    return db


@click.group(name="updates")
def cli() -> None:
    """The firm's posted updates: import them and see which a visitor gets."""


@cli.command(name="import")
@click.argument("source")
@click.option("--dry-run", is_flag=True, help="Check the source and report, write nothing.")
@click.pass_context
def import_command(ctx: click.Context, source: str, dry_run: bool) -> None:
    """Import posts from an RSS/Atom feed (file or URL) or a folder of Markdown files.

    Posts are matched by URL: new ones are added, edited ones updated in place,
    unchanged ones skipped. If anything in SOURCE is malformed, nothing is
    imported.
    """
    db = _db(ctx)
    try:
        report = importer.import_source(db, source, dry_run=dry_run)
    except importer.ImportFailed as exc:
        click.echo(f"error: nothing imported from {source}:", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        ctx.exit(1)
    prefix = "would be " if dry_run else ""
    click.echo(
        f"{source}: {len(report.added)} {prefix}added, {len(report.changed)} {prefix}changed, "
        f"{len(report.unchanged)} skipped (unchanged)"
    )
    for label, titles in (("added", report.added), ("changed", report.changed), ("skipped", report.unchanged)):
        for title in titles:
            click.echo(f"  {label}: {title}")


@cli.command(name="remove")
@click.argument("urls", nargs=-1, required=True)
@click.pass_context
def remove_command(ctx: click.Context, urls: Tuple[str, ...]) -> None:
    """Remove posts by URL (a post the firm took down). Importing never removes posts:
    a feed lists only the latest posts, so a post missing from it is not gone."""
    db = _db(ctx)
    missing = 0
    for url in urls:
        if library.remove_post(db, url):
            click.echo(f"removed: {url}")
        else:
            missing += 1
            click.echo(f"not in the library: {url}", err=True)
    if missing:
        ctx.exit(1)


@cli.command(name="list")
@click.pass_context
def list_command(ctx: click.Context) -> None:
    """Every post, newest first, with its categories and jurisdictions and how each was set."""
    db = _db(ctx)
    n = 0
    for post in library.iter_posts(db):
        n += 1
        click.echo(f"{post['published']}  {post['title']}")
        click.echo(f"    {post['url']}")
        click.echo(f"    categories: {', '.join(post['categories'])} ({post['categories_source']})")
        click.echo(f"    jurisdictions: {', '.join(post['jurisdictions'])} ({post['jurisdictions_source']})")
    click.echo(f"{n} post(s)", err=True)


def _state(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    code = value.strip().upper()
    if code not in jur.STATE_CODES:
        raise click.BadParameter(f"{value!r} is not a USPS state code (e.g. IL)")
    return code


@cli.command(name="search")
@click.option("--situation", required=True, type=click.Choice(list(CATEGORIES)), help="The visitor's situation category.")
@click.option("--state", callback=_state, help="The visitor's state (USPS code, e.g. IL).")
@click.option("--city", help="The visitor's city (needs --state).")
@click.option("--text", help="What the visitor wrote.")
@click.option("--limit", default=3, show_default=True, type=click.IntRange(1, 100))
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Rank as of this date (default: today).")
@click.pass_context
def search_command(ctx: click.Context, situation: str, state: Optional[str], city: Optional[str], text: Optional[str],
                   limit: int, today: Optional[datetime]) -> None:
    """Rank the posts for a visitor and show why each was chosen."""
    if city and not state:
        raise click.UsageError("--city needs --state (cities are matched as 'City, ST')")
    db = _db(ctx)
    results = search_posts(db, situation, state, city, text, limit=limit, today=today.date() if today else None)
    w = ranking.WEIGHTS
    click.echo(
        "score = "
        + " + ".join(f"{w[name]:.2f} x {name}" for name in ("situation", "text", "jurisdiction", "recency"))
        + "  (rule: bot/updates/ranking.py)"
    )
    if not results:
        click.echo("No post fits this visitor; the assistant shows none.")
        return
    for number, r in enumerate(results, start=1):
        c, parts = r.candidate, r.components
        click.echo(f"{number}. {r.score:.3f}  {c.published}  {c.title}")
        click.echo(f"   {c.url}")
        click.echo(
            f"   situation {parts['situation']:.2f} | text {parts['text']:.2f}"
            f" (bm25 {c.bm25 or 0:.2f}) | jurisdiction {c.level} {parts['jurisdiction']:.2f}"
            f" | recency {parts['recency']:.2f}"
        )
