"""Editorial pages over HTTP: sign-in, CSRF, save an article, the review dashboard, approval shown publicly."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from guidewise.engine import Engine
from guidewise.web.app import create_app
from guidewise.web.security import SESSION_COOKIE
from web_fixtures import PASSWORD, QUESTION, Staff, client_for, csrf_of, make_staff, sign_in, web_engine

ROLES = ("reader", "editor", "reviewer", "reviewer2", "admin")


@pytest.fixture
def eng(tmp_path: Path, engine: Engine) -> Engine:
    return web_engine(tmp_path / "home", engine)


@pytest.fixture
def staff(eng: Engine) -> Staff:
    return make_staff(eng, ROLES)


def browser(eng: Engine) -> Iterator[TestClient]:
    with client_for(eng) as c:
        yield c


editor_c = pytest.fixture(browser, name="editor_c")
reviewer_c = pytest.fixture(browser, name="reviewer_c")
anon = pytest.fixture(browser, name="anon")


def save_article(c: TestClient, csrf: str) -> str:
    page = c.get("/ask", params={"q": QUESTION}).text
    assert "Save as article" in page
    r = c.post("/articles", data={"question": QUESTION, "csrf_token": csrf})
    assert r.status_code == 303, r.text
    return r.headers["location"].rsplit("/", 1)[-1]


def test_sign_in_sets_secure_session_and_sign_out_ends_it(eng: Engine, staff: Staff, anon: TestClient) -> None:
    token = csrf_of(anon.get("/login").text)
    bad = anon.post("/login", data={"username": "editor", "password": "not the password", "csrf_token": token})
    assert bad.status_code == 401 and "Wrong username or password" in bad.text
    r = anon.post("/login", data={"username": "editor", "password": PASSWORD, "csrf_token": token,
                                  "next": "https://evil.example/"})
    assert r.status_code == 303 and r.headers["location"] == "/"  # never redirects off-site
    cookie = r.headers["set-cookie"]
    assert f"{SESSION_COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    home = anon.get("/").text
    assert "Editor User" in home and "Sign out" in home
    assert anon.get("/api/v1/me").json()["username"] == "editor"
    csrf = csrf_of(home)
    assert anon.post("/logout", data={"csrf_token": csrf}).status_code == 303
    assert anon.get("/api/v1/me").status_code == 401


def test_csrf_rejected(eng: Engine, staff: Staff, editor_c: TestClient) -> None:
    # login form without, or with a wrong, token
    editor_c.get("/login")
    assert editor_c.post("/login", data={"username": "editor", "password": PASSWORD}).status_code == 403
    r = editor_c.post("/login", data={"username": "editor", "password": PASSWORD, "csrf_token": "forged"})
    assert r.status_code == 403 and "CSRF" in r.text
    csrf = sign_in(editor_c, "editor")
    # a page form and an API call authenticated by the cookie both need the session's token
    assert editor_c.post("/articles", data={"question": QUESTION}).status_code == 403
    assert editor_c.post("/articles", data={"question": QUESTION, "csrf_token": "x" * 43}).status_code == 403
    r = editor_c.post("/api/v1/articles", json={"question": QUESTION})
    assert r.status_code == 403 and r.json()["detail"].startswith("missing or wrong CSRF token")
    r = editor_c.post("/api/v1/articles", json={"question": QUESTION}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201
    assert editor_c.post("/logout").status_code == 403
    # a Bearer token needs no CSRF token
    c2 = TestClient(editor_c.app)
    r = c2.post("/api/v1/articles", json={"question": QUESTION, "slug": "by-token"}, headers=staff.auth("editor"))
    assert r.status_code == 201


def test_editor_saves_reviewer_approves_public_page_shows_it(
        eng: Engine, staff: Staff, editor_c: TestClient, reviewer_c: TestClient, anon: TestClient) -> None:
    slug = save_article(editor_c, sign_in(editor_c, "editor"))
    public = anon.get(f"/articles/{slug}").text
    assert "Submitted: pending review" in public and "not been signed off" in public
    assert re.search(r'<li class="current"\s+aria-current="step">', public)

    csrf = sign_in(reviewer_c, "reviewer")
    queue = reviewer_c.get("/review").text
    assert f'href="/review/{slug}"' in queue
    detail = reviewer_c.get(f"/review/{slug}").text
    assert "Start review" in detail and "first version" in detail
    r = reviewer_c.post(f"/review/{slug}", data={"action": "start_review", "csrf_token": csrf, "expected_version": 1})
    assert r.status_code == 303
    assert "Under review by" in anon.get(f"/articles/{slug}").text
    r = reviewer_c.post(f"/review/{slug}", data={"action": "approve", "comment": "Checked against sources.",
                                                  "csrf_token": csrf, "expected_version": 1})
    assert r.status_code == 303
    for audience in ("clinician", "patient"):
        page = anon.get(f"/articles/{slug}", params={"audience": audience}).text
        assert "Approved by Ada Reviewer, MD, FACP" in page
        assert '<li class="reviewer">Ada Reviewer, MD, FACP (Internal medicine)</li>' in page
        assert "Next review" in page
        assert "pending" not in page.lower() and "not been signed off" not in page  # never both
    assert slug not in reviewer_c.get("/review").text.split("<tbody>")[-1]
    history = reviewer_c.get(f"/review/{slug}").text
    assert "Checked against sources." in history


def test_non_reviewer_cannot_approve(eng: Engine, staff: Staff, editor_c: TestClient,
                                     reviewer_c: TestClient) -> None:
    csrf_e = sign_in(editor_c, "editor")
    slug = save_article(editor_c, csrf_e)
    csrf_r = sign_in(reviewer_c, "reviewer")
    reviewer_c.post(f"/review/{slug}", data={"action": "start_review", "csrf_token": csrf_r})
    page = editor_c.get(f"/review/{slug}").text
    assert 'value="approve"' not in page and "Only members of the medical advisory board" in page
    r = editor_c.post(f"/review/{slug}", data={"action": "approve", "csrf_token": csrf_e})
    assert r.status_code == 403 and "cannot approve" in r.text
    r = editor_c.post(f"/api/v1/articles/{slug}/transitions", json={"action": "approve"},
                      headers={"X-CSRF-Token": csrf_e})
    assert r.status_code == 403
    assert "Under review" in editor_c.get(f"/articles/{slug}").text
    # request changes needs a comment, and the message says so
    r = reviewer_c.post(f"/review/{slug}", data={"action": "request_changes", "csrf_token": csrf_r})
    assert r.status_code == 422 and "comment" in r.text


def test_two_person_rule_reviewer_cannot_approve_own_revision(eng: Engine, staff: Staff) -> None:
    with client_for(eng) as c:
        h = staff.auth("admin")
        made = c.post("/api/v1/articles", json={"question": QUESTION, "slug": "two-person"}, headers=h)
        assert made.status_code == 201
        t = c.post("/api/v1/articles/two-person/transitions", json={"action": "start_review"},
                   headers=staff.auth("reviewer"))
        assert t.status_code == 200 and t.json()["status"] == "under_review"
        # admin's article: reviewer2 approves; then a regeneration without change keeps it approved
        ok = c.post("/api/v1/articles/two-person/transitions", json={"action": "approve", "expected_version": 1},
                    headers=staff.auth("reviewer2"))
        assert ok.status_code == 200 and ok.json()["display_status"] == "approved"
        stale = c.post("/api/v1/articles/two-person/transitions", json={"action": "approve", "expected_version": 1},
                       headers=staff.auth("reviewer"))
        assert stale.status_code == 409


def test_save_abstained_answer_is_refused_clearly(eng: Engine, staff: Staff, editor_c: TestClient) -> None:
    csrf = sign_in(editor_c, "editor")
    r = editor_c.post("/articles", data={"question": "what is the capital of france", "csrf_token": csrf})
    assert r.status_code == 422 and "no guideline-backed answer" in r.text


def test_audit_trail_records_web_actions_without_question_text(eng: Engine, staff: Staff, editor_c: TestClient,
                                                                reviewer_c: TestClient) -> None:
    from guidewise.editorial.audit import list_entries, verify_audit

    secret_q = "treatment for acute low back pain with muscle spasm in my neighbour zebulon"
    csrf_e = sign_in(editor_c, "editor")
    r = editor_c.post("/articles", data={"question": secret_q, "csrf_token": csrf_e})
    assert r.status_code == 303
    slug = r.headers["location"].rsplit("/", 1)[-1]
    csrf_r = sign_in(reviewer_c, "reviewer")
    for action in ("start_review", "approve"):
        assert reviewer_c.post(f"/review/{slug}", data={"action": action, "csrf_token": csrf_r}).status_code == 303
    editor_c.post("/logout", data={"csrf_token": csrf_e})
    entries = list_entries(eng.store, limit=1000)
    actions = [(e.actor, e.action) for e in entries]
    for expected in (("editor", "login.success"), ("editor", "article.create"), ("reviewer", "article.approve"),
                     ("editor", "logout")):
        assert expected in actions
    assert "zebulon" not in repr(entries)
    assert verify_audit(eng.store) == []


def test_overdue_approval_is_never_shown_as_approved(eng: Engine, staff: Staff, anon: TestClient) -> None:
    import datetime as dt

    from guidewise.editorial import workflow

    c = anon
    assert c.post("/api/v1/articles", json={"question": QUESTION, "slug": "old"},
                  headers=staff.auth("editor")).status_code == 201
    long_ago = dt.datetime(2020, 1, 2, 12, 0)
    workflow.transition(eng.store, "old", "start_review", "reviewer", now=long_ago)
    workflow.transition(eng.store, "old", "approve", "reviewer", now=long_ago)
    page = c.get("/articles/old").text
    assert "Review overdue" in page and "Approved by" not in page
    stepper = page.split('<ol class="stepper"')[1].split("</ol>")[0]
    assert stepper.count("✓") == 2 and '<li class="current overdue"' in stepper
    assert ">Review overdue</span>" in stepper and ">Approved</span>" not in stepper
    listed = c.get("/api/v1/articles", params={"status": "review_overdue"}).json()
    assert [a["slug"] for a in listed["items"]] == ["old"] and listed["total"] == 1


def test_revision_shows_a_diff_and_returns_to_submitted(eng: Engine, staff: Staff, reviewer_c: TestClient) -> None:
    from guidewise.editorial.articles import get_answers

    c, ed = reviewer_c, staff.auth("editor")
    assert c.post("/api/v1/articles", json={"question": QUESTION, "slug": "rev"}, headers=ed).status_code == 201
    for action in ("start_review", "approve"):
        c.post("/api/v1/articles/rev/transitions", json={"action": action}, headers=staff.auth("reviewer"))
    answers = get_answers(eng.store, "rev")
    answers["clinician"]["bottom_line"]["text"] = "An edited bottom line for the diff test."
    r = c.post("/api/v1/articles/rev/revisions", json={"answers": answers, "note": "edit"}, headers=ed)
    assert r.status_code == 200 and r.json()["changed"] and r.json()["version"] == 2
    assert r.json()["article"]["status"] == "submitted"
    csrf = sign_in(c, "reviewer")
    page = c.get("/review/rev").text
    assert '<span class="add">+' in page and "An edited bottom line for the diff test." in page
    assert '<span class="del">-' in page and "approved" in page
    assert "Submitted: pending review" in c.get("/articles/rev").text  # the old approval no longer shows
    old = c.get("/review/rev", params={"from_version": 1}).text
    assert "rev v1" in old
    bad = c.post("/api/v1/articles/rev/revisions", json={"answers": {"clinician": {}}}, headers=ed)
    assert bad.status_code == 422 and "answers" in bad.json()["detail"]
    assert c.post("/review/rev", data={"action": "approve", "csrf_token": csrf}).status_code == 409


def test_secure_cookies_setting(tmp_path: Path, engine: Engine) -> None:
    eng = web_engine(tmp_path / "secure", engine, secure_cookies=True)
    make_staff(eng, ("reader",))
    with TestClient(create_app(eng), base_url="https://testserver", follow_redirects=False) as c:
        r = c.get("/login")
        assert "Secure" in r.headers["set-cookie"]
        token = csrf_of(r.text)
        r = c.post("/login", data={"username": "reader", "password": PASSWORD, "csrf_token": token})
        assert r.status_code == 303
        cookie = r.headers["set-cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
