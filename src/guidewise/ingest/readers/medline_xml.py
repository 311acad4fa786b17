"""MEDLINE/PubMed XML (baseline/update files, efetch output), streamed with iterparse in constant memory."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from guidewise.ingest.model import Document, RecordError, Section
from guidewise.ingest.readers._evidence import from_pub_types
from guidewise.ingest.readers._xml import (
    BAD,
    UnsafeXML,
    Utf8Checked,
    check_prolog,
    declared_encoding,
    head_bytes,
    local,
    norm,
    open_bytes,
    safe_iterparse,
    text_of,
)

RECORD_TAGS = ("PubmedArticle", "MedlineCitation", "PubmedBookArticle")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _year(article: etree._Element | None, citation: etree._Element) -> int | None:
    candidates = []
    if article is not None:
        candidates += [article.findtext("Journal/JournalIssue/PubDate/Year"),
                       article.findtext("Journal/JournalIssue/PubDate/MedlineDate"),
                       article.findtext("ArticleDate/Year")]
    candidates += [citation.findtext("DateCompleted/Year"), citation.findtext("DateCreated/Year")]
    for c in candidates:
        m = _YEAR.search(c or "")
        if m:
            return int(m.group(1))
    return None


def _authors(article: etree._Element) -> list[str]:
    out = []
    for a in article.iterfind("AuthorList/Author"):
        last, initials = a.findtext("LastName"), a.findtext("Initials")
        name = f"{last} {initials}" if last and initials else last or a.findtext("CollectiveName")
        if name:
            out.append(norm(name))
    return out


def _abstract(article: etree._Element) -> list[Section]:
    sections = []
    for at in article.iterfind("Abstract/AbstractText"):
        text = text_of(at)
        if not text:
            continue
        label = at.get("Label") or at.get("NlmCategory")
        if label and label.upper() in ("UNASSIGNED", "UNLABELLED"):
            label = None
        sections.append(Section(label.upper() if label else None, text))
    return sections


def _ids(record: etree._Element, article: etree._Element | None, citation: etree._Element) -> dict[str, str]:
    ids: dict[str, str] = {}
    for aid in record.iterfind("PubmedData/ArticleIdList/ArticleId"):  # the article's own ids, not its references
        kind = (aid.get("IdType") or "").lower()
        if kind in ("doi", "pmc") and aid.text and kind not in ids:
            ids[kind] = aid.text.strip()
    if "doi" not in ids and article is not None:
        for el in article.iterfind("ELocationID"):
            if el.get("EIdType") == "doi" and el.text:
                ids["doi"] = el.text.strip()
                break
    if "pmc" not in ids:
        for el in citation.iterfind("OtherID"):
            if (el.text or "").strip().startswith("PMC"):
                ids["pmc"] = (el.text or "").strip().split()[0]
                break
    return ids


def parse_record(record: etree._Element, origin: str) -> Document:
    """One PubmedArticle / MedlineCitation element to a Document; ValueError when unusable."""
    citation = record if local(record.tag) == "MedlineCitation" else record.find("MedlineCitation")
    if local(record.tag) == "PubmedBookArticle":
        return _book(record, origin)
    if citation is None:
        raise ValueError("no MedlineCitation element")
    pmid = norm(citation.findtext("PMID"))
    if not pmid.isdigit():
        raise ValueError(f"missing or invalid PMID ({pmid!r})")
    article = citation.find("Article")
    title = text_of(article.find("ArticleTitle")) if article is not None else ""
    if not title and article is not None:
        title = text_of(article.find("VernacularTitle"))
    if not title:
        raise ValueError(f"PMID {pmid}: record has no title")
    mesh = [text_of(d) for d in citation.iterfind("MeshHeadingList/MeshHeading/DescriptorName")]
    pub_types = [text_of(p) for p in article.iterfind("PublicationTypeList/PublicationType")] if article is not None else []
    ids = _ids(record, article, citation)
    journal = None
    if article is not None:
        journal = norm(article.findtext("Journal/Title")) or None
    journal = journal or norm(citation.findtext("MedlineJournalInfo/MedlineTA")) or None
    return Document(
        source_format="medline-xml", title=title, sections=_abstract(article) if article is not None else [],
        pmid=pmid, doi=ids.get("doi"), pmcid=ids.get("pmc"), journal=journal, year=_year(article, citation),
        authors=_authors(article) if article is not None else [], mesh=[m for m in mesh if m], pub_types=pub_types,
        evidence_level=from_pub_types(pub_types, mesh, title), origin=origin,
    )


def _book(record: etree._Element, origin: str) -> Document:
    doc = record.find("BookDocument")
    if doc is None:
        raise ValueError("no BookDocument element")
    pmid = norm(doc.findtext("PMID"))
    title = text_of(doc.find("ArticleTitle")) or text_of(doc.find("Book/BookTitle"))
    if not pmid.isdigit() or not title:
        raise ValueError(f"book record without PMID or title ({pmid!r})")
    pub_types = [text_of(p) for p in doc.iterfind("PublicationType")]
    m = _YEAR.search(doc.findtext("Book/PubDate/Year") or "")
    return Document(source_format="medline-xml", title=title, sections=_abstract(doc), pmid=pmid,
                    journal=text_of(doc.find("Book/BookTitle")) or None, year=int(m.group(1)) if m else None,
                    authors=_authors(doc), pub_types=pub_types, evidence_level=from_pub_types(pub_types, [], title),
                    origin=origin)


def _clear(el: etree._Element) -> None:
    """Free a processed record and the already-processed siblings before it (constant memory)."""
    el.clear(keep_tail=True)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


def read(path: Path) -> Iterator[Document | RecordError]:
    """Documents in file order; a bad record is reported with its number and line and the rest is kept."""
    origin = str(path)
    try:
        head = head_bytes(path)
        check_prolog(head)
    except (UnsafeXML, OSError, EOFError, zlib.error) as e:
        yield RecordError(origin, "file", str(e))
        return
    if not head.strip():
        yield RecordError(origin, "file", "empty file")
        return
    raw = open_bytes(path)
    stream = Utf8Checked(raw) if declared_encoding(head) in ("utf-8", "utf8") else raw
    n = 0
    try:
        for _event, el in safe_iterparse(stream, RECORD_TAGS):
            parent = el.getparent()
            if local(el.tag) == "MedlineCitation" and parent is not None and local(parent.tag) == "PubmedArticle":
                continue  # handled with its PubmedArticle
            n += 1
            where = f"record {n} (line {el.sourceline})"
            try:
                if BAD in "".join(t for t in el.itertext() if isinstance(t, str)):
                    raise ValueError("bytes that are not valid UTF-8 although the file declares UTF-8 (wrong encoding?)")
                yield parse_record(el, f"{origin}#{n}")
            except ValueError as e:
                yield RecordError(origin, where, str(e))
            finally:
                _clear(el)
    except etree.XMLSyntaxError as e:
        line = e.lineno if getattr(e, "lineno", None) else None
        pos = f"after record {n}" + (f" (line {line})" if line else "")
        yield RecordError(origin, pos, f"XML is malformed or truncated: {e.msg}; records before this point were kept")
    except (OSError, EOFError, zlib.error) as e:  # e.g. a truncated .gz
        yield RecordError(origin, f"after record {n}", f"cannot read file: {e}; records before this point were kept")
    finally:
        stream.close()
    if n == 0:
        yield RecordError(origin, "file", "no PubmedArticle or MedlineCitation records found")
