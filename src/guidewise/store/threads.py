"""Conversation threads: each answer belongs to one; follow-ups inherit topic and patient context."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select

from guidewise.store.db import Store
from guidewise.store.models import Thread, Turn, utcnow
from guidewise.understand.context import PatientContext


@dataclass(frozen=True)
class ThreadState:
    id: str
    topic_id: str | None
    context: PatientContext
    turns: int
    subjects: tuple[str, ...] = ()
    aspect: str | None = None


class ThreadStore:
    def __init__(self, store: Store):
        self.store = store

    def get(self, thread_id: str) -> ThreadState:
        """The thread's current state; LookupError if there is no such thread."""
        with self.store.session() as s:
            t = s.get(Thread, thread_id)
            if t is None:
                raise LookupError(f"no thread with id {thread_id!r}")
            return ThreadState(t.id, t.topic_id, PatientContext.model_validate(t.context or {}), t.turn_count,
                               tuple(t.subjects or ()), t.aspect)

    def record(self, thread_id: str | None, question: str, topic_id: str | None, intents: list[str],
               audience: str, context: PatientContext, subjects: list[str] | None = None,
               aspect: str | None = None) -> str:
        """Append a turn (creating the thread when needed) and return the thread id."""
        with self.store.session() as s:
            t = s.get(Thread, thread_id) if thread_id else None
            if t is None:
                t = Thread(id=thread_id or secrets.token_hex(8), context={}, turn_count=0)
                s.add(t)
            t.turn_count += 1
            if topic_id:
                t.topic_id = topic_id
            t.context = context.model_dump(exclude_defaults=True)
            if subjects:
                t.subjects = list(subjects)
            t.aspect = aspect
            t.updated_at = utcnow()
            s.add(Turn(thread_id=t.id, n=t.turn_count, question=question, topic_id=topic_id, intents=intents,
                       audience=audience, subjects=list(subjects or []), aspect=aspect))
            return t.id

    def turns(self, thread_id: str) -> list[dict[str, object]]:
        with self.store.session() as s:
            rows = s.scalars(select(Turn).where(Turn.thread_id == thread_id).order_by(Turn.n)).all()
            return [{"n": r.n, "question": r.question, "topic_id": r.topic_id, "intents": r.intents,
                     "audience": r.audience, "subjects": r.subjects or [], "aspect": r.aspect,
                     "created_at": r.created_at.isoformat()} for r in rows]
