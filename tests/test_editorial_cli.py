"""The `guidewise` CLI for the editorial workflow: db upgrade, users, tokens, articles and audit verify.

Most steps run the click commands in-process (same code, faster); the console script itself is run for
`db upgrade` and for `audit verify`'s exit status.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text

from guidewise.cli import common, staff_cmd
from guidewise.cli.main import cli
from guidewise.editorial.tokens import verify_token

BIN = Path(sys.executable).parent / "guidewise"
SEED = "What is the best treatment for back pain spasms?"


def gw(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}  # GUIDEWISE_HOME (and the database URL) come from conftest
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture(autouse=True)
def _fresh_cli_state() -> Iterator[None]:
    """The CLI caches its engine and store per process: start and end each test without them."""
    staff_cmd.store.cache_clear()
    common.get_engine.cache_clear()
    yield
    staff_cmd.store.cache_clear()
    common.get_engine.cache_clear()


def run(*args: str, input_text: str | None = None, code: int = 0) -> Result:
    r = CliRunner().invoke(cli, list(args), input=input_text, env={"COLUMNS": "200"})
    assert r.exit_code == code, f"{args}: {r.output} {r.exception!r}"
    return r


def test_db_upgrade_is_idempotent() -> None:
    assert run("db", "current").stdout.strip() == "empty"
    r = gw("db", "upgrade")
    assert r.returncode == 0 and "migrated empty -> 0003" in r.stderr
    r = gw("db", "upgrade")
    assert r.returncode == 0 and "already at revision 0003" in r.stderr
    assert run("db", "current").stdout.strip() == "0003"


def test_editorial_workflow_from_the_command_line() -> None:
    run("users", "add", "root", "--role", "admin")
    run("users", "add", "ed", "--role", "editor", "--password", "--as", "root",
        input_text="a long password 1\na long password 1\n")
    run("users", "add", "jroe", "--role", "reviewer", "--name", "Jane Roe", "--credentials", "MD, FACP",
        "--specialty", "Internal medicine", "--as", "root")
    assert "needs the role admin" in run("users", "add", "eve", "--role", "admin", "--as", "ed", code=1).stderr
    assert "needs: full name, credentials, specialty" in run("users", "add", "x2", "--role", "reviewer", code=1).stderr
    listed = run("users", "list", "--format", "json").stdout
    assert '"username": "jroe", "name": "Jane Roe", "role": "reviewer"' in listed
    secret = run("tokens", "create", "ed", "--name", "ci").stdout.strip()
    store = staff_cmd.store()
    user = verify_token(store, secret)
    assert user is not None and user.username == "ed"
    assert secret not in run("tokens", "list").stdout

    slug = run("articles", "create", SEED, "--as", "ed").stdout.strip()
    assert slug == "low-back-pain-acute"
    assert "cannot approve" in run("articles", "approve", slug, "--as", "jroe", code=1).stderr
    assert "reviewer" in run("articles", "review", slug, "--as", "ed", code=1).stderr
    assert "pending review" not in run("articles", "review", slug, "--as", "jroe").stderr
    assert "you looked at version 2" in run("articles", "approve", slug, "--as", "jroe", "--version", "2",
                                            code=1).stderr
    r = run("articles", "approve", slug, "--as", "jroe", "--comment", "Checked", "--version", "1")
    assert "Approved by Jane Roe, MD, FACP" in r.stderr
    shown = run("articles", "show", slug, "--format", "markdown", "--audience", "patient").stdout
    assert "Status: Approved by Jane Roe" in shown and "pending review" not in shown
    assert '"display_status": "approved"' in run("articles", "list", "--format", "json").stdout
    assert "no change" in run("articles", "regenerate", slug, "--as", "ed").stderr
    assert "approve" in run("articles", "show", slug).stdout  # the review history is listed
    r = gw("audit", "verify")
    assert r.returncode == 0 and "intact" in r.stderr

    with store.engine.begin() as c:  # tamper: pretend someone else approved it
        c.execute(text("UPDATE audit_log SET actor = 'ed' WHERE action = 'article.approve'"))
    r = gw("audit", "verify")
    assert r.returncode == 1 and "TAMPERED" in r.stderr and "edited" in r.stderr
    with store.engine.begin() as c:
        c.execute(text("DELETE FROM audit_log WHERE action = 'token.create'"))
    r = run("audit", "verify", code=1)
    assert "broken chain" in r.stderr
