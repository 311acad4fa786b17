"""What the pages show, computed from an Answer or an article: status steps, tooltips, grouped references."""

from __future__ import annotations

from dataclasses import dataclass

from guidewise.compose.answer import Answer, ReferenceOut
from guidewise.editorial.articles import ArticleInfo

STEPS = (("submitted", "Submitted"), ("under_review", "Under review"), ("approved", "Approved"))
_STEP_INDEX = {"submitted": 0, "changes_requested": 1, "under_review": 1, "approved": 2, "review_overdue": 2}


@dataclass(frozen=True)
class StatusView:
    """The review status as the stepper shows it."""

    status: str
    label: str
    reviewers: tuple[str, ...] = ()
    reviewer_title: str = "Reviewed by"
    last_updated: str | None = None
    next_review: str | None = None

    @property
    def step(self) -> int:
        """Index of the current step (-1 when the content is not in the review workflow)."""
        return _STEP_INDEX.get(self.status, -1)

    @property
    def in_workflow(self) -> bool:
        return self.step >= 0

    @property
    def overdue(self) -> bool:
        return self.status == "review_overdue"


def status_of(answer: Answer) -> StatusView:
    title = "Approved by" if answer.status == "approved" else "Reviewers"
    return StatusView(answer.status, answer.status_label, tuple(answer.reviewers), title, answer.last_updated)


def status_of_article(info: ArticleInfo) -> StatusView:
    """The stepper for an article: its displayed status, the signing reviewer, its dates."""
    reviewers: tuple[str, ...] = tuple(info.reviewers)
    title = "Approved by"
    if not reviewers and info.review_started_by:
        reviewers, title = (info.review_started_by,), "Under review by"
    return StatusView(info.display_status, info.status_label, reviewers, title,
                      last_updated=f"{info.updated_at:%Y-%m-%d}",
                      next_review=f"{info.review_due:%Y-%m-%d}" if info.review_due else None)


def reference_tip(ref: ReferenceOut) -> str:
    """One line shown on hover/focus of a citation number."""
    parts = [ref.title.rstrip("."), ref.source]
    if ref.year:
        parts.append(str(ref.year))
    parts.append(ref.label)
    return ". ".join(p for p in parts if p)


def references_by_n(answer: Answer) -> dict[int, ReferenceOut]:
    return {r.n: r for r in answer.references}
