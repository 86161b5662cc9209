"""Fitted tf-idf vectorizers and a logistic regression saved as plain arrays and JSON: no pickle, no skops.

The intent classifier (``components/linear_intent_classifier.py``) and the
crisis classifier (``bot/crisis_classifier.py``) are both tf-idf vectorizers
and one logistic regression. They were saved with skops, whose import alone
walks every loaded module for each NumPy and SciPy ufunc (about 5 s in the
Rasa server, where TensorFlow has loaded 6,000 modules) and whose loader
builds and audits a node per vocabulary entry (100,000 of them: 2 s per file).
That was half the Rasa server's start.

Here a model is one ``.npz`` file (NumPy's zip of arrays, read with
``allow_pickle=False``: no code runs on load): the numeric arrays as they are,
and one JSON document with the constructor parameters, the vocabularies (terms
in column order) and any extra strings (a fingerprint). Only the two classes
above can be saved; loading rebuilds them through their constructors and
scikit-learn's public ``idf_`` setter, checks every shape, and refuses
anything else with ``ValueError``. A unit test compares the loaded models'
probabilities with the fitted ones.
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, NamedTuple, Sequence, Union

import numpy as np

if TYPE_CHECKING:  # scikit-learn has no types: these name what is passed
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

FORMAT = "intake-sklearn-state/1"
#: Constructor parameters that JSON cannot carry as they are.
_TUPLE_PARAMS = ("ngram_range",)
_DTYPE_PARAMS = ("dtype",)


class State(NamedTuple):
    vectorizers: List["TfidfVectorizer"]
    clf: "LogisticRegression"
    extra: Dict[str, str]


def _json_params(estimator: Any) -> Dict[str, Any]:
    params: Dict[str, Any] = {}
    for name, value in estimator.get_params(deep=False).items():
        if name in _DTYPE_PARAMS:
            value = np.dtype(value).name
        elif isinstance(value, tuple):
            value = list(value)
        if json.loads(json.dumps(value)) != value:
            raise TypeError(f"{type(estimator).__name__}.{name} cannot be saved: {value!r}")
        params[name] = value
    return params


def _python_params(params: Mapping[str, Any]) -> Dict[str, Any]:
    out = dict(params)
    for name in _TUPLE_PARAMS:
        if isinstance(out.get(name), list):
            out[name] = tuple(out[name])
    for name in _DTYPE_PARAMS:
        if name in out:
            out[name] = np.dtype(out[name]).type
    return out


def dump(path: Union[str, Path], vectorizers: Sequence["TfidfVectorizer"], clf: "LogisticRegression",
         extra: Mapping[str, str] = {}) -> None:
    """Write the fitted ``vectorizers`` and ``clf`` (and ``extra`` strings) to ``path`` (an ``.npz`` file)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    arrays: Dict[str, Any] = {}
    described = []
    for i, vectorizer in enumerate(vectorizers):
        if type(vectorizer) is not TfidfVectorizer:
            raise TypeError(f"only TfidfVectorizer can be saved, not {type(vectorizer).__name__}")
        terms = [""] * len(vectorizer.vocabulary_)
        for term, column in vectorizer.vocabulary_.items():
            terms[int(column)] = term
        described.append({"params": _json_params(vectorizer), "terms": terms})
        arrays[f"vectorizer{i}_idf"] = np.asarray(vectorizer.idf_, dtype=np.float64)
    if type(clf) is not LogisticRegression:
        raise TypeError(f"only LogisticRegression can be saved, not {type(clf).__name__}")
    classes = np.asarray(clf.classes_)
    if classes.dtype.kind not in "Uif":
        classes = classes.astype(str)
    arrays.update(clf_classes=classes, clf_coef=np.asarray(clf.coef_, dtype=np.float64),
                  clf_intercept=np.asarray(clf.intercept_, dtype=np.float64), clf_n_iter=np.asarray(clf.n_iter_))
    meta = {"format": FORMAT, "vectorizers": described,
            "clf": {"params": _json_params(clf), "n_features_in": int(clf.n_features_in_)}, "extra": dict(extra)}
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    with open(path, "wb") as out:
        np.savez(out, **arrays)


def _vectorizer(described: Mapping[str, Any], idf: Any) -> "TfidfVectorizer":
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(**_python_params(described["params"]))
    terms = described["terms"]
    if not terms or not all(isinstance(t, str) for t in terms):
        raise ValueError("a vectorizer's vocabulary is not a list of terms")
    vocabulary = {term: column for column, term in enumerate(terms)}
    if len(vocabulary) != len(terms):
        raise ValueError("a vectorizer's vocabulary repeats a term")
    if idf.ndim != 1 or idf.dtype != np.float64:
        raise ValueError("a vectorizer's idf is not a vector of floats")
    vectorizer.vocabulary_ = vocabulary
    vectorizer.idf_ = idf  # scikit-learn's setter: checks the length, builds the transformer
    return vectorizer


def load(path: Union[str, Path]) -> State:
    """The vectorizers, logistic regression and extra strings saved by :func:`dump`; ``ValueError`` if it is not one."""
    from sklearn.linear_model import LogisticRegression

    try:
        with np.load(path, allow_pickle=False) as saved:
            arrays = {name: saved[name] for name in saved.files}
        meta = json.loads(arrays.pop("meta").tobytes().decode("utf-8"))
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file")
        vectorizers = [_vectorizer(described, arrays[f"vectorizer{i}_idf"])
                       for i, described in enumerate(meta["vectorizers"])]
        clf = LogisticRegression(**meta["clf"]["params"])
        classes, coef, intercept = arrays["clf_classes"], arrays["clf_coef"], arrays["clf_intercept"]
        features = sum(len(v.vocabulary_) for v in vectorizers)
        rows = 1 if len(classes) == 2 else len(classes)
        if (classes.ndim != 1 or len(classes) < 2 or coef.shape != (rows, features) or intercept.shape != (rows,)
                or meta["clf"]["n_features_in"] != features):
            raise ValueError("the classifier's shapes do not fit its vocabularies")
        clf.classes_, clf.coef_, clf.intercept_, clf.n_iter_ = classes, coef, intercept, arrays["clf_n_iter"]
        clf.n_features_in_ = features
        extra = meta.get("extra") or {}
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in extra.items()):
            raise ValueError("extra values are not strings")
    except (KeyError, TypeError, AttributeError, UnicodeDecodeError, zipfile.BadZipFile, EOFError) as error:
        raise ValueError(f"not a saved model: {type(error).__name__}: {error}") from error
    return State(vectorizers, clf, dict(extra))
