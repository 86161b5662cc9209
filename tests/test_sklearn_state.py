"""bot.sklearn_state: a saved model gives the fitted one's features and probabilities; anything else is refused."""
import json
import zipfile

import numpy as np
import pytest
import scipy.sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot import crisis_classifier, sklearn_state

TEXTS = ["my husband was detained by ICE yesterday", "quiero una cita con un abogado", "how much is a consultation",
         "i want to hurt myself", "", "green card for my wife, she is from mexico", "ok", "la migra esta en mi puerta",
         "i-130 for my wife", "n-400", "zzzz"]


def _fitted(classes, min_df=1):
    rng = np.random.default_rng(3)
    words = ["ice", "court", "visa", "wife", "fee", "door", "help", "job", "i-130", "n-400", "abogado"]
    texts = [" ".join(rng.choice(words, 5)) for _ in range(90)]
    labels = [classes[i % len(classes)] for i in range(90)]
    vectorizers = [TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"(?u)\b\w[\w'-]*\w\b|\b\w\b",
                                   sublinear_tf=True).fit(texts),
                   TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=min_df).fit(texts)]
    clf = LogisticRegression(C=20.0, class_weight="balanced", max_iter=500).fit(_matrix(vectorizers, texts), labels)
    return vectorizers, clf


def _matrix(vectorizers, texts):
    return scipy.sparse.hstack([v.transform(texts) for v in vectorizers]).tocsr()


@pytest.mark.parametrize("classes, min_df", [(["a", "b"], 1), (["none", "child", "suicide", "violence"], 2)])
def test_a_saved_model_gives_the_same_features_and_probabilities(tmp_path, classes, min_df):
    vectorizers, clf = _fitted(classes, min_df)
    path = tmp_path / "m.npz"
    sklearn_state.dump(path, vectorizers, clf, {"fingerprint": "abc"})
    state = sklearn_state.load(path)
    assert state.extra == {"fingerprint": "abc"}
    before, after = _matrix(vectorizers, TEXTS), _matrix(state.vectorizers, TEXTS)
    assert (before != after).nnz == 0
    assert np.array_equal(clf.predict_proba(before), state.clf.predict_proba(after))
    assert list(state.clf.classes_) == list(clf.classes_)
    assert state.vectorizers[0].get_params() == vectorizers[0].get_params()


def test_the_crisis_reader_loaded_from_its_file_reads_as_when_it_was_fitted(tmp_path):
    fitted = crisis_classifier.train(crisis_classifier.training_examples())
    path = tmp_path / "crisis.npz"
    crisis_classifier.save(fitted, path, "f")
    loaded = crisis_classifier._load_file(path, "f")
    assert loaded is not None
    assert fitted.read(TEXTS) == loaded.read(TEXTS)


def test_the_file_is_plain_arrays(tmp_path):
    vectorizers, clf = _fitted(["a", "b"])
    path = tmp_path / "m.npz"
    sklearn_state.dump(path, vectorizers, clf)
    with zipfile.ZipFile(path) as saved:
        assert all(name.endswith(".npy") for name in saved.namelist())
    with np.load(path, allow_pickle=False) as arrays:  # every array loads without pickle
        assert all(arrays[name].dtype != object for name in arrays.files)


def test_a_file_that_is_not_a_saved_model_is_refused(tmp_path):
    path = tmp_path / "m.npz"
    for content in (b"not a model", b""):
        path.write_bytes(content)
        with pytest.raises(ValueError):
            sklearn_state.load(path)
    np.savez(path, meta=np.frombuffer(b'{"format": "other"}', dtype=np.uint8))
    with pytest.raises(ValueError):
        sklearn_state.load(path)


def _rewritten(tmp_path, change):
    vectorizers, clf = _fitted(["a", "b", "c"])
    path = tmp_path / "m.npz"
    sklearn_state.dump(path, vectorizers, clf)
    with np.load(path, allow_pickle=False) as saved:
        arrays = {name: saved[name] for name in saved.files}
    meta = json.loads(arrays["meta"].tobytes())
    change(meta, arrays)
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    with open(path, "wb") as out:
        np.savez(out, **arrays)
    return path


@pytest.mark.parametrize("change", [
    lambda meta, arrays: arrays.update(clf_coef=arrays["clf_coef"][:, :-1]),
    lambda meta, arrays: arrays.update(vectorizer0_idf=arrays["vectorizer0_idf"][:-1]),
    lambda meta, arrays: meta["vectorizers"][1]["terms"].append(meta["vectorizers"][1]["terms"][0]),
    lambda meta, arrays: meta["clf"]["params"].update(not_a_parameter=1),
    lambda meta, arrays: arrays.pop("clf_intercept"),
    lambda meta, arrays: meta["extra"].update(fingerprint=1),
])
def test_a_damaged_model_is_refused(tmp_path, change):
    with pytest.raises(ValueError):
        sklearn_state.load(_rewritten(tmp_path, change))


def test_only_plain_parameters_are_saved(tmp_path):
    texts = ["a b", "b c", "c d", "d a"]
    vectorizer = TfidfVectorizer(tokenizer=str.split).fit(texts)
    clf = LogisticRegression().fit(vectorizer.transform(texts), ["x", "y", "x", "y"])
    with pytest.raises(TypeError):
        sklearn_state.dump(tmp_path / "m.npz", [vectorizer], clf)
