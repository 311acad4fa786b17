"""What an article's status looks like to readers: display status, label and disclaimer.

The invariant (tested over every status): a label or disclaimer that says "approved" never sits beside
"pending review" or any other not-yet-reviewed wording, and only a current, signed-off, in-date article
says "approved" at all.
"""

from __future__ import annotations

import datetime as dt

from guidewise.compose.wording import DISCLAIMER

STATUSES = ("submitted", "under_review", "approved", "changes_requested", "retired")
DISPLAY_STATUSES = (*STATUSES, "review_overdue")
STEPS = ("submitted", "under_review", "approved")  # the public stepper

_LABELS = {
    "submitted": "Submitted: pending review by the medical advisory board",
    "under_review": "Under review by the medical advisory board",
    "changes_requested": "Changes requested by the medical advisory board; a revision is being prepared",
    "review_overdue": "Review overdue: the last sign-off has lapsed and the content awaits re-review",
    "retired": "Retired: this article is no longer maintained",
}
_NOT_SIGNED = " This content has not been signed off by the medical advisory board."
_NOTES = {
    "review_overdue": " Its last sign-off by the medical advisory board has lapsed; it awaits re-review.",
    "retired": " This article is retired and is no longer kept up to date.",
}


def display_status(status: str, current_version: int, approved_version: int | None,
                   approved_by: int | None, review_due: dt.datetime | None, now: dt.datetime) -> str:
    """The status readers see; 'approved' only for a signed-off current version within its review date."""
    if status == "approved":
        if approved_by is None or approved_version != current_version:
            return "submitted"  # defensive: a stale sign-off never shows as approved
        if review_due is None or now >= review_due:
            return "review_overdue"
    return status


def status_label(display: str, reviewers: list[str] | None = None, approved_at: dt.datetime | None = None,
                 review_due: dt.datetime | None = None) -> str:
    if display == "approved":
        who = " and ".join(reviewers or []) or "the medical advisory board"
        label = f"Approved by {who}"
        if approved_at:
            label += f" on {approved_at:%Y-%m-%d}"
        if review_due:
            label += f"; next review by {review_due:%Y-%m-%d}"
        return label
    if display not in _LABELS:
        raise ValueError(f"unknown article status {display!r}")
    return _LABELS[display]


def disclaimer(audience: str, display: str) -> str:
    base = DISCLAIMER[audience]
    if display == "approved":
        return base + " This content was reviewed and signed off by the medical advisory board."
    return base + _NOTES.get(display, _NOT_SIGNED)


def step_index(display: str) -> int | None:
    """Which stepper step is current (0..2), or None when the article is off the main path."""
    if display == "changes_requested":
        return 1
    return STEPS.index(display) if display in STEPS else None
