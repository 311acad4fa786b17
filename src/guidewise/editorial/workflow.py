"""Status transitions, revisions and regeneration, with the two-person rule and the audit trail.

submitted -> under_review -> approved | changes_requested -> (revised) submitted; any -> retired.
Any content change returns the article to submitted; approval is for the current version only.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from guidewise.compose.answer import Answer
from guidewise.editorial import audit
from guidewise.editorial.articles import (
    AUDIENCES,
    EDITOR_ROLES,
    ArticleInfo,
    article_row,
    ask_all,
    library_fingerprint,
    to_info,
    version_row,
)
from guidewise.editorial.diff import content_hash, unified
from guidewise.editorial.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from guidewise.editorial.users import acting_user
from guidewise.store.db import Store
from guidewise.store.models import Article, ArticleVersion, Review, utcnow

if TYPE_CHECKING:
    from guidewise.engine import Engine

REVIEWER_ROLES = ("reviewer",)
# action -> (statuses it may start from, resulting status, roles allowed)
TRANSITIONS: dict[str, tuple[frozenset[str], str, tuple[str, ...]]] = {
    "start_review": (frozenset({"submitted", "approved"}), "under_review", REVIEWER_ROLES),
    "approve": (frozenset({"under_review"}), "approved", REVIEWER_ROLES),
    "request_changes": (frozenset({"under_review"}), "changes_requested", REVIEWER_ROLES),
    "submit": (frozenset({"changes_requested", "retired"}), "submitted", EDITOR_ROLES),
    "retire": (frozenset({"submitted", "under_review", "approved", "changes_requested"}), "retired", EDITOR_ROLES),
}
REVISABLE = frozenset({"submitted", "under_review", "approved", "changes_requested"})


@dataclass(frozen=True)
class Revision:
    """The outcome of a revision or regeneration."""

    article: ArticleInfo
    changed: bool
    version: int  # the current version after the call
    diff_previous: str | None  # against the version before this one (None when nothing changed)
    diff_approved: str | None  # against the last approved version (None when never approved)


def one_year_later(t: dt.datetime) -> dt.datetime:
    """The same date 12 months later (29 February becomes 28 February)."""
    day = min(t.day, calendar.monthrange(t.year + 1, t.month)[1])
    return t.replace(year=t.year + 1, day=day)


def transition(store: Store, slug: str, action: str, actor: str, comment: str | None = None,
               expected_version: int | None = None, now: dt.datetime | None = None) -> ArticleInfo:
    """Apply one workflow action as `actor`; raises a clear EditorialError when it is not allowed.

    `expected_version` is the version the actor looked at: if the article changed since, Conflict.
    """
    if action not in TRANSITIONS:
        raise ValidationFailed(f"action {action!r}: must be one of {', '.join(TRANSITIONS)}")
    sources, target, roles = TRANSITIONS[action]
    comment = (comment or "").strip() or None
    if action == "request_changes" and not comment:
        raise ValidationFailed("comment: say what should change when requesting changes")
    now = now or utcnow()
    try:
        with store.session() as s:
            user = acting_user(s, actor, roles, action.replace("_", " "))
            assert user is not None
            a = article_row(s, slug)
            if expected_version is not None and expected_version != a.current_version:
                raise Conflict(f"article {slug!r} changed: you looked at version {expected_version}, "
                               f"the current version is {a.current_version}")
            if a.status not in sources:
                raise InvalidTransition(f"article {slug!r} is {a.status.replace('_', ' ')}: cannot "
                                        f"{action.replace('_', ' ')} (allowed from: {', '.join(sorted(sources))})")
            if action == "approve" and user.id in (a.created_by, a.revised_by):
                raise PermissionDenied(f"two-person rule: {user.username!r} wrote or last revised article "
                                       f"{slug!r} and cannot approve it; another reviewer must")
            if action == "submit" and a.status == "changes_requested":
                asked_on = s.execute(select(Review.version).where(Review.article_id == a.id,
                                                                  Review.decision == "request_changes")
                                     .order_by(Review.id.desc()).limit(1)).scalar()
                if asked_on is not None and a.current_version <= asked_on:
                    raise InvalidTransition(f"article {slug!r}: revise it (regenerate or edit) before "
                                            f"resubmitting; changes were requested on version {asked_on}")
            previous = a.status
            a.status = target
            a.updated_at = now
            if action == "approve":
                a.approved_version, a.approved_by, a.approved_at = a.current_version, user.id, now
                a.review_due = one_year_later(now)
            if action == "retire":
                a.retired_at = now
            if action == "submit":
                a.retired_at = None
            if roles == REVIEWER_ROLES:
                s.add(Review(article_id=a.id, version=a.current_version, reviewer_id=user.id, decision=action,
                             comment=comment, created_at=now))
            s.flush()
            audit.record(s, user.username, f"article.{action}", "article", a.id, a.current_version,
                         details={"slug": a.slug, "from": previous, "to": target})
            return to_info(s, a, now)
    except StaleDataError as e:
        raise Conflict(f"article {slug!r} was changed by someone else at the same time; reload and retry") from e


def start_review(store: Store, slug: str, actor: str, expected_version: int | None = None) -> ArticleInfo:
    return transition(store, slug, "start_review", actor, expected_version=expected_version)


def approve(store: Store, slug: str, actor: str, comment: str | None = None,
            expected_version: int | None = None) -> ArticleInfo:
    return transition(store, slug, "approve", actor, comment, expected_version)


def request_changes(store: Store, slug: str, actor: str, comment: str,
                    expected_version: int | None = None) -> ArticleInfo:
    return transition(store, slug, "request_changes", actor, comment, expected_version)


def submit(store: Store, slug: str, actor: str) -> ArticleInfo:
    return transition(store, slug, "submit", actor)


def retire(store: Store, slug: str, actor: str, comment: str | None = None) -> ArticleInfo:
    return transition(store, slug, "retire", actor, comment)


def _check_answers(answers: dict[str, Any], question: str) -> dict[str, Any]:
    if set(answers) != set(AUDIENCES):
        raise ValidationFailed(f"answers: need exactly the audiences {', '.join(AUDIENCES)}")
    out: dict[str, Any] = {}
    for aud in AUDIENCES:
        try:
            parsed = Answer.model_validate(answers[aud])
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            raise ValidationFailed(f"answers.{aud}.{where}: {first['msg']}") from e
        if parsed.audience != aud:
            raise ValidationFailed(f"answers.{aud}.audience: is {parsed.audience!r}")
        out[aud] = parsed.model_dump(mode="json") | {"question": question}
    return out


def revise(store: Store, slug: str, answers: dict[str, Any], actor: str, note: str | None = None,
           fingerprint: str | None = None) -> Revision:
    """Store edited content as a new version (editor/admin) when it differs; the article returns to submitted."""
    try:
        with store.session() as s:
            user = acting_user(s, actor, EDITOR_ROLES, "revising articles")
            assert user is not None
            a = article_row(s, slug)
            answers = _check_answers(answers, a.question)
            current = version_row(s, a)
            if content_hash(answers) == current.content_hash:
                return Revision(to_info(s, a), False, a.current_version, None, _approved_diff(s, a, current.answers))
            if a.status not in REVISABLE:
                raise InvalidTransition(f"article {slug!r} is retired: submit it again before revising it")
            now = utcnow()
            n = a.current_version + 1
            s.add(ArticleVersion(article_id=a.id, n=n, answers=answers, content_hash=content_hash(answers),
                                 library_fingerprint=fingerprint or current.library_fingerprint,
                                 note=(note or "").strip() or None, created_by=user.id, created_at=now))
            previous = a.status
            a.current_version, a.revised_by, a.status, a.updated_at = n, user.id, "submitted", now
            s.flush()
            audit.record(s, user.username, "article.revise", "article", a.id, n,
                         details={"slug": a.slug, "from": previous, "to": "submitted", "previous_version": n - 1})
            return Revision(to_info(s, a), True, n,
                            unified(current.answers, answers, f"{slug} v{n - 1}", f"{slug} v{n}"),
                            _approved_diff(s, a, answers))
    except StaleDataError as e:
        raise Conflict(f"article {slug!r} was changed by someone else at the same time; reload and retry") from e


def _approved_diff(s: Any, a: Article, answers: dict[str, Any]) -> str | None:
    if a.approved_version is None:
        return None
    approved = version_row(s, a, a.approved_version)
    return unified(approved.answers, answers, f"{a.slug} v{approved.n} (approved)", f"{a.slug} current")


def regenerate(engine: Engine, slug: str, actor: str, note: str | None = None) -> Revision:
    """Ask the engine again (after a library or literature change); a new version only if the content changed."""
    with engine.store.session() as s:
        acting_user(s, actor, EDITOR_ROLES, "regenerating articles")
        question = article_row(s, slug).question
    return revise(engine.store, slug, ask_all(engine, question), actor, note or "regenerated",
                  library_fingerprint(engine))
