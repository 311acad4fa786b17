"""Server-rendered pages: one router per resource."""

from fastapi import APIRouter

from guidewise.web.pages import articles, auth, home, review

router = APIRouter()
for _r in (home.router, auth.router, articles.router, review.router):
    router.include_router(_r)
