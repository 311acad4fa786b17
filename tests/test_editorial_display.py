"""The displayed status never says "approved" beside "pending review" (the flaw of the page we replace)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from guidewise.compose import wording
from guidewise.editorial import articles as art
from guidewise.editorial import workflow
from guidewise.editorial.display import DISPLAY_STATUSES, disclaimer, display_status, status_label, step_index
from guidewise.editorial.users import create_user
from guidewise.engine import Engine
from guidewise.settings import Settings

NOT_SIGNED_OFF = ("pending", "not been", "not yet", "awaits", "overdue", "under review", "changes requested",
                  "lapsed", "retired", "unreviewed", "not reviewed")
T0 = dt.datetime(2026, 1, 10, 8, 0)


def assert_consistent(display: str, label: str, disc: str) -> None:
    text = f"{label} {disc}".lower()
    if display == "approved":
        assert label.startswith("Approved by")
        hits = [w for w in NOT_SIGNED_OFF if w in text]
        assert not hits, f"approved text also says {hits}: {text!r}"
    else:
        assert "approved" not in text, f"{display}: {text!r}"


@pytest.mark.parametrize("audience", ["clinician", "patient"])
@pytest.mark.parametrize("display", DISPLAY_STATUSES)
def test_label_and_disclaimer_agree_for_every_status(display: str, audience: str) -> None:
    label = status_label(display, ["Jane Roe, MD, FACP (Internal medicine)"], T0, T0 + dt.timedelta(days=365))
    assert_consistent(display, label, disclaimer(audience, display))
    if display == "submitted":
        assert "pending review" in label


def test_only_a_current_in_date_sign_off_displays_as_approved() -> None:
    due = T0 + dt.timedelta(days=365)
    assert display_status("approved", 2, 2, 7, due, T0) == "approved"
    assert display_status("approved", 3, 2, 7, due, T0) == "submitted"  # stale sign-off
    assert display_status("approved", 2, 2, None, due, T0) == "submitted"  # nobody signed
    assert display_status("approved", 2, 2, 7, due, due) == "review_overdue"
    assert display_status("approved", 2, 2, 7, None, T0) == "review_overdue"
    for s in ("submitted", "under_review", "changes_requested", "retired"):
        assert display_status(s, 2, 2, 7, due, T0) == s
    assert [step_index(s) for s in DISPLAY_STATUSES] == [0, 1, 2, 1, None, None]
    with pytest.raises(ValueError, match="unknown article status"):
        status_label("published")


def test_every_status_reached_by_a_real_article_is_consistent(tmp_path: Path) -> None:
    eng = Engine(Settings(home=tmp_path / "h"))
    create_user(eng.store, "ed", "editor")
    create_user(eng.store, "jroe", "reviewer", display_name="Jane Roe", credentials="MD", specialty="Family medicine")
    slug = art.create_article(eng, "What is the best treatment for back pain spasms?", "ed").slug
    seen: dict[str, str] = {}

    def check(now: dt.datetime | None = None) -> None:
        for audience in ("clinician", "patient"):
            page = art.article_answer(eng.store, slug, audience, now=now)
            assert_consistent(page["status"], page["status_label"], page["disclaimer"])
            assert bool(page["reviewers"]) == (page["status"] == "approved")
            seen[page["status"]] = page["status_label"]

    check()
    workflow.start_review(eng.store, slug, "jroe")
    check()
    workflow.request_changes(eng.store, slug, "jroe", "Shorten the bottom line")
    check()
    answers = art.get_answers(eng.store, slug)
    answers["clinician"]["bottom_line"]["text"] = "Shorter bottom line."
    workflow.revise(eng.store, slug, answers, "ed")
    check()
    workflow.start_review(eng.store, slug, "jroe")
    workflow.transition(eng.store, slug, "approve", "jroe", now=T0)
    check(T0 + dt.timedelta(days=1))
    check(T0 + dt.timedelta(days=400))
    workflow.retire(eng.store, slug, "ed")
    check()
    assert set(seen) == set(DISPLAY_STATUSES)
    assert "Jane Roe, MD (Family medicine)" in seen["approved"]


AFFIRMED = re.compile(r"(?<!not yet been )(?<!not been )(?<!never been )\bapproved\b", re.IGNORECASE)


@pytest.mark.parametrize("audience", ["clinician", "patient"])
@pytest.mark.parametrize("status", sorted(wording.STATUS_LABELS))
def test_library_answer_wording_never_claims_approval_while_pending(status: str, audience: str) -> None:
    """The same invariant for plain answers (library topics): 'approved' is affirmed only for approved."""
    label, disc = wording.status_label(status), wording.disclaimer(audience, status)
    text = f"{label} {disc}"
    if status == "approved":
        assert AFFIRMED.search(label) and not [w for w in NOT_SIGNED_OFF if w in text.lower()]
    else:
        assert not AFFIRMED.search(text), text
