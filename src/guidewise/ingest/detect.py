"""Find input files (folders recursively, .gz transparently) and detect their format by sniffing content."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from guidewise.ingest.model import Document, RecordError
from guidewise.ingest.readers import jats, markup, medline_text, medline_xml, ngc, pdf, pubmedqa, spl
from guidewise.ingest.readers._xml import head_bytes

FORMATS = ("medline-xml", "medline-text", "jats", "spl", "ngc-xml", "ngc-jsonl", "pubmedqa", "markdown", "html",
           "text", "pdf")
SNIFF_BYTES = 1 << 16
# Inside folders, repository paperwork is not literature (named files are always read).
_PAPERWORK = re.compile(r"^(license|licence|copying|manifest|readme|changelog|notice|authors)\b", re.I)
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_MEDLINE_ROOTS = {b"PubmedArticleSet", b"MedlineCitationSet", b"PubmedArticle", b"MedlineCitation",
                  b"PubmedBookArticle"}


def _root_element(head: bytes) -> bytes | None:
    """Name of the first element, skipping the XML declaration, comments and the DOCTYPE."""
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", b"", head[:8192], flags=re.S)
    m = _ROOT.search(body)
    return m.group(1) if m else None


def _is_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    sample = head[:4096]
    controls = sum(1 for b in sample if (b < 32 and b not in (9, 10, 12, 13)) or b == 127)
    return controls > max(2, len(sample) // 100)


def _base_name(path: Path) -> str:
    name = path.name.lower()
    return name[:-3] if name.endswith(".gz") else name


def sniff(path: Path) -> str:
    """One of FORMATS, or 'empty', 'unreadable', 'unknown'."""
    try:
        head = head_bytes(path, SNIFF_BYTES)
    except (OSError, EOFError, zlib.error):
        return "unreadable"
    name = _base_name(path)
    if not head.strip():
        return "empty"
    if head.startswith(b"%PDF"):
        return "pdf"
    s = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if s.startswith(b"<"):
        return _sniff_markup(s, name)
    if s.startswith((b"{", b"[")):
        return _sniff_json(s, head)
    if _is_binary(head):
        return "unknown"
    return _sniff_text(head, name)


def _sniff_markup(s: bytes, name: str) -> str:
    """An XML or HTML document, by its root element and a few telltale strings."""
    root = _root_element(s)
    lower = s[:4096].lower()
    if root in _MEDLINE_ROOTS:
        return "medline-xml"
    if root == b"article" and (b"<front" in s or b"jats" in lower or name.endswith(".nxml")):
        return "jats"
    if root == b"document" and b"urn:hl7-org:v3" in s[:4096]:
        return "spl"
    if root == b"Version" and (b"National Guideline Clearinghouse" in s[:4096] or b"<Section SecID" in s):
        return "ngc-xml"
    if (root is not None and root.lower() == b"html") or b"<!doctype html" in lower:
        return "html"
    return "html" if name.endswith((".html", ".htm", ".xhtml")) else "unknown"


def _sniff_json(s: bytes, head: bytes) -> str:
    if b'"CONTEXTS"' in head:
        return "pubmedqa"
    if s.startswith(b"{") and b'"ngc_id"' in s.split(b"\n", 1)[0]:
        return "ngc-jsonl"
    return "unknown"


def _sniff_text(head: bytes, name: str) -> str:
    if re.search(rb"^PMID- ?\d", head, re.M):
        return "medline-text"
    if name.endswith((".md", ".markdown")) or re.search(rb"^#{1,3} \S", head, re.M):
        return "markdown"
    return "html" if name.endswith((".html", ".htm")) else "text"


def iter_inputs(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """(file, format) for each named file and, recursively in name order, each file inside named folders."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                if f.is_file() and not any(part.startswith(".") for part in rel) and not _PAPERWORK.match(f.name):
                    yield f, sniff(f)
        else:
            yield p, sniff(p) if p.exists() else "missing"


def _readers() -> dict[str, Callable[[Path], Iterator[Document | RecordError]]]:
    return {
        "medline-xml": medline_xml.read, "medline-text": medline_text.read, "jats": jats.read, "spl": spl.read,
        "ngc-xml": ngc.read_xml, "ngc-jsonl": ngc.read_jsonl, "pubmedqa": pubmedqa.read, "pdf": pdf.read,
        "markdown": lambda p: markup.read(p, "markdown"), "html": lambda p: markup.read(p, "html"),
        "text": lambda p: markup.read(p, "text"),
    }


_PROBLEMS = {
    "empty": "empty file",
    "unreadable": "file cannot be read (permissions, or a corrupt .gz)",
    "missing": "no such file",
    "unknown": "unsupported or unrecognised format (expected MEDLINE/PubMed XML or text, PMC JATS, FDA SPL, NGC "
               "XML/JSONL, PubMedQA JSON, Markdown, HTML, plain text or PDF)",
}


def read_any(path: Path, fmt: str | None = None) -> Iterator[Document | RecordError]:
    """Documents from any supported file; problems come back as RecordErrors, never as exceptions."""
    fmt = fmt or sniff(path)
    reader = _readers().get(fmt)
    if reader is None:
        yield RecordError(str(path), "file", _PROBLEMS.get(fmt, f"unsupported format {fmt!r}"))
        return
    try:
        yield from reader(path)
    except (RecursionError, MemoryError) as e:
        yield RecordError(str(path), "file", f"document too deeply nested or too large ({type(e).__name__})")
    except Exception as e:  # a reader bug must not abort a whole ingest run
        yield RecordError(str(path), "file", f"{fmt} reader failed: {type(e).__name__}: {e}")
