"""Shared fixtures: an isolated GUIDEWISE_HOME per test session, and one warm engine."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from guidewise.engine import Engine
from guidewise.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("GUIDEWISE_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("guidewise-home")


@pytest.fixture(scope="session")
def engine(home: Path) -> Engine:
    return Engine(Settings(home=home))


@pytest.fixture(autouse=True)
def _isolated_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """CLI invocations inside tests never touch the user's real data directory."""
    monkeypatch.setenv("GUIDEWISE_HOME", str(tmp_path / "home"))
