"""Dense (vector) index: one interface, pluggable backends, FAISS the only one so far.

A backend stores L2-normalised passage vectors under ids 0..n-1 (row numbers, in the order added) and
ranks them by inner product (= cosine similarity). It owns every choice about how it does so -- index
type, quantisation, IVF ``nprobe``... -- and records them in :attr:`DenseIndex.config`, a JSON-serialisable
mapping kept in the index manifest and handed back to :func:`load_dense_index`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, Self

import faiss
import numpy as np
import numpy.typing as npt

from index.faiss_factory import add_vectors, build_faiss, configure_search, search_parameters
from index.faiss_spec import IndexSpec, choose_index_spec, spec_from_dict, spec_to_dict

Vectors = npt.NDArray[np.float32]
Rows = npt.NDArray[np.int64]
Scores = npt.NDArray[np.float32]

#: The backend new indexes use; the manifest names the backend of each saved index.
DEFAULT_BACKEND = "faiss"


class DenseIndex(ABC):
    """Inner-product search over vectors whose ids are their row numbers."""

    #: Name recorded in :attr:`config` under ``"backend"``.
    backend: ClassVar[str]

    def __init__(self, dim: int) -> None:
        if dim <= 0:
            raise ValueError(f"dim must be positive, got {dim}")
        self._dim = dim

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        return self._dim

    @property
    @abstractmethod
    def config(self) -> dict[str, Any]:
        """JSON-serialisable settings, including ``"backend"``; enough for :meth:`load`."""

    @property
    @abstractmethod
    def count(self) -> int:
        """Number of vectors held (ids are 0..count-1)."""

    @abstractmethod
    def build(self, vectors: Vectors) -> None:
        """Replace the contents with ``vectors`` (float32, L2-normalised, shape (n, dimension))."""

    @abstractmethod
    def add(self, vectors: Vectors) -> None:
        """Append ``vectors`` under ids count..count+n-1, keeping the settings chosen at build time."""

    @abstractmethod
    def save(self, directory: Path) -> None:
        """Write the index into ``directory`` (created; it must not exist yet)."""

    @classmethod
    @abstractmethod
    def load(cls, directory: Path, config: Mapping[str, Any]) -> Self:
        """The index :meth:`save` wrote into ``directory``, configured from ``config``."""

    @abstractmethod
    def search(self, query: Vectors, k: int, rows: Rows | None = None) -> tuple[Scores, Rows]:
        """Top ``k`` (scores, ids) for one query vector, best first; with ``rows``, only among those ids
        (filtered before ranking, so up to ``k`` results whenever that many ids are allowed)."""


class FaissIndex(DenseIndex):
    """FAISS backend: exact ``IndexFlatIP`` up to the size limit, IVF-SQ8 above, with ``nprobe`` set by the
    number of lists (:func:`index.faiss_spec.choose_index_spec`); or the fixed ``spec`` given."""

    backend = "faiss"
    #: File inside the index directory.
    FILENAME = "index.faiss"

    def __init__(self, dim: int, spec: IndexSpec | None = None) -> None:
        super().__init__(dim)
        if spec is not None and spec.dim != dim:
            raise ValueError(f"spec has dim {spec.dim}, index has {dim}")
        self._fixed = spec  # None: choose by corpus size at each build
        self._spec = spec
        self._index: faiss.Index | None = None

    @property
    def config(self) -> dict[str, Any]:
        if self._spec is None:
            raise RuntimeError("the index has no settings before it is built")
        return {"backend": self.backend, **spec_to_dict(self._spec)}

    @property
    def count(self) -> int:
        return 0 if self._index is None else int(self._index.ntotal)

    def build(self, vectors: Vectors) -> None:
        spec = self._fixed or choose_index_spec(len(vectors), self._dim)
        self._index = build_faiss(vectors, spec)
        self._spec = spec

    def add(self, vectors: Vectors) -> None:
        if self._index is None:
            self.build(vectors)
        else:
            add_vectors(self._index, vectors)

    def save(self, directory: Path) -> None:
        if self._index is None:
            raise RuntimeError("build the index before saving it")
        directory.mkdir()
        faiss.write_index(self._index, str(directory / self.FILENAME))

    @classmethod
    def load(cls, directory: Path, config: Mapping[str, Any]) -> Self:
        """Read the file and apply the search-time settings from ``config`` (the manifest is their single
        source of truth; this also checks that the file matches it)."""
        spec = spec_from_dict(config)
        index = faiss.read_index(str(directory / cls.FILENAME))
        configure_search(index, spec)
        loaded = cls(spec.dim)  # a later build() chooses afresh for its size
        loaded._spec, loaded._index = spec, index
        return loaded

    def search(self, query: Vectors, k: int, rows: Rows | None = None) -> tuple[Scores, Rows]:
        n = self.count
        if (
            self._index is None
            or self._spec is None
            or n == 0
            or k <= 0
            or (rows is not None and len(rows) == 0)
        ):
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        params = None if rows is None else search_parameters(self._spec, rows, k)
        scores, ids = self._index.search(q, min(k, n), params=params)
        keep = ids[0] >= 0
        return scores[0][keep].astype(np.float32), ids[0][keep].astype(np.int64)


#: Backends by the name their config records.
BACKENDS: dict[str, type[DenseIndex]] = {FaissIndex.backend: FaissIndex}


def new_dense_index(dim: int, backend: str = DEFAULT_BACKEND) -> DenseIndex:
    """An empty index of the named backend for vectors of length ``dim``."""
    return _backend(backend)(dim)


def load_dense_index(directory: Path, config: Mapping[str, Any]) -> DenseIndex:
    """Load the index saved in ``directory`` by the backend ``config["backend"]`` names."""
    name = config.get("backend")
    if not isinstance(name, str):
        raise ValueError(f"the dense index config names no backend: {dict(config)!r}")
    return _backend(name).load(directory, config)


def _backend(name: str) -> type[DenseIndex]:
    if name not in BACKENDS:
        raise ValueError(f"unknown dense index backend {name!r}; known: {', '.join(sorted(BACKENDS))}")
    return BACKENDS[name]
