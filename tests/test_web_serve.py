"""`guidewise serve --workers 2` in a subprocess: the app factory works per worker, limits are shared."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import fresh_database_url
from web_fixtures import QUESTION


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def post(url: str, body: dict[str, str]) -> tuple[int, dict[str, str], dict[str, object]]:
    req = urllib.request.Request(url, json.dumps(body).encode(), {"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, json.loads(e.read())


def test_serve_with_two_workers_shares_rate_limits(tmp_path: Path) -> None:
    env = dict(os.environ, GUIDEWISE_HOME=str(tmp_path / "home"), GUIDEWISE_SERVER__ASK_RATE_PER_MINUTE="4")
    url = fresh_database_url()
    env.pop("GUIDEWISE_DATABASE_URL", None)
    if url:
        env["GUIDEWISE_DATABASE_URL"] = url
    port = free_port()
    log = tmp_path / "serve.log"
    cmd = [str(Path(sys.executable).parent / "guidewise"), "serve", "--host", "127.0.0.1", "--port", str(port),
           "--workers", "2"]
    with log.open("wb") as fh:
        proc = subprocess.Popen(cmd, env=env, stdout=fh, stderr=fh)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/api/v1/topics", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("serve did not start: " + log.read_text(errors="replace"))
                time.sleep(0.2)
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
    finally:
        proc.terminate()
        proc.wait(15)
    text = log.read_text(errors="replace")
    assert "2 workers" in text and "muscle spasm" not in text.lower()
