"""POST /api/v1/ask: the JSON contract of `guidewise ask --format json`, plus thread_id."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from guidewise.engine import Engine
from guidewise.web.deps import EngineDep, rate_limited

router = APIRouter(tags=["ask"])
MAX_QUESTION = 2000


class AskIn(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_QUESTION, description="The clinical question.")
    audience: Literal["clinician", "patient"] = "clinician"
    thread_id: str | None = Field(default=None, max_length=64, description="Continue this thread (follow-up).")


def answer_json(engine: Engine, question: str, audience: str, thread_id: str | None) -> dict[str, Any]:
    try:
        answer = engine.ask(question, audience, thread_id)
    except LookupError as e:
        raise HTTPException(404, str(e.args[0]) if e.args else "not found") from e
    return answer.model_dump(mode="json")


@router.post("/ask", dependencies=[Depends(rate_limited("ask"))],
             summary="Answer a clinical question (Answer JSON contract + thread_id)")
def ask(body: AskIn, engine: EngineDep) -> dict[str, Any]:
    return answer_json(engine, body.question, body.audience, body.thread_id)
