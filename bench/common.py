"""Shared helpers for benchmarks: a fresh engine, YAML sets, and timing."""

from __future__ import annotations

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
