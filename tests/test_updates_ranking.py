"""The ranking rule (bot/updates/ranking.py) through ``for_visitor`` and ``search``."""
from __future__ import annotations

from datetime import date

import pytest

from bot import store
from bot.situations import CATEGORIES
from bot.updates import for_visitor, library, ranking, search
from bot.updates.query import fts_query

TODAY = date(2026, 11, 28)
FILLER = "General background that repeats words every post has, such as immigration and status."


def add(db, slug, categories, jurisdictions, published="2025-06-01", title=None, body=FILLER, summary=""):
    library.upsert_post(
        db,
        {
            "url": f"https://firm.example/updates/{slug}",
            "title": title or slug.replace("-", " "),
            "published": published,
            "summary": summary,
            "body": body,
            "categories": categories,
            "jurisdictions": jurisdictions,
            "categories_source": "front matter",
            "jurisdictions_source": "front matter",
            "content_hash": slug + published + body,
            "source": "test",
        },
    )


def slugs(results):
    return [r["url"].rsplit("/", 1)[1] for r in results]


BACKGROUND_WORDS = (
    "office hours forms filing fees interview notice letter records evidence appointment "
    "process agency federal state county officer judge application review decision weeks "
    "family work school travel documents address phone lawyer consultation clinic"
).split()


@pytest.fixture
def db():
    """A database with 40 background posts in Alaska.

    bm25 weighs a word by how rare it is in the library; with a handful of
    posts every word is common and no match is strong. The background makes
    word rarity realistic; no visitor in these tests is in Alaska, so the
    background posts themselves are never shown (which the tests also check).
    """
    db = store.connect(":memory:")
    library.ensure_schema(db)
    categories = list(CATEGORIES)
    for i in range(40):
        words = [BACKGROUND_WORDS[(i * 7 + k * 3) % len(BACKGROUND_WORDS)] for k in range(25)]
        add(db, f"background-{i}", [categories[i % len(categories)]], ["AK"], "2025-01-01", body=" ".join(words))
    return db


@pytest.fixture
def enforcement_library(db):
    add(db, "national", ["enforcement"], ["US"], "2025-01-28")
    add(db, "illinois", ["enforcement"], ["IL"], "2024-06-12")
    add(db, "chicago", ["enforcement"], ["Chicago, IL", "IL"], "2025-02-05")
    add(db, "texas", ["enforcement"], ["TX"], "2026-04-02")
    add(db, "houston", ["enforcement"], ["Houston, TX", "TX"], "2026-05-01")
    add(db, "springfield", ["enforcement"], ["Springfield, IL", "IL"], "2026-06-01")
    return db


# --- jurisdiction -------------------------------------------------------------------------


def test_city_then_state_then_national(enforcement_library):
    got = slugs(for_visitor(enforcement_library, "enforcement", "IL", "Chicago", today=TODAY))
    assert got == ["chicago", "illinois", "national"]


def test_other_states_are_never_shown(enforcement_library):
    got = slugs(for_visitor(enforcement_library, "enforcement", "IL", "Chicago", limit=10, today=TODAY))
    assert "texas" not in got and "houston" not in got


def test_other_city_in_same_state_is_not_shown(enforcement_library):
    """A city narrows its state: the Chicago post is not for Springfield, nor the reverse."""
    got = slugs(for_visitor(enforcement_library, "enforcement", "IL", "Springfield", limit=10, today=TODAY))
    assert got == ["springfield", "illinois", "national"]


def test_unknown_city_sees_state_and_national_only(enforcement_library):
    got = slugs(for_visitor(enforcement_library, "enforcement", "IL", None, limit=10, today=TODAY))
    assert got == ["illinois", "national"]


@pytest.mark.parametrize("state", [None, "", "ZZ"])
def test_unknown_state_sees_national_only(enforcement_library, state):
    assert slugs(for_visitor(enforcement_library, "enforcement", state, "Chicago", today=TODAY)) == ["national"]


def test_city_spelling_is_folded(db):
    add(db, "nyc", ["enforcement"], ["New York, NY", "NY"])
    add(db, "st-louis", ["enforcement"], ["Saint Louis, MO", "MO"])
    assert slugs(for_visitor(db, "enforcement", "ny", "new york city", today=TODAY)) == ["nyc"]
    assert slugs(for_visitor(db, "enforcement", "MO", "St. Louis", today=TODAY)) == ["st-louis"]


def test_match_keys_rule():
    assert ranking.match_keys(["Chicago, IL", "IL", "CA", "US"]) == ["chicago, il", "ca", "us"]


# --- subject ------------------------------------------------------------------------------


def test_other_category_without_text_is_not_shown(enforcement_library):
    add(enforcement_library, "family-national", ["family"], ["US"], "2026-11-01")
    assert "family-national" not in slugs(for_visitor(enforcement_library, "enforcement", "IL", "Chicago", limit=10, today=TODAY))


def test_other_category_with_weak_text_is_not_shown(db):
    add(db, "daca", ["humanitarian"], ["US"], title="DACA renewals", body="DACA renewals and work permits.")
    add(db, "marriage", ["family"], ["US"], title="Marriage green cards", body="A spouse may also mention work permits once.")
    got = slugs(for_visitor(db, "humanitarian", "IL", "Chicago", text="DACA work permit", today=TODAY))
    assert got == ["daca"]


def test_other_category_shown_when_the_words_point_at_it(db):
    add(db, "marriage", ["family"], ["US"], title="Marriage green cards", body="Spouses and the I-130 petition.")
    add(
        db,
        "locator",
        ["detention"],
        ["US"],
        title="Finding someone in ICE detention",
        body="Use the detainee locator to find a detained husband or wife in ICE detention. " * 3,
    )
    got = slugs(for_visitor(db, "family", "IL", "Chicago", text="my husband is in ICE detention, how do I find him", today=TODAY))
    assert got == ["locator"]


def test_focus_drops_off_topic_posts_of_the_category(db):
    add(db, "tps", ["humanitarian"], ["US"], title="TPS re-registration", body="TPS holders must re-register for TPS. " * 3)
    add(db, "daca", ["humanitarian"], ["US"], title="DACA renewals", body="DACA renewals continue.")
    add(db, "asylum", ["humanitarian"], ["US"], title="Asylum deadline", body="The one-year asylum deadline.")
    assert slugs(for_visitor(db, "humanitarian", "FL", "Miami", text="TPS re-registration", today=TODAY)) == ["tps"]
    # without text, the whole category is shown
    assert len(for_visitor(db, "humanitarian", "FL", "Miami", today=TODAY)) == 3


def test_catch_all_needs_words(db):
    add(db, "notario", ["other"], ["US"], title="Notario scams", body="Notarios are not lawyers. " * 3)
    assert for_visitor(db, "other", "OH", "Columbus", today=TODAY) == []
    assert for_visitor(db, "other", "OH", "Columbus", text="property taxes", today=TODAY) == []
    assert slugs(for_visitor(db, "other", "OH", "Columbus", text="is a notario a lawyer", today=TODAY)) == ["notario"]


def test_nothing_fits_returns_empty(db):
    add(db, "texas-only", ["enforcement"], ["TX"])
    assert for_visitor(db, "enforcement", "IL", "Chicago", text="Texas law", today=TODAY) == []
    assert for_visitor(db, "detention", "IL", "Chicago", today=TODAY) == []


def test_empty_library(db):
    assert for_visitor(db, "detention", "IL", "Chicago", text="detained", today=TODAY) == []


# --- recency --------------------------------------------------------------------------------


def test_newer_post_on_the_same_subject_ranks_first(db):
    body = "TPS re-registration: file Form I-821 in the window."
    add(db, "tps-2024", ["humanitarian"], ["US"], "2024-05-14", title="TPS re-registration", body=body)
    add(db, "tps-2025", ["humanitarian"], ["US"], "2025-06-03", title="TPS re-registration", body=body)
    assert slugs(for_visitor(db, "humanitarian", "TX", None, text="TPS re-registration", today=TODAY)) == ["tps-2025", "tps-2024"]
    assert slugs(for_visitor(db, "humanitarian", "TX", None, today=TODAY)) == ["tps-2025", "tps-2024"]


def test_recency_does_not_beat_jurisdiction(db):
    add(db, "old-city", ["enforcement"], ["Chicago, IL", "IL"], "2024-01-01")
    add(db, "old-state", ["enforcement"], ["IL"], "2024-01-01")
    add(db, "new-national", ["enforcement"], ["US"], "2026-11-27")
    add(db, "new-state", ["enforcement"], ["IL"], "2026-11-27")
    got = slugs(for_visitor(db, "enforcement", "IL", "Chicago", limit=10, today=TODAY))
    assert got == ["old-city", "new-state", "old-state", "new-national"]


# --- output -----------------------------------------------------------------------------------


def test_result_shape_and_limit(enforcement_library):
    results = for_visitor(enforcement_library, "enforcement", "IL", "Chicago", limit=2, today=TODAY)
    assert len(results) == 2
    assert set(results[0]) == {"title", "url", "published", "summary", "score"}
    assert results[0]["score"] >= results[1]["score"]


def test_search_exposes_components(enforcement_library):
    ranked = search(enforcement_library, "enforcement", "IL", "Chicago", text=None, limit=None, today=TODAY)
    top = ranked[0]
    assert set(top.components) == {"situation", "text", "jurisdiction", "recency"}
    expected = sum(ranking.WEIGHTS[k] * v for k, v in top.components.items())
    assert top.score == pytest.approx(expected)
    assert top.candidate.level == "city"


def test_weights_sum_to_one():
    assert sum(ranking.WEIGHTS.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "text, expected",
    [
        (None, None),
        ("", None),
        ("the and of", None),
        ('H-1B "quoted" NEAR(a b) OR *', '"h 1b" OR "quoted" OR "near"'),
        ("My husband was picked up", '"husband" OR "picked" OR "detained" OR "arrested" OR "detention"'),
    ],
)
def test_fts_query(text, expected):
    assert fts_query(text) == expected


def test_visitor_text_cannot_break_the_query(enforcement_library):
    for text in ['"', "NEAR(", "a AND", "*", "title:x", "'); DROP TABLE posts; --"]:
        for_visitor(enforcement_library, "enforcement", "IL", "Chicago", text=text, today=TODAY)
    assert library.count(enforcement_library) == 46
