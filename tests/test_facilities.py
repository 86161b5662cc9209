"""Detention facilities named in passing answer "where is the person held?"."""
from datetime import date

import pytest

from bot import flow
from bot.places.facilities import FACILITIES, facility_in


@pytest.mark.parametrize(
    "text, name",
    [
        ("my cousin has been at krome for a week", "Krome"),
        ("they transferred her to pearsal i think", "Pearsall"),  # one typo in a long name
        ("lo tienen en el corralon de eloy", "Eloy"),
        ("she is in dilley with the baby", "Dilley"),
        ("they said hes at 26 federal plaza", "26 Federal Plaza"),
        ("shes in the adams county facility in natchez", "Adams County Correctional Center"),
        ("ahora dicen que la tienen en el Porisabel", "Port Isabel"),  # the name run together, as it sounds
    ],
)
def test_a_facility_is_recognised(text, name):
    assert name in facility_in(text)


@pytest.mark.parametrize("text", ["I live in Elizabeth NJ", "we are on basil street", "my dad works at a bakery", "",
                                  "mi esposo trabajaba en la planta de carnes", "my son wyatt is 5"])
def test_places_people_live_are_not_facilities(text):
    assert facility_in(text) is None


def test_every_facility_has_a_way_to_say_it():
    from bot.places.facilities import IN_A_COMMON_TOWN

    assert all(aliases or name in IN_A_COMMON_TOWN for name, aliases in FACILITIES.items())
    assert set(IN_A_COMMON_TOWN) <= set(FACILITIES)


@pytest.mark.parametrize("text, held", [
    ("q necesito pa sacar a mi prima del centro de aurora? la detuvieron", "Denver Contract Detention Facility (Aurora, CO)"),
    ("hes at the tacoma detention center", "Northwest ICE Processing Center (Tacoma, WA)"),
    ("since tuesday at the processing center in tacoma", "Northwest ICE Processing Center (Tacoma, WA)"),
    ("la tienen en la detencion en aurora", "Denver Contract Detention Facility (Aurora, CO)"),
    ("we live in aurora", None),  # the town alone is where people live
    ("the health center in aurora", None),
    ("she is at the place in aurora", None),
    ("he's in the elizabeth one by the airport", "Elizabeth Detention Center (NJ)"),
    ("lo tienen en el de aurora", "Denver Contract Detention Facility (Aurora, CO)"),
])
def test_a_facility_in_a_common_town_is_named_with_a_word_that_says_so(text, held):
    assert facility_in(text) == held


def test_a_facility_said_in_passing_is_where_the_person_is_held():
    said = flow.answers_in_text("detention", "ICE took my brother to otay mesa yesterday", date(2026, 12, 3))
    assert said["detained_where"].startswith("Otay Mesa") and said["detained_since"] == "2026-12-02"
    assert "detained_where" not in flow.answers_in_text("family", "my brother was at otay mesa", date(2026, 12, 3))


def test_a_part_of_a_facilitys_name_is_where_someone_is_held_not_a_guess_at_the_visitors_place():
    from bot.places import location

    heard = location.heard_in_passing("a mi hijo lo detuvo ICE, esta en el south texas en pearsall", None, {})
    assert "location_guess" not in heard and heard["places_mentioned"] == ["Texas (detained)"]
    # a facility's town alone is a town people live in
    assert location.heard_in_passing("ICE took my husband in conroe", None, {})["location_guess"] == "Conroe, TX"


@pytest.mark.parametrize("text, town", [("my cousin is at crome in miami since last week", "Miami"),
                                        ("they sent him down to mcfarland", "McFarland")])
def test_facilities_by_their_spoken_names(text, town):
    assert town in facility_in(text)


def test_one_typo_is_in_one_word_not_another_word_in_its_place():
    assert facility_in("vivo en santa ana california. mi esposa es ciudadana") is None
    assert "Pine Prairie" in facility_in("they moved him to pine prarie")


@pytest.mark.parametrize("text, town", [("my son is at the GEO place in aurora since last weekend", "Aurora"),
                                        ("mi hermano lleva 2 meses en tacoma en el centro de detencion", "Tacoma")])
def test_a_facility_in_a_common_town_named_by_its_words(text, town):
    assert town in facility_in(text)


def test_the_el_paso_processing_center_is_named():
    from bot.places import facilities as _facilities
    assert _facilities.facility_in("shes at the el paso processing center") == "El Paso Service Processing Center (TX)"


@pytest.mark.parametrize("text, facility", [("he is in pine prary louisiana", "Pine Prairie ICE Processing Center (LA)"),
                                            ("we live in pine bluff", None), ("i live in port arthur", None)])
def test_a_facility_of_two_words_with_one_misspelt(text, facility):
    assert facility_in(text) == facility


@pytest.mark.parametrize("text, facility", [
    ("a mi sobrino lo mandaron a uno que se llama carolain en virginia", "Caroline Detention Facility (Bowling Green, VA)"),
    ("lleva 20 dias en el de baker en macleny", "Baker County Detention Center (Macclenny, FL)"),
    ("my daughter is called caroline", None),
])
def test_facilities_as_heard(text, facility):
    assert facility_in(text) == facility


def test_a_common_phrase_one_letter_from_a_facility_is_not_it():
    assert facility_in("how long is the wait? - Linh Tran") is None


def test_a_short_word_is_not_a_misspelt_facility():
    assert facility_in("hubo una redada en el car wash donde trabaja mi esposo") is None


@pytest.mark.parametrize("text, facility", [
    ("de ahi se lo llevaron a florence, ya van 5 dias", "Florence Service Processing Center (AZ)"),
    ("Mi hermano lleva tres semanas en Winn, en Luisiana, y tiene audiencia el martes", "Winn Correctional Center (Winnfield, LA)"),
    ("llevo 3 meses en tacoma con mi tia", None),  # where a visitor may live
    ("they moved him to tacoma last night", "Northwest ICE Processing Center (Tacoma, WA)"),
    # a city known for more than its facility, and a name, are not the facility
    ("they took him to montgomery", None),
    ("they took him to elizabeth", None),
])
def test_taken_to_a_town_known_for_its_facility(text, facility):
    assert facility_in(text) == facility


@pytest.mark.parametrize("text, held", [
    ("my mom is in karnes for 2 months already", "Karnes County Immigration Processing Center (TX)"),
    ("they have him in adelanto", "Adelanto ICE Processing Center (CA)"),
    ("mi roommate esta detenido since last week en Otay Mesa", "Otay Mesa Detention Center (San Diego, CA)"),
    ("we live in adelanto and my husband has court", None),
    ("estoy en conroe", None),
    ("he was in adelanto for a year", None),
])
def test_a_facility_someone_is_in_now(text, held):
    from bot.places.facilities import held_at
    assert held_at(text) == held


def test_a_court_date_at_an_ice_office_is_no_one_held_there():
    from bot.places.facilities import held_at
    assert held_at("my wife has immigration court tomorrow morning at 26 federal plaza") is None
