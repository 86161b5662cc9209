"""The library of posted updates in the intake database (sqlite-utils).

Tables (created by :func:`ensure_schema`, which every entry point calls):

``posts``
    One row per post, ``url`` unique (the upsert key). ``categories`` and
    ``jurisdictions`` are JSON lists; ``categories_source`` and
    ``jurisdictions_source`` say how each was set (``front matter``, ``feed``
    or ``inferred``). ``content_hash`` is the hash of what the source said, so a
    re-import can tell an unchanged post from an edited one.
``posts_fts``
    FTS5 index (Porter stemming) over title, summary and body, kept in step by
    triggers.
``post_match``
    One row per (category, jurisdiction match key, post), with the post's
    published date: the index search runs on, so that finding "posts in
    this category that apply here" is one index range scan, even over
    thousands of posts. The keys are ``ranking.match_keys`` of the post's
    jurisdictions (a city narrows its state), so the table is rebuilt when
    that rule's version changes. Only :func:`upsert_post` and :func:`reindex`
    write it.
``posts_meta``
    ``key``/``value`` pairs; ``match_rule_version`` records which version of
    the rule built ``post_match``.
"""
from __future__ import annotations

import json
from typing import Any, Dict, Iterable, List, Optional

import sqlite_utils

from bot.store import utcnow
from bot.updates import ranking

POSTS = "posts"
FTS_COLUMNS = ("title", "summary", "body")
#: Columns of ``posts`` that hold JSON lists.
JSON_COLUMNS = ("categories", "jurisdictions")

_POST_COLUMNS = {
    "id": int,
    "url": str,
    "title": str,
    "published": str,  # ISO date, YYYY-MM-DD
    "summary": str,
    "body": str,
    "categories": str,
    "jurisdictions": str,
    "categories_source": str,
    "jurisdictions_source": str,
    "content_hash": str,
    "source": str,  # the file or feed it was last imported from
    "imported_at": str,
    "updated_at": str,
}


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the posts tables, indexes and full-text index when missing (idempotent)."""
    names = set(db.table_names())
    if POSTS not in names:
        db.table(POSTS).create(
            _POST_COLUMNS,
            pk="id",
            not_null={"url", "title", "published", "categories", "jurisdictions", "content_hash"},
        )
        db.table(POSTS).create_index(["url"], unique=True)
        db.table(POSTS).create_index(["published"])
    if "post_match" not in names:
        # WITHOUT ROWID: the primary key b-tree holds the published date too,
        # so a search reads nothing else for its candidates.
        db.execute(
            """CREATE TABLE post_match (
                category TEXT NOT NULL,
                jurisdiction TEXT NOT NULL,  -- jurisdictions.key(): lower case
                post_id INTEGER NOT NULL,
                published TEXT NOT NULL,
                PRIMARY KEY (category, jurisdiction, post_id)
            ) WITHOUT ROWID"""
        )
        db.execute("CREATE INDEX post_match_post ON post_match (post_id)")
    if f"{POSTS}_fts" not in names:
        db.table(POSTS).enable_fts(list(FTS_COLUMNS), create_triggers=True, tokenize="porter")
    if "posts_meta" not in names:
        db.table("posts_meta").create({"key": str, "value": str}, pk="key")
    row = db.execute("SELECT value FROM posts_meta WHERE key = 'match_rule_version'").fetchone()
    if not row or row[0] != ranking.MATCH_RULE_VERSION:
        reindex(db)


def reindex(db: sqlite_utils.Database) -> None:
    """Rebuild ``post_match`` from ``posts``."""
    with db.atomic():
        rows = db.execute(f"SELECT id, categories, jurisdictions, published FROM {POSTS}").fetchall()
        for post_id, categories, labels, published in rows:
            _index_lists(db, post_id, json.loads(categories), json.loads(labels), published)
        db.execute(
            "INSERT OR REPLACE INTO posts_meta (key, value) VALUES ('match_rule_version', ?)",
            [ranking.MATCH_RULE_VERSION],
        )


def existing_hashes(db: sqlite_utils.Database, urls: Iterable[str]) -> Dict[str, str]:
    """``url -> content_hash`` of the given URLs already in the library."""
    urls = list(urls)
    out: Dict[str, str] = {}
    for start in range(0, len(urls), 500):
        chunk = urls[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for url, digest in db.execute(f"SELECT url, content_hash FROM {POSTS} WHERE url IN ({marks})", chunk):
            out[url] = digest
    return out


def upsert_post(db: sqlite_utils.Database, post: Dict[str, Any], now: Optional[str] = None) -> str:
    """Insert a post or update the one with the same URL; the single write path.

    ``post`` has url, title, published, summary, body, categories,
    jurisdictions, categories_source, jurisdictions_source, content_hash and
    source. Returns ``"added"``, ``"changed"`` or ``"unchanged"`` (same hash:
    nothing written). Call it inside a transaction (``db.atomic()``) when
    several posts must land together.
    """
    now = now or utcnow()
    record = {k: post.get(k) for k in _POST_COLUMNS if k not in ("id", "imported_at", "updated_at")}
    for column in JSON_COLUMNS:
        record[column] = json.dumps(list(post[column]), ensure_ascii=False)
    row = db.execute(f"SELECT id, content_hash FROM {POSTS} WHERE url = ?", [post["url"]]).fetchone()
    if row and row[1] == post["content_hash"]:
        return "unchanged"
    with db.atomic():
        if row:
            post_id = row[0]
            db.table(POSTS).update(post_id, dict(record, updated_at=now))
            outcome = "changed"
        else:
            post_id = db.table(POSTS).insert(dict(record, imported_at=now, updated_at=now)).last_pk
            outcome = "added"
        _index_lists(db, post_id, post["categories"], post["jurisdictions"], post["published"])
    return outcome


def remove_post(db: sqlite_utils.Database, url: str) -> bool:
    """Delete the post with this URL (and its match rows; FTS follows by trigger).

    Returns False when no post has that URL. Intakes keep the URLs they were
    shown: ``updates_shown`` is a record of the conversation, not a link.
    """
    ensure_schema(db)
    with db.atomic():
        row = db.execute(f"SELECT id FROM {POSTS} WHERE url = ?", [url]).fetchone()
        if row is None:
            return False
        db.execute("DELETE FROM post_match WHERE post_id = ?", [row[0]])
        db.execute(f"DELETE FROM {POSTS} WHERE id = ?", [row[0]])
    return True


def _index_lists(db: sqlite_utils.Database, post_id: int, categories: List[str], labels: List[str], published: str) -> None:
    db.execute("DELETE FROM post_match WHERE post_id = ?", [post_id])
    db.conn.executemany(
        "INSERT OR IGNORE INTO post_match (category, jurisdiction, post_id, published) VALUES (?, ?, ?, ?)",
        [(c, key, post_id, published) for c in categories for key in ranking.match_keys(labels)],
    )


def decode(row: Dict[str, Any]) -> Dict[str, Any]:
    """A stored post with its JSON lists parsed."""
    out = dict(row)
    for column in JSON_COLUMNS:
        if isinstance(out.get(column), str):
            out[column] = json.loads(out[column])
    return out


def get_post(db: sqlite_utils.Database, url: str) -> Optional[Dict[str, Any]]:
    rows = list(db.table(POSTS).rows_where("url = ?", [url], limit=1))
    return decode(rows[0]) if rows else None


def iter_posts(db: sqlite_utils.Database) -> Iterable[Dict[str, Any]]:
    """Every post, newest first."""
    ensure_schema(db)
    for row in db.table(POSTS).rows_where(order_by="published DESC, id DESC"):
        yield decode(row)


def count(db: sqlite_utils.Database) -> int:
    ensure_schema(db)
    return db.table(POSTS).count
