"""bot.sparse_logistic gives scikit-learn's own probabilities, on toy models and on the real ones."""
import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot import crisis_classifier, sparse_logistic

TEXTS = ["my husband was detained by ICE yesterday", "quiero una cita con un abogado", "how much is a consultation",
         "i want to hurt myself", "", "green card for my wife, she is from mexico", "ok", "la migra esta en mi puerta"]


@pytest.mark.parametrize("classes, options", [
    (["a", "b"], {}),
    (["a", "b", "c", "d"], {}),
    (["a", "b", "c", "d"], {"solver": "liblinear"}),  # one-vs-rest
])
def test_the_same_probabilities_as_scikit_learn(classes, options):
    rng = np.random.default_rng(7)
    texts = [" ".join(rng.choice(["ice", "court", "visa", "wife", "fee", "door", "help", "job"], 5)) for _ in range(80)]
    labels = [classes[i % len(classes)] for i in range(80)]
    vectorizer = TfidfVectorizer().fit(texts)
    clf = LogisticRegression(**options).fit(vectorizer.transform(texts), labels)
    rows = vectorizer.transform(texts[:10] + ["nothing known here"])
    assert np.allclose(sparse_logistic.Probabilities(clf)(rows), clf.predict_proba(rows), atol=1e-9)


def test_the_crisis_readers_probabilities_are_scikit_learns():
    model = crisis_classifier.load()
    rows = model._matrix(TEXTS)
    assert np.allclose(sparse_logistic.Probabilities(model.clf)(rows), model.clf.predict_proba(rows), atol=1e-9)
