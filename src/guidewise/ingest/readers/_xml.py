"""Shared helpers for the readers: safe XML parsing, UTF-8 checking streams, text extraction."""

from __future__ import annotations

import codecs
import gzip
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from lxml import etree

BAD = "\ufffd"  # stands in for bytes that were not valid UTF-8
PROLOG_BYTES = 1 << 16
_WS = re.compile(r"\s+")
_DECL_ENC = re.compile(rb"<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']")


class UnsafeXML(ValueError):
    """The document declares entities (entity expansion / external entities are refused)."""


def open_bytes(path: Path) -> IO[bytes]:
    """The file's bytes, transparently gunzipped."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def head_bytes(path: Path, n: int = PROLOG_BYTES) -> bytes:
    with open_bytes(path) as fh:
        return fh.read(n)


def norm(text: str | None) -> str:
    """Collapse whitespace."""
    return _WS.sub(" ", text or "").strip()


def check_prolog(head: bytes) -> None:
    """Refuse DTD internal subsets that declare entities (billion laughs, external entities)."""
    root = re.search(rb"<[A-Za-z_]", head)
    prolog = head[: root.start()] if root else head
    if b"<!ENTITY" in prolog.upper():
        raise UnsafeXML("XML entity declarations are not allowed (entity expansion and external entities are refused)")
    if root is None and len(head) >= PROLOG_BYTES:
        raise UnsafeXML(f"no root element in the first {PROLOG_BYTES // 1024} KiB (prolog too long)")


def declared_encoding(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    m = _DECL_ENC.search(head[:200])
    return m.group(1).decode().lower() if m else "utf-8"


class Utf8Checked:
    """A byte stream that passes valid UTF-8 through and replaces invalid bytes by U+FFFD.

    Lets a parser carry on past a wrongly encoded record, so the record can be reported and the rest kept.
    """

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.bad_bytes = 0

    def read(self, n: int = -1) -> bytes:
        chunk = self.raw.read(n if n and n > 0 else 1 << 16)
        text = self.decoder.decode(chunk, final=not chunk)
        self.bad_bytes += text.count(BAD)
        return text.encode("utf-8")

    def close(self) -> None:
        self.raw.close()


def safe_parser(recover: bool = False) -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False, remove_comments=True, remove_pis=True, recover=recover)


def parse_file(path: Path) -> etree._Element:
    """Parse a (small) XML file safely; raises UnsafeXML or etree.XMLSyntaxError."""
    with open_bytes(path) as fh:
        data = fh.read()
    if not data.strip():
        raise ValueError("empty file")
    check_prolog(data[:PROLOG_BYTES])
    if declared_encoding(data) in ("utf-8", "utf8"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as e:
            line = data[: e.start].count(b"\n") + 1
            raise ValueError(f"line {line}: bytes that are not valid UTF-8 although the file declares UTF-8 "
                             f"(wrong encoding?)") from None
    return etree.fromstring(data, safe_parser())


def safe_iterparse(stream: Any, tags: Iterable[str]) -> Iterator[tuple[str, etree._Element]]:
    """Streaming end-events for the given tags, with entity expansion and network access off."""
    return etree.iterparse(stream, events=("end",), tag=list(tags), resolve_entities=False, no_network=True,
                           huge_tree=False, load_dtd=False, remove_comments=True, remove_pis=True)


def local(tag: Any) -> str:
    """Tag name without namespace ('' for comments and processing instructions)."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def text_of(el: etree._Element | None) -> str:
    """All text inside an element, whitespace collapsed."""
    if el is None:
        return ""
    return norm("".join(t for t in el.itertext() if isinstance(t, str)))


def blocks(el: etree._Element, block_tags: frozenset[str], skip_tags: frozenset[str] = frozenset()) -> list[str]:
    """Paragraph-level texts: each block element becomes one string; inline markup is flattened."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        t = norm("".join(buf))
        if t:
            out.append(t)
        buf.clear()

    def walk(node: etree._Element) -> None:
        if node.text:
            buf.append(node.text)
        for child in node:
            name = local(child.tag)
            if name in skip_tags:
                pass
            elif name in block_tags:
                flush()
                walk(child)
                flush()
            elif name in ("td", "th"):
                walk(child)
                buf.append("; ")
            elif name == "br":
                buf.append(" ")
            else:
                walk(child)
            if child.tail:
                buf.append(child.tail)

    walk(el)
    flush()
    return [re.sub(r"(;\s*)+$", "", b).strip() for b in out if b.strip("; ")]
