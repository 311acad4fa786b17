"""BM25 over literature passages with tantivy: one writer, many readers, stored under GUIDEWISE_HOME."""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import tantivy

from guidewise.understand.text import STOPWORDS

_TERM = re.compile(r"[a-z0-9]+")
SCHEMA_VERSION = "1"


class IndexError_(RuntimeError):
    """The index cannot be opened or written (corrupt, locked, disk full); `guidewise doctor` repairs it."""


@dataclass(frozen=True)
class IndexedPassage:
    passage_id: int
    document_id: int
    text: str
    evidence_level: int
    year: int


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_integer_field("pid", stored=True, indexed=True, fast=True)
    sb.add_integer_field("doc", stored=True, indexed=True, fast=True)
    sb.add_integer_field("level", stored=True, indexed=True, fast=True)
    sb.add_integer_field("year", stored=True, indexed=True, fast=True)
    sb.add_text_field("body", stored=False, tokenizer_name="en_stem")
    return sb.build()


def query_terms(text: str, extra: Iterable[str] = ()) -> list[str]:
    """Safe query terms: alphanumeric tokens minus stopwords (no query-syntax injection possible)."""
    terms = [t for t in _TERM.findall(text.lower()) if t not in STOPWORDS and len(t) > 1]
    terms += [t for e in extra for t in _TERM.findall(e.lower()) if t not in STOPWORDS]
    return list(dict.fromkeys(terms))[:64]


class LexicalIndex:
    """Passage index. Readers reload cheaply; a single writer at a time holds tantivy's lock."""

    def __init__(self, path: Path):
        self.path = path
        self._index: tantivy.Index | None = None

    @property
    def index(self) -> tantivy.Index:
        if self._index is None:
            self._index = self._open()
        return self._index

    def _open(self) -> tantivy.Index:
        self.path.mkdir(parents=True, exist_ok=True)
        marker = self.path / "guidewise-schema"
        try:
            if marker.exists() and marker.read_text().strip() == SCHEMA_VERSION:
                return tantivy.Index(_schema(), path=str(self.path), reuse=True)
            idx = tantivy.Index(_schema(), path=str(self.path), reuse=False)
            marker.write_text(SCHEMA_VERSION)
            return idx
        except (ValueError, OSError) as e:
            raise IndexError_(f"search index at {self.path} cannot be opened ({e}); run `guidewise doctor`") from e

    def exists(self) -> bool:
        return (self.path / "guidewise-schema").exists()

    def write(self, add: Iterable[IndexedPassage], delete_docs: Iterable[int] = ()) -> int:
        """Delete whole documents, then add passages, in one commit. Returns passages added."""
        try:
            writer = self.index.writer(heap_size=64_000_000, num_threads=1)
        except ValueError as e:
            raise IndexError_(f"search index is locked by another writer ({e})") from e
        n = 0
        try:
            for doc_id in delete_docs:
                writer.delete_documents_by_term("doc", doc_id)
            for p in add:
                writer.add_document(tantivy.Document(pid=p.passage_id, doc=p.document_id, level=p.evidence_level,
                                                     year=p.year, body=p.text))
                n += 1
            writer.commit()
            writer.wait_merging_threads()
        except BaseException as e:
            with contextlib.suppress(Exception):
                writer.rollback()
            if isinstance(e, (ValueError, OSError)):  # tantivy reports I/O failures (disk full…) as ValueError
                raise IndexError_(f"search index could not be written ({e}); free disk space if it is full, "
                                  "then run `guidewise doctor`") from e
            raise
        self.index.reload()
        return n

    def search(self, text: str, k: int = 10, extra_terms: Iterable[str] = (), max_level: int | None = None,
               year_from: int | None = None, year_to: int | None = None) -> list[tuple[int, int, float]]:
        """(passage_id, document_id, bm25) best first. Filters: evidence level and year range."""
        terms = query_terms(text, extra_terms)
        if not terms:
            return []
        q = " OR ".join(terms)
        filters = []
        if max_level is not None:
            filters.append(f"level:[1 TO {int(max_level)}]")
        if year_from is not None or year_to is not None:
            filters.append(f"year:[{int(year_from or 0)} TO {int(year_to or 9999)}]")
        if filters:
            q = f"({q}) AND " + " AND ".join(filters)
        query = self.index.parse_query(q, ["body"])
        searcher = self.index.searcher()
        out: list[tuple[int, int, float]] = []
        for score, addr in searcher.search(query, k).hits:
            d = searcher.doc(addr)
            out.append((int(d["pid"][0]), int(d["doc"][0]), float(score)))
        return out

    def count(self) -> int:
        return int(self.index.searcher().num_docs) if self.exists() else 0

    def mentions(self, word: str) -> bool:
        """Whether any indexed passage contains this word (used to tell unknown names from rare ones)."""
        if not self.exists() or not word.isalnum():
            return False
        searcher = self.index.searcher()
        return bool(searcher.search(self.index.parse_query(word.lower(), ["body"]), 1).hits)

    def doc_ids(self) -> set[int]:
        """Every document id present (for consistency checks)."""
        searcher = self.index.searcher()
        found: set[int] = set()
        for score_addr in searcher.search(tantivy.Query.all_query(), max(1, searcher.num_docs)).hits:
            found.add(int(searcher.doc(score_addr[1])["doc"][0]))
        return found

    def destroy(self) -> None:
        """Remove the index from disk (doctor rebuilds it from the database)."""
        self._index = None
        shutil.rmtree(self.path, ignore_errors=True)
