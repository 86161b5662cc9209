"""bot.sparse_tfidf gives scikit-learn's own tf-idf matrices, bit for bit, on the real vectorizers and texts."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from bot import crisis_classifier, sparse_logistic, sparse_tfidf

ODD = ["", " ", "ok", "OK!!", "😟😟 ayuda", "移民 律师", "i-130 i-130 i-130 I-130", "a", "a b c d e f g h i j k l m n",
       "mi esposo está detenido en San José, CA 95112", "\n\t", "'''", "don't", "x" * 500, "hola " * 80,
       "My husband was detained by ICE yesterday and I don't know where he is, please help",
       "/inform{\"removal_stage\":\"hearing\"}", "312 555 0148", "A123456789"]


def _texts():
    texts = [example.text for example in crisis_classifier.training_examples()]
    assert len(texts) > 500
    return texts


def _sklearn(vectorizers, texts):
    return scipy.sparse.hstack([v.transform(texts) for v in vectorizers]).tocsr()


def _same(mine: scipy.sparse.csr_matrix, theirs: scipy.sparse.csr_matrix) -> None:
    assert mine.shape == theirs.shape
    assert mine.dtype == theirs.dtype == np.float64
    assert mine.indices.dtype == theirs.indices.dtype and mine.indptr.dtype == theirs.indptr.dtype
    assert np.array_equal(mine.indptr, theirs.indptr)
    assert np.array_equal(mine.indices, theirs.indices)  # the same order within each row
    assert np.array_equal(mine.data.view(np.uint64), theirs.data.view(np.uint64))  # bit for bit


def _intent_vectorizers(texts):
    from components.linear_intent_classifier import LinearIntentClassifier

    classifier = LinearIntentClassifier(LinearIntentClassifier.get_default_config(), None, None)
    vectorizers = classifier._new_vectorizers()
    for vectorizer in vectorizers:
        vectorizer.fit(texts)
    return vectorizers


def test_the_code_it_repeats_is_scikit_learns_as_pinned():
    assert sparse_tfidf.pinned_digests() == sparse_tfidf.PINNED, "check bot/sparse_tfidf.py against this scikit-learn"


@pytest.mark.parametrize("which", ["intent", "crisis"])
def test_the_same_matrices_as_scikit_learn_on_the_real_vectorizers(which):
    texts = _texts()
    if which == "intent":
        vectorizers = _intent_vectorizers(texts)
    else:
        vectorizers = crisis_classifier.load().vectorizers
        texts = [crisis_classifier.normalize(t) for t in texts]
    rows = sparse_tfidf.Rows(vectorizers)
    for text in texts[::4] + ODD:  # one at a time, as a turn reads them
        _same(rows([text]), _sklearn(vectorizers, [text]))
    for start in range(0, len(texts), 97):  # and several at once
        batch = texts[start:start + 97] + ODD
        _same(rows(batch), _sklearn(vectorizers, batch))
    _same(rows(ODD[:2]), _sklearn(vectorizers, ODD[:2]))


def test_the_same_probabilities_through_the_classifiers():
    model = crisis_classifier.load()
    texts = [crisis_classifier.normalize(t) for t in _texts()[:300] + ODD]
    scorer = sparse_logistic.Probabilities(model.clf)
    mine, theirs = scorer(model._rows(texts)), scorer(_sklearn(model.vectorizers, texts))
    assert np.array_equal(mine, theirs)
    assert model._rows is not None  # the reader uses them
    assert [model.read([t]) for t in texts[:50]] == [[r] for r in model.read(texts[:50])]


@pytest.mark.parametrize("options", [
    {}, {"sublinear_tf": False}, {"use_idf": False}, {"norm": None}, {"smooth_idf": False},
    {"analyzer": "char_wb", "ngram_range": (2, 5)}, {"analyzer": "char", "ngram_range": (1, 3), "lowercase": False},
    {"ngram_range": (1, 3), "min_df": 2},
])
def test_the_same_matrices_for_other_settings(options):
    texts = _texts()[:400]
    vectorizer = TfidfVectorizer(**options).fit(texts)
    rows = sparse_tfidf.Rows([vectorizer])
    for batch in ([t] for t in texts[:100] + ODD):
        _same(rows(batch), vectorizer.transform(batch).tocsr())
    _same(rows(texts + ODD), vectorizer.transform(texts + ODD).tocsr())


@pytest.mark.parametrize("options", [{"binary": True}, {"norm": "l1"}, {"dtype": np.float32}])
def test_settings_it_does_not_repeat_keep_scikit_learns_path(options):
    vectorizer = TfidfVectorizer(**options).fit(["visa court fee", "court fee door"])
    assert sparse_tfidf.rows_or_none([vectorizer]) is None


def test_the_intent_classifier_predicts_the_same_with_them():
    from rasa.shared.nlu.training_data.message import Message

    from components.linear_intent_classifier import LinearIntentClassifier
    from tests.test_intent_classifier import training_data

    classifier = LinearIntentClassifier(LinearIntentClassifier.get_default_config(), None, None)
    classifier.persist = lambda: None
    classifier.train(training_data())
    texts = ["i-130 for my wife", "n-400", "my i-140", "", "zzz"] + ODD
    _same(classifier._features(texts), classifier._matrix(texts))
    assert classifier._rows is not None and classifier._rows[1] is not None
    for text in texts:
        fast, slow = Message(data={"text": text}), Message(data={"text": text})
        classifier.process([fast])
        classifier._rows = (list(classifier.vectorizers), None)  # scikit-learn's path
        classifier.process([slow])
        classifier._rows = None
        assert fast.get("intent") == slow.get("intent") and fast.get("intent_ranking") == slow.get("intent_ranking")
