"""Shared helpers for benchmarks: a fresh engine, YAML sets, and timing."""

from __future__ import annotations

import contextlib
import os
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from guidewise.engine import Engine
from guidewise.settings import Settings

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SHARED_DATA = Path(os.environ.get("GUIDEWISE_SHARED_DATA", REPO.parent / "shared" / "data"))


def fresh_engine(**settings: Any) -> Engine:
    home = Path(tempfile.mkdtemp(prefix="guidewise-bench-"))
    return Engine(Settings(home=home, **settings))


def load_items(name: str) -> list[dict[str, Any]]:
    return list(yaml.safe_load((BENCH / "data" / name).read_text())["items"])


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t = time.perf_counter()
    out = fn()
    return out, (time.perf_counter() - t) * 1000


def machine() -> str:
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def reset_peak_rss() -> None:
    """Reset this process's peak RSS (Linux: /proc/self/clear_refs), so the next figure is one phase's."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_rss_mb() -> float:
    """Peak resident set size of this process since start (or the last reset), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_wall_and_rss(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run a command; return (wall seconds, the child's own peak RSS in MB). Raises on failure."""
    import subprocess

    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} exited {proc.returncode}: {err[-500:]}")
    return wall, usage.ru_maxrss / 1024


def out_dir() -> Path:
    d = BENCH / "out"
    d.mkdir(exist_ok=True)
    return d
