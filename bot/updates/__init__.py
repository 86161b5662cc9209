"""Posted updates: the firm's blog posts, imported into the intake database and
matched to each visitor.

Public API (everything the conversation, the CLI and the staff app need)::

    from bot import updates

    updates.ensure_schema(db)                       # posts tables + FTS5 index
    report = updates.import_source(db, "content/posts")   # or a feed file / URL
    posts = updates.for_visitor(db, "detention", state="IL", city="Chicago",
                                text="my brother was taken by ICE")
    # -> [{"title", "url", "published", "summary", "score"}, ...] (up to 3; [] if none fits)
    ranked = updates.search(db, ...)                # same, with score components

The ranking rule is documented, in one place, in ``bot.updates.ranking``;
how categories and jurisdictions are inferred, in ``bot.updates.infer``.
"""
from __future__ import annotations

from bot.updates.importer import ImportFailed, ImportReport, import_source
from bot.updates.library import ensure_schema, get_post, iter_posts
from bot.updates.query import for_visitor, search

__all__ = [
    "ImportFailed",
    "ImportReport",
    "ensure_schema",
    "for_visitor",
    "get_post",
    "import_source",
    "iter_posts",
    "search",
]
