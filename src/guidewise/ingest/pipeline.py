"""Ingest files into the store and the search index: idempotent (content hashes) and resumable.

The database is the source of truth. Documents are committed in batches with `indexed = false`; the
tantivy index is then updated (delete-by-document, then add) and the batch marked indexed. A crash at
any point leaves a consistent database, and the next run (or `guidewise doctor`) re-indexes whatever
is still marked unindexed, with no duplicates.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, insert, select, update

from guidewise.ingest.model import Document as Doc
from guidewise.ingest.model import RecordError
from guidewise.retrieve.lexical import IndexedPassage, LexicalIndex
from guidewise.store.db import Store
from guidewise.store.models import Document, Passage, Source, utcnow

BATCH = 500


@dataclass
class IngestReport:
    files: int = 0
    files_unchanged: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    passages: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.files} files ({self.files_unchanged} unchanged): {self.added} documents added, "
                f"{self.updated} updated, {self.unchanged} skipped as unchanged, {self.failed} failed; "
                f"{self.passages} passages indexed")


Progress = Callable[[str, int], None]  # (event, amount): "file" / "document" / "error"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Ingestor:
    def __init__(self, store: Store, index: LexicalIndex, on_indexed: Callable[[list[int]], None] | None = None):
        self.store, self.index = store, index
        self.on_indexed = on_indexed  # e.g. dense embeddings for new documents

    def ingest(self, paths: Iterable[Path], progress: Progress | None = None) -> IngestReport:
        from guidewise.ingest.detect import iter_inputs, read_any

        report = IngestReport()
        self.reindex_pending(report)  # finish what an interrupted run left behind
        for path, _fmt in iter_inputs([Path(p) for p in paths]):
            report.files += 1
            if progress:
                progress("file", 1)
            self._ingest_file(path, read_any, report, progress)
        return report

    def add_documents(self, docs: Iterable[Doc], label: str, progress: Progress | None = None) -> IngestReport:
        """Ingest documents built in memory (benchmarks, synthetic corpora) under a named source."""
        report = IngestReport()
        self.reindex_pending(report)  # as ingest() does: finish what an interrupted run left unindexed
        with self.store.session() as s:
            src = s.scalar(select(Source).where(Source.path == label))
            if src is None:
                src = Source(path=label, format="memory")
                s.add(src)
                s.flush()
            source_id = src.id
        batch: list[Doc] = []
        for d in docs:
            batch.append(d)
            if len(batch) >= BATCH:
                self._store_batch(batch, source_id, report, progress)
                batch = []
        if batch:
            self._store_batch(batch, source_id, report, progress)
        with self.store.session() as s:
            src = s.get(Source, source_id)
            assert src is not None
            src.status, src.documents, src.finished_at = "complete", report.added + report.updated + report.unchanged, utcnow()
        return report

    def _ingest_file(self, path: Path, read_any: Callable[[Path], Iterable[Doc | RecordError]],
                     report: IngestReport, progress: Progress | None) -> None:
        sha = file_sha256(path)
        with self.store.session() as s:
            src = s.scalar(select(Source).where(Source.path == str(path.resolve())))
            if src is not None and src.sha256 == sha and src.status == "complete":
                report.files_unchanged += 1
                return
            if src is None:
                src = Source(path=str(path.resolve()))
                s.add(src)
            src.sha256, src.status, src.format = sha, "pending", None
            s.flush()
            source_id = src.id
        batch: list[Doc] = []
        docs = errors = 0
        for item in read_any(path):
            if isinstance(item, RecordError):
                errors += 1
                report.failed += 1
                report.errors.append(str(item))
                if progress:
                    progress("error", 1)
                continue
            batch.append(item)
            docs += 1
            if len(batch) >= BATCH:
                self._store_batch(batch, source_id, report, progress)
                batch = []
        if batch:
            self._store_batch(batch, source_id, report, progress)
        with self.store.session() as s:
            src = s.get(Source, source_id)
            assert src is not None
            src.status, src.documents, src.errors, src.finished_at = "complete", docs, errors, utcnow()
            src.format = path.suffix.lstrip(".") or None

    def _store_batch(self, docs: list[Doc], source_id: int, report: IngestReport, progress: Progress | None) -> None:
        from guidewise.ingest.passages import split_passages

        changed: list[int] = []
        with self.store.session() as s:
            keys = [d.key for d in docs]
            existing = {row.key: row for row in s.scalars(select(Document).where(Document.key.in_(keys)))}
            seen: set[str] = set()
            rows: list[tuple[Document, Doc]] = []
            updated: list[int] = []
            for d in docs:
                if d.key in seen:  # the same record twice in one batch: keep the first
                    report.unchanged += 1
                    continue
                seen.add(d.key)
                row = existing.get(d.key)
                if row is not None and row.content_hash == d.content_hash:
                    report.unchanged += 1
                    continue
                if row is None:
                    row = Document(key=d.key)
                    s.add(row)
                    report.added += 1
                else:
                    updated.append(row.id)
                    report.updated += 1
                row.source_id, row.source_format, row.title = source_id, d.source_format, d.title[:2000]
                row.journal, row.year, row.pmid, row.doi, row.pmcid, row.url = (
                    d.journal, d.year, d.pmid, d.doi, d.pmcid, d.url)
                row.authors, row.mesh, row.pub_types = d.authors[:50], d.mesh, d.pub_types
                row.evidence_level, row.content_hash, row.origin = int(d.evidence_level), d.content_hash, d.origin
                row.indexed = False
                rows.append((row, d))
            if updated:
                s.execute(delete(Passage).where(Passage.document_id.in_(updated)))
            s.flush()  # the whole batch's documents in one batched INSERT: ids assigned here
            passages = [{"document_id": row.id, "ordinal": p.ordinal, "label": p.label, "text": p.text}
                        for row, d in rows for p in split_passages(d)]
            if passages:  # a bulk insert, not one ORM object per passage (the ingest hot path)
                s.execute(insert(Passage), passages)
            changed = [row.id for row, _ in rows]
        if progress:
            progress("document", len(docs))
        if changed:
            report.passages += self.index_documents(changed)

    def index_documents(self, doc_ids: list[int]) -> int:
        """(Re)index these documents from the database, then mark them indexed."""
        with self.store.session() as s:
            rows = s.execute(
                select(Passage.id, Passage.document_id, Passage.label, Passage.text, Document.title,
                       Document.evidence_level, Document.year)
                .join(Document, Document.id == Passage.document_id)
                .where(Passage.document_id.in_(doc_ids))
            ).all()
        passages = [IndexedPassage(pid, did, f"{title}\n{label or ''}\n{text}", level, year or 0)
                    for pid, did, label, text, title, level, year in rows]
        n = self.index.write(passages, delete_docs=doc_ids)
        if self.on_indexed:
            self.on_indexed(doc_ids)
        with self.store.session() as s:
            s.execute(update(Document).where(Document.id.in_(doc_ids)).values(indexed=True))
        return n

    def reindex_pending(self, report: IngestReport | None = None) -> int:
        """Index documents a crashed run committed but did not index. Returns how many."""
        with self.store.session() as s:
            pending = list(s.scalars(select(Document.id).where(Document.indexed.is_(False))))
        for i in range(0, len(pending), BATCH):
            n = self.index_documents(pending[i : i + BATCH])
            if report:
                report.passages += n
        return len(pending)

    def remove_source(self, source_id: int) -> int:
        """Delete a source's documents from the store and the index. Returns documents removed."""
        with self.store.session() as s:
            ids = list(s.scalars(select(Document.id).where(Document.source_id == source_id)))
        if ids:
            self.index.write([], delete_docs=ids)
        with self.store.session() as s:
            if ids:
                s.execute(delete(Passage).where(Passage.document_id.in_(ids)))
                s.execute(delete(Document).where(Document.id.in_(ids)))
            s.execute(delete(Source).where(Source.id == source_id))
        return len(ids)
