"""Home page and the answer page (GET /ask), both usable without JavaScript."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from guidewise.compose.answer import AUDIENCES
from guidewise.web.api.ask import MAX_QUESTION
from guidewise.web.deps import EngineDep, PrincipalDep, client_key
from guidewise.web.ratelimit import hit
from guidewise.web.render import page
from guidewise.web.views import references_by_n, status_of

router = APIRouter(include_in_schema=False)


def topics_of(engine: EngineDep) -> list[dict[str, str]]:
    return [{"id": t.id, "title": t.title, "scope": t.scope}
            for t in sorted(engine.library.topics.values(), key=lambda t: t.title.lower())]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, engine: EngineDep, who: PrincipalDep) -> Response:
    return page(request, "home.html", {"topics": topics_of(engine), "audience": "clinician"})


@router.get("/ask", response_class=HTMLResponse)
def ask_page(request: Request, engine: EngineDep, who: PrincipalDep,
             q: Annotated[str, Query(max_length=MAX_QUESTION)] = "",
             audience: str = "clinician", thread: str = "") -> Response:
    if audience not in AUDIENCES:
        audience = "clinician"
    if not q.strip():
        if thread:  # an empty follow-up box: back to nothing new
            return RedirectResponse("/", status_code=303)
        return page(request, "home.html", {"topics": topics_of(engine), "audience": audience,
                                           "error": "Question: please type a question."}, status=422)
    limit = engine.settings.server.ask_rate_per_minute
    verdict = hit(engine.store, f"ask:{client_key(request)}", limit)
    if not verdict.allowed:
        raise HTTPException(429, f"too many questions: the limit is {limit} per minute, try again shortly",
                            headers={"Retry-After": str(verdict.retry_after)})
    try:
        answer = engine.ask(q, audience, thread or None)
    except LookupError as e:
        raise HTTPException(404, "this conversation was not found (it may have been deleted); ask again") from e
    return page(request, "answer.html", {
        "answer": answer, "refs": references_by_n(answer), "status": status_of(answer), "audience": audience,
        "q": q, "from_thread": thread, "article": None})
