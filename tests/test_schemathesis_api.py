"""schemathesis against /openapi.json: every operation, generated requests, anonymous and as an admin.

Goal: 0 server errors (no 5xx, whatever the input). Runs the real app in-process over ASGI.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from conftest import fresh_database_url
from guidewise.engine import Engine
from guidewise.settings import Settings

ADMIN: dict[str, str] = {}


def load_schema() -> schemathesis.BaseSchema:
    """The app on a fresh home (and, on the PostgreSQL pass, a fresh database) with one admin token."""
    from guidewise.editorial import tokens, users
    from guidewise.web.app import create_app

    home = Path(tempfile.mkdtemp(prefix="guidewise-schemathesis-"))
    engine = Engine(Settings(home=home, database_url=fresh_database_url(),
                             server={"ask_rate_per_minute": 10**9, "login_rate_per_minute": 10**9}))  # type: ignore[arg-type]
    users.create_user(engine.store, "fuzz-admin", "admin")
    ADMIN["Authorization"] = "Bearer " + tokens.create_token(engine.store, "fuzz-admin", "schemathesis")[0]
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(engine))


schema = load_schema()
FUZZ = settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))


@schema.parametrize()
@FUZZ
def test_no_server_errors_anonymous(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])


@schema.parametrize()
@FUZZ
def test_no_server_errors_as_admin(case: schemathesis.Case) -> None:
    response = case.call(headers=ADMIN)
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])


def test_out_of_range_numbers_are_client_errors() -> None:
    """Integers past the database's range (found by schemathesis) give 4xx, never a 500."""
    from fastapi.testclient import TestClient

    from guidewise.editorial import tokens, users
    from guidewise.web.app import create_app

    engine = Engine(Settings(home=Path(tempfile.mkdtemp()), database_url=fresh_database_url()))
    users.create_user(engine.store, "range-admin", "admin")
    admin = {"Authorization": "Bearer " + tokens.create_token(engine.store, "range-admin", "t")[0]}
    client = TestClient(create_app(engine))
    assert client.get("/api/v1/sources/1", headers=admin).status_code == 404  # authorised: reaches the lookup
    for url in ("/api/v1/sources/9223372036854775808", "/api/v1/sources/2147483648",
                "/api/v1/articles?page=99999999999999999999", "/api/v1/articles/x/diff?from=9223372036854775807"):
        r = client.get(url, headers=admin)
        assert r.status_code == 422, (url, r.status_code, r.text[:200])
    assert client.get("/articles?page_no=9223372036854775807").status_code == 200  # clamped: an empty page


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_as_admin_long(case: schemathesis.Case) -> None:
    response = case.call(headers=ADMIN)
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])
