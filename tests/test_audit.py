"""The hash-chained audit trail: appends, verification, and tampering with raw SQL."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from sqlalchemy import text

from conftest import SHARED_DATA
from guidewise.editorial import audit
from guidewise.editorial.users import authenticate, create_user, set_role
from guidewise.engine import Engine
from guidewise.settings import Settings
from guidewise.store.db import Store


@pytest.fixture
def store() -> Store:
    return Store(Settings().db_url)


def _filled(store: Store) -> Store:
    create_user(store, "alice", "admin")
    create_user(store, "bob", "editor", password="another long secret", actor="alice")
    authenticate(store, "bob", "wrong password!")
    authenticate(store, "bob", "another long secret")
    set_role(store, "bob", "admin", actor="alice")
    audit.append(store, "bob", "library.ingest", "source", 7, details={"documents": 12})
    return store


def test_chain_is_valid_and_ordered(store: Store) -> None:
    _filled(store)
    rows = list(reversed(audit.list_entries(store)))
    assert [r.action for r in rows] == ["user.create", "user.create", "login.failure", "login.success",
                                        "user.set_role", "library.ingest"]
    assert rows[0].prev_hash == audit.GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(rows))
    assert rows[4].details == {"from": "editor", "to": "admin"} and rows[4].actor == "alice"
    assert audit.verify_audit(store) == []


def test_edited_row_is_detected(store: Store) -> None:
    _filled(store)
    victim = audit.list_entries(store, action="user.set_role")[0]
    with store.engine.begin() as c:
        c.execute(text("UPDATE audit_log SET actor = 'mallory' WHERE id = :i"), {"i": victim.id})
    problems = audit.verify_audit(store)
    assert [p.entry_id for p in problems] == [victim.id]
    assert "edited" in str(problems[0]) and str(victim.id) in str(problems[0])


def test_edited_row_with_recomputed_hash_breaks_the_next_link(store: Store) -> None:
    _filled(store)
    rows = list(reversed(audit.list_entries(store)))
    victim = rows[2]
    with store.session() as s:
        from guidewise.store.models import AuditEntry

        e = s.get(AuditEntry, victim.id)
        assert e is not None
        e.details = {"reason": "nothing to see"}
        new_hash = audit.row_hash(e)
    with store.engine.begin() as c:
        c.execute(text("UPDATE audit_log SET hash = :h WHERE id = :i"), {"h": new_hash, "i": victim.id})
    problems = audit.verify_audit(store)
    assert [p.entry_id for p in problems] == [rows[3].id] and "broken chain" in problems[0].message


def test_deleted_middle_row_is_detected(store: Store) -> None:
    _filled(store)
    rows = list(reversed(audit.list_entries(store)))
    with store.engine.begin() as c:
        c.execute(text("DELETE FROM audit_log WHERE id = :i"), {"i": rows[2].id})
    problems = audit.verify_audit(store)
    assert rows[3].id in [p.entry_id for p in problems]
    assert any("deleted" in p.message for p in problems)


def test_deleted_newest_row_is_detected(store: Store) -> None:
    _filled(store)
    newest = audit.list_entries(store, limit=1)[0]
    with store.engine.begin() as c:
        c.execute(text("DELETE FROM audit_log WHERE id = :i"), {"i": newest.id})
    problems = audit.verify_audit(store)
    assert len(problems) == 1 and problems[0].entry_id is None and "newest rows were deleted" in problems[0].message


def test_reordered_rows_are_detected(store: Store) -> None:
    _filled(store)
    a, b = list(reversed(audit.list_entries(store)))[1:3]
    cols = "ts, actor, action, object_type, object_id, version, details, prev_hash, hash"
    with store.engine.begin() as c:  # swap the contents of two rows (prev_hash is unique: park one first)
        ra, rb = (c.execute(text(f"SELECT {cols} FROM audit_log WHERE id = :i"), {"i": i}).mappings().one()
                  for i in (a.id, b.id))
        sets = ", ".join(f"{k} = :{k}" for k in ra)
        c.execute(text("UPDATE audit_log SET prev_hash = 'parked' WHERE id = :i"), {"i": b.id})
        c.execute(text(f"UPDATE audit_log SET {sets} WHERE id = :i"), {**_plain(rb), "i": a.id})
        c.execute(text(f"UPDATE audit_log SET {sets} WHERE id = :i"), {**_plain(ra), "i": b.id})
    problems = audit.verify_audit(store)
    assert {a.id, b.id} & {p.entry_id for p in problems}
    assert all("broken chain" in p.message for p in problems if p.entry_id is not None)


def _plain(row: object) -> dict[str, object]:
    import json

    d = dict(row)  # type: ignore[call-overload]
    if not isinstance(d["details"], str):
        d["details"] = json.dumps(d["details"])
    return d


def test_forbidden_details_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="question"):
        audit.append(store, "bob", "article.create", "article", 1, details={"question": "my dad has gout"})
    with pytest.raises(ValueError, match="short string"):
        audit.append(store, "bob", "x", "y", 1, details={"note": "z" * 500})
    assert audit.list_entries(store) == [] and audit.verify_audit(store) == []


def test_failed_transaction_leaves_no_audit_row(store: Store) -> None:
    with pytest.raises(RuntimeError), store.session() as s:
        audit.record(s, "bob", "user.create", "user", "ghost")
        raise RuntimeError("boom")
    assert audit.list_entries(store) == [] and audit.verify_audit(store) == []


def test_concurrent_appends_keep_one_chain(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def work(worker: int) -> None:
        for i in range(10):
            audit.append(store, f"w{worker}", "library.ingest", "source", i)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(work, range(4)))
    rows = audit.list_entries(store, limit=100)
    assert len(rows) == 40 and len({r.prev_hash for r in rows}) == 40
    assert audit.verify_audit(store) == []


def test_library_ingest_is_audited_once_per_change(tmp_path: Path) -> None:
    eng = Engine(Settings(home=tmp_path / "h"))
    doc = SHARED_DATA / "pubmed-xml" / "6605965a.nxml"
    report = eng.ingest([doc], actor="ed")
    assert report.added == 1
    entry = audit.list_entries(eng.store, action="library.ingest")[0]
    assert entry.actor == "ed" and entry.details == {"files": 1, "added": 1, "updated": 0, "failed": 0}
    assert str(doc) not in str(entry)  # counts only: file names can say anything
    eng.ingest([doc], actor="ed")  # nothing new: nothing to record
    assert len(audit.list_entries(eng.store, action="library.ingest")) == 1
    assert audit.verify_audit(eng.store) == []
