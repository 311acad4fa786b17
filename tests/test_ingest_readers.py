"""Every reader on the real samples in ../shared/data: identifiers, titles, labels, typed sections."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from conftest import SHARED_DATA
from guidewise.ingest.detect import iter_inputs, read_any, sniff
from guidewise.ingest.model import Document, EvidenceLevel, RecordError
from guidewise.ingest.passages import split_passages

PUBMED = SHARED_DATA / "pubmed-xml"
SPL = SHARED_DATA / "drug-labels-spl"
NGC = SHARED_DATA / "ngc-guideline-summaries-pd"
PUBMEDQA = SHARED_DATA / "pubmedqa" / "ori_pqal.json"


def docs_and_errors(path: Path) -> tuple[list[Document], list[RecordError]]:
    items = list(read_any(path))
    return ([i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, RecordError)])


def test_formats_are_detected_by_content() -> None:
    assert sniff(PUBMED / "medline16n0902.xml.gz") == "medline-xml"
    assert sniff(PUBMED / "pubmed-29768149.xml") == "medline-xml"
    assert sniff(PUBMED / "mesh-papers.medline.txt") == "medline-text"
    assert sniff(PUBMED / "pone.0046493.nxml") == "jats"
    assert sniff(SPL / "humira.xml") == "spl"
    assert sniff(NGC / "xml" / "ngc-10008.xml") == "ngc-xml"
    assert sniff(NGC / "ngc_pd_subset.jsonl") == "ngc-jsonl"
    assert sniff(PUBMEDQA) == "pubmedqa"


def test_detection_ignores_misleading_extensions(tmp_path: Path) -> None:
    disguised = tmp_path / "export.txt"  # MEDLINE XML under a .txt name, gzipped under a .gz name
    disguised.write_bytes(gzip.decompress((PUBMED / "test_current_medline.xml.gz").read_bytes()))
    assert sniff(disguised) == "medline-xml"
    as_gz = tmp_path / "labels.gz"
    as_gz.write_bytes(gzip.compress((SPL / "cough.xml").read_bytes()))
    assert sniff(as_gz) == "spl"
    docs, errors = docs_and_errors(as_gz)
    assert len(docs) == 1 and not errors


def test_folders_recurse_and_skip_paperwork() -> None:
    found = {p.name: fmt for p, fmt in iter_inputs([SPL])}
    assert "humira.xml" in found and found["humira.xml"] == "spl"
    assert "COPYING.txt" not in found and "MANIFEST.md" not in found
    nested = {p.name for p, _ in iter_inputs([NGC])}
    assert "ngc-10008.xml" in nested and "ngc_pd_subset.jsonl" in nested


def test_medline_baseline_gz_streams_every_record() -> None:
    docs, errors = docs_and_errors(PUBMED / "medline16n0902.xml.gz")
    assert len(docs) == 604 and not errors
    by_pmid = {d.pmid: d for d in docs}
    first = by_pmid["17942999"]
    assert first.title.startswith("Neuroplasticity in the processing of pitch dimensions")
    assert first.journal == "Restorative neurology and neuroscience" and first.year == 2007
    assert first.authors[:2] == ["Chandrasekaran B", "Gandour JT"]
    assert "Acoustic Stimulation" in first.mesh and "Journal Article" in first.pub_types
    assert [s.label for s in first.sections] == ["PURPOSE", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert all(d.title and d.pmid and d.pmid.isdigit() for d in docs)
    # MedlineDate ("2008 Jul-Aug") still yields a year; no record is left without one in this slice
    assert all(d.year and 1900 < d.year < 2030 for d in docs)
    levels = {d.evidence_level for d in docs}
    assert EvidenceLevel.RCT in levels and EvidenceLevel.CASE_REPORT in levels
    indexed_rcts = [d for d in docs if "Randomized Controlled Trial" in d.pub_types]
    assert len(indexed_rcts) == 5 and all(d.evidence_level == EvidenceLevel.RCT for d in indexed_rcts)
    narrative = [d for d in docs if d.pub_types == ["Journal Article", "Review"]
                 and not any(w in d.title.lower() for w in ("systematic", "meta-analy", "guideline"))]
    assert narrative and all(d.evidence_level == EvidenceLevel.OTHER for d in narrative)


def test_medline_current_dtd_ids_come_from_the_article_not_its_references() -> None:
    docs, errors = docs_and_errors(PUBMED / "test_current_medline.xml.gz")
    assert not errors
    by_pmid = {d.pmid: d for d in docs}
    back = by_pmid["36400559"]
    assert back.doi == "10.1016/j.ncl.2022.07.002" and back.year == 2023
    assert by_pmid["2930949"].pmcid == "PMC1306303"
    assert by_pmid["2930949"].doi is None  # its reference list carries DOIs of other articles


def test_medline_efetch_output() -> None:
    docs, errors = docs_and_errors(PUBMED / "pubmed-29768149.xml")
    assert not errors and len(docs) == 1
    d = docs[0]
    assert d.pmid == "29768149" and d.doi == "10.1056/NEJMoa1715274"
    assert d.journal == "The New England journal of medicine" and d.year == 2018
    assert d.evidence_level == EvidenceLevel.RCT
    assert [s.label for s in d.sections] == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert "β" in d.sections[0].text and "2-agonist" in d.sections[0].text  # <sub> flattened, entity decoded


def test_medline_text_format() -> None:
    docs, errors = docs_and_errors(PUBMED / "mesh-papers.medline.txt")
    assert len(docs) == 284 and not errors
    d = next(x for x in docs if x.pmid == "28422961")
    assert d.title == "Characterization of the mechanism of drug-drug interactions from PubMed using MeSH terms."
    assert d.doi == "10.1371/journal.pone.0173548" and d.year == 2017 and d.authors[0] == "Lu Y"
    assert d.mesh and not any(m.startswith("*") or "/" in m for m in d.mesh)
    structured = [x for x in docs if len(x.sections) > 1]
    assert structured and all(s.label for x in structured for s in x.sections[1:])


def test_jats_full_text() -> None:
    docs, errors = docs_and_errors(PUBMED / "pone.0046493.nxml")
    assert not errors
    d = docs[0]
    assert (d.pmid, d.pmcid, d.doi) == ("23029536", "PMC3460867", "10.1371/journal.pone.0046493")
    assert d.title.startswith("MmPPOX Inhibits Mycobacterium tuberculosis") and d.journal == "PLoS ONE"
    assert d.year == 2012 and d.authors[0] == "Delorme V"
    labels = [s.label for s in d.sections]
    assert labels[0] == "ABSTRACT" and "INTRODUCTION" in labels
    assert any(lbl and lbl.startswith("MATERIALS AND METHODS / ") for lbl in labels)
    assert sum(len(s.text.split()) for s in d.sections) > 3000
    assert not any(" , ," in s.text for s in d.sections)  # citation markers removed cleanly


def test_every_jats_sample_reads() -> None:
    files = sorted(PUBMED.glob("*.nxml"))
    assert len(files) == 8
    for f in files:
        docs, errors = docs_and_errors(f)
        assert not errors, errors
        assert docs[0].pmid and docs[0].title and len(docs[0].sections) >= 3


def test_spl_label_typed_sections() -> None:
    docs, errors = docs_and_errors(SPL / "lipitor-orig.xml")
    assert not errors
    d = docs[0]
    assert d.title == "Lipitor (atorvastatin calcium) prescribing information"
    assert d.evidence_level == EvidenceLevel.DRUG_LABEL and d.year == 2014
    assert d.url and "setid=" in d.url
    by_label: dict[str, list[str]] = {}
    for s in d.sections:
        by_label.setdefault(s.label or "", []).append(s.text)
    dosing = " ".join(by_label["DOSAGE AND ADMINISTRATION"])
    assert "10 or 20 mg once daily" in dosing
    assert any("Active liver disease" in t for t in by_label["CONTRAINDICATIONS"])
    for label in ("INDICATIONS AND USAGE", "WARNINGS AND PRECAUTIONS", "PEDIATRIC USE", "GERIATRIC USE"):
        assert by_label.get(label), label
    assert "PACKAGE LABEL" not in " ".join(by_label)


def test_spl_without_title_and_otc_drug_facts() -> None:
    untitled, errors = docs_and_errors(SPL / "no-title.xml")
    assert not errors and untitled[0].title.startswith("Haloperidol")
    assert any(s.label == "DOSAGE AND ADMINISTRATION" for s in untitled[0].sections)
    otc, errors = docs_and_errors(SPL / "cough.xml")
    assert not errors
    labels = {s.label for s in otc[0].sections}
    assert {"ACTIVE INGREDIENT", "PURPOSE", "DOSAGE AND ADMINISTRATION"} <= labels
    assert "Drug Facts" in otc[0].title


def test_spl_indexing_file_is_reported_not_ingested() -> None:
    docs, errors = docs_and_errors(SPL / "METHOXSALEN.xml")
    assert not docs and len(errors) == 1
    assert "no clinical label sections" in errors[0].message and errors[0].origin.endswith("METHOXSALEN.xml")


def test_ngc_xml_graded_recommendations() -> None:
    docs, errors = docs_and_errors(NGC / "xml" / "ngc-10008.xml")
    assert not errors
    d = docs[0]
    assert d.title.startswith("Screening for peripheral artery disease")
    assert d.evidence_level == EvidenceLevel.GUIDELINE and d.year == 2013
    assert d.pmid == "24026320" and d.journal == "U.S. Preventive Services Task Force"
    graded = [s for s in d.sections if s.label == "RECOMMENDATION (GRADE I)"]
    assert graded and "insufficient" in graded[0].text
    assert {"TARGET POPULATION", "POTENTIAL HARMS"} <= {s.label for s in d.sections}


def test_ngc_all_summaries_and_jsonl() -> None:
    xml_docs = [d for f in sorted((NGC / "xml").glob("*.xml")) for d in read_any(f)]
    assert len(xml_docs) == 105 and all(isinstance(d, Document) for d in xml_docs)
    docs, errors = docs_and_errors(NGC / "ngc_pd_subset.jsonl")
    assert len(docs) == 105 and not errors
    labels = [s.label or "" for d in docs for s in d.sections]
    assert any(lbl == "RECOMMENDATION (STRONG FOR)" for lbl in labels)  # VA/DoD wording
    assert any(lbl == "RECOMMENDATION (GRADE B)" for lbl in labels)  # USPSTF grades
    assert all(d.year and 2010 <= d.year <= 2018 for d in docs)


def test_pubmedqa_json() -> None:
    docs, errors = docs_and_errors(PUBMEDQA)
    assert len(docs) == 1000 and not errors
    raw = json.loads(PUBMEDQA.read_text())
    d = next(x for x in docs if x.pmid == "21645374")
    rec = raw["21645374"]
    assert d.title == rec["QUESTION"] and d.year == int(rec["YEAR"]) and d.mesh == rec["MESHES"]
    assert [s.label for s in d.sections] == [*rec["LABELS"], "CONCLUSIONS"]
    assert d.sections[-1].text == rec["LONG_ANSWER"]
    assert {x.pmid for x in docs} == set(raw)


@pytest.mark.parametrize("fmt,body", [
    ("md", "# Sore throat guideline\n\nIntro text about sore throat in adults and children here.\n\n"
           "## Recommendations\n\n- Offer **paracetamol** or ibuprofen for pain relief.\n- Do not offer antibiotics "
           "routinely.\n\n## Referral\n\nRefer if [stridor](http://x) or drooling is present, urgently."),
    ("html", "<html><head><title>Sore throat guideline</title><script>alert('x')</script><style>p{}</style></head>"
             "<body><h1>Sore throat guideline</h1><p>Intro text about sore throat in adults and children here.</p>"
             "<h2>Recommendations</h2><ul><li>Offer <b>paracetamol</b> or ibuprofen for pain relief.</li>"
             "<li>Do not offer antibiotics routinely.</li></ul><h2>Referral</h2>"
             "<p>Refer if stridor or drooling is present, urgently.</p></body></html>"),
    ("txt", "Sore throat guideline\n\nIntro text about sore throat in adults and children here.\n\nRECOMMENDATIONS\n"
            "- Offer paracetamol or ibuprofen for pain relief.\n- Do not offer antibiotics routinely.\n\n"
            "REFERRAL\nRefer if stridor or drooling is present,\nurgently."),
])
def test_guideline_documents_headings_become_sections(tmp_path: Path, fmt: str, body: str) -> None:
    path = tmp_path / f"sore-throat.{fmt}"
    path.write_text(body)
    docs, errors = docs_and_errors(path)
    assert not errors, errors
    d = docs[0]
    assert d.title == "Sore throat guideline" and d.evidence_level == EvidenceLevel.GUIDELINE
    by_label = {s.label: s.text for s in d.sections}
    assert "paracetamol or ibuprofen" in by_label["RECOMMENDATIONS"]
    assert "**" not in by_label["RECOMMENDATIONS"] and "alert" not in d.text
    assert "stridor or drooling is present, urgently" in by_label["REFERRAL"]


def test_pdf_reader(tmp_path: Path) -> None:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    lines = ["Asthma action plan guideline", "", "RECOMMENDATIONS",
             "Use an inhaled corticosteroid every day for persistent asthma symptoms.",
             "Review inhaler technique at every visit before stepping up treatment."]
    ops = "BT /F1 11 Tf 72 720 Td 14 TL " + " ".join(f"({ln}) Tj T*" for ln in lines) + " ET"
    stream = DecodedStreamObject()
    stream.set_data(ops.encode())
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    page[NameObject("/Contents")] = writer._add_object(stream)
    path = tmp_path / "asthma.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert sniff(path) == "pdf"
    docs, errors = docs_and_errors(path)
    assert not errors, errors
    d = docs[0]
    assert d.source_format == "pdf" and d.title == "Asthma action plan guideline"
    assert any(s.label == "RECOMMENDATIONS" and "inhaled corticosteroid" in s.text for s in d.sections)


def test_every_sample_document_gets_passages() -> None:
    for path in (PUBMED / "pubmed-29768149.xml", SPL / "humira.xml", NGC / "xml" / "ngc-10008.xml"):
        docs, _ = docs_and_errors(path)
        passages = split_passages(docs[0])
        assert passages and all(p.text.strip() for p in passages)
        assert [p.ordinal for p in passages] == list(range(len(passages)))
        assert all(len(p.text.split()) <= 260 for p in passages)
