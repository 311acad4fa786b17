"""schemathesis against /openapi.json: every operation, generated requests, anonymous and as an admin.

Goal: 0 server errors (no 5xx, whatever the input). Runs the real app in-process over ASGI.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

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
