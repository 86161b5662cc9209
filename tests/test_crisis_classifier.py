"""The learned crisis reader beside the safety patterns (bot/crisis_classifier.py)."""

import pytest
import yaml

from bot import crisis_classifier, safety
from bot.safety import KINDS


def test_the_training_files_hold_known_kinds_and_both_classes():
    files = sorted(crisis_classifier.DATA.glob("*.yml"))
    assert files
    labels = [e.label for path in files for e in crisis_classifier._labelled(path)]
    assert set(labels) == set(KINDS) | {crisis_classifier.NONE}


def test_an_unknown_kind_in_the_data_is_refused(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text(yaml.safe_dump([{"text": "help", "crisis": "fire"}]))
    with pytest.raises(ValueError, match="fire"):
        crisis_classifier._labelled(path)


def test_nlu_examples_are_read_without_their_annotations():
    texts = {e.text for e in crisis_classifier._nlu_ordinary()}
    assert not any("](" in t or "]{" in t for t in texts)
    assert crisis_classifier._strip_annotations("i live in [Houston](place) now") == "i live in Houston now"


@pytest.mark.parametrize("text", [
    "they wont have to worry about me much longer, i already gave my dog away",
    "mi señora se tomo un frasco entero y no despierta",
])
def test_danger_the_patterns_do_not_know_is_still_read(text):
    assert crisis_classifier.detect(text) is not None


@pytest.mark.parametrize("text", [
    "what documents do i need for the i-130 for my wife",
    "Maria Lopez",
    "my court date is on january 12 in houston",
    "cuanto cuesta la consulta",
])
def test_ordinary_messages_are_not_read_as_danger(text):
    assert crisis_classifier.detect(text) is None


@pytest.mark.parametrize("text", [
    # children only mentioned; a school detention; fear of a deportation (weak guesses, no word of harm)
    "my son got detention at school today and the teacher said he might be suspended. we are undocumented, will this affect his daca later?",
    "mi esposa está embarazada y tiene mucho miedo de que me deporten antes que nazca el bebé. tengo corte en abril",
    "she has a 2 year old",
])
def test_ordinary_messages_that_mention_children_or_fear_get_no_crisis_help(text):
    assert safety.detect_wide(text) is None  # the patterns do not read these either
    assert crisis_classifier.detect(text) is None


@pytest.mark.parametrize("text, probability, ordinary", [
    ("my son got detention at school", 0.3, True),  # a weak guess without one word of harm
    ("my niece is staying with us", 0.39, True),
    ("my niece does not want to go home", 0.3, False),  # a child afraid to go home: a word of harm
    ("no papers no job no way out", 0.3, False),
    ("my sugar is like 500 y me siento mareada", 0.3, False),
    ("i have bruises all over but my court date is next month", 0.3, False),
    ("tengo mucho miedo de el, me pego otra vez", 0.3, False),
    ("my niece is staying with us", crisis_classifier.FLAG_THRESHOLD, False),  # a strong reading stands
    ("ICE agents are at my door right now", 0.9, False),
    ("im so scared i cant sleep, i keep thinking about my hearing", 0.87, False),
])
def test_ordinary_reading(text, probability, ordinary):
    reading = crisis_classifier.Reading("child", probability)
    assert crisis_classifier.ordinary_reading(text, reading) is ordinary


def test_no_crisis_message_of_the_tuning_sets_is_set_aside():
    # recall first: every crisis message the patterns or the reader read before is still read
    texts = [item["text"] for name in ("crisis_check.yml", "crisis_tune.yml")
             for item in yaml.safe_load((crisis_classifier.TUNE.parent / name).read_text(encoding="utf-8"))
             if item.get("crisis")]
    texts += [e.text for path in sorted(crisis_classifier.DATA.glob("*.yml"))
              for e in crisis_classifier._labelled(path) if e.label != crisis_classifier.NONE]
    lost = [t for t in texts if (safety.detect_wide(t) or crisis_classifier.read(t)) and crisis_classifier.detect(t) is None]
    assert lost == []


def test_the_patterns_come_first():
    found = crisis_classifier.detect("my husband hits me")
    assert found == safety.detect_wide("my husband hits me")


@pytest.mark.parametrize("probability, sure", [
    (crisis_classifier.THRESHOLD - 0.01, None),
    (crisis_classifier.THRESHOLD, False),
    (crisis_classifier.FLAG_THRESHOLD - 0.01, False),
    (crisis_classifier.FLAG_THRESHOLD, True),
])
def test_a_weak_reading_gets_help_but_is_not_sure(monkeypatch, probability, sure):
    # Help from THRESHOLD (recall first); the flag for staff only from FLAG_THRESHOLD.
    class Fixed:
        def read(self, texts):
            return [crisis_classifier.Reading("child", probability) for _ in texts]
    monkeypatch.setattr(crisis_classifier, "load", lambda: Fixed())
    found = crisis_classifier.detect("my niece does not want to go home")  # a word of harm: not set aside
    assert (found.sure if found else None) is sure
    assert crisis_classifier.THRESHOLD < crisis_classifier.FLAG_THRESHOLD


@pytest.mark.parametrize("text", ["Sandra Le", "no not today", "M"])
def test_a_message_too_short_for_the_reader_is_left_to_the_patterns(text):
    assert crisis_classifier.read(text) is None


def test_a_reading_in_spanish_is_answered_in_spanish():
    found = crisis_classifier.detect("mi señora se tomo un frasco entero y no despierta")
    assert found is not None and found.language == "es"


def test_a_model_file_for_other_data_is_not_used(tmp_path):
    model = crisis_classifier.train([
        crisis_classifier.Example("i want to die", "suicide"), crisis_classifier.Example("hello", "none"),
    ])
    path = tmp_path / "m.npz"
    crisis_classifier.save(model, path, "old-fingerprint")
    assert crisis_classifier._load_file(path, "new-fingerprint") is None
    loaded = crisis_classifier._load_file(path, "old-fingerprint")
    assert loaded is not None and loaded.read(["i want to die"])[0].kind == "suicide"


def test_a_damaged_model_file_is_retrained_not_fatal(tmp_path):
    path = tmp_path / "m.npz"
    path.write_bytes(b"not a model")
    assert crisis_classifier._load_file(path, "any") is None


@pytest.mark.parametrize("text, probability, sure", [
    ("my son got detention at school today for fighting", 0.41, False),  # no word of harm: a guess
    ("got an NTA in the mail, the date says to be set", 0.45, False),
    ("im so scared i cant sleep, i keep thinking about my hearing", 0.87, False),  # fear, no harm: help, not a flag
    ("someone set our porch on fire last night and left a msg that next time well be inside", 0.94, True),  # very likely
    ("my niece does not want to go home", crisis_classifier.FLAG_THRESHOLD, True),  # a word of harm: flagged
    ("honestly i dont even want to live anymore", 0.5, True),  # life itself is a word of harm
    ("i would rather not be alive if they send me back", 0.5, True),
    ("im so scared i cant sleep", crisis_classifier.SURE_WITHOUT_HARM, True),  # very likely: flagged all the same
    ("he hits me", crisis_classifier.FLAG_THRESHOLD - 0.01, False),  # below the flag: help only
])
def test_a_reading_without_a_word_of_harm_flags_only_when_very_likely(text, probability, sure):
    assert crisis_classifier.sure_reading(text, crisis_classifier.Reading("suicide", probability)) is sure


def test_a_heart_attack_as_a_figure_of_speech_is_no_word_of_harm():
    assert not crisis_classifier._harm_said("i swear im gonna have a heart attack. ICE called my husbands phone")
    assert crisis_classifier._harm_said("i think my dad is having a heart attack")
    # fear told of oneself is no harm; someone else's body shaking, or shaking and not breathing, is
    assert not crisis_classifier._harm_said("i hid in the back cooler, im home now but im shaking")
    assert not crisis_classifier._harm_said("todavía estoy temblando")
    assert crisis_classifier._harm_said("my son is shaking and wont wake up")
    assert crisis_classifier._harm_said("im shaking and cant breathe")


@pytest.mark.parametrize("text, harm", [
    ("no, no hay nadie, solo lo que dice la vecina", False),  # "solo" as "only"
    ("solo quiero saber cuanto cuesta", False),
    ("mi hijo de 6 esta solo en la casa", True),  # alone
    ("los niños se quedaron solos", True),
    ("la dejaron solita en el carro", True),
])
def test_solo_is_a_word_of_harm_only_as_alone(text, harm):
    assert crisis_classifier._harm_said(text) is harm


def test_a_child_gone_missing_in_spanish_has_a_word_of_harm():
    assert crisis_classifier._harm_said("mi nino de 3 anos se salio de la casa y no lo encuentro")


@pytest.mark.parametrize("text, kind", [
    # afraid for a partner who did not come home, not of him
    ("tengo miedo, my husband didnt come home anoche y no contesta", None),
    ("mi esposo no llego anoche y no contesta el telefono, tengo miedo", None),
    # ... unless harm is said of him
    ("mi esposo no llego anoche y no contesta, tengo miedo de que me pegue cuando llegue", "dv"),
    ("tengo miedo de mi esposo", "dv"),
])
def test_a_partner_who_did_not_come_home_is_no_violence_of_his(text, kind):
    found = crisis_classifier.detect(text)
    assert (found.kind if found else None) == kind


def test_a_violation_of_release_terms_is_no_word_of_harm():
    assert not crisis_classifier._harm_said("the ankle monitor keeps beeping and we are scared theyll say he violated")
    assert not crisis_classifier._harm_said("a violation of his parole")
    assert crisis_classifier._harm_said("he violated me")
    assert crisis_classifier._harm_said("la violaron")


def test_knocking_at_a_door_is_no_word_of_harm():
    assert not crisis_classifier._harm_said("buenos días, hoy a las 6 golpearon la puerta dos señores que dijeron ser de ICE")
    assert crisis_classifier._harm_said("me golpeó en la cara anoche")


def test_a_letter_from_the_court_is_no_word_of_harm_and_a_farewell_letter_is():
    assert not crisis_classifier._harm_said("era ayer, no tengo otra fecha, el señor de la ventanilla me dijo que el juez decide y me llega carta")
    assert not crisis_classifier._harm_said("me llegó una carta de la corte de inmigración")
    assert crisis_classifier._harm_said("ya escribi cartas para mis hijos y regale mis cosas")
    assert crisis_classifier._harm_said("esta noche les escribi cartas a mis hijos")


def test_knocking_at_a_door_is_no_touching():
    assert not crisis_classifier._harm_said("anoche tocaron la puerta unos hombres diciendo que eran policía, no abrimos y se fueron")
    assert crisis_classifier._harm_said("mi padrastro me toca cuando mi mama no esta")


def test_what_comes_next_is_no_word_of_harm():
    assert not crisis_classifier._harm_said("a mi esposo lo soltaron anoche con un grillete en el pie, que sigue ahora?")
    assert crisis_classifier._harm_said("el me sigue a todos lados")
