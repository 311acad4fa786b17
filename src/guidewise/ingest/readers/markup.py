"""Guideline documents as Markdown, HTML or plain text: headings become labelled sections."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path

import lxml.html
from lxml import etree

from guidewise.ingest.model import Document, EvidenceLevel, RecordError, Section
from guidewise.ingest.readers._evidence import from_title
from guidewise.ingest.readers._xml import blocks, local, norm, open_bytes, text_of

MIN_WORDS = 10
_GUIDELINE = re.compile(r"\b(guideline|recommendation|consensus|position statement|protocol|pathway|standard of care)",
                        re.I)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_INLINE = [(re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""), (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
              (re.compile(r"(\*\*|__|`)"), ""), (re.compile(r"(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])"), r"\1"),
              (re.compile(r"<[^>]+>"), "")]
_HTML_BLOCKS = frozenset({"p", "li", "div", "tr", "table", "ul", "ol", "blockquote", "dd", "dt", "section",
                          "article", "pre", "figcaption", "caption"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def decode(path: Path) -> str:
    """UTF-8 text (a BOM is dropped); a clear ValueError with the line otherwise."""
    with open_bytes(path) as fh:
        raw = fh.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise ValueError(f"line {line}: bytes that are not valid UTF-8 (wrong encoding?)") from None


def _level(title: str, sections: list[Section]) -> EvidenceLevel:
    headings = " ".join([title, *(s.label or "" for s in sections)])
    return EvidenceLevel.GUIDELINE if _GUIDELINE.search(headings) else from_title(title)


def _document(fmt: str, title: str, sections: list[Section], origin: str) -> Document:
    words = sum(len(s.text.split()) for s in sections)
    if words < MIN_WORDS:
        raise ValueError(f"too little text to be a document ({words} words)")
    return Document(source_format=fmt, title=title[:500], sections=sections, evidence_level=_level(title, sections),
                    pub_types=["Guideline document" if _GUIDELINE.search(title) else "Document"], origin=origin)


def _paragraphs(lines: list[str]) -> str:
    """Join hard-wrapped lines; blank lines and list items start new paragraphs."""
    paras: list[str] = []
    cur: list[str] = []
    for line in lines:
        s = line.strip()
        if not s or re.match(r"^([-*+\u2022]|\d+[.)])\s", s):
            if cur:
                paras.append(" ".join(cur))
            cur = [s] if s else []
        else:
            cur.append(s)
    if cur:
        paras.append(" ".join(cur))
    return "\n\n".join(p for p in paras if p)


def parse_markdown(text: str, origin: str, fallback_title: str) -> Document:
    title = ""
    sections: list[Section] = []
    label: str | None = None
    lines: list[str] = []
    in_code = False

    def flush() -> None:
        body = _paragraphs(lines)
        if body:
            sections.append(Section(label, body))
        lines.clear()

    raw_lines = text.splitlines()
    for i, line in enumerate(raw_lines):
        if line.strip().startswith("```"):
            in_code = not in_code
            continue
        m = _MD_HEADING.match(line) if not in_code else None
        nxt = raw_lines[i + 1] if i + 1 < len(raw_lines) else ""
        if m is None and line.strip() and re.fullmatch(r"\s*(=+|-+)\s*", nxt) and not in_code:
            m = re.match(r"()(.*)", line.strip())  # setext heading
            raw_lines[i + 1] = ""
        if m:
            heading = _inline(m.group(2))
            if not title and (m.group(1) in ("#", "") or not sections):
                title = heading
                flush()
                continue
            flush()
            label = heading.upper()[:200]
            continue
        lines.append(_inline(line) if not in_code else line)
    flush()
    return _document("markdown", title or fallback_title, sections, origin)


def _inline(text: str) -> str:
    for pattern, repl in _MD_INLINE:
        text = pattern.sub(repl, text)
    return text.rstrip()


def parse_html(data: str, origin: str, fallback_title: str) -> Document:
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    root = lxml.html.document_fromstring(data, parser=parser)
    for bad in root.xpath("//script|//style|//noscript|//template|//nav|//iframe|//object"):
        bad.drop_tree()
    title = text_of(root.find(".//title")) or text_of(root.find(".//h1"))
    body = root.find("body")
    sections: list[Section] = []
    label: str | None = None
    buf: list[str] = []

    def flush() -> None:
        if buf:
            sections.append(Section(label, "\n\n".join(buf)))
            buf.clear()

    def walk(el: etree._Element) -> None:
        nonlocal label
        for child in el:
            name = local(child.tag)
            if name in _HEADINGS:
                flush()
                heading = text_of(child)
                if heading and heading != title:
                    label = heading.upper()[:200]
            elif name in _HTML_BLOCKS and not any(local(d.tag) in _HEADINGS for d in child.iter()):
                buf.extend(blocks(child, _HTML_BLOCKS))
            elif name:
                if child.text and norm(child.text):
                    buf.append(norm(child.text))
                walk(child)
            if child.tail and norm(child.tail):
                buf.append(norm(child.tail))

    walk(body if body is not None else root)
    flush()
    return _document("html", title or fallback_title, sections, origin)


def _is_text_heading(line: str, nxt: str) -> bool:
    """A short ALL-CAPS, numbered ('2.1 Dosing') or colon-ended line after a blank line, with text below."""
    s = line.strip()
    if not s or len(s) > 80 or s.endswith((".", ",", ";")):
        return False
    letters = [c for c in s if c.isalpha()]
    upper = len(letters) >= 3 and all(c.isupper() for c in letters)
    numbered = bool(re.match(r"^\d+(\.\d+)*\.?\s+[A-Z]", s)) and len(s.split()) <= 8
    return upper or ((numbered or s.endswith(":")) and bool(nxt.strip()))


def parse_text(text: str, origin: str, fallback_title: str) -> Document:
    lines = text.splitlines()
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        raise ValueError("empty file")
    title = norm(lines[first]) if len(lines[first].strip()) <= 200 else fallback_title
    rest = lines[first + 1 :] if title != fallback_title else lines
    sections: list[Section] = []
    label: str | None = None
    cur: list[str] = []
    for i, line in enumerate(rest):
        nxt = rest[i + 1] if i + 1 < len(rest) else ""
        prev = rest[i - 1] if i > 0 else ""
        if not prev.strip() and _is_text_heading(line, nxt):
            body = _paragraphs(cur)
            if body:
                sections.append(Section(label, body))
            label, cur = norm(line).rstrip(":").upper()[:200], []
        else:
            cur.append(line)
    body = _paragraphs(cur)
    if body:
        sections.append(Section(label, body))
    return _document("text", title, sections, origin)


def read(path: Path, fmt: str) -> Iterator[Document | RecordError]:
    origin = str(path)
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    fallback = Path(name).stem.replace("_", " ").replace("-", " ").strip() or name
    try:
        text = decode(path)
        if not text.strip():
            raise ValueError("empty file")
        parse = {"markdown": parse_markdown, "html": parse_html}.get(fmt, parse_text)
        yield parse(text, origin, fallback)
    except (ValueError, etree.ParserError, OSError, EOFError, zlib.error) as e:
        yield RecordError(origin, "file", str(e))
