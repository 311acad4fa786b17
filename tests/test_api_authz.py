"""The authorisation matrix: every endpoint (API and pages) for every role, including anonymous."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import fresh_database_url
from guidewise.engine import Engine
from web_fixtures import QUESTION, Staff, client_for, make_staff, web_engine

ANON, READER, EDITOR, REVIEWER, ADMIN = "anonymous", "reader", "editor", "reviewer", "admin"
EVERYONE = frozenset({ANON, READER, EDITOR, REVIEWER, ADMIN})
SIGNED_IN = EVERYONE - {ANON}
EDITORS = frozenset({EDITOR, ADMIN})
STAFF = frozenset({EDITOR, REVIEWER, ADMIN})
DOC = b"<html><head><title>Matrix test document</title></head><body><p>Synthetic text for tests.</p></body></html>"


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    allowed: frozenset[str]
    kwargs: tuple[tuple[str, Any], ...] = ()

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def call(method: str, path: str, allowed: frozenset[str], **kwargs: Any) -> Call:
    return Call(method, path, allowed, tuple(kwargs.items()))


A = "/api/v1"
MATRIX = [
    call("POST", f"{A}/ask", EVERYONE, json={"question": QUESTION}),
    call("POST", f"{A}/threads", EVERYONE, json={"question": QUESTION}),
    call("GET", f"{A}/threads/{{thread}}", EVERYONE),
    call("POST", f"{A}/threads/{{thread}}/ask", EVERYONE, json={"question": "and in pregnancy?"}),
    call("GET", f"{A}/threads", frozenset({EDITOR, ADMIN})),
    call("GET", f"{A}/topics", EVERYONE),
    call("GET", f"{A}/topics/low-back-pain-acute", EVERYONE),
    call("GET", f"{A}/articles", EVERYONE),
    call("GET", f"{A}/articles/matrix", EVERYONE),
    call("POST", f"{A}/articles", EDITORS, json={"question": QUESTION}),
    call("POST", f"{A}/articles/matrix/revisions", EDITORS, json={"note": "regenerate"}),
    call("POST", f"{A}/articles/matrix/transitions", frozenset({REVIEWER}), json={"action": "start_review"}),
    call("POST", f"{A}/articles/matrix/transitions", frozenset({REVIEWER}), json={"action": "approve"}),
    call("POST", f"{A}/articles/matrix/transitions", frozenset({REVIEWER}),
         json={"action": "request_changes", "comment": "x"}),
    call("POST", f"{A}/articles/matrix-retire/transitions", EDITORS, json={"action": "retire"}),
    call("POST", f"{A}/articles/matrix-retire/transitions", EDITORS, json={"action": "submit"}),
    call("GET", f"{A}/articles/matrix/versions", STAFF),
    call("GET", f"{A}/articles/matrix/reviews", STAFF),
    call("GET", f"{A}/articles/matrix/diff?from=1", STAFF),
    call("GET", f"{A}/sources", EDITORS),
    call("GET", f"{A}/sources/1", EDITORS),
    call("POST", f"{A}/sources", EDITORS, files={"file": ("matrix.html", DOC, "text/html")}),
    call("GET", f"{A}/users", frozenset({ADMIN})),
    call("POST", f"{A}/users", frozenset({ADMIN}), json={"username": "new-{role}", "role": "reader"}),
    call("GET", f"{A}/users/reader", frozenset({ADMIN})),
    call("PATCH", f"{A}/users/reader", frozenset({ADMIN}), json={"display_name": "Reader Person"}),
    call("POST", f"{A}/users/reader/tokens", frozenset({READER, ADMIN}), json={"name": "by-{role}"}),
    call("GET", f"{A}/me", SIGNED_IN),
    # pages
    call("GET", "/", EVERYONE),
    call("GET", f"/ask?q={QUESTION}", EVERYONE),
    call("GET", "/articles", EVERYONE),
    call("GET", "/articles/matrix", EVERYONE),
    call("GET", "/login", EVERYONE),
    call("POST", "/articles", EDITORS, data={"question": QUESTION}),
    call("GET", "/review", STAFF),
    call("GET", "/review/matrix", STAFF),
    call("POST", "/review/matrix", frozenset({REVIEWER}), data={"action": "start_review"}),
    call("POST", "/review/matrix-retire", EDITORS, data={"action": "regenerate"}),
]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, engine: Engine) -> Iterator[tuple[TestClient, Staff, str]]:
    eng = web_engine(tmp_path_factory.mktemp("authz"), engine, fresh_database_url(), ask_rate_per_minute=10_000)
    staff = make_staff(eng)
    with client_for(eng) as c:
        for slug in ("matrix", "matrix-retire"):
            r = c.post(f"{A}/articles", json={"question": QUESTION, "slug": slug}, headers=staff.auth(ADMIN))
            assert r.status_code == 201, r.text
        thread = c.post(f"{A}/ask", json={"question": QUESTION}).json()["thread_id"]
        yield c, staff, thread


def check(client: TestClient, staff: Staff, thread: str, endpoint: Call, role: str) -> str | None:
    """None when `role` gets what the table says for `endpoint`; otherwise what went wrong."""
    kwargs = dict(endpoint.kwargs)
    for key in ("json", "data"):
        if key in kwargs:
            kwargs[key] = {k: v.format(role=role) if isinstance(v, str) else v for k, v in kwargs[key].items()}
    headers = {} if role == ANON else staff.auth(role)
    r = client.request(endpoint.method, endpoint.path.format(thread=thread), headers=headers, **kwargs)
    if r.status_code >= 500:
        return f"{role}: server error {r.status_code}"
    if role in endpoint.allowed:
        if r.status_code in (401, 403):
            return f"{role} refused ({r.status_code}): {r.text[:200]}"
    elif r.status_code != (401 if role == ANON else 403):
        return f"{role} got {r.status_code}, expected {401 if role == ANON else 403}"
    if endpoint.path.startswith(A) and r.status_code >= 400 and not isinstance(r.json().get("detail"), str):
        return f"{role}: error without a JSON detail message"
    return None


@pytest.mark.parametrize("endpoint", MATRIX, ids=str)
def test_authorisation(world: tuple[TestClient, Staff, str], endpoint: Call) -> None:
    """Each endpoint against every role (anonymous, reader, editor, reviewer, admin)."""
    client, staff, thread = world
    problems = [p for role in (ANON, READER, EDITOR, REVIEWER, ADMIN)
                if (p := check(client, staff, thread, endpoint, role))]
    assert not problems, "; ".join(problems)


def test_every_route_is_in_the_matrix(world: tuple[TestClient, Staff, str]) -> None:
    client = world[0]
    routes = {(m, getattr(r, "path", "")) for r in client.app.routes for m in getattr(r, "methods", ()) or ()}
    covered = {(c.method, c.path.split("?")[0].replace("{thread}", "{thread_id}")) for c in MATRIX}
    normal = {(m, p.replace("low-back-pain-acute", "{topic_id}").replace("matrix-retire", "{slug}")
               .replace("matrix", "{slug}").replace("/reader", "/{username}").replace("/sources/1", "/sources/{source_id}"))
              for m, p in covered}
    skip = {"/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json", "/logout", "/static"}
    missing = {(m, p) for m, p in routes if m != "HEAD" and p not in skip} - normal - {("POST", "/login")}
    assert not missing, f"routes without an authorisation row: {sorted(missing)}"
