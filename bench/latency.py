"""Latency: warm Engine.ask on library questions, cold `guidewise ask`, each against a same-run baseline."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import yaml

from bench.common import REPO, fresh_engine, percentile

GUIDEWISE = Path(sys.executable).parent / "guidewise"


def library_questions() -> list[str]:
    qs = [q["q"] for p in sorted((REPO / "tests" / "data" / "routing").glob("*.yaml"))
          for q in yaml.safe_load(p.read_text())["questions"]]
    untuned = REPO / "bench" / "data" / "routing_untuned.yaml"
    if untuned.exists():
        qs += [i["q"] for i in yaml.safe_load(untuned.read_text())["items"]]
    return qs


def warm_library(repeats: int = 3) -> dict[str, float]:
    engine = fresh_engine()
    questions = library_questions()
    for q in questions[:20]:
        engine.ask(q, record=False)  # warm caches
    times: list[float] = []
    tracemalloc.start()
    for _ in range(repeats):
        for q in questions:
            t = time.perf_counter()
            engine.ask(q, record=False)
            times.append((time.perf_counter() - t) * 1000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out = {"n": len(times), "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95),
           "p99_ms": percentile(times, 99), "peak_traced_mb": peak / 1e6}
    print(f"Engine.ask warm (library, {len(questions)} questions x{repeats}): p50 {out['p50_ms']:.2f} ms, "
          f"p95 {out['p95_ms']:.2f} ms, p99 {out['p99_ms']:.2f} ms, peak traced {out['peak_traced_mb']:.1f} MB")
    return out


def _wall(cmd: list[str], env: dict[str, str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        out.append(time.perf_counter() - t)
    return out


def cold_cli(runs: int = 7) -> dict[str, float]:
    home = fresh_engine().settings.home
    env = {**os.environ, "GUIDEWISE_HOME": str(home)}
    q = "What is the best treatment for back pain spasms?"
    first = _wall([str(GUIDEWISE), "ask", q], env, 1)[0]  # builds the library cache and database
    cli = _wall([str(GUIDEWISE), "ask", q], env, runs)
    base = _wall([sys.executable, "-c", "pass"], env, runs)
    out = {"first_run_s": first, "cold_p50_s": percentile(cli, 50), "baseline_p50_s": percentile(base, 50)}
    out["ratio"] = out["cold_p50_s"] / out["baseline_p50_s"]
    print(f"guidewise ask cold: first run {first:.2f} s, then p50 {out['cold_p50_s']:.3f} s; "
          f"python -c pass p50 {out['baseline_p50_s']:.3f} s (ratio {out['ratio']:.1f}x)")
    return out


if __name__ == "__main__":
    warm_library()
    cold_cli()
