"""Latency: warm Engine.ask on library questions, cold `guidewise ask`, each against a same-run baseline."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from bench.common import (
    REPO,
    child_wall_and_rss,
    fresh_engine,
    out_dir,
    peak_rss_mb,
    percentile,
    reset_peak_rss,
)

GUIDEWISE = Path(sys.executable).parent / "guidewise"


def library_questions() -> list[str]:
    qs = [q["q"] for p in sorted((REPO / "tests" / "data" / "routing").glob("*.yaml"))
          for q in yaml.safe_load(p.read_text())["questions"]]
    for p in sorted((REPO / "bench" / "data" / "routing_untuned").glob("*.yaml")):
        qs += [i["q"] for i in yaml.safe_load(p.read_text())["items"]]
    return qs


def warm_library(repeats: int = 3) -> dict[str, Any]:
    """Warm Engine.ask on every routing question. Baseline in the same run: understanding alone."""
    engine = fresh_engine()
    questions = library_questions()
    for q in questions[:20]:
        engine.ask(q, record=False)  # warm caches
    reset_peak_rss()
    times: list[float] = []
    base: list[float] = []
    for _ in range(repeats):
        for q in questions:
            t = time.perf_counter()
            engine.ask(q, record=False)
            times.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            engine.understand(q)
            base.append((time.perf_counter() - t) * 1000)
    out: dict[str, Any] = {"questions": len(questions), "n": len(times), "p50_ms": percentile(times, 50),
                           "p95_ms": percentile(times, 95), "p99_ms": percentile(times, 99),
                           "understand_p95_ms": percentile(base, 95), "peak_rss_mb": peak_rss_mb()}
    out["ratio_p95_to_understand"] = out["p95_ms"] / out["understand_p95_ms"]
    print(f"Engine.ask warm (library, {len(questions)} questions x{repeats}): p50 {out['p50_ms']:.2f} ms, "
          f"p95 {out['p95_ms']:.2f} ms, p99 {out['p99_ms']:.2f} ms (understanding alone p95 "
          f"{out['understand_p95_ms']:.2f} ms), peak RSS {out['peak_rss_mb']:.0f} MB")
    return out


def cold_cli(runs: int = 7) -> dict[str, Any]:
    home = fresh_engine().settings.home
    env = {**os.environ, "GUIDEWISE_HOME": str(home)}
    q = "What is the best treatment for back pain spasms?"
    first, _ = child_wall_and_rss([str(GUIDEWISE), "ask", q], env)  # builds the library cache and database
    cli = [child_wall_and_rss([str(GUIDEWISE), "ask", q], env) for _ in range(runs)]
    base = [child_wall_and_rss([sys.executable, "-c", "pass"], env) for _ in range(runs)]
    out: dict[str, Any] = {"runs": runs, "first_run_s": first, "cold_p50_s": percentile([w for w, _ in cli], 50),
                           "cold_max_s": max(w for w, _ in cli), "peak_rss_mb": max(r for _, r in cli),
                           "baseline_p50_s": percentile([w for w, _ in base], 50),
                           "baseline_rss_mb": max(r for _, r in base)}
    out["ratio"] = out["cold_p50_s"] / out["baseline_p50_s"]
    print(f"guidewise ask cold: first run {first:.2f} s, then p50 {out['cold_p50_s']:.3f} s "
          f"(max {out['cold_max_s']:.3f} s, peak RSS {out['peak_rss_mb']:.0f} MB); python -c pass p50 "
          f"{out['baseline_p50_s']:.3f} s (ratio {out['ratio']:.1f}x)")
    return out


if __name__ == "__main__":
    result = {"warm_library": warm_library(), "cold_cli": cold_cli()}
    (out_dir() / "latency.json").write_text(json.dumps(result, indent=1))
