"""`guidewise serve --workers 2` in a subprocess: the app factory works per worker, limits are shared."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import fresh_database_url
from web_fixtures import QUESTION, running_server


def post(url: str, body: dict[str, str]) -> tuple[int, dict[str, str], dict[str, object]]:
    req = urllib.request.Request(url, json.dumps(body).encode(), {"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, json.loads(e.read())


def test_serve_with_two_workers_shares_rate_limits(tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    with running_server(tmp_path / "home", log, "--workers", "2", database_url=fresh_database_url(),
                        probe="/api/v1/topics", env={"GUIDEWISE_SERVER__ASK_RATE_PER_MINUTE": "4"}) as base:
        if time.time() % 60 > 50:
            time.sleep(61 - time.time() % 60)
        codes = []
        for _ in range(6):  # new connections each time: both workers get requests
            status, headers, data = post(base + "/api/v1/ask", {"question": QUESTION})
            codes.append(status)
            if status == 200:
                assert data["topic"] and data["thread_id"]
            else:
                assert status == 429 and int(headers["retry-after"]) >= 1 and "per minute" in str(data["detail"])
        assert codes == [200, 200, 200, 200, 429, 429]
    text = log.read_text(errors="replace")
    assert "2 workers" in text and "muscle spasm" not in text.lower()
