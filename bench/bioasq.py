"""BioASQ (Task B golden 7b-11b, summary questions): snippet recall@10 and ROUGE-2 of our bottom line.

Corpus: every gold snippet of the summary questions, one document each (deduplicated by text), read from
../shared/data/bioasq-golden (never copied into the repo). Each question is then asked through Engine.ask.

- snippet recall@10: share of a question's gold snippets among the top 10 retrieved passages' snippets
  (also reported capped, divided by min(gold, 10), since many questions have more than 10 gold snippets).
- ROUGE-2 (bench/rouge.py) of the extractive bottom line against the ideal answers (best over references);
  an abstention scores 0. Baseline in the same run: the first sentence of the top BM25 snippet ("lead").
"""

from __future__ import annotations

import json
import re
import sys
import time
from typing import Any

from bench.common import SHARED_DATA, fresh_engine, out_dir, percentile
from bench.rouge import rouge2_multi
from guidewise.ingest.model import Document, Section

_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def summary_questions() -> list[dict[str, Any]]:
    path = SHARED_DATA / "bioasq-golden" / "bioasq_7b-11b_golden_all.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [r for r in rows if r.get("type") == "summary" and r.get("snippets") and r.get("ideal_answer")]


def _norm(text: str) -> str:
    return " ".join(text.split())


def run(limit: int | None = None) -> dict[str, Any]:
    questions = summary_questions()[:limit]
    texts: dict[str, int] = {}
    docs: list[Document] = []
    for q in questions:
        for sn in q["snippets"]:
            t = _norm(sn["text"])
            if len(t) < 20 or t in texts:
                continue
            texts[t] = len(docs)
            pmid = sn.get("document", "").rsplit("/", 1)[-1]
            docs.append(Document(source_format="bioasq", title=f"Snippet from PubMed {pmid}",
                                 sections=[Section(None, t)], url=f"bioasq:{len(docs)}"))
    engine = fresh_engine()
    t0 = time.perf_counter()
    engine.ingestor.add_documents(docs, "bioasq-snippets")
    print(f"bioasq: {len(questions)} summary questions, {len(docs)} unique gold snippets ingested in "
          f"{time.perf_counter() - t0:.1f} s")
    from sqlalchemy import select

    from guidewise.store.models import Document as Row
    from guidewise.store.models import Passage

    with engine.store.session() as s:
        pid_to_snip = {pid: int(url.split(":", 1)[1]) for pid, url in
                       s.execute(select(Passage.id, Row.url).join(Row, Row.id == Passage.document_id))}
        snip_text = {int(url.split(":", 1)[1]): text for url, text in s.execute(select(Row.url, Passage.text)
                     .join(Passage, Passage.document_id == Row.id).where(Passage.ordinal == 0))}
    recall, recall_capped, r2_ours, r2_lead, rec2_ours, times = [], [], [], [], [], []
    abstained = 0
    sources: dict[str, int] = {}
    for q in questions:
        gold = {texts[_norm(sn["text"])] for sn in q["snippets"] if _norm(sn["text"]) in texts}
        if not gold:
            continue
        hits = engine.literature.search(q["body"], k=10)
        top = list(dict.fromkeys(pid_to_snip[h.passage_id] for h in hits))[:10]
        found = len(gold & set(top))
        recall.append(found / len(gold))
        recall_capped.append(found / min(len(gold), 10))
        refs = [a for a in q["ideal_answer"] if isinstance(a, str)]
        started = time.perf_counter()
        answer = engine.ask(q["body"], record=False)
        times.append((time.perf_counter() - started) * 1000)
        bottom = answer.bottom_line.text if answer.bottom_line and answer.source == "literature" else ""
        sources[answer.source] = sources.get(answer.source, 0) + 1
        abstained += not bottom
        _, r, f = rouge2_multi(bottom, refs)
        r2_ours.append(f)
        rec2_ours.append(r)
        lead = _SENT.split(snip_text.get(top[0], ""))[0] if top else ""
        r2_lead.append(rouge2_multi(lead, refs)[2])
    n = len(recall)
    out: dict[str, Any] = {"questions": n, "snippets": len(docs),
           "snippet_recall@10": sum(recall) / n, "snippet_recall@10_capped": sum(recall_capped) / n,
           "rouge2_f1": sum(r2_ours) / n, "rouge2_recall": sum(rec2_ours) / n,
           "rouge2_f1_lead_baseline": sum(r2_lead) / n, "abstained": abstained / n, "sources": sources,
           "ask_p50_ms": percentile(times, 50), "ask_p95_ms": percentile(times, 95)}
    out["rouge2_ratio_to_lead"] = out["rouge2_f1"] / out["rouge2_f1_lead_baseline"] if out["rouge2_f1_lead_baseline"] else 0.0
    print(f"bioasq snippet recall@10 {out['snippet_recall@10']:.3f} (capped {out['snippet_recall@10_capped']:.3f}); "
          f"ROUGE-2 F1 of bottom line {out['rouge2_f1']:.3f} (recall {out['rouge2_recall']:.3f}) vs lead-snippet "
          f"baseline {out['rouge2_f1_lead_baseline']:.3f} (ratio {out['rouge2_ratio_to_lead']:.2f}); "
          f"no literature bottom line on {out['abstained']:.1%} (answers by source: {sources}); ask p50 {out['ask_p50_ms']:.1f} ms")
    return out


if __name__ == "__main__":
    lim = int(sys.argv[1]) if len(sys.argv) > 1 else None
    result = run(lim)
    (out_dir() / "bioasq.json").write_text(json.dumps(result, indent=1))
