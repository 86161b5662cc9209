"""The project's intent classifier (components/linear_intent_classifier.py), trained for real."""
from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.linear_intent_classifier import LinearIntentClassifier

EXAMPLES = {
    "situation_family": ["i-130 for my wife", "my i-130 was approved", "petition for my mother", "i-130 pending"],
    "situation_employment": ["i-140 for my job", "my i-140 was approved", "h-1b transfer", "i-140 pending"],
    "situation_citizenship": ["n-400 application", "citizenship test", "oath ceremony", "become a citizen"],
}


def training_data() -> TrainingData:
    return TrainingData(
        [Message(data={"text": t, "intent": intent}) for intent, texts in EXAMPLES.items() for t in texts]
    )


@pytest.fixture
def storage(tmp_path):
    return LocalModelStorage(tmp_path)


@pytest.fixture
def context():
    return ExecutionContext(GraphSchema({}), "test")


def trained(storage, context, **config) -> LinearIntentClassifier:
    component = LinearIntentClassifier.create(
        {**LinearIntentClassifier.get_default_config(), **config}, storage, Resource("clf"), context
    )
    component.train(training_data())
    return component


def predict(component: LinearIntentClassifier, text: str) -> Message:
    message = Message(data={"text": text})
    component.process([message])
    return message


def test_form_numbers_decide_between_family_and_employment(storage, context):
    # Rasa's CountVectorsFeaturizer would read both as "i-__NUMBER__".
    component = trained(storage, context)
    assert predict(component, "my i-140 got an rfe").get("intent")["name"] == "situation_employment"
    assert predict(component, "my i-130 got an rfe").get("intent")["name"] == "situation_family"


def test_ranking_is_sorted_probabilities_limited_to_ranking_length(storage, context):
    component = trained(storage, context, ranking_length=2)
    message = predict(component, "citizenship interview")
    ranking = message.get("intent_ranking")
    assert [r["name"] for r in ranking][0] == "situation_citizenship"
    assert len(ranking) == 2
    assert ranking[0]["confidence"] >= ranking[1]["confidence"]
    assert message.get("intent") == ranking[0]
    assert 0.0 < ranking[0]["confidence"] <= 1.0


def test_message_without_text_gets_an_intent_without_name(storage, context):
    component = trained(storage, context)
    message = Message(data={"text": ""})
    component.process([message])
    assert message.get("intent") == {"name": None, "confidence": 0.0}
    assert message.get("intent_ranking") == []


def test_persisted_model_loads_and_predicts_the_same(storage, context):
    component = trained(storage, context)
    loaded = LinearIntentClassifier.load(
        LinearIntentClassifier.get_default_config(), storage, Resource("clf"), context
    )
    for text in ("i-140 approved", "petition my mom", "n-400 help"):
        assert predict(loaded, text).get("intent_ranking") == predict(component, text).get("intent_ranking")


def test_untrained_classifier_predicts_nothing(storage, context):
    component = LinearIntentClassifier.create(LinearIntentClassifier.get_default_config(), storage, Resource("x"), context)
    component.train(TrainingData([Message(data={"text": "hello", "intent": "greet"})]))  # one intent only
    loaded = LinearIntentClassifier.load(LinearIntentClassifier.get_default_config(), storage, Resource("x"), context)
    assert predict(loaded, "hello").get("intent") == {"name": None, "confidence": 0.0}


def test_message_with_nothing_known_predicts_nothing(storage, context):
    # Emoji and unseen scripts share no feature with the training data.
    component = trained(storage, context)
    for text in ("🙂🙂🙂", "שלום"):
        message = predict(component, text)
        assert message.get("intent") == {"name": None, "confidence": 0.0}
        assert message.get("intent_ranking") == []


def test_the_confidences_are_scikit_learns_probabilities(storage, context):
    component = trained(storage, context, ranking_length=0)
    text = "my i-130 was approved, what about citizenship"
    expected = component.clf.predict_proba(component._matrix([text]))[0]
    ranking = {r["name"]: r["confidence"] for r in predict(component, text).get("intent_ranking")}
    assert ranking == pytest.approx(dict(zip([str(c) for c in component.clf.classes_], expected)), abs=1e-9)


def test_a_question_of_many_words_read_as_a_goodbye_takes_the_next_reading(storage, context):
    component = LinearIntentClassifier.create(LinearIntentClassifier.get_default_config(), storage, Resource("clf"), context)
    component.train(TrainingData([Message(data={"text": t, "intent": intent}) for intent, texts in {
        "goodbye": ["hasta luego", "hasta mañana", "adios", "bye", "hasta pronto"],
        "situation_removal": ["tengo corte", "mi corte de inmigracion", "audiencia en la corte", "court hearing"],
    }.items() for t in texts]))
    asked = predict(component, "hasta alla hasta alla, tengo que ir hasta alla?")
    assert asked.get("intent")["name"] == "situation_removal"
    assert predict(component, "hasta luego").get("intent")["name"] == "goodbye"
