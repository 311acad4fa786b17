"""Articles: list and read (public); create, revise, regenerate (editor); transitions (reviewer/editor)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field

from guidewise.editorial import articles as ea
from guidewise.editorial import workflow as wf
from guidewise.web.api.pagination import PageDep, slice_page
from guidewise.web.deps import EngineDep, SignedIn, can, require
from guidewise.web.security import Principal

router = APIRouter(prefix="/articles", tags=["articles"])
Editor = Annotated[Principal, Depends(require("articles:write"))]
Staff = Annotated[Principal, Depends(require("review:read"))]
Action = Literal["start_review", "approve", "request_changes", "submit", "retire"]
REVIEW_ACTIONS = frozenset({"start_review", "approve", "request_changes"})


def plain(obj: Any) -> dict[str, Any]:
    """A dataclass as JSON-ready data (datetimes as ISO strings)."""
    out = dataclasses.asdict(obj)
    return {k: v.isoformat() if isinstance(v, dt.datetime) else v for k, v in out.items()}


class ArticleIn(BaseModel):
    question: str = Field(min_length=1, max_length=2000)
    slug: str | None = Field(default=None, max_length=120, description="Default: the topic id.")
    note: str | None = Field(default=None, max_length=2000)


class RevisionIn(BaseModel):
    answers: dict[str, Any] | None = Field(default=None, description="{audience: Answer JSON}; omit to regenerate "
                                           "from the current library and literature.")
    note: str | None = Field(default=None, max_length=2000)


class TransitionIn(BaseModel):
    action: Action
    comment: str | None = Field(default=None, max_length=5000)
    expected_version: int | None = Field(default=None, ge=1, description="The version you reviewed.")


@router.get("", summary="List articles (newest first; ?status= filters on the displayed status)")
def list_articles(engine: EngineDep, p: PageDep,
                  status: Annotated[str | None, Query(max_length=32)] = None) -> dict[str, Any]:
    return slice_page([plain(a) for a in ea.list_articles(engine.store, status, limit=100_000)], p)


@router.post("", status_code=201, summary="Save the answer to a question as a new, submitted article (editor)")
def create_article(body: ArticleIn, engine: EngineDep, who: Editor) -> dict[str, Any]:
    return plain(ea.create_article(engine, body.question, who.username, body.slug, body.note))


@router.get("/{slug}", summary="An article with its answer for one audience")
def get_article(slug: str, engine: EngineDep,
                audience: Literal["clinician", "patient"] = "clinician") -> dict[str, Any]:
    info = ea.get_article(engine.store, slug)
    return {"article": plain(info), "answer": ea.article_answer(engine.store, slug, audience)}


@router.post("/{slug}/revisions", summary="Revise (with answers) or regenerate (without) an article (editor)")
def revise(slug: str, body: RevisionIn, engine: EngineDep, who: Editor) -> dict[str, Any]:
    if body.answers is None:
        rev = wf.regenerate(engine, slug, who.username, body.note)
    else:
        rev = wf.revise(engine.store, slug, body.answers, who.username, body.note)
    return {"article": plain(rev.article), "changed": rev.changed, "version": rev.version,
            "diff_previous": rev.diff_previous, "diff_approved": rev.diff_approved}


@router.post("/{slug}/transitions", summary="Start review, approve, request changes (reviewer); submit, retire (editor)")
def transition(slug: str, body: TransitionIn, engine: EngineDep, who: SignedIn) -> dict[str, Any]:
    needed = "articles:review" if body.action in REVIEW_ACTIONS else "articles:write"
    if not can(who, needed):
        raise HTTPException(403, f"your role ({who.role}) cannot {body.action.replace('_', ' ')} articles")
    info = wf.transition(engine.store, slug, body.action, who.username, body.comment, body.expected_version)
    return plain(info)


@router.get("/{slug}/versions", summary="An article's versions (staff)")
def versions(slug: str, engine: EngineDep, _who: Staff) -> list[dict[str, Any]]:
    return [plain(v) for v in ea.versions(engine.store, slug)]


@router.get("/{slug}/reviews", summary="An article's review decisions and comments (staff)")
def reviews(slug: str, engine: EngineDep, _who: Staff) -> list[dict[str, Any]]:
    return [plain(r) for r in ea.reviews(engine.store, slug)]


@router.get("/{slug}/diff", summary="Unified diff between two versions (staff)")
def diff(slug: str, engine: EngineDep, _who: Staff,
         from_version: Annotated[int, Query(alias="from", ge=1, le=2**31 - 1)],
         to_version: Annotated[int | None, Query(alias="to", ge=1, le=2**31 - 1)] = None) -> dict[str, Any]:
    return {"from": from_version, "to": to_version, "diff": ea.diff(engine.store, slug, from_version, to_version)}
