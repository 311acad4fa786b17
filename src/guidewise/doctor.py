"""`guidewise doctor`: check that the database and the search index agree, and repair the index."""

from __future__ import annotations

from sqlalchemy import func, select, text

from guidewise.engine import Engine
from guidewise.retrieve.lexical import IndexError_
from guidewise.store.db import StoreError, describe_db_error
from guidewise.store.models import Document, Passage, Source


def run_doctor(engine: Engine, repair: bool = True) -> tuple[bool, list[str]]:
    """Returns (healthy after repair, report lines)."""
    lines: list[str] = []
    try:
        store = engine.store
        with store.session() as s:
            if store.is_sqlite:
                result = s.execute(text("PRAGMA quick_check")).scalar()
                if result != "ok":
                    return False, [f"database: FAILED integrity check ({result}); restore it from a backup"]
            n_docs = s.scalar(select(func.count(Document.id))) or 0
            n_pass = s.scalar(select(func.count(Passage.id))) or 0
            pending = s.scalar(select(func.count(Document.id)).where(Document.indexed.is_(False))) or 0
            db_ids = set(s.scalars(select(Document.id)))
    except StoreError as e:
        return False, [f"database: {e}"]
    except Exception as e:  # a corrupt file surfaces as various driver errors
        return False, [f"database: {describe_db_error(e)}"]
    lines.append(f"database: ok ({n_docs} documents, {n_pass} passages, {pending} waiting to be indexed)")
    lines += _interrupted_sources(engine)
    audit_ok, audit_lines = _audit(engine)
    lines += audit_lines

    index = engine.index
    try:
        in_index = index.count()
        idx_ids = index.doc_ids() if in_index else set()
        healthy = in_index == n_pass and idx_ids == db_ids and pending == 0
    except (IndexError_, ValueError, OSError) as e:
        lines.append(f"index: unreadable ({e})")
        healthy, in_index, idx_ids = False, -1, set()
    if healthy:
        lines.append(f"index: ok ({in_index} passages)")
        dense_ok, dense_lines = _dense(engine, repair)
        return audit_ok and dense_ok, lines + dense_lines
    lines.append(f"index: out of step with the database (index {in_index} passages / {len(idx_ids)} documents, "
                 f"database {n_pass} passages / {len(db_ids)} documents)")
    if not repair:
        return False, [*lines, "run `guidewise doctor --repair` to rebuild the index from the database"]
    index.destroy()
    ids = sorted(db_ids)
    for i in range(0, len(ids), 500):
        engine.ingestor.index_documents(ids[i : i + 500])
    lines.append(f"index: rebuilt from the database ({engine.index.count()} passages)")
    dense_ok, dense_lines = _dense(engine, repair)
    return engine.index.count() == n_pass and audit_ok and dense_ok, lines + dense_lines


def _interrupted_sources(engine: Engine) -> list[str]:
    """Files whose ingest was interrupted: their documents so far are consistent; a rerun completes them."""
    with engine.store.session() as s:
        paths = list(s.scalars(select(Source.path).where(Source.status == "pending").order_by(Source.id)))
    if not paths:
        return []
    shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
    return [f"sources: {len(paths)} interrupted before the end ({shown}); run `guidewise ingest` on them again"]


def _audit(engine: Engine) -> tuple[bool, list[str]]:
    """The editorial audit trail's hash chain (reported, never rewritten: it is evidence)."""
    from guidewise.editorial.audit import verify_audit

    problems = verify_audit(engine.store)
    if not problems:
        return True, ["audit trail: ok"]
    return False, [f"audit trail: {len(problems)} problem(s), first: {problems[0]}; it cannot be repaired, "
                   "only reported: keep the database as evidence and restore a backup"]


def _dense(engine: Engine, repair: bool) -> tuple[bool, list[str]]:
    """With dense retrieval on, every passage has one vector and no vector is stale; re-embed what is off."""
    dense = engine.dense
    if dense is None:
        return True, []
    import numpy as np

    dense._load()
    assert dense._ids is not None and dense._docs is not None
    with engine.store.session() as s:
        rows = s.execute(select(Passage.id, Passage.document_id)).all()
    want = {pid: did for pid, did in rows}
    have = {int(p): int(d) for p, d in zip(dense._ids, dense._docs, strict=True)}
    off = {did for pid, did in want.items() if pid not in have} | {d for p, d in have.items() if p not in want}
    if not off and len(have) == len(dense._ids):
        return True, [f"dense vectors: ok ({len(have)} passages)"]
    if not repair:
        return False, [f"dense vectors: {len(off)} documents out of step; run `guidewise doctor --repair`"]
    stale = sorted(d for d in off if d not in set(want.values()))
    if stale:
        dense.add([], stale, [])
    live = sorted(set(off) - set(stale))
    for i in range(0, len(live), 200):
        dense.add_documents(live[i : i + 200])
    ok = set(int(p) for p in np.asarray(dense._ids)) == set(want)
    return ok, [f"dense vectors: re-embedded {len(live)} documents, dropped {len(stale)} stale ones"]
