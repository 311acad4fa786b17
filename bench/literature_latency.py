"""Warm Engine.ask latency on literature questions at >= 100k passages, against rank-bm25 over the same passages.

Corpus: the real samples in ../shared/data (PubMedQA PQA-L abstracts, the MEDLINE 2016 baseline slice, the
MEDLINE text sample, the PMC JATS articles) ingested with the real readers, topped up with synthetic MEDLINE
records (bench/synth.py) until the index holds at least 100k passages. The built home (database and index) is
cached under bench/out/lit100k so reruns skip the build.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import SHARED_DATA, out_dir, peak_rss_mb, percentile, reset_peak_rss
from bench.synth import synthetic_documents, synthetic_questions
from guidewise.engine import Engine
from guidewise.retrieve.lexical import query_terms
from guidewise.settings import Settings

TARGET_PASSAGES = 100_000
CORPUS_VERSION = "3"
REAL_SAMPLES = ["pubmedqa/ori_pqal.json", "pubmed-xml"]
_TOKEN = re.compile(r"[a-z0-9]+")


def corpus_home() -> Path:
    return out_dir() / "lit100k"


def build_corpus(target: int = TARGET_PASSAGES) -> dict[str, Any]:
    """Build (or reuse) the cached corpus; returns its description."""
    home = corpus_home()
    marker = home / "corpus.json"
    if marker.exists():
        info: dict[str, Any] = json.loads(marker.read_text())
        if info.get("version") == CORPUS_VERSION and info.get("passages", 0) >= target:
            info["reused"] = True
            return info
    shutil.rmtree(home, ignore_errors=True)
    engine = Engine(Settings(home=home))
    t = time.perf_counter()
    real = [SHARED_DATA / p for p in REAL_SAMPLES if (SHARED_DATA / p).exists()]
    report = engine.ingest(real)
    real_docs, real_passages = report.added, engine.index.count()
    synthetic = 0
    gen = synthetic_documents(10_000_000)
    while engine.index.count() < target:
        chunk = [next(gen) for _ in range(5000)]
        engine.ingestor.add_documents(chunk, "synthetic-medline")
        synthetic += len(chunk)
    info = {"version": CORPUS_VERSION, "passages": engine.index.count(), "real_documents": real_docs,
            "real_passages": real_passages, "synthetic_documents": synthetic,
            "real_sources": [str(p.relative_to(SHARED_DATA)) for p in real], "build_s": time.perf_counter() - t,
            "index_mb": sum(f.stat().st_size for f in engine.settings.index_dir.rglob("*") if f.is_file()) / 1e6}
    marker.write_text(json.dumps(info, indent=1))
    info["reused"] = False
    return info


def literature_questions(n_real: int = 150, n_synth: int = 150) -> list[str]:
    """Real PubMedQA questions (their abstracts are in the corpus) plus questions over the synthetic vocabulary."""
    data = json.loads((SHARED_DATA / "pubmedqa" / "ori_pqal.json").read_text())
    real = [v["QUESTION"] for v in list(data.values())[:n_real]]
    return real + synthetic_questions(n_synth)


def _timings(fn: Any, questions: list[str], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        for q in questions:
            t = time.perf_counter()
            fn(q)
            times.append((time.perf_counter() - t) * 1000)
    return times


def _summary(times: list[float]) -> dict[str, float]:
    return {"n": len(times), "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95),
            "p99_ms": percentile(times, 99)}


def run(baseline: bool = True) -> dict[str, Any]:
    info = build_corpus()
    how = "cached" if info["reused"] else f"built in {info['build_s']:.0f} s"
    print(f"corpus: {info['passages']} passages ({info['real_documents']} real documents, "
          f"{info['synthetic_documents']} synthetic), {how}")
    questions = literature_questions()
    reset_peak_rss()
    engine = Engine(Settings(home=corpus_home()))
    for q in questions[:20]:
        engine.ask(q, record=False)
    by_source: dict[str, list[float]] = {}

    def ask(q: str) -> None:
        t = time.perf_counter()
        a = engine.ask(q, record=False)
        by_source.setdefault(a.source, []).append((time.perf_counter() - t) * 1000)

    out: dict[str, Any] = {"corpus": info, "questions": len(questions)}
    out["ask"] = _summary(_timings(ask, questions, 2))
    out["ask"]["sources"] = sources = {k: len(v) for k, v in by_source.items()}
    out["ask"]["by_source"] = {k: _summary(v) for k, v in by_source.items()}
    out["search"] = _summary(_timings(lambda q: engine.literature.search(q, k=20), questions, 2))
    out["ask"]["peak_rss_mb"] = peak_rss_mb()
    print(f"Engine.ask warm (literature, {info['passages']} passages): p50 {out['ask']['p50_ms']:.1f} ms, "
          f"p95 {out['ask']['p95_ms']:.1f} ms, p99 {out['ask']['p99_ms']:.1f} ms; answers by source {sources}; "
          f"peak RSS {out['ask']['peak_rss_mb']:.0f} MB")
    for k, v in out["ask"]["by_source"].items():
        print(f"  answered from {k}: n={v['n']}, p50 {v['p50_ms']:.1f} ms, p95 {v['p95_ms']:.1f} ms")
    print(f"  retrieval alone (BM25 + hydrate + rerank): p50 {out['search']['p50_ms']:.1f} ms, "
          f"p95 {out['search']['p95_ms']:.1f} ms")
    if baseline:
        out["baseline"] = rank_bm25_baseline(engine, questions)
        out["ratio_p95"] = out["ask"]["p95_ms"] / out["baseline"]["p95_ms"]
        print(f"  ratio Engine.ask p95 / rank-bm25 p95 = {out['ratio_p95']:.3f}")
    return out


def rank_bm25_baseline(engine: Engine, questions: list[str]) -> dict[str, Any]:
    """rank-bm25 (BM25Okapi) over the same passage texts: the naive in-Python baseline, top-10 per query."""
    from rank_bm25 import BM25Okapi
    from sqlalchemy import select

    from guidewise.store.models import Document, Passage

    del engine.__dict__["literature"]  # free what we can before measuring the baseline's memory
    reset_peak_rss()
    t = time.perf_counter()
    with engine.store.session() as s:
        rows = s.execute(select(Passage.id, Document.title, Passage.label, Passage.text)
                         .join(Document, Document.id == Passage.document_id)).all()
    ids = [r[0] for r in rows]
    bm25 = BM25Okapi([_TOKEN.findall(f"{r[1]}\n{r[2] or ''}\n{r[3]}".lower()) for r in rows])
    del rows
    build = time.perf_counter() - t

    def search(q: str) -> list[int]:
        scores = bm25.get_scores(query_terms(q))
        top = scores.argsort()[-10:][::-1]
        return [ids[i] for i in top]

    times = _timings(search, questions[::3], 1)  # a third of the questions: it is slow
    out: dict[str, Any] = _summary(times)
    out["build_s"], out["peak_rss_mb"] = build, peak_rss_mb()
    print(f"  baseline rank-bm25 ({len(ids)} passages, built in {build:.0f} s): p50 {out['p50_ms']:.1f} ms, "
          f"p95 {out['p95_ms']:.1f} ms; peak RSS {out['peak_rss_mb']:.0f} MB")
    return out


if __name__ == "__main__":
    result = run(baseline="--no-baseline" not in sys.argv)
    (out_dir() / "literature_latency.json").write_text(json.dumps(result, indent=1))
