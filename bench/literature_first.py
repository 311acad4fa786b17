"""Literature questions stay with the user's own papers: PubMedQA gold citation and topic takeover.

- PubMedQA (PQA-L, 1,000 questions): ingest ori_pqal.json, ask every question, and report the share whose
  gold PMID is cited, and the share taken by a curated topic (answer.source == "library").
- BioASQ yes/no and summary questions (7b-11b golden set): with their gold snippets ingested as documents (as
  bench/bioasq.py does) beside the PubMedQA abstracts, the share of questions a curated topic takes over from
  the user's literature.

Goals (issue "answer the question asked"): gold PMID cited in >= 95%; takeover <= 2%.

    python -m bench.literature_first [--limit N]
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from bench.common import SHARED_DATA, fresh_engine, out_dir
from guidewise.ingest.model import Document, Section


def bioasq_questions(kinds: tuple[str, ...] = ("yesno", "summary")) -> list[dict[str, Any]]:
    path = SHARED_DATA / "bioasq-golden" / "bioasq_7b-11b_golden_all.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [r for r in rows if r.get("type") in kinds and r.get("body")]


def _snippet_documents(questions: list[dict[str, Any]]) -> list[Document]:
    seen: set[str] = set()
    docs: list[Document] = []
    for q in questions:
        for sn in q.get("snippets") or []:
            text = " ".join(sn["text"].split())
            if len(text) < 20 or text in seen:
                continue
            seen.add(text)
            pmid = sn.get("document", "").rsplit("/", 1)[-1]
            docs.append(Document(source_format="bioasq", title=f"Snippet from PubMed {pmid}",
                                 sections=[Section(None, text)], url=f"bioasq:{len(docs)}"))
    return docs


def run(limit: int | None = None) -> dict[str, Any]:
    engine = fresh_engine()
    t0 = time.perf_counter()
    engine.ingest([SHARED_DATA / "pubmedqa" / "ori_pqal.json"])
    ingest_s = time.perf_counter() - t0
    data = json.loads((SHARED_DATA / "pubmedqa" / "ori_pqal.json").read_text())
    items = list(data.items())[:limit]
    cited = takeover = abstained = 0
    takeover_topics: dict[str, int] = {}
    for pmid, rec in items:
        a = engine.ask(rec["QUESTION"], record=False)
        if any(r.pmid == pmid for r in a.references):
            cited += 1
        if a.source == "library":
            takeover += 1
            if a.topic:
                takeover_topics[a.topic.id] = takeover_topics.get(a.topic.id, 0) + 1
        abstained += a.abstained
    bio = bioasq_questions()[: limit or None]
    engine.ingestor.add_documents(_snippet_documents(bio), "bioasq-snippets")
    bio_takeover: dict[str, int] = {"yesno": 0, "summary": 0}
    bio_n: dict[str, int] = {"yesno": 0, "summary": 0}
    for q in bio:
        a = engine.ask(q["body"], record=False)
        bio_n[q["type"]] += 1
        bio_takeover[q["type"]] += a.source == "library"
    n = len(items)
    result = {
        "pubmedqa_questions": n, "ingest_s": round(ingest_s, 1),
        "gold_pmid_cited": round(cited / n, 3), "topic_takeover": round(takeover / n, 3),
        "abstained": round(abstained / n, 3),
        "takeover_topics": dict(sorted(takeover_topics.items(), key=lambda kv: -kv[1])[:10]),
        "bioasq": {k: {"questions": bio_n[k], "topic_takeover": round(bio_takeover[k] / bio_n[k], 3) if bio_n[k] else None}
                   for k in bio_n},
    }
    (out_dir() / "literature_first.json").write_text(json.dumps(result, indent=2) + "\n")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    print(json.dumps(run(args.limit), indent=2))


if __name__ == "__main__":
    main()
