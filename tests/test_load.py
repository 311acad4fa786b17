"""Load: `guidewise serve` on 127.0.0.1 under concurrent clients (ask, follow-up, article reads and writes).

SQLite runs one worker; on the PostgreSQL pass (GUIDEWISE_DATABASE_URL set by conftest) four workers.
The CI version is short; the full one (50 clients for 60 s) is marked slow. bench/load.py holds the driver.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the bench package beside src/

from bench.load import load_test

WORKERS = 4 if os.environ.get("GUIDEWISE_DATABASE_URL", "").startswith("postgresql") else 1


def check(result: dict[str, object], min_requests: int) -> None:
    assert result["errors"] == 0, (result["error_samples"], result["server_log_tail"])
    assert isinstance(result["requests"], int) and result["requests"] >= min_requests, result
    kinds = result["by_kind"]
    assert isinstance(kinds, dict)
    for kind in ("ask", "follow_up", "read_list", "read_topic", "create_article", "transition"):
        assert kinds.get(kind, {}).get("n", 0) > 0, (kind, kinds)


def test_load_short_zero_errors() -> None:
    result = load_test(dict(os.environ), WORKERS, clients=8, seconds=10)
    check(result, min_requests=40)


@pytest.mark.slow
def test_load_50_clients_60_seconds_zero_errors() -> None:
    result = load_test(dict(os.environ), WORKERS, clients=50, seconds=60, baseline_s=5)
    check(result, min_requests=500)
