"""REST API: the ask JSON contract, threads, topics, pagination, JSON errors, rate limits, escaping."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from guidewise.compose.answer import Answer
from guidewise.engine import Engine
from guidewise.web import ratelimit
from web_fixtures import QUESTION, client_for, csrf_of, make_staff, web_engine

CONTRACT_KEYS = {"question", "audience", "topic", "bottom_line", "sections", "references", "urgent", "abstained",
                 "status", "status_label", "last_updated", "disclaimer", "follow_ups", "message", "context",
                 "considered", "intents", "dose_warnings", "related_topics", "source", "thread_id", "reviewers"}
XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def eng(tmp_path: Path, engine: Engine) -> Engine:
    return web_engine(tmp_path / "home", engine)


@pytest.fixture
def client(eng: Engine) -> Iterator[TestClient]:
    with client_for(eng) as c:
        yield c


def test_ask_returns_the_cli_contract_plus_thread(client: TestClient, eng: Engine) -> None:
    r = client.post("/api/v1/ask", json={"question": QUESTION, "audience": "patient"})
    assert r.status_code == 200
    data = r.json()
    assert set(data) >= CONTRACT_KEYS
    answer = Answer.model_validate(data)  # round-trips through the model
    assert answer.audience == "patient" and not answer.abstained and answer.thread_id
    cli = eng.ask(QUESTION, "patient", record=False).model_dump(mode="json")
    assert {k: v for k, v in data.items() if k != "thread_id"} == {k: v for k, v in cli.items() if k != "thread_id"}
    cited = {n for s in answer.all_statements() for n in s.citations}
    assert cited <= {ref.n for ref in answer.references}


def test_threads_follow_up(client: TestClient) -> None:
    first = client.post("/api/v1/threads", json={"question": QUESTION})
    assert first.status_code == 201
    tid = first.json()["thread_id"]
    follow = client.post(f"/api/v1/threads/{tid}/ask", json={"question": "and for an 80 year old?"})
    assert follow.status_code == 200 and follow.json()["thread_id"] == tid
    assert follow.json()["topic"]["id"] == first.json()["topic"]["id"]
    t = client.get(f"/api/v1/threads/{tid}").json()
    assert [turn["n"] for turn in t["turns"]] == [1, 2] and t["topic_id"] == first.json()["topic"]["id"]
    also = client.post("/api/v1/ask", json={"question": "how long?", "thread_id": tid})
    assert also.json()["thread_id"] == tid


def test_errors_are_json_with_locations(client: TestClient) -> None:
    r = client.post("/api/v1/ask", json={"audience": "robot"})
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert "body.question: Field required" in detail and "body.audience" in detail
    r = client.post("/api/v1/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "body" in r.json()["detail"]
    r = client.post("/api/v1/ask", json={"question": QUESTION, "thread_id": "nope"})
    assert r.status_code == 404 and r.json() == {"detail": "no thread with id 'nope'"}
    assert client.get("/api/v1/threads/nope").status_code == 404
    r = client.get("/api/v1/topics/no-such-topic")
    assert r.status_code == 404 and "no-such-topic" in r.json()["detail"]
    r = client.get("/api/v1/topics", params={"per_page": 1000})
    assert r.status_code == 422 and "query.per_page" in r.json()["detail"]
    r = client.post("/api/v1/ask", json={"question": "\x00\x01\x02"})
    assert r.status_code in (200, 422)
    if r.status_code == 422:
        assert r.json()["detail"].startswith("question:")


def test_topics_pagination(client: TestClient, engine: Engine) -> None:
    n = len(engine.library.topics)
    seen: list[str] = []
    page = 1
    while True:
        r = client.get("/api/v1/topics", params={"page": page, "per_page": 1}).json()
        assert r["total"] == n and r["per_page"] == 1 and r["pages"] == n
        if not r["items"]:
            break
        seen += [t["id"] for t in r["items"]]
        page += 1
    assert sorted(seen) == sorted(engine.library.topics) and len(seen) == n
    one = client.get(f"/api/v1/topics/{seen[0]}").json()
    assert one["id"] == seen[0] and one["references"]


def _fresh_window() -> None:
    """Avoid straddling a minute boundary during a rate-limit test."""
    if time.time() % 60 > 55:
        time.sleep(61 - time.time() % 60)


def test_ask_rate_limit_429_with_retry_after(tmp_path: Path, engine: Engine) -> None:
    eng = web_engine(tmp_path / "home", engine, ask_rate_per_minute=3)
    _fresh_window()
    with client_for(eng) as c:
        codes = [c.post("/api/v1/ask", json={"question": QUESTION}).status_code for _ in range(3)]
        assert codes == [200, 200, 200]
        r = c.post("/api/v1/ask", json={"question": QUESTION})
        assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 60
        assert "limit is 3 per minute" in r.json()["detail"]
        assert c.get("/ask", params={"q": QUESTION}).status_code == 429  # pages share the bucket
    # a second app (another worker) on the same database sees the same counter
    other = web_engine(tmp_path / "home", engine, ask_rate_per_minute=3)
    with client_for(other) as c2:
        assert c2.post("/api/v1/ask", json={"question": QUESTION}).status_code == 429


def test_login_rate_limit(tmp_path: Path, engine: Engine) -> None:
    eng = web_engine(tmp_path / "home", engine, login_rate_per_minute=2)
    _fresh_window()
    with client_for(eng) as c:
        token = csrf_of(c.get("/login").text)
        form = {"username": "nobody", "password": "wrong password", "csrf_token": token}
        assert [c.post("/login", data=form).status_code for _ in range(2)] == [401, 401]
        r = c.post("/login", data=form)
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1


def test_rate_buckets_count_per_window(eng: Engine) -> None:
    t0 = 1_000_020.0
    assert [ratelimit.hit(eng.store, "k", 2, t0).allowed for _ in range(3)] == [True, True, False]
    v = ratelimit.hit(eng.store, "k", 2, t0 + 60)  # next minute starts afresh
    assert v.allowed and v.count == 1
    assert ratelimit.hit(eng.store, "k", 2, t0 + 50).retry_after == 10
    assert ratelimit.hit(eng.store, "other", 2, t0).count == 1


def test_xss_in_question_is_escaped(client: TestClient) -> None:
    r = client.get("/ask", params={"q": XSS + " back pain"})
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "<img src=x" not in r.text
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in r.text or "&lt;script&gt;" in r.text


def test_ingest_api_and_xss_in_document_title_escaped(client: TestClient, eng: Engine) -> None:
    staff = make_staff(eng, ("editor",))
    doc = (Path(__file__).parent / "data" / "web" / "xss-title.html").read_bytes()
    r = client.post("/api/v1/sources", files={"file": ("x<y>.html", doc, "text/html")}, headers=staff.auth("editor"))
    assert r.status_code == 201, r.text
    assert r.json()["added"] == 1 and r.json()["failed"] == 0
    listed = client.get("/api/v1/sources", headers=staff.auth("editor")).json()
    assert listed["total"] == 1 and listed["items"][0]["status"] == "complete"
    from guidewise.editorial.audit import list_entries

    [entry] = list_entries(eng.store, action="library.ingest")
    assert entry.actor == "editor" and entry.details["added"] == 1
    q = "does zentorizumab help chronic frobnitis?"
    api = client.post("/api/v1/ask", json={"question": q}).json()
    assert api["source"] == "literature" and "<script>" in api["references"][0]["title"]  # JSON keeps the text
    page = client.get("/ask", params={"q": q}).text
    assert "Zentorizumab for chronic frobnitis" in page
    assert "<script>alert" not in page and "<img src=x" not in page and "&lt;script&gt;" in page
