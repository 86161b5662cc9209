"""The tf-idf rows of fitted ``TfidfVectorizer``s side by side, as scikit-learn and scipy make them, in a tenth of the time.

The intent and crisis classifiers turn each message into the tf-idf rows of two
vectorizers (words and character n-grams) put side by side:
``scipy.sparse.hstack([v.transform(texts) for v in vectorizers]).tocsr()``.
For one short message nearly all of that is scikit-learn's checks of its own
fitted state and inputs (``check_is_fitted`` walks every attribute of the
vectorizer), and new scipy matrices at each step: about 8% of the Rasa server's
time under load, against well under 1% for reading the text itself.

:class:`Rows` does the same steps, in the same order, on the same arrays:
count the vocabulary's features of each text (scikit-learn's analyzer, built
once), sort each row by column, ``log(count) + 1`` (sublinear tf) over the
whole data array, the idf product (which scipy's sparse product writes in
reverse column order, dropping zeros), the l2 norm of each row with
scikit-learn's own routine, and the blocks side by side. The result is the
same matrix, array for array and bit for bit (``tests/test_sparse_tfidf.py``
compares them on the training texts and on odd ones), so the same
probabilities follow.

Only for what the project fits: ``TfidfVectorizer`` with its own analyzer, idf,
and l2 norm, or none; anything else (a binary or l1-normalised vectorizer)
makes :class:`Rows` refuse at construction, and the caller keeps
scikit-learn's path (:func:`rows_or_none`). A test pins the scikit-learn code
whose steps it repeats.
"""
from __future__ import annotations

import hashlib
import inspect
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
import scipy.sparse
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

#: scikit-learn's code whose steps :class:`Rows` repeats (checked by tests/test_sparse_tfidf.py).
PINNED = {
    "TfidfVectorizer.transform": "4cf459acd93980f1",
    "TfidfTransformer.transform": "acbc9e4e34139e60",
    "CountVectorizer._count_vocab": "7302a9c343e514c9",
}


def _digest(function: Callable[..., Any]) -> str:
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


def pinned_digests() -> Dict[str, str]:
    """The digests of the scikit-learn code :class:`Rows` repeats, as installed."""
    return {"TfidfVectorizer.transform": _digest(TfidfVectorizer.transform),
            "TfidfTransformer.transform": _digest(TfidfTransformer.transform),
            "CountVectorizer._count_vocab": _digest(TfidfVectorizer._count_vocab)}


class _Block:
    """One fitted vectorizer: its analyzer, vocabulary and idf."""

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        tfidf = vectorizer._tfidf
        if type(vectorizer) is not TfidfVectorizer or vectorizer.binary or tfidf.norm not in ("l2", None):
            raise ValueError("only plain TfidfVectorizers with l2 norm or none")
        if np.dtype(vectorizer.dtype) != np.float64:
            raise ValueError("only float64 vectorizers")
        self.analyze = vectorizer.build_analyzer()
        self.vocabulary: Dict[str, int] = vectorizer.vocabulary_
        self.width = len(self.vocabulary)
        self.sublinear = bool(tfidf.sublinear_tf)
        self.idf: Optional[NDArray[Any]] = None
        if tfidf.use_idf:
            # The diagonal scipy multiplies by, one value per column.
            diagonal = tfidf._idf_diag.tocsr()
            if not (np.array_equal(diagonal.indptr, np.arange(self.width + 1)) and np.array_equal(diagonal.indices, np.arange(self.width))):
                raise ValueError("idf is not a full diagonal")
            self.idf = np.asarray(diagonal.data, dtype=np.float64)
        self.norm = tfidf.norm

    def rows(self, texts: Sequence[str]) -> Tuple[NDArray[Any], NDArray[Any], NDArray[Any]]:
        """(data, indices, indptr) of ``vectorizer.transform(texts)``."""
        vocabulary = self.vocabulary
        indices: List[int] = []
        counts: List[int] = []
        indptr = [0]
        for text in texts:
            counter: Dict[int, int] = {}
            for feature in self.analyze(text):
                index = vocabulary.get(feature)
                if index is not None:
                    counter[index] = counter.get(index, 0) + 1
            # scipy's sort_indices: each row by column (the columns of a row are distinct)
            for index in sorted(counter):
                indices.append(index)
                counts.append(counter[index])
            indptr.append(len(indices))
        data = np.asarray(counts, dtype=np.float64)
        columns = np.asarray(indices, dtype=np.int32)
        if self.sublinear:
            np.log(data, data)
            data += 1
        if self.idf is not None:
            # scipy's product by the diagonal writes each row's columns last to first, drops zeros
            for start, end in zip(indptr, indptr[1:]):
                if end - start > 1:
                    data[start:end] = data[start:end][::-1].copy()
                    columns[start:end] = columns[start:end][::-1].copy()
            data = data * self.idf[columns]
            if not data.all():
                keep = data != 0
                kept = np.cumsum(np.concatenate([[0], keep]))
                indptr = [int(kept[i]) for i in indptr]
                data, columns = data[keep], columns[keep]
        pointers = np.asarray(indptr, dtype=np.int32)
        if self.norm == "l2":
            inplace_csr_row_normalize_l2(_Csr(data, columns, pointers, (len(texts), self.width)))
        return data, columns, pointers


class _Csr:
    """What scikit-learn's row normaliser reads of a CSR matrix."""

    def __init__(self, data: NDArray[Any], indices: NDArray[Any], indptr: NDArray[Any], shape: Tuple[int, int]) -> None:
        self.data, self.indices, self.indptr, self.shape = data, indices, indptr, shape


class Rows:
    """``scipy.sparse.hstack([v.transform(texts) for v in vectorizers]).tocsr()``, the same matrix."""

    def __init__(self, vectorizers: Sequence[TfidfVectorizer]) -> None:
        # scikit-learn's code it repeats is pinned by tests/test_sparse_tfidf.py (not checked here:
        # inspect.getsource walks every loaded module, seconds in the Rasa server).
        self.vectorizers = list(vectorizers)
        self._blocks = [_Block(v) for v in self.vectorizers]
        self._width = sum(block.width for block in self._blocks)

    def __call__(self, texts: Sequence[str]) -> scipy.sparse.csr_matrix:
        parts = [block.rows(texts) for block in self._blocks]
        if len(parts) == 1:
            data, indices, indptr = parts[0]
        else:
            # hstack: each row's columns block after block, offset by the widths before
            offsets = np.cumsum([0] + [block.width for block in self._blocks[:-1]])
            data_rows: List[NDArray[Any]] = []
            index_rows: List[NDArray[Any]] = []
            for row in range(len(texts)):
                for (block_data, block_indices, block_indptr), offset in zip(parts, offsets):
                    start, end = block_indptr[row], block_indptr[row + 1]
                    data_rows.append(block_data[start:end])
                    index_rows.append(block_indices[start:end] + np.int32(offset))
            data = np.concatenate(data_rows) if data_rows else np.zeros(0)
            indices = np.concatenate(index_rows).astype(np.int32) if index_rows else np.zeros(0, dtype=np.int32)
            indptr = np.sum([p[2] for p in parts], axis=0).astype(np.int32)
        return scipy.sparse.csr_matrix((data, indices, indptr), shape=(len(texts), self._width))


def rows_or_none(vectorizers: Sequence[TfidfVectorizer]) -> Optional[Rows]:
    """:class:`Rows` for these vectorizers, or None where scikit-learn's own path must be kept."""
    try:
        return Rows(vectorizers)
    except (ValueError, AttributeError):
        return None
