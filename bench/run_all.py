"""`make bench`: run every benchmark in its own process, then write bench/RESULTS.md.

Each benchmark writes bench/out/<name>.json; a failing or missing one is reported in RESULTS.md with the
reason, and the others still run. Every figure sits next to a baseline measured in the same run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import BENCH, REPO, out_dir
from bench.report import write_results

STEPS: list[tuple[str, list[str], int]] = [
    ("latency", ["-m", "bench.latency"], 300),
    ("literature_latency", ["-m", "bench.literature_latency"], 600),
    ("ingest_speed", ["-m", "bench.ingest_speed"], 300),
    ("scifact", ["-m", "bench.scifact"], 600),
    ("bioasq", ["-m", "bench.bioasq"], 300),
    ("routing", ["-c", "import json; from bench.routing_eval import evaluate; from bench.common import out_dir; "
                       "(out_dir() / 'routing.json').write_text(json.dumps(evaluate()))"], 300),
    ("safety", ["-c", "import json; from bench.safety_eval import evaluate; from bench.common import out_dir; "
                      "(out_dir() / 'safety.json').write_text(json.dumps(evaluate()))"], 300),
    ("triage", ["-m", "bench.triage_eval"], 300),
    ("triage_cv", ["-m", "bench.triage_cv"], 900),
    ("real_questions", ["-m", "bench.real_questions", "--out", "bench/out/real_questions.json"], 300),
    ("literature_first", ["-m", "bench.literature_first"], 600),
    ("peds_dose", ["-m", "bench.peds_dose_eval", "--json"], 300),
    ("load", ["-m", "bench.load", "--seconds", "20", "--clients", "50"], 300),
]


def run_step(name: str, args: list[str], timeout: int) -> dict[str, Any]:
    """Run one benchmark; returns wall time, exit status and the tail of its output."""
    result = out_dir() / f"{name}.json"
    result.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    t = time.perf_counter()
    print(f"== {name}", flush=True)
    try:
        proc = subprocess.run([sys.executable, *args], cwd=REPO, env=env, timeout=timeout,
                              capture_output=True, text=True)
        status, output = proc.returncode, proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as e:
        partial = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        status, output = -1, f"timed out after {timeout} s\n{partial}"
    wall = time.perf_counter() - t
    lines = [ln for ln in str(output).splitlines() if ln.strip() and "Loading weights" not in ln]
    print("\n".join(lines[-12:]), flush=True)
    (out_dir() / f"{name}.log").write_text(str(output))
    return {"status": status, "wall_s": wall, "tail": lines[-6:], "ok": status == 0 and result.exists()}


def main() -> None:
    only = set(sys.argv[1:])
    t0 = time.perf_counter()
    steps: dict[str, dict[str, Any]] = {}
    for name, args, timeout in STEPS:
        if only and name not in only:
            continue
        steps[name] = run_step(name, args, timeout)
    total = time.perf_counter() - t0
    # A partial run (`python -m bench.run_all load`) keeps the other steps' latest figures.
    saved = out_dir() / "steps.json"
    previous = json.loads(saved.read_text()) if saved.exists() and only else {}
    steps = {name: steps.get(name) or previous[name] for name, _, _ in STEPS if name in steps or name in previous}
    saved.write_text(json.dumps(steps, indent=1))
    total = sum(st["wall_s"] for st in steps.values())
    results: dict[str, Any] = {}
    for name in steps:
        f = out_dir() / f"{name}.json"
        if f.exists():
            results[name] = json.loads(f.read_text())
    path: Path = BENCH / "RESULTS.md"
    write_results(path, results, steps, total)
    print(f"wrote {path.relative_to(REPO)} ({total:.0f} s in all)")


if __name__ == "__main__":
    main()
