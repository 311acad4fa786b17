"""What readers produce: documents with metadata and labelled sections, or located errors."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import IntEnum


class EvidenceLevel(IntEnum):
    """Lower is stronger. Derived from publication types or the document's nature."""

    GUIDELINE = 1
    SYSTEMATIC_REVIEW = 2
    RCT = 3
    OBSERVATIONAL = 4
    CASE_REPORT = 5
    OTHER = 6
    DRUG_LABEL = 7

    @property
    def label(self) -> str:
        return {
            1: "Guideline",
            2: "Systematic review or meta-analysis",
            3: "Randomised controlled trial",
            4: "Cohort or case-control study",
            5: "Case report",
            6: "Narrative review or other",
            7: "Drug label",
        }[int(self)]


@dataclass
class Section:
    """A labelled block of text: an abstract section (BACKGROUND…), a label section (DOSAGE…), a paragraph group."""

    label: str | None
    text: str


@dataclass
class Document:
    """One ingested document (an article, a label, a guideline)."""

    source_format: str  # medline-xml, medline-text, jats, spl, ngc, pubmedqa, markdown, html, text, pdf
    title: str
    sections: list[Section]
    pmid: str | None = None
    doi: str | None = None
    pmcid: str | None = None
    journal: str | None = None
    year: int | None = None
    authors: list[str] = field(default_factory=list)
    mesh: list[str] = field(default_factory=list)
    pub_types: list[str] = field(default_factory=list)
    evidence_level: EvidenceLevel = EvidenceLevel.OTHER
    url: str | None = None
    origin: str = ""  # file path (and position) the document came from

    @property
    def key(self) -> str:
        """Stable identity: PMID, then DOI, then PMCID, then a hash of title and text."""
        if self.pmid:
            return f"pmid:{self.pmid}"
        if self.doi:
            return f"doi:{self.doi.lower()}"
        if self.pmcid:
            return f"pmc:{self.pmcid}"
        return "sha:" + hashlib.sha256((self.title + "\n" + self.text).encode()).hexdigest()[:20]

    @property
    def text(self) -> str:
        return "\n\n".join(s.text for s in self.sections)

    @property
    def content_hash(self) -> str:
        """Changes whenever anything we store about the document changes."""
        h = hashlib.sha256()
        for part in (self.title, self.journal or "", str(self.year), self.doi or "", "|".join(self.pub_types)):
            h.update(part.encode())
            h.update(b"\0")
        for s in self.sections:
            h.update((s.label or "").encode() + b"\0" + s.text.encode() + b"\0")
        return h.hexdigest()


@dataclass
class RecordError:
    """A record that could not be read: where it is and what is wrong. The rest of the file is kept."""

    origin: str  # file path
    position: str  # e.g. "record 12 (line 3401)", "byte 2048", "line 7"
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.position}: {self.message}"


@dataclass
class Passage:
    """A retrievable chunk of a document: sentence boundaries kept, label carried over."""

    doc_key: str
    ordinal: int
    label: str | None
    text: str
