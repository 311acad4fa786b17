"""Load test: a bounded async driver (httpx) against `guidewise serve` on 127.0.0.1.

Each simulated client loops until the deadline over a mix of: questions (POST /api/v1/ask), follow-ups in the
thread it got back, article and topic reads, and editorial writes (create an article, then walk it through
review: start review, approve, regenerate, retire, resubmit, start review, request changes). Any transport error,
5xx, or status other than the expected one counts as an error. Requests stay on loopback; the server is
started and stopped here.

`python -m bench.load [--seconds 20] [--clients 50]` runs SQLite with 1 worker and, when PostgreSQL 15 is
installed, a throwaway PostgreSQL cluster with 4 workers; it prints the figures for RESULTS.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx

from bench.common import percentile

GUIDEWISE = str(Path(sys.executable).parent / "guidewise")
QUESTIONS = ["What is the best treatment for back pain spasms?", "how long should I take cyclobenzaprine?",
             "first-line treatment for acute low back pain", "my 80 year old dad has gout in his toe",
             "ibuprofen dose for back pain", "what helps a muscle spasm in the lower back",
             "Does metformin reduce mortality?", "is heat better than ice for back pain?"]
FOLLOW_UPS = ["and in pregnancy?", "what if she has kidney disease?", "how long should it last?",
              "and for a 75 year old?", "what are the side effects?"]
ARTICLE_QUESTION = "What is the best treatment for back pain spasms?"
WORKFLOW = ["start_review", "approve", "regenerate", "retire", "submit", "start_review", "request_changes"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare_staff(env: dict[str, str]) -> dict[str, str]:
    """Create an editor and a reviewer in the server's database; returns their API tokens."""
    code = ("import json; from guidewise.engine import Engine; from guidewise.editorial import users, tokens; "
            "e = Engine(); out = {}\n"
            "for name, role in (('load-editor', 'editor'), ('load-reviewer', 'reviewer')):\n"
            "    users.create_user(e.store, name, role, display_name='Load Test ' + role.title(), "
            "credentials='MD', specialty='Testing')\n"
            "    out[role] = tokens.create_token(e.store, name, 'load test')[0]\n"
            "print(json.dumps(out))")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


@contextlib.contextmanager
def serve(env: dict[str, str], workers: int,
          port: int | None = None) -> Iterator[tuple[str, subprocess.Popen[bytes], IO[bytes]]]:
    """Start `guidewise serve` on a free loopback port and stop it (and its workers) afterwards."""
    port = port or free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in the finally below)
    proc = subprocess.Popen([GUIDEWISE, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers",
                             str(workers), "--log-level", "warning"], env=env, stdout=log, stderr=log,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"guidewise serve exited {proc.returncode}: {log.read().decode()[-2000:]}")
            try:
                if httpx.get(f"{base}/api/v1/topics", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("guidewise serve did not come up in 90 s")
            time.sleep(0.2)
        yield base, proc, log
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()


def tree_rss_mb(pid: int) -> float:
    """Current resident memory of a process and its descendants (the server and its workers), in MB."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return total / 1024


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, kind: str, ms: float) -> None:
        self.times.setdefault(kind, []).append(ms)


class Client:
    """One simulated user: keeps its thread and its articles between requests."""

    def __init__(self, n: int, http: httpx.AsyncClient, tokens: dict[str, str], tally: Tally, writes: bool):
        self.n, self.http, self.tally, self.writes = n, http, tally, writes
        self.rng = random.Random(n)
        self.editor = {"Authorization": f"Bearer {tokens['editor']}"} if tokens else {}
        self.reviewer = {"Authorization": f"Bearer {tokens['reviewer']}"} if tokens else {}
        self.thread: str | None = None
        self.articles: dict[str, int] = {}  # slug -> next workflow step

    async def call(self, kind: str, method: str, url: str, expect: int = 200, **kw: Any) -> Any:
        t = time.perf_counter()
        try:
            r = await self.http.request(method, url, **kw)
        except httpx.HTTPError as e:
            self.tally.errors.append(f"{kind}: {type(e).__name__}: {e}")
            return None
        self.tally.add(kind, (time.perf_counter() - t) * 1000)
        if r.status_code != expect:
            self.tally.errors.append(f"{kind}: HTTP {r.status_code}: {r.text[:200]}")
            return None
        return r.json()

    async def step(self) -> None:
        roll = self.rng.random()
        if roll < 0.35 or (roll < 0.55 and self.thread is None):
            data = await self.call("ask", "POST", "/api/v1/ask",
                                   json={"question": self.rng.choice(QUESTIONS),
                                         "audience": self.rng.choice(["clinician", "patient"])})
            if data:
                self.thread = data.get("thread_id")
        elif roll < 0.55:
            await self.call("follow_up", "POST", f"/api/v1/threads/{self.thread}/ask",
                            json={"question": self.rng.choice(FOLLOW_UPS)})
        elif roll < 0.70:
            await self.call("read_list", "GET", "/api/v1/articles", params={"per_page": 20})
        elif roll < 0.80 and self.articles:
            await self.call("read_article", "GET", f"/api/v1/articles/{self.rng.choice(list(self.articles))}")
        elif roll < 0.88 or not self.writes:
            await self.call("read_topic", "GET", "/api/v1/topics")
        else:
            await self.write()

    async def write(self) -> None:
        active = [s for s, i in self.articles.items() if i < len(WORKFLOW)]
        if not active:
            data = await self.call("create_article", "POST", "/api/v1/articles", expect=201, headers=self.editor,
                                   json={"question": ARTICLE_QUESTION,
                                         "slug": f"load-{self.n}-{len(self.articles)}-{self.rng.randrange(10**6)}"})
            if data:
                self.articles[data["slug"]] = 0
            return
        slug = active[0]
        action = WORKFLOW[self.articles[slug]]
        if action == "regenerate":
            ok = await self.call("revise", "POST", f"/api/v1/articles/{slug}/revisions", headers=self.editor,
                                 json={"note": "load test"})
        else:
            who = self.editor if action in ("submit", "retire") else self.reviewer
            body: dict[str, Any] = {"action": action}
            if action == "request_changes":
                body["comment"] = "load test: please regenerate"
            ok = await self.call("transition", "POST", f"/api/v1/articles/{slug}/transitions", headers=who, json=body)
        if ok is not None:
            self.articles[slug] += 1

    async def run(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            await self.step()


def limits(clients: int) -> httpx.Limits:
    """Idle connections are dropped before uvicorn's 5 s keep-alive timeout, so a request never races the
    server closing the connection it is sent on (a client-side artefact, not a server error)."""
    return httpx.Limits(max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=2.0)


async def drive(base: str, clients: int, seconds: float, tokens: dict[str, str], writes: bool = True) -> Tally:
    tally = Tally()
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits(clients)) as http:
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(Client(i, http, tokens, tally, writes).run(deadline) for i in range(clients)))
    return tally


async def drive_baseline(base: str, clients: int, seconds: float) -> int:
    """Same driver, a cheap read only (GET /api/v1/topics): what the server and driver manage at most."""
    done = 0
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits(clients)) as http:
        deadline = time.monotonic() + seconds

        async def loop() -> None:
            nonlocal done
            while time.monotonic() < deadline:
                r = await http.get("/api/v1/topics")
                done += r.status_code == 200

        await asyncio.gather(*(loop() for _ in range(clients)))
    return done


def load_test(env: dict[str, str], workers: int, clients: int, seconds: float, baseline_s: float = 0) -> dict[str, Any]:
    """Prepare staff, start the server, drive it, and summarise. `env` holds GUIDEWISE_HOME (and database URL)."""
    env = {**env, "GUIDEWISE_SERVER__ASK_RATE_PER_MINUTE": str(10**9)}  # one client IP: the limiter would refuse
    tokens = prepare_staff(env)
    with serve(env, workers) as (base, proc, log):
        t = time.perf_counter()
        tally = asyncio.run(drive(base, clients, seconds, tokens))
        wall = time.perf_counter() - t
        rss = tree_rss_mb(proc.pid)
        base_done = asyncio.run(drive_baseline(base, clients, baseline_s)) if baseline_s else 0
        log.seek(0)
        server_log = log.read().decode(errors="replace").splitlines()[-20:] if tally.errors else []
    every = [ms for v in tally.times.values() for ms in v]
    out: dict[str, Any] = {
        "workers": workers, "clients": clients, "seconds": wall, "requests": len(every) + len(tally.errors),
        "errors": len(tally.errors), "error_samples": sorted(set(tally.errors))[:5],
        "throughput_rps": len(every) / wall, "p50_ms": percentile(every, 50), "p95_ms": percentile(every, 95),
        "p99_ms": percentile(every, 99), "server_rss_mb": rss,
        "by_kind": {k: {"n": len(v), "p50_ms": percentile(v, 50), "p95_ms": percentile(v, 95)}
                    for k, v in sorted(tally.times.items())}}
    out["server_peak_rss_mb"] = rss
    out["server_log_tail"] = server_log
    if baseline_s:
        out["baseline_rps"] = base_done / baseline_s
    return out


@contextlib.contextmanager
def postgres_cluster() -> Iterator[str | None]:
    """A throwaway PostgreSQL 15 cluster on loopback (None when PostgreSQL is not installed)."""
    pg_bin = Path("/usr/lib/postgresql/15/bin")
    if not (pg_bin / "initdb").exists():
        yield None
        return
    d = Path(tempfile.mkdtemp(prefix="guidewise-loadpg-"))
    port = free_port()
    root = os.getuid() == 0
    if root:
        shutil.chown(d, "postgres")

    def as_pg(cmd: str) -> None:
        subprocess.run(["su", "postgres", "-s", "/bin/bash", "-c", cmd] if root else ["bash", "-c", cmd],
                       check=True, capture_output=True)

    as_pg(f"{pg_bin}/initdb -D {d}/data -U postgres -A trust -E UTF8")
    as_pg(f"{pg_bin}/pg_ctl -D {d}/data -o '-p {port} -k {d} -c listen_addresses=127.0.0.1 -c fsync=off "
          f"-c max_connections=200' -l {d}/log -w start")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            as_pg(f"{pg_bin}/pg_ctl -D {d}/data -m immediate stop")
        shutil.rmtree(d, ignore_errors=True)


def report(name: str, r: dict[str, Any]) -> None:
    print(f"load {name}: {r['workers']} worker(s), {r['clients']} clients, {r['seconds']:.0f} s: {r['requests']} "
          f"requests, {r['throughput_rps']:.0f} req/s, p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms, "
          f"p99 {r['p99_ms']:.0f} ms, errors {r['errors']}; baseline GET /api/v1/topics "
          f"{r.get('baseline_rps', 0):.0f} req/s; server RSS {r['server_rss_mb']:.0f} MB")
    for kind, k in r["by_kind"].items():
        print(f"    {kind:15s} n={k['n']:5d} p50 {k['p50_ms']:.0f} ms p95 {k['p95_ms']:.0f} ms")
    for e in r["error_samples"]:
        print(f"    error: {e}")
    for line in r.get("server_log_tail", []):
        print(f"    server log: {line}")


def main(argv: list[str]) -> dict[str, Any]:
    seconds = float(argv[argv.index("--seconds") + 1]) if "--seconds" in argv else 60.0
    clients = int(argv[argv.index("--clients") + 1]) if "--clients" in argv else 50
    results: dict[str, Any] = {}
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("GUIDEWISE_")}
    with tempfile.TemporaryDirectory(prefix="guidewise-load-") as home:
        results["sqlite"] = load_test({**base_env, "GUIDEWISE_HOME": home}, 1, clients, seconds, baseline_s=5)
        report("sqlite", results["sqlite"])
    with postgres_cluster() as url, tempfile.TemporaryDirectory(prefix="guidewise-load-") as home:
        if url is None:
            print("load postgresql: skipped (PostgreSQL 15 is not installed)")
        else:
            env = {**base_env, "GUIDEWISE_HOME": home, "GUIDEWISE_DATABASE_URL": url}
            subprocess.run([GUIDEWISE, "db", "upgrade"], env=env, capture_output=True, check=False)
            results["postgresql"] = load_test(env, 4, clients, seconds, baseline_s=5)
            report("postgresql", results["postgresql"])
    return results


if __name__ == "__main__":
    res = main(sys.argv[1:])
    from bench.common import out_dir

    (out_dir() / "load.json").write_text(json.dumps(res, indent=1))
