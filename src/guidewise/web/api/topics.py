"""Library topics (read only)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from guidewise.library.schema import Topic
from guidewise.web.api.pagination import PageDep, slice_page
from guidewise.web.deps import EngineDep

router = APIRouter(prefix="/topics", tags=["library"])


def topic_summary(t: Topic) -> dict[str, Any]:
    return {"id": t.id, "title": t.title, "scope": t.scope, "status": t.review.status.value,
            "last_updated": t.review.last_updated.isoformat(), "reviewers": list(t.review.reviewers),
            "references": len(t.references), "recommendations": len(t.recommendations)}


@router.get("", summary="List the library's topics")
def list_topics(engine: EngineDep, p: PageDep) -> dict[str, Any]:
    topics = sorted(engine.library.topics.values(), key=lambda t: t.title.lower())
    return slice_page([topic_summary(t) for t in topics], p)


@router.get("/{topic_id}", summary="One topic, in full")
def get_topic(topic_id: str, engine: EngineDep) -> dict[str, Any]:
    topic = engine.library.topics.get(topic_id)
    if topic is None:
        raise HTTPException(404, f"no topic with id {topic_id!r}")
    return topic.model_dump(mode="json")
