"""Literature retrieval: BM25 (+ optional dense) fused by reciprocal rank, then evidence-aware re-ranking."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import select

from guidewise.retrieve.lexical import LexicalIndex
from guidewise.store.db import Store
from guidewise.store.models import Document, Passage

RRF_K = 60


class DenseSearcher(Protocol):
    """Anything that returns (passage_id, similarity) for a text, best first."""

    def search(self, text: str, k: int) -> list[tuple[int, float]]: ...


@dataclass
class DocMeta:
    id: int
    title: str
    journal: str | None
    year: int | None
    pmid: str | None
    doi: str | None
    url: str | None
    authors: list[str]
    evidence_level: int
    pub_types: list[str]
    source_format: str


@dataclass
class Hit:
    passage_id: int
    document_id: int
    score: float
    text: str = ""
    label: str | None = None
    doc: DocMeta | None = None
    ranks: dict[str, int] = field(default_factory=dict)


def rrf(rankings: dict[str, list[int]], k: int = RRF_K) -> dict[int, tuple[float, dict[str, int]]]:
    """Reciprocal rank fusion of several rankings of passage ids."""
    fused: dict[int, tuple[float, dict[str, int]]] = {}
    for name, ids in rankings.items():
        for rank, pid in enumerate(ids, 1):
            score, ranks = fused.get(pid, (0.0, {}))
            fused[pid] = (score + 1.0 / (k + rank), {**ranks, name: rank})
    return fused


def evidence_boost(level: int, year: int | None) -> float:
    """Stronger designs and recent work rank a little higher; never enough to override relevance."""
    design = {1: 0.30, 2: 0.25, 3: 0.15, 4: 0.05, 7: 0.10}.get(level, 0.0)
    recency = min(max(((year or 1990) - 1990) / 35, 0.0), 1.0) * 0.10
    return 1.0 + design + recency


class LiteratureRetriever:
    def __init__(self, store: Store, index: LexicalIndex, dense: DenseSearcher | None = None):
        self.store, self.index, self.dense = store, index, dense

    def search(self, text: str, k: int = 10, extra_terms: list[str] | None = None, rerank: bool = True,
               max_level: int | None = None, year_from: int | None = None, year_to: int | None = None,
               pool: int = 50) -> list[Hit]:
        """Top-k passages with document metadata."""
        if not self.index.exists():
            return []
        lexical = self.index.search(text, pool, extra_terms or [], max_level, year_from, year_to)
        rankings = {"bm25": [pid for pid, _, _ in lexical]}
        if self.dense is not None:
            rankings["dense"] = [pid for pid, _ in self.dense.search(text, pool)]
        fused = rrf(rankings)
        if not fused:
            return []
        hits = self._hydrate(fused)
        if rerank:
            for h in hits:
                assert h.doc is not None
                h.score *= evidence_boost(h.doc.evidence_level, h.doc.year)
        if max_level is not None or year_from is not None or year_to is not None:
            hits = [h for h in hits if h.doc and (max_level is None or h.doc.evidence_level <= max_level)
                    and (year_from is None or (h.doc.year or 0) >= year_from)
                    and (year_to is None or (h.doc.year or 9999) <= year_to)]
        hits.sort(key=lambda h: -h.score)
        return hits[:k]

    def _hydrate(self, fused: dict[int, tuple[float, dict[str, int]]]) -> list[Hit]:
        ids = list(fused)
        with self.store.session() as s:  # plain columns, not ORM entities: this is on every question's path
            rows = s.execute(select(Passage.id, Passage.text, Passage.label, Document.id, Document.title,
                                    Document.journal, Document.year, Document.pmid, Document.doi, Document.url,
                                    Document.authors, Document.evidence_level, Document.pub_types,
                                    Document.source_format)
                             .join(Document, Document.id == Passage.document_id)
                             .where(Passage.id.in_(ids))).all()
        out: list[Hit] = []
        for pid, text, label, did, title, journal, year, pmid, doi, url, authors, level, ptypes, fmt in rows:
            meta = DocMeta(did, title, journal, year, pmid, doi, url, list(authors or []), level,
                           list(ptypes or []), fmt)  # passages deleted since indexing simply drop out
            score, ranks = fused[pid]
            out.append(Hit(pid, did, score, text, label, meta, ranks))
        return out
