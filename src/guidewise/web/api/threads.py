"""Threads: start one, continue it with follow-ups, read its turns; staff list them (no question text)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from guidewise.store.models import Thread
from guidewise.web.api.ask import MAX_QUESTION, answer_json
from guidewise.web.api.pagination import PageDep, paged
from guidewise.web.deps import EngineDep, rate_limited, require

router = APIRouter(prefix="/threads", tags=["threads"])


class TurnIn(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_QUESTION)
    audience: Literal["clinician", "patient"] = "clinician"


@router.get("", dependencies=[Depends(require("threads:read"))], summary="List threads (staff; no question text)")
def list_threads(engine: EngineDep, p: PageDep) -> dict[str, Any]:
    with engine.store.session() as s:
        total = s.scalar(select(func.count()).select_from(Thread)) or 0
        rows = s.scalars(select(Thread).order_by(Thread.updated_at.desc(), Thread.id)
                         .offset(p.offset).limit(p.per_page)).all()
        items = [{"id": t.id, "topic_id": t.topic_id, "turns": t.turn_count,
                  "updated_at": t.updated_at.isoformat()} for t in rows]
    return paged(items, total, p)


@router.post("", status_code=201, dependencies=[Depends(rate_limited("ask"))], summary="Start a thread")
def start_thread(body: TurnIn, engine: EngineDep) -> dict[str, Any]:
    return answer_json(engine, body.question, body.audience, None)


@router.get("/{thread_id}", summary="A thread's topic and turns (whoever holds the id)")
def get_thread(thread_id: str, engine: EngineDep) -> dict[str, Any]:
    try:
        state = engine.threads.get(thread_id)
    except LookupError as e:
        raise HTTPException(404, f"no thread with id {thread_id!r}") from e
    return {"id": state.id, "topic_id": state.topic_id, "turns": engine.threads.turns(thread_id),
            "considered": state.context.describe()}


@router.post("/{thread_id}/ask", dependencies=[Depends(rate_limited("ask"))], summary="Ask a follow-up")
def follow_up(thread_id: str, body: TurnIn, engine: EngineDep) -> dict[str, Any]:
    return answer_json(engine, body.question, body.audience, thread_id)
