"""PDF documents via pypdf: page text, re-flowed, with headings detected like plain text."""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path

from guidewise.ingest.model import Document, RecordError
from guidewise.ingest.readers._xml import norm, open_bytes
from guidewise.ingest.readers.markup import parse_text

MAX_PAGES = 2000


def read(path: Path) -> Iterator[Document | RecordError]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    origin = str(path)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns loudly about harmless quirks
    try:
        with open_bytes(path) as fh:
            data = fh.read()
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            yield RecordError(origin, "file", "PDF is encrypted; decrypt it first")
            return
        pages = []
        for i, page in enumerate(reader.pages):
            if i >= MAX_PAGES:
                break
            pages.append(page.extract_text() or "")
        meta_title = norm(str(reader.metadata.title)) if reader.metadata and reader.metadata.title else ""
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, EOFError, zlib.error, RecursionError) as e:
        yield RecordError(origin, "file", f"PDF not readable: {type(e).__name__}: {e}")
        return
    text = "\n\n".join(pages)
    if not text.strip():
        yield RecordError(origin, "file", "PDF has no extractable text (scanned images need OCR first)")
        return
    try:
        doc = parse_text((meta_title + "\n\n" + text) if meta_title else text, origin, path.stem)
    except ValueError as e:
        yield RecordError(origin, "file", str(e))
        return
    doc.source_format = "pdf"
    yield doc
