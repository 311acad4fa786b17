"""Shared fixtures: an isolated GUIDEWISE_HOME per test, one warm engine, and PostgreSQL when asked.

With GUIDEWISE_TEST_PG_ADMIN_URL set (scripts/test.sh does it), every test and the shared engine get a
fresh PostgreSQL database of their own, so the whole suite runs against PostgreSQL instead of SQLite.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from guidewise.engine import Engine
from guidewise.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("GUIDEWISE_SHARED_DATA", REPO.parent / "shared" / "data"))
PG_ADMIN_URL = os.environ.get("GUIDEWISE_TEST_PG_ADMIN_URL")


def fresh_database_url() -> str | None:
    """A new, empty PostgreSQL database (None when the suite runs on SQLite)."""
    if not PG_ADMIN_URL:
        return None
    from sqlalchemy import create_engine, text

    name = "gw_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="session")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("guidewise-home")


@pytest.fixture(scope="session")
def entity_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One compiled drug and condition vocabulary for the whole session (it takes seconds to build)."""
    return tmp_path_factory.mktemp("entity-cache")


@pytest.fixture(scope="session")
def shared_engine(home: Path, entity_cache: Path) -> Engine:
    return Engine(Settings(home=home, database_url=fresh_database_url(), entity_cache_dir=entity_cache))


@pytest.fixture(scope="module")
def engine(request: pytest.FixtureRequest) -> Engine:
    """The warm engine; modules that set PAEDIATRIC_CHECKS = True get one with the paediatric checks on."""
    if getattr(request.module, "PAEDIATRIC_CHECKS", False):
        return request.getfixturevalue("paediatric_engine")  # type: ignore[no-any-return]
    return request.getfixturevalue("shared_engine")  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def paediatric_engine(tmp_path_factory: pytest.TempPathFactory, entity_cache: Path) -> Engine:
    """An engine with the paediatric dose checks on (they are off by default until a clinical review signs
    them off). Modules that set PAEDIATRIC_CHECKS = True get it as `engine`, and GUIDEWISE_DOSE__PAEDIATRIC."""
    return Engine(Settings(home=tmp_path_factory.mktemp("peds-home"), database_url=fresh_database_url(),
                           entity_cache_dir=entity_cache, dose={"paediatric": True}))  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _isolated_home(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                   entity_cache: Path) -> Iterator[None]:
    """CLI runs and engines made inside a test never touch the user's data, and get their own database."""
    monkeypatch.setenv("GUIDEWISE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GUIDEWISE_ENTITY_CACHE_DIR", str(entity_cache))
    if getattr(request.module, "PAEDIATRIC_CHECKS", False):  # CLI runs and engines made in the test too
        monkeypatch.setenv("GUIDEWISE_DOSE__PAEDIATRIC", "true")
    url = fresh_database_url()
    if url:
        monkeypatch.setenv("GUIDEWISE_DATABASE_URL", url)
    yield


def make_engine(tmp_path: Path, **settings: object) -> Engine:
    """An engine with its own home (and, on PostgreSQL, the test's own database)."""
    return Engine(Settings(home=tmp_path / "engine-home", **settings))  # type: ignore[arg-type]
