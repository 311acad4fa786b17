"""Every page renders from the real engine and store; answer page shows the full reference layout."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from guidewise.engine import Engine
from web_fixtures import QUESTION, client_for, web_engine


@pytest.fixture
def client(tmp_path: Path, engine: Engine) -> Iterator[TestClient]:
    with client_for(web_engine(tmp_path / "home", engine)) as c:
        yield c


def test_home_lists_topics_and_question_form(client: TestClient, engine: Engine) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert '<label for="q"' in r.text and 'name="audience"' in r.text
    for t in engine.library.topics.values():
        assert html.escape(t.title) in r.text
    assert r.headers["content-security-policy"].startswith("default-src 'self'")
    assert r.headers["referrer-policy"] == "no-referrer"


def test_answer_page_structure(client: TestClient) -> None:
    r = client.get("/ask", params={"q": QUESTION})
    assert r.status_code == 200
    page = r.text
    assert f'<h1 id="question-h">{QUESTION}</h1>' in page
    assert 'aria-label="Article review status"' in page
    assert all(step in page for step in ("Submitted", "Under review", "Approved"))
    assert "Last updated" in page
    assert "Which best describes you?" in page
    assert "Bottom line" in page and "References" in page and "disclaimer" in page.lower()
    # every citation link points at a reference that exists on the page, with a tooltip
    cited = set(re.findall(r'class="cite" href="#ref-(\d+)" title="([^"]+)"', page))
    assert cited
    ids = set(re.findall(r'<li id="ref-(\d+)"', page))
    assert {n for n, _ in cited} <= ids
    assert "https://pubmed.ncbi.nlm.nih.gov/" in page and "https://doi.org/" in page
    assert re.search(r'class="badge badge-(guideline|research|drug-label)"', page)
    # follow-up box continues the thread
    thread = re.search(r'name="thread" value="([0-9a-f]+)"', page)
    assert thread is not None
    assert "Suggested follow-ups" in page


def test_audience_switch_changes_wording(client: TestClient) -> None:
    clin = client.get("/ask", params={"q": QUESTION, "audience": "clinician"}).text
    pat = client.get("/ask", params={"q": QUESTION, "audience": "patient"}).text
    assert 'value="patient" aria-describedby="aud-hint" checked' in pat
    assert 'value="clinician" aria-describedby="aud-hint" checked' in clin
    assert "certainty evidence" in clin and "certainty evidence" not in pat


def test_follow_up_keeps_thread(client: TestClient) -> None:
    first = client.get("/ask", params={"q": QUESTION}).text
    thread = re.search(r'name="thread" value="([0-9a-f]+)"', first)
    assert thread
    r = client.get("/ask", params={"q": "and in pregnancy?", "thread": thread.group(1)})
    assert r.status_code == 200
    assert "Acute low back pain" in r.text  # the topic is carried over
    assert f'name="thread" value="{thread.group(1)}"' in r.text
    thread_json = client.get(f"/api/v1/threads/{thread.group(1)}").json()
    assert [t["n"] for t in thread_json["turns"]] == [1, 2]


def test_abstention_and_crisis(client: TestClient) -> None:
    r = client.get("/ask", params={"q": "what is the capital of france"})
    assert r.status_code == 200 and "No guideline-backed answer" in r.text
    assert 'id="refs-h"' not in r.text
    r = client.get("/ask", params={"q": "I want to kill myself"})
    assert 'role="alert"' in r.text and "988" in r.text and 'href="tel:988"' in r.text


def test_empty_question_and_unknown_thread(client: TestClient) -> None:
    r = client.get("/ask", params={"q": "   "})
    assert r.status_code == 422 and "please type a question" in r.text and 'aria-invalid="true"' in r.text
    r = client.get("/ask", params={"q": QUESTION, "thread": "doesnotexist"})
    assert r.status_code == 404 and "conversation was not found" in r.text


def test_login_page_and_errors_render(client: TestClient) -> None:
    r = client.get("/login")
    assert r.status_code == 200 and 'name="csrf_token"' in r.text and 'autocomplete="current-password"' in r.text
    assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=strict" in r.headers["set-cookie"]
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "<h1>Not found" in r.text


def test_static_assets(client: TestClient) -> None:
    assert client.get("/static/style.css").status_code == 200
    assert "data-autosubmit" in client.get("/static/app.js").text


def test_openapi_lists_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/v1/ask", "/api/v1/threads", "/api/v1/articles", "/api/v1/articles/{slug}/transitions",
                 "/api/v1/topics", "/api/v1/sources", "/api/v1/users"):
        assert path in spec["paths"]
    assert "/ask" not in spec["paths"]  # pages stay out of the API description
    assert client.get("/docs").status_code == 200
