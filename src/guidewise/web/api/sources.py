"""Ingested sources: list and show (staff), ingest an uploaded file (editor)."""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, HTTPException, Path, UploadFile

from guidewise.ingest.sources import list_sources, show_source
from guidewise.web.api.pagination import PageDep, slice_page
from guidewise.web.deps import EngineDep, require
from guidewise.web.security import Principal

router = APIRouter(prefix="/sources", tags=["sources"])
MAX_UPLOAD = 200 * 1024 * 1024
_INGEST_LOCK = threading.Lock()  # one writer per process; tantivy's lock guards across processes


def safe_name(name: str) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]).strip("._")
    return base[:100] or "upload"


@router.get("", dependencies=[Depends(require("sources:read"))], summary="List ingested sources")
def sources(engine: EngineDep, p: PageDep) -> dict[str, Any]:
    return slice_page(list_sources(engine), p)


@router.get("/{source_id}", dependencies=[Depends(require("sources:read"))], summary="One source with sample documents")
def source(source_id: Annotated[int, Path(ge=1, le=2**31 - 1)], engine: EngineDep) -> dict[str, Any]:
    info = show_source(engine, source_id)
    if info is None:
        raise HTTPException(404, f"no source with id {source_id}")
    return info


@router.post("", status_code=201, summary="Upload and ingest a literature file (editor)")
def ingest(engine: EngineDep, who: Annotated[Principal, Depends(require("sources:write"))],
           file: Annotated[UploadFile, File(description="MEDLINE/PMC XML, SPL, PubMedQA JSON, Markdown, HTML, text or PDF")],
           ) -> dict[str, Any]:
    data = file.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise HTTPException(413, f"file: larger than {MAX_UPLOAD // (1024 * 1024)} MB")
    if not data:
        raise HTTPException(422, "file: the uploaded file is empty")
    folder = engine.settings.home / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha256(data).hexdigest()[:16]}-{safe_name(file.filename or 'upload')}"
    path.write_bytes(data)
    if not _INGEST_LOCK.acquire(blocking=False):
        raise HTTPException(409, "another ingest is running in this server; try again when it finishes")
    try:
        report = engine.ingest([path], actor=who.username)  # audited as library.ingest
    finally:
        _INGEST_LOCK.release()
    out = asdict(report)
    out["summary"] = report.summary()
    out["path"] = str(path)
    return out
