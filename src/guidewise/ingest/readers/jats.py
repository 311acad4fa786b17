"""PMC JATS full text (.nxml): front matter, abstract and body sections."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from guidewise.ingest.model import Document, EvidenceLevel, RecordError, Section
from guidewise.ingest.readers._evidence import from_title
from guidewise.ingest.readers._xml import UnsafeXML, blocks, local, norm, parse_file, text_of

_BLOCKS = frozenset({"p", "list-item", "title", "caption", "def-item", "disp-quote", "tr"})
_SKIP = frozenset({"fig", "table-wrap", "disp-formula", "inline-formula", "graphic", "media", "xref", "ack",
                   "ref-list", "supplementary-material", "fn-group", "label", "alternatives", "tex-math"})
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_ARTICLE_TYPES = {"review-article": EvidenceLevel.OTHER, "case-report": EvidenceLevel.CASE_REPORT,
                  "practice-guideline": EvidenceLevel.GUIDELINE, "systematic-review": EvidenceLevel.SYSTEMATIC_REVIEW}


def _clean(text: str) -> str:
    """Tidy the punctuation left behind where citation markers were removed."""
    text = re.sub(r"[(\[]\s*(?:[,;\u2013-]\s*)*[)\]]", "", text)
    text = re.sub(r"\s+([,;:])|\s+(\.)(?=\s|$)", r"\1\2", text)
    return re.sub(r"([,;])(?:\s*[,;])+", r"\1", text)


def _blocks(el: etree._Element, skip: frozenset[str] = frozenset()) -> list[str]:
    return [_clean(b) for b in blocks(el, _BLOCKS, _SKIP | skip)]


def _strip_ns(root: etree._Element) -> None:
    for el in root.iter():
        if isinstance(el.tag, str) and "}" in el.tag:
            el.tag = el.tag.split("}", 1)[1]


def _sections_of(el: etree._Element, default_label: str | None, prefix: str = "") -> list[Section]:
    """A <sec> tree flattened: each section's own paragraphs under its (parent-qualified) title."""
    out: list[Section] = []
    own = [c for c in el if local(c.tag) not in ("sec", "title")]
    title = text_of(el.find("title")).rstrip(":. ")
    label = (f"{prefix} / {title}" if prefix and title else title or prefix or default_label or "") or None
    text = "\n\n".join(b for c in own for b in (_blocks(c) if local(c.tag) not in _SKIP else []))
    if text.strip():
        out.append(Section(label.upper()[:200] if label else None, text))
    for sub in el.iterfind("sec"):
        out.extend(_sections_of(sub, default_label, label or ""))
    return out


def _year(meta: etree._Element) -> int | None:
    dates = meta.findall("pub-date")
    dates.sort(key=lambda d: {"epub": 0, "ppub": 1, "collection": 2}.get(d.get("pub-type") or "", 3))
    for d in dates:
        m = _YEAR.search(d.findtext("year") or "")
        if m:
            return int(m.group(1))
    return None


def parse_article(root: etree._Element, origin: str) -> Document:
    _strip_ns(root)
    if local(root.tag) != "article":
        raise ValueError(f"root element is <{local(root.tag)}>, not a JATS <article>")
    meta = root.find("front/article-meta")
    if meta is None:
        raise ValueError("no <front>/<article-meta>")
    ids = {(a.get("pub-id-type") or ""): norm(a.text) for a in meta.iterfind("article-id")}
    title = text_of(meta.find("title-group/article-title"))
    if not title:
        raise ValueError("article has no title")
    sections: list[Section] = []
    for abstract in meta.iterfind("abstract"):
        if abstract.get("abstract-type") in ("toc", "teaser", "graphical"):
            continue
        if abstract.find("sec") is not None:
            for sec in abstract.iterfind("sec"):
                sections.extend(_sections_of(sec, "ABSTRACT"))
        else:
            text = "\n\n".join(_blocks(abstract, frozenset({"title"})))
            if text:
                sections.append(Section("ABSTRACT", text))
    body = root.find("body")
    if body is not None:
        loose = "\n\n".join(b for c in body if local(c.tag) != "sec" for b in _blocks(c))
        if loose:
            sections.append(Section("BODY", loose))
        for sec in body.iterfind("sec"):
            sections.extend(_sections_of(sec, "BODY"))
    authors = []
    for c in meta.iterfind("contrib-group/contrib"):
        if c.get("contrib-type") not in (None, "author"):
            continue
        surname = norm(c.findtext("name/surname"))
        given = norm(c.findtext("name/given-names"))
        initials = "".join(p[0] for p in re.split(r"[\s.-]+", given) if p)
        name = f"{surname} {initials}".strip() or text_of(c.find("collab"))
        if name:
            authors.append(name)
    journal = text_of(root.find("front/journal-meta/journal-title-group/journal-title")) or text_of(
        root.find("front/journal-meta/journal-title")) or None
    kwds = [text_of(k) for k in meta.iterfind("kwd-group/kwd")]
    level = _ARTICLE_TYPES.get(root.get("article-type") or "") or from_title(title)
    pmcid = ids.get("pmc") or ids.get("pmcid")
    return Document(
        source_format="jats", title=title, sections=sections, pmid=ids.get("pmid") or None,
        doi=ids.get("doi") or None, pmcid=(pmcid if not pmcid or pmcid.startswith("PMC") else f"PMC{pmcid}"),
        journal=journal, year=_year(meta), authors=authors, mesh=[k for k in kwds if k],
        pub_types=[root.get("article-type") or "research-article"], evidence_level=level, origin=origin,
        url=f"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC{pmcid.removeprefix('PMC')}/" if pmcid else None,
    )


def read(path: Path) -> Iterator[Document | RecordError]:
    try:
        root = parse_file(path)
        yield parse_article(root, str(path))
    except (UnsafeXML, etree.XMLSyntaxError, ValueError, OSError, EOFError, zlib.error) as e:
        yield RecordError(str(path), "file", f"JATS article not readable: {e}")
