"""Read-only views of what was ingested (for `guidewise sources` and the API)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from guidewise.engine import Engine
from guidewise.store.models import Document, Source


def _row(s: Source) -> dict[str, Any]:
    return {"id": s.id, "path": s.path, "format": s.format, "status": s.status, "documents": s.documents,
            "errors": s.errors, "added_at": s.added_at.isoformat() if s.added_at else None,
            "finished_at": s.finished_at.isoformat() if s.finished_at else None}


def list_sources(engine: Engine) -> list[dict[str, Any]]:
    with engine.store.session() as s:
        return [_row(src) for src in s.scalars(select(Source).order_by(Source.id))]


def show_source(engine: Engine, source_id: int, sample: int = 20) -> dict[str, Any] | None:
    with engine.store.session() as s:
        src = s.get(Source, source_id)
        if src is None:
            return None
        docs = s.scalars(select(Document).where(Document.source_id == source_id).order_by(Document.id).limit(sample))
        info = _row(src)
        info["sample"] = [{"id": d.id, "pmid": d.pmid, "year": d.year, "evidence_level": d.evidence_level,
                           "title": d.title} for d in docs]
        return info
