"""MEDLINE text format (PMID- / TI  - / AB  - ...), streamed line by line."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from guidewise.ingest.model import Document, RecordError, Section
from guidewise.ingest.readers._evidence import from_pub_types
from guidewise.ingest.readers._xml import norm, open_bytes

_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3})\s*-\s?(.*)$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# Structured abstracts in text format: "BACKGROUND: ... METHODS: ..."
_LABEL = re.compile(r"(?:(?<=^)|(?<=\s))([A-Z][A-Z ,&/-]{2,40}[A-Z]):\s")


def split_structured(abstract: str) -> list[Section]:
    """Split an inline-labelled abstract into labelled sections (unlabelled text stays one section)."""
    parts = list(_LABEL.finditer(abstract))
    if not parts:
        return [Section(None, abstract)]
    head = abstract[: parts[0].start()].strip()
    out = [Section(None, head)] if head else []
    for i, m in enumerate(parts):
        end = parts[i + 1].start() if i + 1 < len(parts) else len(abstract)
        text = abstract[m.end() : end].strip()
        if text:
            out.append(Section(m.group(1).strip(), text))
    return out


def _document(fields: dict[str, list[str]], origin: str) -> Document:
    pmid = (fields.get("PMID") or [""])[0].strip()
    if not pmid.isdigit():
        raise ValueError(f"missing or invalid PMID ({pmid!r})")
    title = norm((fields.get("TI") or fields.get("BTI") or [""])[0])
    if not title:
        raise ValueError(f"PMID {pmid}: record has no title (TI)")
    doi = pmc = None
    for value in fields.get("LID", []) + fields.get("AID", []):
        if value.endswith("[doi]") and doi is None:
            doi = value[: -len("[doi]")].strip()
    for value in fields.get("PMC", []):
        pmc = value.strip()
    mesh = [m.split("/")[0].lstrip("*").strip() for m in fields.get("MH", [])]
    pub_types = [p.strip() for p in fields.get("PT", [])]
    m = _YEAR.search((fields.get("DP") or [""])[0])
    abstract = norm(" ".join(fields.get("AB", [])))
    return Document(
        source_format="medline-text", title=title, sections=split_structured(abstract) if abstract else [],
        pmid=pmid, doi=doi, pmcid=pmc, journal=norm((fields.get("JT") or fields.get("TA") or [""])[0]) or None,
        year=int(m.group(1)) if m else None, authors=[a.strip() for a in fields.get("AU", [])], mesh=mesh,
        pub_types=pub_types, evidence_level=from_pub_types(pub_types, mesh, title), origin=origin,
    )


def read(path: Path) -> Iterator[Document | RecordError]:
    """Records are separated by blank lines and start with `PMID-`; a bad record never spoils the others."""
    origin = str(path)
    n = 0
    fields: dict[str, list[str]] = {}
    last: str | None = None
    start_line = 0
    bad: str | None = None

    def finish() -> Iterator[Document | RecordError]:
        nonlocal n
        if not fields:
            return
        n += 1
        where = f"record {n} (line {start_line})"
        if bad:
            yield RecordError(origin, where, bad)
            return
        try:
            yield _document(fields, f"{origin}#{n}")
        except ValueError as e:
            yield RecordError(origin, where, str(e))

    try:
        with open_bytes(path) as fh:
            for lineno, raw in enumerate(fh, 1):
                try:
                    line = raw.decode("utf-8").rstrip("\r\n")
                except UnicodeDecodeError:
                    line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
                    bad = bad or f"line {lineno}: bytes that are not valid UTF-8 (wrong encoding?)"
                if not line.strip():
                    yield from finish()
                    fields, last, bad = {}, None, None
                    continue
                if not fields:
                    start_line = lineno
                if line.startswith("      ") and last is not None:  # continuation
                    fields[last][-1] += " " + line.strip()
                    continue
                m = _TAG.match(line)
                if m is None:
                    bad = bad or f"line {lineno}: not a MEDLINE field line: {line[:60]!r}"
                    continue
                last = m.group(1)
                fields.setdefault(last, []).append(m.group(2).strip())
    except (OSError, EOFError, zlib.error) as e:
        yield RecordError(origin, f"after record {n}", f"cannot read file: {e}")
        return
    yield from finish()
    if n == 0:
        yield RecordError(origin, "file", "empty file: no MEDLINE records")
