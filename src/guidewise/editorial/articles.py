"""Articles: saved answers with a snapshot per audience, versions and reviews; creation and queries."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from guidewise.editorial import audit
from guidewise.editorial.diff import content_hash, unified
from guidewise.editorial.display import disclaimer, display_status, status_label
from guidewise.editorial.errors import Conflict, NotFound, ValidationFailed
from guidewise.editorial.users import acting_user, board_names
from guidewise.store.db import Store
from guidewise.store.models import Article, ArticleVersion, Review, User, utcnow

if TYPE_CHECKING:
    from guidewise.engine import Engine

AUDIENCES = ("clinician", "patient")
EDITOR_ROLES = ("editor", "admin")
MAX_QUESTION = 2000
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$")


@dataclass(frozen=True)
class ArticleInfo:
    id: int
    slug: str
    question: str
    topic_id: str | None
    status: str  # stored workflow status
    display_status: str  # what readers see (adds review_overdue)
    status_label: str
    current_version: int
    approved_version: int | None
    approved_at: dt.datetime | None
    approved_by: str | None  # username of the reviewer who signed off the current version
    reviewers: list[str]  # board names shown on the article (the sign-off, when approved)
    review_started_by: str | None  # board name of the reviewer who opened the current review
    review_due: dt.datetime | None
    created_by: str | None
    revised_by: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    retired_at: dt.datetime | None


@dataclass(frozen=True)
class VersionInfo:
    n: int
    content_hash: str
    created_by: str | None
    created_at: dt.datetime
    note: str | None
    library_fingerprint: str | None


@dataclass(frozen=True)
class ReviewInfo:
    id: int
    version: int
    reviewer: str
    reviewer_name: str
    decision: str
    comment: str | None
    created_at: dt.datetime


def article_row(s: Session, slug: str) -> Article:
    a = s.execute(select(Article).where(Article.slug == slug)).scalar_one_or_none()
    if a is None:
        raise NotFound(f"no article with slug {slug!r}")
    return a


def version_row(s: Session, article: Article, n: int | None = None) -> ArticleVersion:
    n = article.current_version if n is None else n
    v = s.execute(select(ArticleVersion).where(ArticleVersion.article_id == article.id,
                                               ArticleVersion.n == n)).scalar_one_or_none()
    if v is None:
        raise NotFound(f"article {article.slug!r} has no version {n}")
    return v


def _username(s: Session, user_id: int | None) -> str | None:
    u = s.get(User, user_id) if user_id is not None else None
    return u.username if u is not None else None


def to_info(s: Session, a: Article, now: dt.datetime | None = None) -> ArticleInfo:
    disp = display_status(a.status, a.current_version, a.approved_version, a.approved_by, a.review_due,
                          now or utcnow())
    reviewers = board_names(s, [a.approved_by]) if disp in ("approved", "review_overdue") else []
    started = None
    if a.status == "under_review":
        r = s.execute(select(Review.reviewer_id).where(Review.article_id == a.id, Review.decision == "start_review")
                      .order_by(Review.id.desc()).limit(1)).scalar()
        names = board_names(s, [r])
        started = names[0] if names else None
    return ArticleInfo(
        id=a.id, slug=a.slug, question=a.question, topic_id=a.topic_id, status=a.status, display_status=disp,
        status_label=status_label(disp, reviewers, a.approved_at, a.review_due), current_version=a.current_version,
        approved_version=a.approved_version, approved_at=a.approved_at, approved_by=_username(s, a.approved_by),
        reviewers=reviewers if disp == "approved" else [], review_started_by=started, review_due=a.review_due,
        created_by=_username(s, a.created_by), revised_by=_username(s, a.revised_by), created_at=a.created_at,
        updated_at=a.updated_at, retired_at=a.retired_at)


def library_fingerprint(engine: Engine) -> str:
    return hashlib.sha256(engine.library.fingerprint.encode("utf-8")).hexdigest()


def ask_all(engine: Engine, question: str) -> dict[str, Any]:
    """The answer for every audience, as the JSON contract (nothing recorded in threads)."""
    return {aud: engine.ask(question, aud, record=False).model_dump(mode="json") for aud in AUDIENCES}


def _unique_slug(s: Session, base: str) -> str:
    slug, n = base, 1
    while s.execute(select(Article.id).where(Article.slug == slug)).first():
        n += 1
        slug = f"{base[:110]}-{n}"
    return slug


def create_article(engine: Engine, question: str, actor: str, slug: str | None = None,
                   note: str | None = None) -> ArticleInfo:
    """Save the engine's answer to `question` (every audience) as a new, submitted article (editor/admin).

    The slug defaults to the topic's id, never to words of the question (questions can hold patient details).
    """
    question = question.strip()
    if not question or len(question) > MAX_QUESTION:
        raise ValidationFailed(f"question: must be 1 to {MAX_QUESTION} characters")
    if slug is not None and not SLUG_RE.match(slug):
        raise ValidationFailed(f"slug {slug!r}: use lowercase letters, digits and '-' (at most 120 characters)")
    with engine.store.session() as s:  # check the actor before doing the work
        acting_user(s, actor, EDITOR_ROLES, "creating articles")
    answers = ask_all(engine, question)
    main = answers["clinician"]
    if main["abstained"]:
        raise ValidationFailed("question: guidewise has no guideline-backed answer to it, so there is nothing "
                               "to save as an article")
    topic = main["topic"]["id"] if main.get("topic") else None
    try:
        return _insert_article(engine, question, actor, slug, note, topic, answers)
    except IntegrityError as e:  # another editor took the same slug a moment ago
        raise Conflict(f"slug {slug or topic!r}: just taken by another article; try again") from e


def _insert_article(engine: Engine, question: str, actor: str, slug: str | None, note: str | None,
                    topic: str | None, answers: dict[str, Any]) -> ArticleInfo:
    with engine.store.session() as s:
        user = acting_user(s, actor, EDITOR_ROLES, "creating articles")
        assert user is not None
        if slug is not None and s.execute(select(Article.id).where(Article.slug == slug)).first():
            raise Conflict(f"slug {slug!r}: already used by another article")
        now = utcnow()
        a = Article(slug=slug or _unique_slug(s, topic or "article"), question=question, topic_id=topic,
                    status="submitted", current_version=1, created_by=user.id, revised_by=user.id,
                    created_at=now, updated_at=now)
        s.add(a)
        s.flush()
        s.add(ArticleVersion(article_id=a.id, n=1, answers=answers, content_hash=content_hash(answers),
                             library_fingerprint=library_fingerprint(engine), note=note, created_by=user.id,
                             created_at=now))
        audit.record(s, user.username, "article.create", "article", a.id, 1,
                     details={"slug": a.slug, "topic": topic})
        return to_info(s, a)


def get_article(store: Store, slug: str, now: dt.datetime | None = None) -> ArticleInfo:
    with store.session() as s:
        return to_info(s, article_row(s, slug), now)


def list_articles(store: Store, status: str | None = None, limit: int = 50, offset: int = 0,
                  now: dt.datetime | None = None) -> list[ArticleInfo]:
    """Newest first; `status` filters on the displayed status (so 'review_overdue' works too)."""
    with store.session() as s:
        rows = s.execute(select(Article).order_by(Article.updated_at.desc(), Article.id.desc())).scalars()
        infos = [to_info(s, a, now) for a in rows]
    if status is not None:
        infos = [i for i in infos if i.display_status == status]
    return infos[offset:offset + limit]


def review_queue(store: Store, now: dt.datetime | None = None) -> list[ArticleInfo]:
    """What the advisory board should look at: submitted, under review and overdue, oldest first."""
    wanted = ("submitted", "under_review", "review_overdue")
    with store.session() as s:
        rows = s.execute(select(Article).where(Article.status.in_(("submitted", "under_review", "approved")))
                         .order_by(Article.updated_at, Article.id)).scalars()
        return [i for i in (to_info(s, a, now) for a in rows) if i.display_status in wanted]


def versions(store: Store, slug: str) -> list[VersionInfo]:
    with store.session() as s:
        a = article_row(s, slug)
        rows = s.execute(select(ArticleVersion).where(ArticleVersion.article_id == a.id)
                         .order_by(ArticleVersion.n)).scalars()
        return [VersionInfo(n=v.n, content_hash=v.content_hash, created_by=_username(s, v.created_by),
                            created_at=v.created_at, note=v.note, library_fingerprint=v.library_fingerprint)
                for v in rows]


def get_answers(store: Store, slug: str, version: int | None = None) -> dict[str, Any]:
    """The stored snapshot {audience: answer JSON} of a version (default: current)."""
    with store.session() as s:
        return dict(version_row(s, article_row(s, slug), version).answers)


def article_answer(store: Store, slug: str, audience: str = "clinician",
                   now: dt.datetime | None = None) -> dict[str, Any]:
    """The answer JSON to show for an article (current version): the snapshot with the article's own status,
    label, disclaimer and reviewers (never the library's), so the page cannot contradict the workflow."""
    if audience not in AUDIENCES:
        raise ValidationFailed(f"audience: must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    with store.session() as s:
        a = article_row(s, slug)
        info = to_info(s, a, now)
        answer = dict(version_row(s, a).answers[audience])
    answer.update(status=info.display_status, status_label=info.status_label,
                  disclaimer=disclaimer(audience, info.display_status), reviewers=info.reviewers, thread_id=None)
    return answer


def reviews(store: Store, slug: str) -> list[ReviewInfo]:
    with store.session() as s:
        a = article_row(s, slug)
        out = []
        for r in s.execute(select(Review).where(Review.article_id == a.id).order_by(Review.id)).scalars():
            u = s.get(User, r.reviewer_id)
            out.append(ReviewInfo(id=r.id, version=r.version, reviewer=u.username if u else "?",
                                  reviewer_name=(board_names(s, [r.reviewer_id]) or ["?"])[0],
                                  decision=r.decision, comment=r.comment, created_at=r.created_at))
        return out


def diff(store: Store, slug: str, from_version: int, to_version: int | None = None) -> str:
    """Unified diff of the readable content of two versions (to_version defaults to the current one)."""
    with store.session() as s:
        a = article_row(s, slug)
        old, new = version_row(s, a, from_version), version_row(s, a, to_version)
        return unified(old.answers, new.answers, f"{slug} v{old.n}", f"{slug} v{new.n}")


def diff_against_approved(store: Store, slug: str) -> str | None:
    """The current version against the last approved one (None when nothing was ever approved)."""
    with store.session() as s:
        approved = article_row(s, slug).approved_version
    return None if approved is None else diff(store, slug, approved)
