"""Article pages: the public list and article page; editors save an answer as an article."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from guidewise.compose.answer import AUDIENCES, Answer
from guidewise.editorial import articles as ea
from guidewise.editorial.errors import EditorialError
from guidewise.web.deps import EngineDep, PrincipalDep, require
from guidewise.web.render import page
from guidewise.web.security import Principal
from guidewise.web.views import references_by_n, status_of_article

router = APIRouter(include_in_schema=False)
PER_PAGE = 25


@router.get("/articles", response_class=HTMLResponse)
def article_list(request: Request, engine: EngineDep, who: PrincipalDep, page_no: int = 1) -> Response:
    page_no = min(max(1, page_no), 10**9)  # an out-of-range offset would overflow the database integer
    items = ea.list_articles(engine.store, limit=PER_PAGE + 1, offset=(page_no - 1) * PER_PAGE)
    return page(request, "articles.html", {"articles": items[:PER_PAGE], "page_no": page_no,
                                           "more": len(items) > PER_PAGE})


@router.post("/articles")
def save_article(request: Request, engine: EngineDep, who: Annotated[Principal, Depends(require("articles:write"))],
                 question: Annotated[str, Form(max_length=2000)] = "") -> Response:
    try:
        info = ea.create_article(engine, question, who.username)
    except EditorialError as e:
        return page(request, "error.html", {"status": 422, "title": "Could not save the article", "detail": str(e)},
                    status=422)
    return RedirectResponse(f"/articles/{info.slug}", status_code=303)


@router.get("/articles/{slug}", response_class=HTMLResponse)
def article_page(request: Request, slug: str, engine: EngineDep, who: PrincipalDep,
                 audience: str = "clinician") -> Response:
    if audience not in AUDIENCES:
        audience = "clinician"
    info = ea.get_article(engine.store, slug)
    answer = Answer.model_validate(ea.article_answer(engine.store, slug, audience))
    return page(request, "answer.html", {
        "answer": answer, "refs": references_by_n(answer), "status": status_of_article(info), "audience": audience,
        "q": answer.question, "from_thread": "", "article": info})
