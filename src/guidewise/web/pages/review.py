"""The review dashboard: the queue, an article's versions and diff, and the decision forms."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from guidewise.editorial import articles as ea
from guidewise.editorial import workflow as wf
from guidewise.editorial.errors import EditorialError
from guidewise.web.deps import EngineDep, can, require
from guidewise.web.errors import EDITORIAL_STATUS
from guidewise.web.render import page
from guidewise.web.security import Principal
from guidewise.web.views import status_of_article

router = APIRouter(include_in_schema=False)
Staff = Annotated[Principal, Depends(require("review:read"))]
REVIEW_ACTIONS = frozenset({"start_review", "approve", "request_changes"})
DONE = {"start_review": "Review started.", "approve": "Approved.", "request_changes": "Changes requested.",
        "submit": "Submitted again.", "retire": "Retired.", "regenerate": "Regenerated."}


@router.get("/review", response_class=HTMLResponse)
def queue(request: Request, engine: EngineDep, who: Staff) -> Response:
    return page(request, "review_queue.html", {"queue": ea.review_queue(engine.store)})


def _detail(request: Request, engine: EngineDep, slug: str, error: str | None = None, status: int = 200,
            done: str | None = None, diff_text: str | None = None) -> Response:
    info = ea.get_article(engine.store, slug)
    vers = ea.versions(engine.store, slug)
    if diff_text is None:
        if info.approved_version and info.approved_version != info.current_version:
            diff_text = ea.diff_against_approved(engine.store, slug)
        elif info.current_version > 1:
            diff_text = ea.diff(engine.store, slug, info.current_version - 1)
    return page(request, "review_article.html", {
        "article": info, "status": status_of_article(info), "versions": vers, "diff": diff_text,
        "reviews": ea.reviews(engine.store, slug), "error": error, "done": DONE.get(done or ""),
        "review_actions": REVIEW_ACTIONS}, status=status)


@router.get("/review/{slug}", response_class=HTMLResponse)
def detail(request: Request, slug: str, engine: EngineDep, who: Staff, done: str | None = None,
           from_version: int | None = None) -> Response:
    diff_text = ea.diff(engine.store, slug, from_version) if from_version else None
    return _detail(request, engine, slug, done=done, diff_text=diff_text)


@router.post("/review/{slug}", response_class=HTMLResponse)
def decide(request: Request, slug: str, engine: EngineDep, who: Staff,
           action: Annotated[str, Form(max_length=32)],
           comment: Annotated[str, Form(max_length=5000)] = "",
           expected_version: Annotated[int | None, Form()] = None) -> Response:
    needed = "articles:review" if action in REVIEW_ACTIONS else "articles:write"
    if not can(who, needed):
        return _detail(request, engine, slug, f"Your role ({who.role}) cannot {action.replace('_', ' ')} articles.",
                       403)
    try:
        if action == "regenerate":
            wf.regenerate(engine, slug, who.username, comment or None)
        else:
            wf.transition(engine.store, slug, action, who.username, comment or None, expected_version)
    except EditorialError as e:
        code = next((c for cls, c in EDITORIAL_STATUS if isinstance(e, cls)), 400)
        return _detail(request, engine, slug, str(e), code)
    return RedirectResponse(f"/review/{slug}?done={action}", status_code=303)
