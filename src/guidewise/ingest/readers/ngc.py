"""National Guideline Clearinghouse summaries (XML and the flattened JSONL): graded recommendations."""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

import lxml.html
from lxml import etree

from guidewise.ingest.model import Document, EvidenceLevel, RecordError, Section
from guidewise.ingest.readers._xml import UnsafeXML, blocks, norm, open_bytes, parse_file

HTML_BLOCKS = frozenset({"p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul", "ol",
                         "blockquote", "dd", "dt", "section", "article", "header", "footer", "pre"})
_GRADES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\(\s*([ABCDI])\s+(?:recommendation|statement)\s*\)", re.I), "GRADE {}"),
    (re.compile(r"\((Strong|Weak)\s+(For|Against)\b", re.I), "{} {}"),
    (re.compile(r"\[([A-D]|I)\]"), "GRADE {}"),
    (re.compile(r"\(Category\s+(I[ABC]?|II|IV)\)", re.I), "CATEGORY {}"),
    (re.compile(r"\(([A-C])-(I{1,3})\)"), "GRADE {}-{}"),
    (re.compile(r"\((Consensus)[\u2013-]", re.I), "{}"),
]
_SECTION_FIELDS = {
    "Clinical Algorithm(s)": "CLINICAL ALGORITHM",
    "Disease/Condition(s)": "DISEASE OR CONDITION",
    "Target Population": "TARGET POPULATION",
    "Potential Benefits": "POTENTIAL BENEFITS",
    "Potential Harms": "POTENTIAL HARMS",
    "Rating Scheme for the Strength of the Recommendations": "RATING SCHEME",
    "Rating Scheme for the Strength of the Evidence": "RATING SCHEME",
}
_PUB_YEAR = re.compile(r"[.;]\s((?:19|20)\d\d)(?:\s[A-Z][a-z]{2}|;|\.)")
_ANY_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def grade_of(text: str) -> str | None:
    """The recommendation grade written in a line, e.g. 'GRADE B', 'STRONG FOR', 'CATEGORY IB'."""
    for pattern, fmt in _GRADES:
        m = pattern.search(text)
        if m:
            return fmt.format(*m.groups()).upper()
    return None


def recommendation_sections(lines: list[str]) -> list[Section]:
    """Graded recommendations become their own sections labelled with their grade; other text is grouped."""
    out: list[Section] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            out.append(Section("RECOMMENDATIONS", "\n\n".join(pending)))
            pending.clear()

    for line in (norm(x) for x in lines):
        if not line:
            continue
        grade = grade_of(line)
        if grade:
            flush()
            out.append(Section(f"RECOMMENDATION ({grade})", line))
        else:
            pending.append(line)
    flush()
    return out


def _html_lines(value: str) -> list[str]:
    if not value.strip():
        return []
    frag = lxml.html.fragment_fromstring(value, create_parent="div",
                                         parser=lxml.html.HTMLParser(no_network=True, remove_comments=True))
    return blocks(frag, HTML_BLOCKS, frozenset({"script", "style"}))


def _guideline(title: str, developer: str, sections: list[Section], year: int | None, pmid: str | None,
               origin: str) -> Document:
    if not title:
        raise ValueError("guideline summary has no title")
    if not sections:
        raise ValueError(f"guideline summary {title[:60]!r} has no recommendations")
    return Document(source_format="ngc", title=title, sections=sections, pmid=pmid, journal=developer or None,
                    year=year, authors=[developer] if developer else [], pub_types=["Practice Guideline"],
                    evidence_level=EvidenceLevel.GUIDELINE, origin=origin)


def parse_xml(root: etree._Element, origin: str) -> Document:
    if root.tag != "Version":
        raise ValueError(f"root element is <{root.tag}>, not an NGC summary <Version>")
    fields: dict[str, str] = {}
    for f in root.iterfind("Section/Field"):
        name, value = f.get("Name") or "", f.find("FieldValue")
        if value is not None and name not in fields:
            fields[name] = value.get("Value") or ""
    title = " ".join(_html_lines(fields.get("Guideline Title", "")))
    sections = recommendation_sections(_html_lines(fields.get("Major Recommendations", "")))
    for name, label in _SECTION_FIELDS.items():
        lines = _html_lines(fields.get(name, ""))
        if lines and lines[0].lower().rstrip(".") not in ("none provided", "none available", "not stated"):
            sections.append(Section(label, "\n\n".join(lines)))
    bib = fields.get("Bibliographic Source(s)", "")
    pmid = re.search(r"list_uids=(\d+)", bib)
    bib_text = " ".join(_html_lines(bib))
    released = [int(y) for y in _ANY_YEAR.findall(" ".join(_html_lines(fields.get("Date Released", ""))))]
    year_m = _PUB_YEAR.search(bib_text)
    developer = " ".join(_html_lines(fields.get("Guideline Developer(s)", "")))
    developer = re.sub(r"\s+-\s+.*$", "", developer)
    year = int(year_m.group(1)) if year_m else max(released, default=None)
    return _guideline(title, developer, sections, year, pmid.group(1) if pmid else None, origin)


def parse_json(rec: dict[str, object], origin: str) -> Document:
    def s(key: str) -> str:
        v = rec.get(key)
        return v if isinstance(v, str) else ""

    sections = recommendation_sections(s("major_recommendations").split("\n"))
    algo = s("clinical_algorithms")
    if algo.strip() and algo.strip().lower().rstrip(".") not in ("none provided", "none available"):
        sections.append(Section("CLINICAL ALGORITHM", algo))
    if s("disease_condition").strip():
        sections.append(Section("DISEASE OR CONDITION", s("disease_condition")))
    year_m = _PUB_YEAR.search(s("bibliographic_source"))
    developer = re.sub(r"\s+-\s+.*$", "", s("developer"))
    return _guideline(norm(s("title")), developer, sections, int(year_m.group(1)) if year_m else None, None, origin)


def read_xml(path: Path) -> Iterator[Document | RecordError]:
    try:
        yield parse_xml(parse_file(path), str(path))
    except (UnsafeXML, etree.XMLSyntaxError, etree.ParserError, ValueError, OSError, EOFError, zlib.error) as e:
        yield RecordError(str(path), "file", f"guideline summary not readable: {e}")


def read_jsonl(path: Path) -> Iterator[Document | RecordError]:
    """One summary per line; a bad line is reported with its number and the other lines are kept."""
    origin = str(path)
    n = 0
    with open_bytes(path) as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            n += 1
            where = f"record {n} (line {lineno})"
            try:
                rec = json.loads(raw.decode("utf-8"))
                if not isinstance(rec, dict):
                    raise ValueError("line is not a JSON object")
                yield parse_json(rec, f"{origin}#{n}")
            except UnicodeDecodeError:
                yield RecordError(origin, where, "bytes that are not valid UTF-8 (wrong encoding?)")
            except json.JSONDecodeError as e:
                yield RecordError(origin, where, f"invalid JSON: {e.msg} at column {e.colno}")
            except ValueError as e:
                yield RecordError(origin, where, str(e))
    if n == 0:
        yield RecordError(origin, "file", "empty file: no JSON lines")
