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
    found = crisis_classifier.detect("my niece does not want to go home")
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
