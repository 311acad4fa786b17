"""PubMedQA-style JSON: {PMID: {QUESTION, CONTEXTS, LABELS, MESHES, YEAR, LONG_ANSWER, ...}}."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from guidewise.ingest.model import Document, RecordError, Section
from guidewise.ingest.readers._evidence import from_pub_types
from guidewise.ingest.readers._xml import norm, open_bytes


def parse_record(pmid: str, rec: Any, origin: str) -> Document:
    if not isinstance(rec, dict):
        raise ValueError("record is not a JSON object")
    if not str(pmid).isdigit():
        raise ValueError(f"key {pmid!r} is not a PMID")
    contexts = rec.get("CONTEXTS")
    if not isinstance(contexts, list) or not all(isinstance(c, str) for c in contexts) or not contexts:
        raise ValueError(f"PMID {pmid}: CONTEXTS missing or not a list of strings")
    raw_labels = rec.get("LABELS")
    labels: list[Any] = raw_labels if isinstance(raw_labels, list) else []
    sections = [Section(str(labels[i]).upper() if i < len(labels) and labels[i] else None, norm(c))
                for i, c in enumerate(contexts) if norm(c)]
    answer = rec.get("LONG_ANSWER")
    if isinstance(answer, str) and answer.strip():
        sections.append(Section("CONCLUSIONS", norm(answer)))
    # PubMedQA questions are the articles' own (question-form) titles
    title = norm(rec.get("QUESTION") if isinstance(rec.get("QUESTION"), str) else "")
    if not title:
        raise ValueError(f"PMID {pmid}: record has no QUESTION (title)")
    mesh = [m for m in rec.get("MESHES", []) if isinstance(m, str)] if isinstance(rec.get("MESHES"), list) else []
    year = str(rec.get("YEAR") or "")
    return Document(source_format="pubmedqa", title=title, sections=sections, pmid=str(pmid),
                    year=int(year) if year.isdigit() else None, mesh=mesh,
                    evidence_level=from_pub_types([], mesh, title), origin=origin)


def read(path: Path) -> Iterator[Document | RecordError]:
    origin = str(path)
    try:
        with open_bytes(path) as fh:
            raw = fh.read()
        if not raw.strip():
            yield RecordError(origin, "file", "empty file")
            return
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        yield RecordError(origin, f"line {line}", "bytes that are not valid UTF-8 (wrong encoding?)")
        return
    except json.JSONDecodeError as e:
        yield RecordError(origin, f"line {e.lineno} column {e.colno}", f"invalid JSON: {e.msg}")
        return
    except (OSError, EOFError, zlib.error) as e:
        yield RecordError(origin, "file", f"cannot read file: {e}")
        return
    if not isinstance(data, dict):
        yield RecordError(origin, "file", "expected a JSON object mapping PMIDs to records")
        return
    for n, (pmid, rec) in enumerate(data.items(), 1):
        try:
            yield parse_record(pmid, rec, f"{origin}#{pmid}")
        except ValueError as e:
            yield RecordError(origin, f"record {n} (key {pmid!r})", str(e))
