"""Append-only, hash-chained audit trail: who did what to which object, never question text.

Each row's hash is sha256 over a canonical JSON of its fields and the previous row's hash. The chain is
anchored by a head record (row count and last hash) in the key-value table so that deleting the newest
rows is detected too. Appends are serialised (advisory lock on PostgreSQL, the write lock on SQLite) and
`prev_hash` is unique, so concurrent writers can never fork the chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from guidewise.store.db import Store
from guidewise.store.models import AuditEntry, KeyValue, utcnow

GENESIS = "0" * 64
HEAD_KEY = "audit.head"
PG_LOCK_KEY = 7_404_211  # arbitrary, constant: pg_advisory_xact_lock id for audit appends
# Detail keys that would carry question text, free text or secrets: refused outright.
FORBIDDEN_DETAILS = frozenset({"question", "questions", "text", "comment", "password", "token", "answer",
                               "answers", "context", "patient"})


@dataclass(frozen=True)
class AuditRecord:
    id: int
    ts: dt.datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    version: int | None
    details: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditProblem:
    entry_id: int | None
    message: str

    def __str__(self) -> str:
        where = f"audit row {self.entry_id}" if self.entry_id is not None else "audit trail"
        return f"{where}: {self.message}"


def canonical(ts: dt.datetime, actor: str, action: str, object_type: str, object_id: str,
              version: int | None, details: dict[str, Any], prev_hash: str) -> bytes:
    """The exact bytes hashed for one row."""
    body = {"ts": ts.replace(tzinfo=None).isoformat(timespec="microseconds"), "actor": actor, "action": action,
            "object_type": object_type, "object_id": object_id, "version": version, "details": details,
            "prev_hash": prev_hash}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def row_hash(e: AuditEntry) -> str:
    return hashlib.sha256(canonical(e.ts, e.actor, e.action, e.object_type, e.object_id, e.version,
                                    e.details or {}, e.prev_hash)).hexdigest()


def _lock(session: Session) -> None:
    """Serialise appends so the previous hash read below is the real chain head."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
    else:  # a write statement first: SQLite takes its (database-wide) write lock for this transaction
        session.execute(text("UPDATE kv SET value = value WHERE key = :k"), {"k": HEAD_KEY})


def _check_details(details: dict[str, Any]) -> None:
    bad = FORBIDDEN_DETAILS.intersection(k.lower() for k in details)
    if bad:
        raise ValueError(f"audit details must not hold free text or secrets (keys: {', '.join(sorted(bad))})")
    for k, v in details.items():
        if not isinstance(v, str | int | bool | None) or (isinstance(v, str) and len(v) > 200):
            raise ValueError(f"audit detail {k!r} must be a short string, an integer, a boolean or null")


def record(session: Session, actor: str, action: str, object_type: str, object_id: str | int,
           version: int | None = None, details: dict[str, Any] | None = None) -> AuditEntry:
    """Append one row inside the caller's transaction (so it commits or rolls back with the change)."""
    details = dict(details or {})
    _check_details(details)
    _lock(session)
    session.flush()
    last = session.execute(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).scalar()
    prev = last or GENESIS
    head = session.get(KeyValue, HEAD_KEY)
    count = _head_count(head.value) if head else session.execute(select(func.count(AuditEntry.id))).scalar_one()
    entry = AuditEntry(ts=utcnow(), actor=actor[:64], action=action[:64], object_type=object_type[:32],
                       object_id=str(object_id)[:200], version=version, details=details, prev_hash=prev, hash="")
    entry.hash = row_hash(entry)
    session.add(entry)
    value = f"{count + 1}:{entry.hash}"
    if head is None:
        session.add(KeyValue(key=HEAD_KEY, value=value))
    else:
        head.value = value
    session.flush()
    return entry


def append(store: Store, actor: str, action: str, object_type: str, object_id: str | int,
           version: int | None = None, details: dict[str, Any] | None = None) -> AuditRecord:
    """Append one row in its own transaction (for events not tied to another change, e.g. ingest)."""
    with store.session() as s:
        return _to_record(record(s, actor, action, object_type, object_id, version, details))


def _head_count(value: str) -> int:
    try:
        return int(value.split(":", 1)[0])
    except ValueError:
        return -1


def _to_record(e: AuditEntry) -> AuditRecord:
    return AuditRecord(id=e.id, ts=e.ts, actor=e.actor, action=e.action, object_type=e.object_type,
                       object_id=e.object_id, version=e.version, details=dict(e.details or {}),
                       prev_hash=e.prev_hash, hash=e.hash)


def list_entries(store: Store, limit: int = 100, offset: int = 0, action: str | None = None,
                 object_type: str | None = None, object_id: str | None = None) -> list[AuditRecord]:
    """Newest first."""
    q = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit).offset(offset)
    if action:
        q = q.where(AuditEntry.action == action)
    if object_type:
        q = q.where(AuditEntry.object_type == object_type)
    if object_id is not None:
        q = q.where(AuditEntry.object_id == str(object_id))
    with store.session() as s:
        return [_to_record(e) for e in s.execute(q).scalars()]


def entry_count(store: Store) -> int:
    with store.session() as s:
        return int(s.execute(select(func.count(AuditEntry.id))).scalar_one())


def verify_audit(store: Store) -> list[AuditProblem]:
    """Every problem found: edited rows, broken links (deleted, inserted or reordered rows), a lost tail."""
    problems: list[AuditProblem] = []
    expected_prev = GENESIS
    count = 0
    with store.session() as s:
        head = s.get(KeyValue, HEAD_KEY)
        for e in s.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars():
            count += 1
            if e.prev_hash != expected_prev:
                problems.append(AuditProblem(e.id, "broken chain: its previous-hash does not match the row "
                                                   "before it (a row was deleted, inserted or reordered)"))
            if row_hash(e) != e.hash:
                problems.append(AuditProblem(e.id, f"edited: its content no longer matches its hash "
                                                   f"(action {e.action!r}, object {e.object_type} {e.object_id})"))
            expected_prev = e.hash
    if head is None:
        if count:
            problems.append(AuditProblem(None, "the chain head record is missing"))
        return problems
    head_count, _, head_hash = head.value.partition(":")
    if head_hash != expected_prev or _head_count(head.value) != count:
        problems.append(AuditProblem(None, f"the newest rows were deleted or the head was altered: the head "
                                           f"records {head_count} rows ending in {head_hash[:12]}, the table "
                                           f"holds {count} ending in {expected_prev[:12]}"))
    return problems
