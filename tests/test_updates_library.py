"""The sample library (content/posts/), the labelled relevance set and the benchmark script."""
from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import frontmatter
import pytest
import yaml

from bot import store
from bot.situations import CATEGORIES
from bot.updates import import_source, infer, iter_posts

ROOT = Path(__file__).resolve().parent.parent
POSTS = sorted((ROOT / "content" / "posts").glob("*.md"))
LABELS = yaml.safe_load((ROOT / "tests" / "data" / "updates_relevance.yml").read_text())
DISCLAIMER = "This post is general information, not legal advice."


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_updates", ROOT / "scripts" / "bench_updates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sample_db():
    """The sample library imported as `make run` would, with the real place pipeline."""
    infer._pipeline()  # the real place pipeline: part of the checkout
    db = store.connect(":memory:")
    import_source(db, ROOT / "content" / "posts", website_origin=LABELS["website_origin"])
    return db


def test_enough_posts():
    assert len(POSTS) >= 28


@pytest.mark.parametrize("path", POSTS, ids=lambda p: p.name)
def test_each_post_is_dated_and_says_it_is_not_legal_advice(path):
    post = frontmatter.load(path)
    assert post["title"] and (post.get("slug") or post.get("url"))
    assert date(2024, 1, 1) <= post["date"] <= date(2026, 12, 31)
    assert DISCLAIMER in post.content.splitlines(), "the disclaimer must be a line of its own"


def test_covers_every_category_and_eight_jurisdictions(sample_db):
    posts = list(iter_posts(sample_db))
    assert {c for p in posts for c in p["categories"]} == set(CATEGORIES)
    jurisdictions = {j for p in posts for j in p["jurisdictions"]}
    assert len(jurisdictions) >= 8
    assert {"US", "IL", "Chicago, IL", "CA", "San Diego, CA", "MA", "Boston, MA", "TX", "NY", "FL", "AZ", "WA"} <= jurisdictions


def test_some_posts_rely_on_inference(sample_db):
    sources = {(p["categories_source"], p["jurisdictions_source"]) for p in iter_posts(sample_db)}
    assert ("inferred", "inferred") in sources and ("front matter", "front matter") in sources


@pytest.mark.parametrize(
    "slug",
    [
        "mass-removal-plans-and-sanctuary-cities",
        "birthright-citizenship-executive-order",
        "expedited-removal-protected-areas-mpp",
        "illinois-trust-act-explained",
        "san-diego-county-limits-on-helping-ice",
        "boston-trust-act-and-massachusetts-detainers",
        "know-your-rights-at-home",
        "know-your-rights-at-work",
        "immigration-detention-and-bond",
        "tps-2025-terminations-and-re-registration",
        "daca-renewals-in-2025",
        "asylum-one-year-deadline",
        "marriage-green-card-steps",
        "h-1b-cap-season",
        "naturalization-n-400-basics",
    ],
)
def test_subjects_of_the_issue_are_covered(sample_db, slug):
    urls = {p["url"] for p in iter_posts(sample_db)}
    assert f"{LABELS['website_origin']}/updates/{slug}" in urls


def test_labelled_set_is_well_formed(sample_db):
    queries = LABELS["queries"]
    assert len(queries) >= 40
    urls = {p["url"] for p in iter_posts(sample_db)}
    for q in queries:
        assert q["situation"] in CATEGORIES
        assert set(q["relevant"]) <= urls, q
    assert any(not q["relevant"] for q in queries), "some queries should expect silence"


def test_precision_at_3_meets_target(sample_db):
    bench = load_bench()
    result = bench.relevance(sample_db, LABELS)
    assert result["precision_at_3"] >= bench.P_AT_3_TARGET


@pytest.mark.parametrize(
    "shown, relevant, precision, recall",
    [
        ([], [], 1.0, 1.0),  # correct silence
        ([], ["a"], 0.0, 0.0),  # a miss
        (["a", "b", "c"], ["a"], 1 / 3, 1.0),  # filler counts against precision
        (["a"], ["a", "b", "c", "d"], 1.0, 1 / 3),
    ],
)
def test_bench_metric_definitions(shown, relevant, precision, recall):
    got = load_bench().score_query(shown, relevant)
    assert got["precision"] == pytest.approx(precision) and got["recall"] == pytest.approx(recall)


def test_bench_generator_and_latency_run(tmp_path):
    bench = load_bench()
    db = bench.generate_library(tmp_path / "bench.db", n=300)
    assert db["posts"].count == 300
    result = bench.latency(db, queries=20)
    assert result["queries"] == 20 and result["p95_ms"] > 0
