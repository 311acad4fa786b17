"""`guidewise ingest` end to end: summary, idempotence, sources, and a SIGKILL mid-run followed by a rerun."""

from __future__ import annotations

import gzip
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from conftest import SHARED_DATA, make_engine
from guidewise.ingest.detect import iter_inputs, read_any
from guidewise.ingest.model import Document as Doc
from guidewise.settings import Settings
from guidewise.store.models import Document, Passage, Source

BIN = Path(sys.executable).parent / "guidewise"
PUBMED = SHARED_DATA / "pubmed-xml"


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "150"}
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, env=env, timeout=timeout)


def expected_keys(paths: list[Path]) -> set[str]:
    return {d.key for p, _ in iter_inputs(paths) for d in read_any(p) if isinstance(d, Doc)}


def test_cli_ingest_summary_errors_and_idempotence(tmp_path: Path) -> None:
    bad = tmp_path / "inputs"
    bad.mkdir()
    (bad / "empty.xml").write_bytes(b"")
    (bad / "garbage.bin").write_bytes(bytes(range(256)) * 10)
    inputs = [str(PUBMED / "pubmed-29768149.xml"), str(PUBMED / "mesh-papers.medline.txt"),
              str(SHARED_DATA / "drug-labels-spl"), str(bad)]
    first = run("ingest", *inputs)
    assert first.returncode == 0, first.stderr
    out = re.sub(r"\s+", " ", first.stderr)
    assert "291 documents added" in out  # 1 efetch record + 284 MEDLINE text records + 6 labels
    assert "3 failed" in out.split("done")[-1]  # the empty file, the garbage, the SPL indexing file
    assert "empty.xml: file: empty file" in out and "garbage.bin: file: unsupported or unrecognised format" in out
    assert "METHOXSALEN.xml: file: SPL label not readable" in out
    second = run("ingest", *inputs)
    assert second.returncode == 0
    summary = re.sub(r"\s+", " ", second.stderr).split("done")[-1]
    assert "0 documents added" in summary and "0 updated" in summary

    listing = run("sources", "list")
    assert listing.returncode == 0 and "complete" in listing.stdout
    from guidewise.engine import Engine

    engine = Engine(Settings())  # the CLI's home and database
    with engine.store.session() as s:
        assert s.scalar(select(func.count(Document.id))) == 291
        spl_source = s.scalar(select(Source.id).where(Source.path.like("%lipitor-orig.xml")))
        text_source = s.scalar(select(Source.id).where(Source.path.like("%mesh-papers.medline.txt")))
    shown = run("sources", "show", str(text_source))
    assert shown.returncode == 0 and "28422961" in shown.stdout
    removed = run("sources", "remove", str(spl_source))
    assert removed.returncode == 0 and "1 documents" in removed.stderr
    doctor = run("doctor", "--no-repair")
    assert doctor.returncode == 0, doctor.stderr
    assert "290 documents" in doctor.stderr
    assert run("sources", "show", "99999").returncode == 2


def test_engine_ingest_is_idempotent_and_picks_up_changes(tmp_path: Path) -> None:
    engine = make_engine(tmp_path)
    src = tmp_path / "export.xml"
    src.write_bytes(gzip.decompress((PUBMED / "test_current_medline.xml.gz").read_bytes()))
    first = engine.ingest([src])
    assert (first.added, first.failed) == (4, 0) and first.passages > 0
    again = engine.ingest([src])
    assert again.added == 0 and again.files_unchanged == 1 and again.passages == 0
    # an edited record is updated in place; the untouched ones are skipped as unchanged
    src.write_bytes(src.read_bytes().replace(b"Back Pain: Differential Diagnosis and Management.",
                                             b"Back Pain: Differential Diagnosis and Management (revised)."))
    changed = engine.ingest([src])
    assert (changed.added, changed.updated, changed.unchanged) == (0, 1, 3)
    hits = engine.literature.search("differential diagnosis back pain revised", k=3, rerank=False)
    assert hits and hits[0].doc is not None and hits[0].doc.title.endswith("(revised).")
    assert hits[0].doc.pmid == "36400559"
    with engine.store.session() as s:
        assert s.scalar(select(func.count(Document.id))) == 4
        assert engine.index.count() == s.scalar(select(func.count(Passage.id)))


def _big_input(tmp_path: Path, copies: int) -> list[Path]:
    """Real MEDLINE records, repeated under distinct PMIDs so the run is long enough to interrupt."""
    folder = tmp_path / "big"
    folder.mkdir()
    xml = gzip.decompress((PUBMED / "medline16n0902.xml.gz").read_bytes())
    for i in range(copies):
        renumbered = re.sub(rb'<PMID Version="1">(\d+)</PMID>', rb'<PMID Version="1">9%d\1</PMID>' % i, xml)
        (folder / f"copy{i}.xml.gz").write_bytes(gzip.compress(renumbered, compresslevel=1))
    return [folder, SHARED_DATA / "pubmedqa" / "ori_pqal.json"]


def _count_documents(url: str) -> int:
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0)
    except Exception:  # the schema may not exist yet
        return 0
    finally:
        eng.dispose()


def test_sigkill_mid_ingest_then_rerun_leaves_every_document_exactly_once(tmp_path: Path) -> None:
    inputs = _big_input(tmp_path, copies=3)
    want = expected_keys(inputs)
    assert len(want) == 3 * 604 + 1000
    url = Settings().db_url
    proc = subprocess.Popen([str(BIN), "ingest", "--quiet", *map(str, inputs)], env=os.environ.copy(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    seen = 0
    while time.monotonic() < deadline and proc.poll() is None:
        seen = _count_documents(url)
        if seen >= 500:  # at least one batch committed
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL, "ingest finished before it could be interrupted"
    assert 0 < seen < len(want)

    rerun = run("ingest", "--quiet", *map(str, inputs))
    assert rerun.returncode == 0, rerun.stderr
    assert "0 failed" in re.sub(r"\s+", " ", rerun.stderr)

    from guidewise.engine import Engine

    engine = Engine(Settings())
    with engine.store.session() as s:
        keys = list(s.scalars(select(Document.key)))
        assert len(keys) == len(set(keys)) and set(keys) == want
        assert s.scalar(select(func.count(Document.id)).where(Document.indexed.is_(False))) == 0
        n_passages = s.scalar(select(func.count(Passage.id)))
        doc_ids = set(s.scalars(select(Document.id)))
        assert all(src.status == "complete" for src in s.scalars(select(Source)))
    assert engine.index.count() == n_passages
    assert engine.index.doc_ids() == doc_ids
    third = run("ingest", "--quiet", *map(str, inputs))
    assert "0 documents added" in re.sub(r"\s+", " ", third.stderr)


@pytest.mark.slow
def test_medline_reader_memory_is_flat_for_big_files(tmp_path: Path) -> None:
    """Peak RSS reading ~30k records stays close to reading ~3k (iterparse with element clearing)."""
    xml = gzip.decompress((PUBMED / "medline16n0902.xml.gz").read_bytes())
    body = xml[xml.index(b"<MedlineCitation "): xml.rindex(b"</MedlineCitationSet>")]
    head = xml[: xml.index(b"<MedlineCitation ")]
    for n in (5, 50):
        with gzip.open(tmp_path / f"n{n}.xml.gz", "wb", compresslevel=1) as fh:
            fh.write(head)
            for _ in range(n):
                fh.write(body)
            fh.write(b"</MedlineCitationSet>")
    code = ("import resource,sys;from pathlib import Path;from guidewise.ingest.detect import read_any;"
            "n=sum(1 for _ in read_any(Path(sys.argv[1])));"
            "print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    small, big = (subprocess.run([sys.executable, "-c", code, str(tmp_path / f"n{n}.xml.gz")], capture_output=True,
                                 text=True, check=True).stdout.split() for n in (5, 50))
    assert int(small[0]) == 5 * 604 and int(big[0]) == 50 * 604
    assert int(big[1]) < int(small[1]) * 1.5  # 10x the records, not 10x the memory
