"""Inferring a post's categories (keyword scorer) and jurisdictions (places)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.situations import CATEGORIES
from bot.updates import infer


def place(country="US", state=None, city=None):
    return SimpleNamespace(country_code=country, state=state, city=city)


CHICAGO = place(state="IL", city="Chicago")
ILLINOIS = place(state="IL")
TEXAS = place(state="TX")
MEXICO = place(country="MX")
USA = place()


# --- categories -----------------------------------------------------------------------------


def test_every_category_has_a_lexicon():
    assert set(infer.LEXICON) == set(CATEGORIES)


@pytest.mark.parametrize(
    "title, body, expected",
    [
        ("How to find someone in ICE custody", "Use the detainee locator. A bond hearing may follow.", ["detention"]),
        ("Missed your immigration court hearing?", "An order in absentia; a motion to reopen.", ["removal"]),
        ("Know your rights at home", "Ask for a judicial warrant. You can remain silent.", ["enforcement"]),
        ("TPS re-registration", "Temporary Protected Status holders must re-register.", ["humanitarian"]),
        ("Green cards through marriage", "The spouse files Form I-130; conditional residence.", ["family"]),
        ("H-1B cap season", "Employers register workers for the H-1B cap.", ["employment"]),
        ("The birthright citizenship order", "The Fourteenth Amendment and the Citizenship Clause.", ["citizenship"]),
        ("Notario fraud", "A notario is not a lawyer; report the scam.", ["other"]),
        ("Office closed on Friday", "We will reopen on Monday.", ["other"]),  # nothing fits -> other
    ],
)
def test_infer_categories(title, body, expected):
    assert infer.infer_categories(title, "", body) == expected


def test_a_post_can_get_two_categories():
    got = infer.infer_categories(
        "Know your rights at work: ICE raids and I-9 audits",
        "",
        "Workers can remain silent during a raid. Employers get a Notice of Inspection for I-9 forms; E-Verify is separate.",
    )
    assert got[:2] == ["enforcement", "employment"]


def test_capitalised_acronyms_only_match_in_capitals():
    """"ice" inside "notice" or "advice", or "tps" in a URL, counts for nothing."""
    scores = infer.category_scores("Notice of advice", "", "this is general advice about a notice; see tps.example")
    assert scores["detention"] == scores["humanitarian"] == 0


def test_title_counts_more_than_body():
    title_only = infer.category_scores("Asylum", "", "")["humanitarian"]
    body_only = infer.category_scores("", "", "Asylum")["humanitarian"]
    assert title_only == infer.FIELD_WEIGHTS["title"] * body_only


# --- jurisdictions from resolved places ----------------------------------------------------------------


@pytest.mark.parametrize(
    "head, body, expected",
    [
        ([CHICAGO], [], ["Chicago, IL", "IL"]),  # a city brings its state
        ([], [], ["US"]),  # no place: national
        ([USA, MEXICO], [MEXICO], ["US"]),  # the country itself and foreign places add nothing
        ([], [TEXAS], ["US"]),  # a passing mention in the body does not make a post local
        ([], [TEXAS, TEXAS], ["TX"]),  # named twice in the body: it is about Texas
        ([ILLINOIS], [CHICAGO, CHICAGO, TEXAS], ["Chicago, IL", "IL"]),
        ([place(state="ZZ")], [], ["US"]),  # not a US state code
    ],
)
def test_jurisdictions_from_places(head, body, expected):
    assert infer.jurisdictions_from_places(head, body) == expected


def test_infer_jurisdictions_uses_title_summary_and_body_separately():
    seen = []

    def finder(text):
        seen.append(text)
        return [CHICAGO] if "Chicago" in text else []

    assert infer.infer_jurisdictions("ICE in Chicago", "", "Federal agents.", finder=finder) == ["Chicago, IL", "IL"]
    assert seen == ["ICE in Chicago", "Federal agents."]


def test_sentences_about_the_firm_are_skipped():
    text = infer.place_text(
        "Preparing for court",
        "",
        "Bring your papers. Rivera & Cole can help; call our Chicago office. Arrive early.",
        skip_markers=["Rivera & Cole"],
    )
    assert "Chicago" not in text and "Bring your papers." in text and "Arrive early." in text


# --- with the project's place pipeline ------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_finder():
    infer._pipeline()  # the real place pipeline: part of the checkout
    return infer.spacy_places


@pytest.mark.parametrize(
    "title, body, expected",
    [
        ("Chicago police and ICE", "What the Chicago police will not do.", ["Chicago, IL", "IL"]),
        ("The executive order on birthright citizenship", "Signed by the President; federal courts were asked to block it.", ["US"]),
        ("Remain in Mexico is back", "Asylum seekers wait in Mexico for hearings in the United States.", ["US"]),
        ("Boston's Trust Act", "Boston police and Massachusetts courts limit detainers.", ["Boston, MA", "MA"]),
        ("Licenses in Illinois", "Residents can get a standard Illinois license.", ["IL"]),
        ("Court hearings", "Rivera & Cole Immigration Law can help; call our Chicago office at (312) 555-0148.", ["US"]),
    ],
)
def test_infer_jurisdictions_with_the_pipeline(real_finder, title, body, expected):
    assert infer.infer_jurisdictions(title, "", body, finder=real_finder) == expected
