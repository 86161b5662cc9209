"""Importing posted updates: RSS, Atom, Markdown, URLs; idempotence; all-or-nothing."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from bot import store
from bot.updates import ImportFailed, get_post, import_source, iter_posts, library

FEEDS = Path(__file__).parent / "data" / "feeds"
ORIGIN = "https://riveracole.example"


def no_places(text):
    return []


@pytest.fixture
def db():
    return store.connect(":memory:")


def run(db, source, **kw):
    kw.setdefault("website_origin", ORIGIN)
    kw.setdefault("finder", no_places)
    return import_source(db, source, **kw)


def snapshot(db):
    """Everything the import writes, to compare before and after."""
    tables = ("posts", "post_match")
    out = {t: sorted(map(tuple, db.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}
    out["fts"] = sorted(db.execute("SELECT rowid, title FROM posts_fts").fetchall())
    return out


# --- formats -----------------------------------------------------------------------


def test_wordpress_rss(db):
    report = run(db, FEEDS / "wordpress.rss")
    assert len(report.added) == 3 and not report.changed and not report.unchanged
    post = get_post(db, "https://riveracole.example/2025/02/03/ice-detention-chicago/")
    assert post["title"] == "ICE detention in Chicago: finding a family member"
    assert post["published"] == "2025-02-03"
    # content:encoded is the body, as text; the WordPress footer is dropped
    assert "bond hearing" in post["body"] and "<p>" not in post["body"]
    assert "appeared first on" not in post["body"] and "appeared first on" not in post["summary"]
    assert post["summary"].endswith("…") and "[" not in post["summary"]
    # a feed category named like a situation category is used; "News" is not
    assert post["categories"] == ["detention"] and post["categories_source"] == "feed"
    assert post["jurisdictions_source"] == "inferred"


def test_feed_categories_that_are_not_situations_are_inferred(db):
    run(db, FEEDS / "wordpress.rss")
    post = get_post(db, "https://riveracole.example/2025/02/18/h-1b-registration/")
    assert post["categories"] == ["employment"] and post["categories_source"] == "inferred"


def test_atom(db):
    report = run(db, FEEDS / "updates.atom")
    assert sorted(report.added) == ["Expedited removal now applies nationwide", "Texas SB 4 remains blocked"]
    post = get_post(db, "https://riveracole.example/updates/texas-sb-4-blocked")
    assert post["published"] == "2024-04-02"  # <updated> when there is no <published>
    assert "blocked while the appeal continues" in post["body"]  # xhtml content
    assert post["summary"].startswith("As of April 2, 2024")


def test_markdown_folder(db):
    report = run(db, FEEDS / "markdown")
    assert len(report.added) == 3
    daca = get_post(db, f"{ORIGIN}/updates/daca-renewals")  # slug -> origin + /updates/slug
    assert daca["categories"] == ["humanitarian"] and daca["categories_source"] == "front matter"
    assert daca["jurisdictions"] == ["US"] and daca["jurisdictions_source"] == "front matter"
    boston = get_post(db, "https://riveracole.example/updates/boston-trust-act")  # explicit url
    assert boston["jurisdictions"] == ["Boston, MA", "MA"]  # normalised; the city brings its state
    assert "**" not in boston["body"]
    assert boston["summary"].startswith("Boston's Trust Act limits")  # first paragraph when no summary
    birthright = get_post(db, f"{ORIGIN}/updates/birthright-citizenship")
    assert birthright["categories"] == ["citizenship"] and birthright["categories_source"] == "inferred"
    assert birthright["jurisdictions"] == ["US"] and birthright["jurisdictions_source"] == "inferred"


def test_single_markdown_file(db):
    report = run(db, FEEDS / "markdown" / "daca-renewals.md")
    assert report.added == ["DACA renewals: when to file"]


def test_full_text_index_follows_the_posts(db):
    run(db, FEEDS / "markdown")
    hits = db.execute("SELECT p.url FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid WHERE posts_fts MATCH 'detainers'").fetchall()
    assert hits == [("https://riveracole.example/updates/boston-trust-act",)]


def test_url_source_served_locally(db):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(FEEDS))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/wordpress.rss"
        assert len(run(db, url).added) == 3
        with pytest.raises(ImportFailed, match="could not be fetched"):
            run(db, f"http://127.0.0.1:{server.server_address[1]}/missing.rss")
    finally:
        server.shutdown()
        server.server_close()


# --- idempotence and edits ------------------------------------------------------------


def test_reimport_is_idempotent(db):
    run(db, FEEDS / "wordpress.rss")
    before = snapshot(db)
    report = run(db, FEEDS / "wordpress.rss")
    assert report.added == [] and report.changed == [] and len(report.unchanged) == 3
    assert snapshot(db) == before


def test_edited_post_updates_in_place(db, tmp_path):
    folder = tmp_path / "posts"
    shutil.copytree(FEEDS / "markdown", folder)
    run(db, folder)
    old = get_post(db, f"{ORIGIN}/updates/daca-renewals")
    path = folder / "daca-renewals.md"
    path.write_text(path.read_text().replace("150 and 120 days", "150 to 120 days (USCIS advice)"))
    report = run(db, folder)
    assert report.changed == ["DACA renewals: when to file"] and len(report.unchanged) == 2
    new = get_post(db, f"{ORIGIN}/updates/daca-renewals")
    assert new["id"] == old["id"] and new["imported_at"] == old["imported_at"]
    assert "USCIS advice" in new["body"] and new["content_hash"] != old["content_hash"]
    assert library.count(db) == 3
    hits = db.execute("SELECT rowid FROM posts_fts WHERE posts_fts MATCH 'advice'").fetchall()
    assert (old["id"],) in hits  # the index follows the edit


def test_edited_jurisdictions_move_the_post(db, tmp_path):
    folder = tmp_path / "posts"
    shutil.copytree(FEEDS / "markdown", folder)
    run(db, folder)
    path = folder / "daca-renewals.md"
    path.write_text(path.read_text().replace("jurisdictions: [US]", "jurisdictions: [TX]"))
    run(db, folder)
    keys = {k for (k,) in db.execute("SELECT jurisdiction FROM post_match m JOIN posts p ON p.id = m.post_id WHERE p.url LIKE '%daca-renewals'")}
    assert keys == {"tx"}


def test_dry_run_writes_nothing(db):
    report = run(db, FEEDS / "wordpress.rss", dry_run=True)
    assert len(report.added) == 3 and library.count(db) == 0


# --- malformed input: reported, nothing imported ---------------------------------------------


@pytest.mark.parametrize(
    "source, expected",
    [
        ("malformed.rss", "malformed.rss: malformed feed (line 10: mismatched tag)"),
        ("not_a_feed.html", "not_a_feed.html: not an RSS or Atom feed"),
        ("missing_date.rss", "missing_date.rss entry 2 (Undated post): missing date"),
        ("markdown_bad", "broken-front-matter.md: front matter is not valid YAML"),
        ("markdown_bad", "unknown-category.md: unknown categories immigration-news"),
        ("no-such-folder", "no such file or folder"),
    ],
)
def test_malformed_source_leaves_db_unchanged(db, source, expected):
    run(db, FEEDS / "markdown")
    before = snapshot(db)
    with pytest.raises(ImportFailed) as failure:
        run(db, FEEDS / source)
    assert any(expected in problem for problem in failure.value.problems), failure.value.problems
    assert snapshot(db) == before


def test_one_bad_file_blocks_the_good_ones(db):
    with pytest.raises(ImportFailed) as failure:
        run(db, FEEDS / "markdown_bad")
    assert len(failure.value.problems) == 2  # every problem is reported, not just the first
    assert library.count(db) == 0  # the two good files were not imported either


@pytest.mark.parametrize(
    "front_matter, reason",
    [
        ("slug: x\ndate: 2025-01-01", "missing title"),
        ("title: T\ndate: 2025-01-01", "missing url or slug"),
        ("title: T\nslug: x", "missing date"),
        ("title: T\nslug: x\ndate: 'last week'", "is not an ISO date"),
        ("title: T\nurl: ftp://x/y\ndate: 2025-01-01", "is not an http(s) URL"),
        ("title: T\nslug: x\ndate: 2025-01-01\njurisdictions: [Ontario]", "unknown jurisdiction 'Ontario'"),
        ("title: T\nslug: x\ndate: 2025-01-01\njurisdictions: ['Springfield, ZZ']", "unknown jurisdiction"),
    ],
)
def test_front_matter_checks(db, tmp_path, front_matter, reason):
    (tmp_path / "post.md").write_text(f"---\n{front_matter}\n---\nBody.\n")
    with pytest.raises(ImportFailed) as failure:
        run(db, tmp_path)
    assert failure.value.problems[0].startswith("post.md: ")
    assert reason in failure.value.problems[0]


def test_duplicate_urls_in_one_source(db, tmp_path):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("---\ntitle: T\nslug: same\ndate: 2025-01-01\n---\nBody.\n")
    with pytest.raises(ImportFailed, match="b.md: same url as a.md"):
        run(db, tmp_path)
    assert library.count(db) == 0


def test_failure_while_writing_rolls_back(db, monkeypatch):
    """Regression guard: a write that fails half-way must not leave the first posts behind."""
    real = library.upsert_post
    calls = []

    def flaky(db_, post, now=None):
        calls.append(post["url"])
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(db_, post, now)

    monkeypatch.setattr(library, "upsert_post", flaky)
    with pytest.raises(RuntimeError):
        run(db, FEEDS / "wordpress.rss")
    assert library.count(db) == 0
    assert db.execute("SELECT count(*) FROM post_match").fetchone() == (0,)


def test_missing_place_pipeline_is_reported(db):
    from bot.updates import infer

    def unavailable(text):
        raise infer.PlacesUnavailable("the place pipeline could not be loaded")

    with pytest.raises(ImportFailed, match="cannot infer jurisdictions"):
        run(db, FEEDS / "markdown", finder=unavailable)
    assert library.count(db) == 0


def test_posts_listed_newest_first(db):
    run(db, FEEDS / "markdown")
    dates = [p["published"] for p in iter_posts(db)]
    assert dates == sorted(dates, reverse=True)
