"""Synthetic MEDLINE XML for throughput and 100k-passage latency benchmarks (clearly marked synthetic).

Records are built from a small clinical vocabulary so BM25 has realistic term statistics; nothing here is
real literature, and benchmarks that use it say so.
"""

from __future__ import annotations

import gzip
import random
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from guidewise.ingest.model import Document, EvidenceLevel, Section

CONDITIONS = ["hypertension", "type 2 diabetes", "atrial fibrillation", "asthma", "COPD", "migraine", "gout",
              "osteoarthritis", "depression", "insomnia", "heart failure", "chronic kidney disease", "pneumonia",
              "cellulitis", "urinary tract infection", "low back pain", "osteoporosis", "anemia", "obesity", "GERD"]
DRUGS = ["metformin", "lisinopril", "amlodipine", "apixaban", "atorvastatin", "sertraline", "colchicine",
         "naproxen", "ibuprofen", "omeprazole", "salbutamol", "tiotropium", "empagliflozin", "semaglutide",
         "levothyroxine", "alendronate", "amoxicillin", "nitrofurantoin", "cyclobenzaprine", "melatonin"]
OUTCOMES = ["mortality", "hospitalisation", "pain scores", "quality of life", "adverse events", "relapse",
            "blood pressure", "HbA1c", "exacerbations", "function", "symptom burden", "readmission"]
DESIGNS = [("Randomized Controlled Trial", "In this randomised trial"), ("Meta-Analysis", "In this meta-analysis"),
           ("Observational Study", "In this cohort study"), ("Review", "In this review"),
           ("Case Reports", "We describe a patient")]


def _abstract(rng: random.Random) -> tuple[str, list[tuple[str, str]], str]:
    cond, drug, out = rng.choice(CONDITIONS), rng.choice(DRUGS), rng.choice(OUTCOMES)
    ptype, lead = rng.choice(DESIGNS)
    n = rng.randint(40, 12000)
    title = f"{drug.capitalize()} and {out} in adults with {cond}: a synthetic record"
    sections = [
        ("BACKGROUND", f"The effect of {drug} on {out} in {cond} is uncertain. Prior studies were small."),
        ("METHODS", f"{lead}, {n} adults with {cond} received {drug} or usual care and were followed for "
                    f"{rng.randint(4, 104)} weeks. The primary outcome was {out}."),
        ("RESULTS", f"{drug.capitalize()} changed {out} by {rng.randint(1, 40)}% compared with control "
                    f"(95% CI {rng.randint(1, 9)} to {rng.randint(10, 50)}). Adverse events were "
                    f"{rng.choice(['similar', 'more common', 'less common'])} with {drug}."),
        ("CONCLUSIONS", f"In adults with {cond}, {drug} {rng.choice(['modestly improved', 'did not change', 'improved'])} "
                        f"{out}. Larger trials are needed."),
    ]
    return title, sections, ptype


def write_medline(path: Path, n: int, seed: int = 7, start_pmid: int = 90_000_000) -> Path:
    """Write n synthetic PubmedArticle records (gzip if the name ends with .gz)."""
    rng = random.Random(seed)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n')
        for i in range(n):
            title, sections, ptype = _abstract(rng)
            abstract = "".join(f'<AbstractText Label="{lab}" NlmCategory="{lab}">{escape(t)}</AbstractText>'
                               for lab, t in sections)
            year = rng.randint(1995, 2025)
            fh.write(
                f"<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\"><PMID Version=\"1\">{start_pmid + i}</PMID>"
                f"<Article PubModel=\"Print\"><Journal><JournalIssue><PubDate><Year>{year}</Year></PubDate></JournalIssue>"
                f"<Title>Synthetic Journal of Medicine</Title></Journal><ArticleTitle>{escape(title)}</ArticleTitle>"
                f"<Abstract>{abstract}</Abstract><AuthorList><Author><LastName>Synthetic</LastName><Initials>A</Initials>"
                f"</Author></AuthorList><PublicationTypeList><PublicationType>{ptype}</PublicationType>"
                f"</PublicationTypeList></Article><MeshHeadingList><MeshHeading><DescriptorName>Humans</DescriptorName>"
                f"</MeshHeading></MeshHeadingList></MedlineCitation></PubmedArticle>\n")
        fh.write("</PubmedArticleSet>\n")
    return path


def synthetic_documents(n: int, seed: int = 11, start_pmid: int = 80_000_000) -> Iterator[Document]:
    """n synthetic MEDLINE-like documents built in memory (same generator as write_medline)."""
    rng = random.Random(seed)
    levels = {"Randomized Controlled Trial": EvidenceLevel.RCT, "Meta-Analysis": EvidenceLevel.SYSTEMATIC_REVIEW,
              "Observational Study": EvidenceLevel.OBSERVATIONAL, "Review": EvidenceLevel.OTHER,
              "Case Reports": EvidenceLevel.CASE_REPORT}
    for i in range(n):
        title, sections, ptype = _abstract(rng)
        yield Document(source_format="medline-xml", title=title,
                       sections=[Section(lab, text) for lab, text in sections], pmid=str(start_pmid + i),
                       journal="Synthetic Journal of Medicine", year=rng.randint(1995, 2025),
                       authors=["Synthetic A"], pub_types=[ptype], evidence_level=levels[ptype],
                       origin="synthetic")


def synthetic_questions(n: int, seed: int = 5) -> list[str]:
    """Literature-style questions over the synthetic vocabulary."""
    rng = random.Random(seed)
    forms = ["Does {d} reduce {o} in {c}?", "{d} for {c}: effect on {o}", "What is the evidence for {d} in {c}?",
             "Is {d} effective for {o} in patients with {c}?"]
    return [rng.choice(forms).format(d=rng.choice(DRUGS), o=rng.choice(OUTCOMES), c=rng.choice(CONDITIONS))
            for _ in range(n)]
