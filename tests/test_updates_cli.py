"""``intake updates import|search|list`` through click's CliRunner."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot import store
from bot.cli import main
from bot.updates import infer, library

FEEDS = Path(__file__).parent / "data" / "feeds"


@pytest.fixture(autouse=True)
def no_spacy(monkeypatch):
    """Inferred jurisdictions come from a stand-in finder: no place named, so national."""
    monkeypatch.setattr(infer, "spacy_places", lambda text: [])


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "intake.db")


def run(db_path, *args):
    return CliRunner().invoke(main, ["--db", db_path, "updates", *map(str, args)])


def test_import_reports_added_then_skipped(db_path):
    first = run(db_path, "import", FEEDS / "markdown")
    assert first.exit_code == 0, first.output
    assert "3 added, 0 changed, 0 skipped (unchanged)" in first.stdout
    assert "  added: DACA renewals: when to file" in first.stdout
    again = run(db_path, "import", FEEDS / "markdown")
    assert "0 added, 0 changed, 3 skipped (unchanged)" in again.stdout
    assert "  skipped: Boston's Trust Act" in again.stdout


def test_import_uses_the_firm_website_for_slugs(db_path):
    run(db_path, "import", FEEDS / "markdown")
    from bot.firm import firm

    post = library.get_post(store.connect(db_path), f"{firm().website_origin}/updates/daca-renewals")
    assert post is not None


def test_malformed_import_fails_and_writes_nothing(db_path):
    run(db_path, "import", FEEDS / "markdown")
    result = run(db_path, "import", FEEDS / "markdown_bad")
    assert result.exit_code == 1
    assert "nothing imported from" in result.stderr
    assert "broken-front-matter.md: front matter is not valid YAML" in result.stderr
    assert "unknown-category.md: unknown categories" in result.stderr
    assert library.count(store.connect(db_path)) == 3


def test_dry_run(db_path):
    result = run(db_path, "import", "--dry-run", FEEDS / "wordpress.rss")
    assert result.exit_code == 0 and "3 would be added" in result.stdout
    assert library.count(store.connect(db_path)) == 0


def test_search_shows_scores_and_dates(db_path):
    run(db_path, "import", FEEDS / "markdown")
    result = run(db_path, "search", "--situation", "enforcement", "--state", "ma", "--city", "Boston", "--text", "police detainers", "--today", "2026-11-28")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("score = 0.40 x situation + 0.30 x text")
    assert lines[1].startswith("1. ") and "2025-02-10  Boston's Trust Act" in lines[1]
    assert lines[2].strip() == "https://riveracole.example/updates/boston-trust-act"
    assert "situation 1.00" in lines[3] and "jurisdiction city 1.00" in lines[3] and "recency" in lines[3]


def test_search_other_state_finds_nothing(db_path):
    run(db_path, "import", FEEDS / "markdown")
    result = run(db_path, "search", "--situation", "enforcement", "--state", "TX", "--text", "Boston police")
    assert result.exit_code == 0
    assert "No post fits this visitor" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--situation", "detention", "--city", "Chicago"], "--city needs --state"),
        (["--situation", "detention", "--state", "Illinois"], "not a USPS state code"),
        (["--situation", "visa"], "Invalid value for '--situation'"),
    ],
)
def test_search_rejects_bad_options(db_path, args, message):
    result = run(db_path, "search", *args)
    assert result.exit_code == 2 and message in result.output


def test_list_shows_how_each_field_was_set(db_path):
    run(db_path, "import", FEEDS / "markdown")
    result = run(db_path, "list")
    assert result.exit_code == 0
    assert "categories: citizenship (inferred)" in result.stdout
    assert "jurisdictions: Boston, MA, MA (front matter)" in result.stdout


def test_updates_group_is_registered():
    result = CliRunner().invoke(main, ["--help"])
    assert "updates" in result.output


def test_remove_takes_a_post_out_of_search_and_list(db_path):
    run(db_path, "import", FEEDS / "markdown")
    url = "https://riveracole.example/updates/boston-trust-act"
    search = ("search", "--situation", "enforcement", "--state", "ma", "--city", "Boston", "--text", "police detainers", "--today", "2026-11-28")
    assert url in run(db_path, *search).stdout

    removed = run(db_path, "remove", url)
    assert removed.exit_code == 0, removed.output
    assert f"removed: {url}" in removed.stdout
    db = store.connect(db_path)
    assert library.get_post(db, url) is None
    assert library.count(db) == 2
    assert url not in run(db_path, *search).stdout
    # Full-text index and match rows go with it.
    assert db.execute("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'detainers'").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM post_match WHERE post_id NOT IN (SELECT id FROM posts)").fetchone()[0] == 0


def test_remove_unknown_url_says_so_and_fails(db_path):
    run(db_path, "import", FEEDS / "markdown")
    result = run(db_path, "remove", "https://riveracole.example/updates/no-such-post")
    assert result.exit_code == 1
    assert "not in the library" in result.stderr
    assert library.count(store.connect(db_path)) == 3
