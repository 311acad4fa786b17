"""`guidewise doctor`: check that the database and the search index agree, and repair the index."""

from __future__ import annotations

from sqlalchemy import func, select, text

from guidewise.engine import Engine
from guidewise.retrieve.lexical import IndexError_
from guidewise.store.db import StoreError, describe_db_error
from guidewise.store.models import Document, Passage


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
        return True, lines
    lines.append(f"index: out of step with the database (index {in_index} passages / {len(idx_ids)} documents, "
                 f"database {n_pass} passages / {len(db_ids)} documents)")
    if not repair:
        return False, [*lines, "run `guidewise doctor --repair` to rebuild the index from the database"]
    index.destroy()
    ids = sorted(db_ids)
    for i in range(0, len(ids), 500):
        engine.ingestor.index_documents(ids[i : i + 500])
    lines.append(f"index: rebuilt from the database ({engine.index.count()} passages)")
    return engine.index.count() == n_pass, lines
