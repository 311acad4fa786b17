"""Extractive, cited answers from ingested literature, grouped by evidence level; abstain when irrelevant."""

from __future__ import annotations

from dataclasses import dataclass

from guidewise.compose.answer import Answer, BottomLine, ReferenceOut, Section, Statement
from guidewise.compose.citations import CitationRegistry
from guidewise.compose.support import is_supported
from guidewise.compose.wording import disclaimer, status_label
from guidewise.ingest.model import EvidenceLevel
from guidewise.retrieve.literature import DocMeta, Hit
from guidewise.understand.query import Query
from guidewise.understand.text import content_tokens

SECTION_FOR_LEVEL = {
    1: ("lit_guidelines", "Guidelines"),
    2: ("lit_systematic_reviews", "Systematic reviews and meta-analyses"),
    3: ("lit_trials", "Randomised trials"),
    7: ("lit_labels", "Drug labels"),
}
OTHER_SECTION = ("lit_other", "Other studies")
MIN_COVERAGE = 0.5  # share of the question's content terms a passage must contain to count as relevant
MAX_DOCS = 6
_CONCLUSION = ("conclusion", "conclusions", "interpretation", "long_answer", "implications", "summary")


@dataclass
class Evidence:
    hit: Hit
    sentence: str
    coverage: float
    conclusion: bool


def matched_terms(terms: set[str], text: str) -> int:
    """How many of the question's distinct content terms the text contains."""
    have = set(content_tokens(text))
    return sum(1 for t in terms if t in have)


def coverage(terms: set[str], text: str) -> float:
    """Share of the question's distinct content terms found in the text."""
    return matched_terms(terms, text) / len(terms) if terms else 0.0


def _best_sentence(terms: set[str], hit: Hit) -> tuple[str, float]:
    from guidewise.ingest.passages import split_sentences

    best, best_cov = "", -1.0
    for sent in split_sentences(hit.text):
        if len(sent) < 25 or len(sent) > 600:
            continue
        cov = coverage(terms, sent)
        if cov > best_cov:
            best, best_cov = sent.strip(), cov
    return best, max(best_cov, 0.0)


def select_evidence(query_terms: set[str], hits: list[Hit], min_coverage: float = MIN_COVERAGE) -> list[Evidence]:
    """One supporting sentence per relevant document, strongest evidence first."""
    chosen: dict[int, Evidence] = {}
    for h in hits:
        assert h.doc is not None
        found = matched_terms(query_terms, h.doc.title + " " + h.text)
        passage_cov = found / len(query_terms) if query_terms else 0.0
        if passage_cov < min_coverage or found < min(2, len(query_terms)):
            continue  # one shared word ("capital") is not relevance
        sentence, cov = _best_sentence(query_terms, h)
        if not sentence or cov == 0:
            continue
        conclusion = any(c in (h.label or "").lower() for c in _CONCLUSION)
        ev = Evidence(h, sentence, passage_cov, conclusion)
        cur = chosen.get(h.document_id)
        if cur is None or (ev.conclusion, ev.coverage) > (cur.conclusion, cur.coverage):
            chosen[h.document_id] = ev
    ranked = sorted(chosen.values(), key=lambda e: (e.hit.doc.evidence_level if e.hit.doc else 9, -e.coverage,
                                                    -(e.hit.doc.year or 0) if e.hit.doc else 0))
    return ranked[:MAX_DOCS]


def doc_key(doc: DocMeta) -> tuple[str, str]:
    """Citation key of a literature document (library keys are (topic_id, ref_key))."""
    return ("#doc", str(doc.id))


def reference_for(doc: DocMeta, n: int) -> ReferenceOut:
    level = EvidenceLevel(doc.evidence_level) if doc.evidence_level in EvidenceLevel._value2member_map_ else EvidenceLevel.OTHER
    label = {EvidenceLevel.GUIDELINE: "Guideline", EvidenceLevel.DRUG_LABEL: "Drug label"}.get(level, "Research")
    kind = {1: "guideline", 2: "systematic_review", 3: "trial", 4: "cohort", 7: "drug_label"}.get(doc.evidence_level, "other")
    url = doc.url or (f"https://pubmed.ncbi.nlm.nih.gov/{doc.pmid}/" if doc.pmid else None)
    return ReferenceOut(n=n, title=doc.title, source=doc.journal or doc.source_format, year=doc.year, kind=kind,
                        label=label, pmid=doc.pmid, doi=doc.doi, url=url, authors=doc.authors[:6])


def _evidence_words(doc: DocMeta) -> str:
    level = EvidenceLevel(doc.evidence_level) if doc.evidence_level in EvidenceLevel._value2member_map_ else EvidenceLevel.OTHER
    return f"{level.label}{f', {doc.year}' if doc.year else ''}"


def statements_from(evidence: list[Evidence], cites: CitationRegistry[tuple[str, str]]) -> list[Statement]:
    out = []
    for ev in evidence:
        assert ev.hit.doc is not None
        if not is_supported(ev.sentence, ev.hit.text):  # defensive: extraction must never drift from its source
            continue
        out.append(Statement(text=ev.sentence, citations=cites.cite([doc_key(ev.hit.doc)]), evidence=_evidence_words(ev.hit.doc),
                             kind="literature", source_id=f"passage:{ev.hit.passage_id}"))
    return out


def compose_literature_answer(query: Query, audience: str, evidence: list[Evidence],
                              cites: CitationRegistry[tuple[str, str]]) -> Answer:
    """Bottom line from the strongest relevant conclusion; sections by evidence level."""
    lead = min(evidence, key=lambda e: (e.hit.doc.evidence_level if e.hit.doc else 9, not e.conclusion, -e.coverage))
    assert lead.hit.doc is not None
    bottom = BottomLine(text=lead.sentence, citations=cites.cite([doc_key(lead.hit.doc)]))
    groups: dict[tuple[str, str], list[Evidence]] = {}
    for ev in evidence:
        assert ev.hit.doc is not None
        groups.setdefault(SECTION_FOR_LEVEL.get(ev.hit.doc.evidence_level, OTHER_SECTION), []).append(ev)
    order = [*SECTION_FOR_LEVEL.values(), OTHER_SECTION]
    sections = [Section(id=sid, title=title, statements=statements_from(groups[(sid, title)], cites))
                for sid, title in order if (sid, title) in groups]
    return Answer(
        question=query.question, audience=audience,
        bottom_line=bottom, sections=[s for s in sections if s.statements], references=cites.references(),
        urgent=query.urgent, status="literature", status_label=status_label("literature"),
        disclaimer=disclaimer(audience, "literature"),
        message=("No curated guideline topic covers this question; this answer quotes the most relevant ingested "
                 "literature directly. It has not been reviewed."),
        context=query.context.model_dump(exclude_defaults=True), considered=query.context.describe(),
        intents=[i.value for i in query.intents], source="literature",
    )
