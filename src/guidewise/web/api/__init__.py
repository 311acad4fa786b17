"""The REST API under /api/v1: one router per resource."""

from fastapi import APIRouter

from guidewise.web.api import articles, ask, sources, threads, topics, users

router = APIRouter(prefix="/api/v1")
for _r in (ask.router, threads.router, articles.router, topics.router, sources.router, users.router):
    router.include_router(_r)
