"""An intent classifier for Rasa: logistic regression over tf-idf word and character n-grams.

Why not DIET with CountVectorsFeaturizer: on this project's NLU data, 5-fold
cross-validation put that pipeline at a situation macro-F1 of 0.885, and this
classifier above 0.95, while training in seconds instead of tens of minutes
(README, "NLU"). Two reasons:

- ``CountVectorsFeaturizer`` replaces every stand-alone number with
  ``__NUMBER__`` before counting, so "i-130" (family), "i-140" (employment),
  "i-589" (asylum) and "n-400" (citizenship) all become the same token. Form
  numbers are some of the strongest words a visitor types, so this classifier
  builds its own features from the message text and keeps them.
- Short messages with rare words are where DIET overfits a small data set and
  a regularised linear model does not.

Features: tf-idf (sublinear term frequency) of words and word pairs, and of
character n-grams within words (typos, Spanish word forms), each block
l2-normalised on its own so both get an equal say. Persisted as plain arrays
and JSON (``bot/sklearn_state.py``: no pickle; skops, which Rasa's own
``LogisticRegressionClassifier`` uses, took half the Rasa server's start).
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text, Tuple, Type

import scipy.sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot import sklearn_state, small_talk, sparse_logistic, sparse_tfidf, texting

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

#: Words keep inner hyphens and apostrophes: "i-130", "h-1b", "don't".
WORD_PATTERN = r"(?u)\b\w[\w'-]*\w\b|\b\w\b"

MODEL_FILE = "linear_intent_classifier.npz"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """Logistic regression over tf-idf weighted word and character n-grams of the text."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return []

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "word_ngrams": [1, 2],
            "char_ngrams": [2, 5],
            # Inverse regularisation strength; high because rows are l2-normalised
            # and many intents have few examples.
            "C": 50.0,
            "max_iter": 5000,
            "class_weight": "balanced",
            "ranking_length": 10,
            "random_state": 42,
        }

    @staticmethod
    def required_packages() -> List[Text]:
        return ["sklearn"]

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.vectorizers: List[TfidfVectorizer] = []
        self.clf: Optional[LogisticRegression] = None
        self._scorer: Optional[sparse_logistic.Probabilities] = None
        #: The vectorizers the fast rows were made for, and the rows (None: scikit-learn's path).
        self._rows: Optional[Tuple[List[TfidfVectorizer], Optional[sparse_tfidf.Rows]]] = None

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LinearIntentClassifier":
        return cls(config, model_storage, resource)

    def _new_vectorizers(self) -> List[TfidfVectorizer]:
        words = TfidfVectorizer(
            analyzer="word",
            token_pattern=WORD_PATTERN,
            ngram_range=tuple(self.config["word_ngrams"]),
            sublinear_tf=True,
            lowercase=True,
        )
        chars = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=tuple(self.config["char_ngrams"]),
            sublinear_tf=True,
            lowercase=True,
        )
        return [words, chars]

    def _matrix(self, texts: List[str]) -> scipy.sparse.csr_matrix:
        texts = [texting.spelled_out(t) for t in texts]  # "do u help": "u" is "you", not the U visa
        return scipy.sparse.hstack([v.transform(texts) for v in self.vectorizers]).tocsr()

    def _features(self, texts: List[str]) -> scipy.sparse.csr_matrix:
        """``self._matrix(texts)``, the same matrix, without scikit-learn's checks (``bot/sparse_tfidf.py``)."""
        texts = [texting.spelled_out(t) for t in texts]  # as _matrix reads them
        if self._rows is None or self._rows[0] != self.vectorizers:
            self._rows = (list(self.vectorizers), sparse_tfidf.rows_or_none(self.vectorizers))
        rows = self._rows[1]
        return rows(texts) if rows is not None else self._matrix(texts)

    def train(self, training_data: TrainingData) -> Resource:
        """Fit the vectorizers and the classifier on the intent examples."""
        examples = [m for m in training_data.intent_examples if m.get(INTENT) and m.get(TEXT)]
        labels = [m.get(INTENT) for m in examples]
        if len(set(labels)) < 2:
            logger.debug("LinearIntentClassifier needs at least two intents; not trained.")
            return self._resource
        texts = [texting.spelled_out(m.get(TEXT)) for m in examples]
        self.vectorizers = self._new_vectorizers()
        for vectorizer in self.vectorizers:
            vectorizer.fit(texts)
        self.clf = LogisticRegression(
            C=self.config["C"],
            max_iter=self.config["max_iter"],
            class_weight=self.config["class_weight"],
            random_state=self.config["random_state"],
        )
        self.clf.fit(self._matrix(texts), labels)
        self.persist()
        return self._resource

    def _probabilities(self, matrix: scipy.sparse.csr_matrix) -> Any:
        """``self.clf.predict_proba(matrix)``, without copying the weights on every call."""
        if self._scorer is None or self._scorer.classes_ is not self.clf.classes_:
            self._scorer = sparse_logistic.Probabilities(self.clf)
        return self._scorer(matrix)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        """Set ``intent`` and ``intent_ranking`` on each message."""
        for message in messages:
            # Like DIET: no prediction is an intent without a name, never a missing key.
            message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        texts = [m for m in messages if m.get(TEXT)]
        if self.clf is None or not texts:
            return messages
        matrix = self._features([m.get(TEXT) for m in texts])
        probabilities = self._probabilities(matrix)
        evidence = matrix.getnnz(axis=1)
        names = [str(c) for c in self.clf.classes_]
        limit = self.config["ranking_length"]
        for message, row, seen in zip(texts, probabilities, evidence):
            if not seen:
                # Not one known word or character n-gram (emoji, another script):
                # the model would only echo its class priors, so predict nothing.
                continue
            ranking = sorted(
                ({"name": n, "confidence": float(p)} for n, p in zip(names, row)),
                key=lambda r: -r["confidence"],
            )
            if small_talk.misread(ranking[0]["name"], message.get(TEXT)):
                ranking = ranking[1:] + ranking[:1]  # a question of many words, not "bye": the next reading
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking[:limit] if limit > 0 else ranking, add_to_output=True)
        return messages

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as model_dir:
            sklearn_state.dump(model_dir / MODEL_FILE, self.vectorizers, self.clf)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "LinearIntentClassifier":
        component = cls(config, model_storage, resource)
        try:
            with model_storage.read_from(resource) as model_dir:
                try:
                    # Only tf-idf vectorizers and a logistic regression, rebuilt from arrays and JSON.
                    state = sklearn_state.load(model_dir / MODEL_FILE)
                except ValueError as error:
                    raise RuntimeError(f"{MODEL_FILE} cannot be read ({error}): retrain the model") from error
        except ValueError:
            # No resource: the classifier was not trained (fewer than two intents).
            logger.debug("LinearIntentClassifier has no trained state; it predicts nothing.")
            return component
        component.vectorizers = state.vectorizers
        component.clf = state.clf
        return component
