"""Crash and fault tolerance: kill -9 mid-ingest, mid-index-write and mid-transition; full disk; locks; corruption.

Every scenario runs the real CLI in a subprocess against the test's own GUIDEWISE_HOME (and, on the
PostgreSQL pass, its own database), then checks: a clear error, a consistent store, `guidewise doctor`
repairs the index from the store, and a rerun completes with no duplicates.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from guidewise.engine import Engine
from guidewise.settings import Settings
from guidewise.store.models import Document, Passage

GUIDEWISE = str(Path(sys.executable).parent / "guidewise")
ON_SQLITE = not os.environ.get("GUIDEWISE_TEST_PG_ADMIN_URL")


def write_medline(path: Path, n: int, start: int = 70_000_000) -> Path:
    """n small, valid, obviously synthetic PubmedArticle records."""
    conditions = ["gout", "asthma", "migraine", "heart failure", "insomnia", "psoriasis", "anemia", "COPD"]
    with path.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n')
        for i in range(n):
            c = conditions[i % len(conditions)]
            fh.write(
                f'<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">{start + i}</PMID><Article>'
                f"<Journal><JournalIssue><PubDate><Year>{2000 + i % 25}</Year></PubDate></JournalIssue>"
                f"<Title>Synthetic Journal</Title></Journal><ArticleTitle>Synthetic record {i} on {c}</ArticleTitle>"
                f'<Abstract><AbstractText Label="BACKGROUND">Synthetic background sentence about {c} number {i}.'
                f'</AbstractText><AbstractText Label="CONCLUSIONS">In this synthetic record, {c} outcome {i} '
                f"improved with treatment {i % 13}.</AbstractText></Abstract><PublicationTypeList><PublicationType>"
                f"Randomized Controlled Trial</PublicationType></PublicationTypeList></Article></MedlineCitation>"
                f"</PubmedArticle>\n")
        fh.write("</PubmedArticleSet>\n")
    return path


def cli(*args: str, timeout: float = 300, **kw: object) -> subprocess.CompletedProcess[str]:
    """Run the CLI; stderr comes back with rich's line wrapping undone."""
    out = subprocess.run([GUIDEWISE, *args], capture_output=True, text=True, timeout=timeout, **kw)  # type: ignore[call-overload]
    out.stderr = " ".join(out.stderr.split())
    return out  # type: ignore[no-any-return]


def counts() -> tuple[int, int, int, int]:
    """(documents, distinct PMIDs, passages, indexed passages) as a fresh process would see them."""
    engine = Engine(Settings())
    with engine.store.session() as s:
        docs = s.scalar(select(func.count(Document.id))) or 0
        pmids = s.scalar(select(func.count(func.distinct(Document.pmid)))) or 0
        passages = s.scalar(select(func.count(Passage.id))) or 0
    indexed = engine.index.count()
    engine.store.engine.dispose()
    return docs, pmids, passages, indexed


def assert_healthy_after_doctor(n: int) -> None:
    doctor = cli("doctor")
    assert doctor.returncode == 0, doctor.stderr
    check = cli("doctor", "--no-repair")
    assert check.returncode == 0 and "index: ok" in check.stderr, check.stderr
    docs, pmids, passages, indexed = counts()
    assert docs == pmids == n, (docs, pmids, n)
    assert indexed == passages > 0


def wait_for(predicate: object, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("condition not reached in time")


def _documents_so_far() -> int:
    try:
        return counts()[0]
    except Exception:
        return 0


def test_kill_9_during_ingest_then_rerun_completes_without_duplicates(tmp_path: Path) -> None:
    n = 6000
    data = write_medline(tmp_path / "big.xml", n)
    proc = subprocess.Popen([GUIDEWISE, "ingest", "--quiet", str(data)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: _documents_so_far() > 0 or proc.poll() is not None)
        assert proc.poll() is None, "ingest finished before it could be killed; make the input bigger"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    docs, pmids, _, _ = counts()
    assert 0 < docs < n and docs == pmids  # part of the file, and no duplicates
    rerun = cli("ingest", "--quiet", str(data))
    assert rerun.returncode == 0, rerun.stderr
    assert_healthy_after_doctor(n)
    again = cli("ingest", "--quiet", str(data))  # idempotent: nothing new
    assert again.returncode == 0 and "0 documents added" in again.stderr, again.stderr
    assert counts()[0] == n


CHILD_KILLED_IN_INDEX_WRITE = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from guidewise.retrieve import lexical

    marker, original = Path(sys.argv[1]), lexical.LexicalIndex.write
    calls = 0

    def write(self, add, delete_docs=()):
        global calls
        calls += 1
        def passages():
            yield from add
            if calls == 3:  # all passages handed to tantivy, commit not yet done: freeze here
                marker.touch()
                time.sleep(120)
        return original(self, passages(), delete_docs)

    lexical.LexicalIndex.write = write
    sys.argv = ["guidewise", "ingest", "--quiet", sys.argv[2]]
    from guidewise.cli.main import main
    main()
""")


def kill_9_at_marker(script: str, marker: Path, *args: str) -> None:
    """Run `script` in a child process and SIGKILL it as soon as it creates `marker`."""
    proc = subprocess.Popen([sys.executable, "-c", script, str(marker), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: marker.exists() or proc.poll() is not None, timeout=120)
        assert marker.exists(), proc.stderr.read().decode() if proc.stderr else ""
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)


def test_kill_9_during_index_write_leaves_store_consistent_and_doctor_repairs(tmp_path: Path) -> None:
    n = 2000
    data = write_medline(tmp_path / "medline.xml", n)
    marker = tmp_path / "in-index-write"
    kill_9_at_marker(CHILD_KILLED_IN_INDEX_WRITE, marker, str(data))
    docs, pmids, passages, indexed = counts()
    assert docs == pmids and 0 < indexed < passages  # the third batch is stored but not indexed
    check = cli("doctor", "--no-repair")
    assert check.returncode == 1 and "out of step" in check.stderr, check.stderr
    assert_healthy_after_doctor(docs)
    rerun = cli("ingest", "--quiet", str(data))
    assert rerun.returncode == 0, rerun.stderr
    assert_healthy_after_doctor(n)


def _limit_file_size(limit: int) -> object:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_full_disk_gives_clear_error_and_doctor_recovers(tmp_path: Path) -> None:
    n = 3000
    data = write_medline(tmp_path / "medline.xml", n)
    assert cli("doctor").returncode == 0  # create the database before the limit applies
    limit = 1_500_000 if ON_SQLITE else 8_000  # on PostgreSQL only the local index files are limited
    full = cli("ingest", "--quiet", str(data), preexec_fn=_limit_file_size(limit))
    assert full.returncode != 0
    assert "Traceback" not in full.stderr and "error:" in full.stderr, full.stderr
    assert "disk" in full.stderr and "guidewise doctor" in full.stderr, full.stderr
    if ON_SQLITE:  # on PostgreSQL the limit binds only the local index files
        home = Path(os.environ["GUIDEWISE_HOME"])
        assert sqlite3.connect(home / "guidewise.db").execute("PRAGMA integrity_check").fetchone() == ("ok",)
    docs, pmids, _, _ = counts()
    assert docs == pmids < n
    rerun = cli("ingest", "--quiet", str(data))
    assert rerun.returncode == 0, rerun.stderr
    assert_healthy_after_doctor(n)


def test_locked_sqlite_database_gives_clear_error_and_loses_nothing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "GUIDEWISE_DATABASE_URL"}  # this is SQLite's file lock
    data = write_medline(tmp_path / "medline.xml", 50)
    assert cli("ingest", "--quiet", str(data), env=env).returncode == 0
    db = Path(env["GUIDEWISE_HOME"]) / "guidewise.db"
    holder = sqlite3.connect(db, timeout=1, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        more = write_medline(tmp_path / "more.xml", 50, start=71_000_000)
        locked = cli("ingest", "--quiet", str(more), env=env, timeout=60)
        assert locked.returncode != 0
        assert "locked" in locked.stderr and "Traceback" not in locked.stderr, locked.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    again = cli("ingest", "--quiet", str(more), env=env)
    assert again.returncode == 0, again.stderr
    assert cli("doctor", "--no-repair", env=env).returncode == 0


def _without_thread(answer_json: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(answer_json)
    data.pop("thread_id", None)
    return data


def _damage_index(damage: str) -> None:
    index = Path(os.environ["GUIDEWISE_HOME"]) / "index" / "passages"
    segments = [p for p in index.iterdir() if p.suffix in {".idx", ".term", ".store", ".pos", ".fast", ".fieldnorm"}]
    assert segments
    if damage == "meta":
        (index / "meta.json").write_text("{ not json")
    for p in segments:
        if damage == "truncate":
            p.write_bytes(p.read_bytes()[:50])
        elif damage == "delete" and p.suffix == ".store":
            p.unlink()


def test_corrupt_index_gives_clear_error_and_doctor_rebuilds_it(tmp_path: Path) -> None:
    data = write_medline(tmp_path / "medline.xml", 300)
    assert cli("ingest", "--quiet", str(data)).returncode == 0
    question = "synthetic record outcome improved with treatment"
    before = cli("ask", "--format", "json", question)
    assert before.returncode == 0 and '"source": "literature"' in before.stdout, before.stdout[:500]
    for damage in ("meta", "truncate", "delete"):
        _damage_index(damage)
        broken = cli("ask", "--format", "json", question)
        assert broken.returncode == 1 and "guidewise doctor" in broken.stderr, (damage, broken.stderr)
        assert "Traceback" not in broken.stderr
        check = cli("doctor", "--no-repair")
        assert check.returncode == 1 and "unreadable" in check.stderr, (damage, check.stderr)
        assert_healthy_after_doctor(300)
        after = cli("ask", "--format", "json", question)
        assert after.returncode == 0
        assert _without_thread(after.stdout) == _without_thread(before.stdout)  # the same answer as before


CHILD_KILLED_IN_TRANSITION = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from guidewise.editorial import audit, workflow as wf
    from guidewise.engine import Engine

    marker, slug, freeze_at = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    original, calls = audit.record, 0

    def record(session, *args, **kw):
        global calls
        calls += 1
        entry = original(session, *args, **kw)
        if calls == freeze_at:  # status changed and audit row written, transaction not committed: freeze
            marker.touch()
            time.sleep(120)
        return entry

    audit.record = record
    engine = Engine()
    cycle = [("start_review", "load-reviewer"), ("approve", "load-reviewer"), ("retire", "load-editor"),
             ("submit", "load-editor")]
    for i in range(100):
        action, actor = cycle[i % len(cycle)]
        wf.transition(engine.store, slug, action, actor)
""")


def test_kill_9_during_article_transition_keeps_workflow_and_audit_consistent(tmp_path: Path) -> None:
    from guidewise.editorial import articles as ea
    from guidewise.editorial import users
    from guidewise.editorial import workflow as wf
    from guidewise.editorial.audit import entry_count, verify_audit

    engine = Engine(Settings())
    users.create_user(engine.store, "load-editor", "editor")
    users.create_user(engine.store, "load-reviewer", "reviewer", display_name="Test Reviewer", credentials="MD",
                      specialty="Testing")
    slug = ea.create_article(engine, "What is the best treatment for back pain spasms?", "load-editor").slug
    before = entry_count(engine.store)
    engine.store.engine.dispose()
    marker = tmp_path / "in-transition"
    freeze_at = 6  # the 6th transition: after start_review, approve, retire, submit, start_review
    kill_9_at_marker(CHILD_KILLED_IN_TRANSITION, marker, slug, str(freeze_at))
    engine = Engine(Settings())
    info = ea.get_article(engine.store, slug)
    assert info.status == "under_review"  # the 5th transition committed; the 6th (approve) left no trace
    assert entry_count(engine.store) == before + freeze_at - 1
    assert verify_audit(engine.store) == []  # the hash chain is whole
    assert [r.decision for r in ea.reviews(engine.store, slug)].count("approve") == 1
    assert wf.transition(engine.store, slug, "approve", "load-reviewer").status == "approved"  # carries on
    assert verify_audit(engine.store) == []
    doctor = cli("doctor", "--no-repair")
    assert doctor.returncode == 0, doctor.stderr


class HashingEmbedder:
    """A small deterministic stand-in for MiniLM (the optional 1.4 GB extra): hashed bag of words, unit length.
    The vector store and its repair are what this test checks; `make bench` runs the real model."""

    dim = 64

    def embed(self, texts: list[str]) -> Any:
        import zlib

        import numpy as np

        out = np.zeros((len(texts), 64), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, zlib.crc32(word.encode()) % 64] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)


def test_doctor_checks_and_repairs_dense_vectors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    import guidewise.retrieve.dense as dense_mod

    monkeypatch.setattr(dense_mod, "MiniLMEmbedder", HashingEmbedder)

    from guidewise.doctor import run_doctor

    engine = Engine(Settings(retrieval={"dense": True}))  # type: ignore[arg-type]
    engine.ingest([write_medline(tmp_path / "medline.xml", 12)])
    assert engine.dense is not None and len(engine.dense) == counts()[2]
    ok, lines = run_doctor(engine, repair=False)
    assert ok and any(line.startswith("dense vectors: ok") for line in lines), lines
    vectors = engine.settings.index_dir / "dense"
    keep = np.load(vectors / "ids.npy")[3:]  # lose three passages' vectors, as a crash between writes would
    for name in ("vectors", "ids", "docs"):
        np.save(vectors / f"{name}.npy", np.load(vectors / f"{name}.npy")[3:])
    fresh = Engine(Settings(retrieval={"dense": True}))  # type: ignore[arg-type]
    ok, lines = run_doctor(fresh, repair=False)
    assert not ok and any("out of step" in line for line in lines), lines
    ok, lines = run_doctor(fresh, repair=True)
    assert ok, lines
    again = Engine(Settings(retrieval={"dense": True}))  # type: ignore[arg-type]
    assert run_doctor(again, repair=False)[0]
    assert len(again.dense or []) == counts()[2] and len(keep) == counts()[2] - 3
