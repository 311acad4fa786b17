"""Articles, versions, transitions, the two-person rule, re-review dates and the audit trail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from guidewise.editorial import articles as art
from guidewise.editorial import audit, workflow
from guidewise.editorial.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from guidewise.editorial.users import create_user, set_role
from guidewise.engine import Engine
from guidewise.settings import Settings

SEED = "What is the best treatment for back pain spasms?"
PATIENT_Q = "my 80 year old dad has gout in his toe, what can he take?"


@pytest.fixture
def eng(tmp_path: Path) -> Engine:
    e = Engine(Settings(home=tmp_path / "engine-home"))
    create_user(e.store, "root", "admin")
    create_user(e.store, "ed", "editor", display_name="Ed Itor", actor="root")
    create_user(e.store, "ed2", "editor", actor="root")
    for name, full in (("jroe", "Jane Roe"), ("rsmith", "Raj Smith")):
        create_user(e.store, name, "reviewer", display_name=full, credentials="MD, FACP",
                    specialty="Internal medicine", actor="root")
    return e


def _edited(answers: dict[str, Any]) -> dict[str, Any]:
    """The same answers with one statement reworded, as an editor would."""
    out = {aud: dict(a) for aud, a in answers.items()}
    sec = [dict(x) for x in out["clinician"]["sections"]]
    st = [dict(x) for x in sec[0]["statements"]]
    st[0]["text"] = st[0]["text"] + " Editor's clarification added."
    sec[0]["statements"] = st
    out["clinician"]["sections"] = sec
    return out


def test_create_article_snapshots_both_audiences(eng: Engine) -> None:
    a = art.create_article(eng, SEED, "ed")
    assert a.slug == "low-back-pain-acute" and a.status == a.display_status == "submitted"
    assert a.current_version == 1 and a.created_by == a.revised_by == "ed" and a.reviewers == []
    answers = art.get_answers(eng.store, a.slug)
    assert set(answers) == {"clinician", "patient"}
    assert answers["clinician"]["references"] and answers["patient"]["audience"] == "patient"
    assert [r["n"] for r in answers["clinician"]["references"]] == [r["n"] for r in answers["patient"]["references"]]
    assert art.create_article(eng, SEED, "ed").slug == "low-back-pain-acute-2"
    with pytest.raises(ValidationFailed, match="no guideline-backed answer"):
        art.create_article(eng, "what is the capital of France", "ed")
    with pytest.raises(PermissionDenied, match="editor or admin"):
        art.create_article(eng, SEED, "jroe")
    with pytest.raises(ValidationFailed, match="slug"):
        art.create_article(eng, SEED, "ed", slug="Bad Slug!")


def test_full_path_to_approval_with_named_reviewer(eng: Engine) -> None:
    a = art.create_article(eng, SEED, "ed")
    with pytest.raises(InvalidTransition, match="is submitted: cannot approve"):
        workflow.approve(eng.store, a.slug, "jroe")
    with pytest.raises(PermissionDenied, match="reviewer"):
        workflow.start_review(eng.store, a.slug, "ed")
    a = workflow.start_review(eng.store, a.slug, "jroe")
    assert a.status == "under_review" and a.review_started_by == "Jane Roe, MD, FACP (Internal medicine)"
    now = dt.datetime(2026, 3, 1, 12, 0)
    a = workflow.transition(eng.store, a.slug, "approve", "jroe", "Checked against the ACP guideline", now=now)
    assert a.status == "approved" and a.approved_version == 1 and a.approved_by == "jroe"
    assert a.review_due == dt.datetime(2027, 3, 1, 12, 0)
    shown = art.get_article(eng.store, a.slug, now=now + dt.timedelta(days=30))
    assert shown.display_status == "approved" and shown.reviewers == ["Jane Roe, MD, FACP (Internal medicine)"]
    assert "Jane Roe" in shown.status_label and "2027-03-01" in shown.status_label
    page = art.article_answer(eng.store, a.slug, "patient", now=now + dt.timedelta(days=30))
    assert page["status"] == "approved" and page["reviewers"] == shown.reviewers
    assert "not been signed off" not in page["disclaimer"]
    assert [r.decision for r in art.reviews(eng.store, a.slug)] == ["start_review", "approve"]


def test_overdue_is_never_shown_as_approved(eng: Engine) -> None:
    a = art.create_article(eng, SEED, "ed")
    workflow.start_review(eng.store, a.slug, "jroe")
    t = dt.datetime(2024, 2, 29, 9, 0)
    a = workflow.transition(eng.store, a.slug, "approve", "jroe", now=t)
    assert a.review_due == dt.datetime(2025, 2, 28, 9, 0)
    late = art.get_article(eng.store, a.slug, now=dt.datetime(2025, 3, 1))
    assert late.status == "approved" and late.display_status == "review_overdue"
    assert "approved" not in late.status_label.lower() and late.reviewers == []
    page = art.article_answer(eng.store, a.slug, now=dt.datetime(2025, 3, 1))
    assert page["status"] == "review_overdue" and "approved" not in (page["status_label"] + page["disclaimer"]).lower()
    assert [x.slug for x in art.review_queue(eng.store, now=dt.datetime(2025, 3, 1))] == [a.slug]
    assert [x.slug for x in art.list_articles(eng.store, status="review_overdue", now=dt.datetime(2025, 3, 1))] \
        == [a.slug]
    # re-review restores approval with a new date
    workflow.start_review(eng.store, a.slug, "rsmith")
    again = workflow.transition(eng.store, a.slug, "approve", "rsmith", now=dt.datetime(2025, 3, 2))
    assert again.review_due == dt.datetime(2026, 3, 2) and again.approved_by == "rsmith"


def test_two_person_rule(eng: Engine) -> None:
    create_user(eng.store, "amy", "editor", display_name="Amy Lee", credentials="PharmD", specialty="Pharmacy",
                actor="root")
    a = art.create_article(eng, SEED, "amy")
    set_role(eng.store, "amy", "reviewer", actor="root")
    workflow.start_review(eng.store, a.slug, "amy")  # opening a review is fine
    with pytest.raises(PermissionDenied, match="two-person rule"):
        workflow.approve(eng.store, a.slug, "amy")
    assert art.get_article(eng.store, a.slug).status == "under_review"
    # the last reviser is barred too, even when someone else created the article
    b = art.create_article(eng, SEED, "ed")
    set_role(eng.store, "amy", "editor", actor="root")
    workflow.revise(eng.store, b.slug, _edited(art.get_answers(eng.store, b.slug)), "amy")
    set_role(eng.store, "amy", "reviewer", actor="root")
    workflow.start_review(eng.store, b.slug, "jroe")
    with pytest.raises(PermissionDenied, match="last revised"):
        workflow.approve(eng.store, b.slug, "amy")
    assert workflow.approve(eng.store, b.slug, "jroe").status == "approved"


def test_changes_requested_then_revised_and_resubmitted(eng: Engine) -> None:
    a = art.create_article(eng, SEED, "ed")
    workflow.start_review(eng.store, a.slug, "jroe")
    with pytest.raises(ValidationFailed, match="comment"):
        workflow.request_changes(eng.store, a.slug, "jroe", "  ")
    a = workflow.request_changes(eng.store, a.slug, "jroe", "Clarify the duration of muscle relaxants")
    assert a.status == "changes_requested"
    with pytest.raises(InvalidTransition, match="revise it"):
        workflow.submit(eng.store, a.slug, "ed")
    rev = workflow.revise(eng.store, a.slug, _edited(art.get_answers(eng.store, a.slug)), "ed2", note="clarified")
    assert rev.changed and rev.version == 2 and rev.article.status == "submitted" and rev.article.revised_by == "ed2"
    assert rev.diff_previous and "+- " in rev.diff_previous and "Editor's clarification added." in rev.diff_previous
    assert rev.diff_approved is None
    assert art.reviews(eng.store, a.slug)[-1].comment == "Clarify the duration of muscle relaxants"


def test_content_change_returns_approved_article_to_submitted_with_diffs(eng: Engine) -> None:
    a = art.create_article(eng, SEED, "ed")
    edited = _edited(art.get_answers(eng.store, a.slug))
    workflow.revise(eng.store, a.slug, edited, "ed2")
    workflow.start_review(eng.store, a.slug, "jroe")
    assert workflow.approve(eng.store, a.slug, "jroe", expected_version=2).approved_version == 2
    # regenerating gives the engine's own text back: a change, so a new version and back to submitted
    rev = workflow.regenerate(eng, a.slug, "ed")
    assert rev.changed and rev.version == 3 and rev.article.status == rev.article.display_status == "submitted"
    assert rev.article.approved_version == 2 and rev.article.reviewers == []
    assert rev.diff_approved is not None
    removed = [ln for ln in rev.diff_approved.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    assert len(removed) == 1 and "Editor's clarification added." in removed[0]
    assert art.diff_against_approved(eng.store, a.slug) == art.diff(eng.store, a.slug, 2)
    assert "v2 (approved)" in rev.diff_approved
    page = art.article_answer(eng.store, a.slug)
    assert page["status"] == "submitted" and "pending review" in page["status_label"]
    # nothing changed since: no new version
    again = workflow.regenerate(eng, a.slug, "ed")
    assert not again.changed and again.version == 3 and len(art.versions(eng.store, a.slug)) == 3
    # a stale approval is refused
    workflow.start_review(eng.store, a.slug, "rsmith")
    with pytest.raises(Conflict, match="version 2"):
        workflow.approve(eng.store, a.slug, "rsmith", expected_version=2)


def test_retire_and_reinstate(eng: Engine) -> None:
    a = art.create_article(eng, SEED, "ed")
    with pytest.raises(PermissionDenied):
        workflow.retire(eng.store, a.slug, "jroe")
    a = workflow.retire(eng.store, a.slug, "ed")
    assert a.status == "retired" and a.retired_at is not None
    with pytest.raises(InvalidTransition, match="retired"):
        workflow.start_review(eng.store, a.slug, "jroe")
    with pytest.raises(InvalidTransition, match="retired"):
        workflow.revise(eng.store, a.slug, _edited(art.get_answers(eng.store, a.slug)), "ed")
    with pytest.raises(InvalidTransition, match="cannot retire"):
        workflow.retire(eng.store, a.slug, "ed")
    assert workflow.submit(eng.store, a.slug, "ed").status == "submitted"


def test_revise_rejects_bad_content_with_its_location(eng: Engine) -> None:
    a = art.create_article(eng, SEED, "ed")
    answers = art.get_answers(eng.store, a.slug)
    with pytest.raises(ValidationFailed, match="audiences"):
        workflow.revise(eng.store, a.slug, {"clinician": answers["clinician"]}, "ed")
    broken = {aud: dict(x) for aud, x in answers.items()}
    broken["patient"]["references"] = [{"n": "one"}]
    with pytest.raises(ValidationFailed, match=r"answers\.patient\.references\.0"):
        workflow.revise(eng.store, a.slug, broken, "ed")
    assert art.get_article(eng.store, a.slug).current_version == 1


def test_audit_records_the_workflow_without_question_text(eng: Engine) -> None:
    a = art.create_article(eng, PATIENT_Q, "ed")
    workflow.start_review(eng.store, a.slug, "jroe")
    workflow.request_changes(eng.store, a.slug, "jroe", "Mention his kidney function please")
    workflow.revise(eng.store, a.slug, _edited(art.get_answers(eng.store, a.slug)), "ed")
    workflow.start_review(eng.store, a.slug, "rsmith")
    workflow.approve(eng.store, a.slug, "rsmith")
    entries = [e for e in reversed(audit.list_entries(eng.store)) if e.object_type == "article"]
    assert [(e.actor, e.action, e.version) for e in entries] == [
        ("ed", "article.create", 1), ("jroe", "article.start_review", 1), ("jroe", "article.request_changes", 1),
        ("ed", "article.revise", 2), ("rsmith", "article.start_review", 2), ("rsmith", "article.approve", 2)]
    assert entries[-1].details == {"slug": a.slug, "from": "under_review", "to": "approved"}
    assert all(e.object_id == str(a.id) for e in entries)
    blob = " ".join(f"{e.actor} {e.action} {e.object_type} {e.object_id} {e.details}"  # not the hex hashes
                    for e in audit.list_entries(eng.store, limit=1000)).lower()
    for words in ("80 year", "dad", "toe", "kidney function", "what can he take"):
        assert words not in blob
    assert "gout" not in a.slug or a.topic_id == "gout"
    assert audit.verify_audit(eng.store) == []
