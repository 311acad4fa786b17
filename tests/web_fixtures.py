"""Helpers for the web/API tests: an app around a real engine and store, staff users with tokens, sign-in."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from guidewise.editorial.tokens import create_token
from guidewise.editorial.users import create_user
from guidewise.engine import Engine
from guidewise.settings import ServerSettings, Settings
from guidewise.web.app import create_app

QUESTION = "treatment for acute low back pain with muscle spasm"
PASSWORD = "correct horse battery"
ROLES = ("reader", "editor", "reviewer", "admin")
PROFILES: dict[str, dict[str, str]] = {
    "reviewer": {"display_name": "Ada Reviewer", "credentials": "MD, FACP", "specialty": "Internal medicine"},
    "reviewer2": {"display_name": "Ben Second", "credentials": "DO", "specialty": "Family medicine"},
}


@dataclass
class Staff:
    tokens: dict[str, str] = field(default_factory=dict)

    def auth(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"} if role in self.tokens else {}


def web_engine(home: Path, warm: Engine | None = None, database_url: str | None = None, **server: Any) -> Engine:
    """A fresh engine (own home and database); borrows the warm engine's library to save time."""
    settings = Settings(home=home, server=ServerSettings(**server))
    if database_url:
        settings.database_url = database_url
    eng = Engine(settings)
    if warm is not None:
        eng.__dict__["library"] = warm.library
        eng.__dict__["vocabulary"] = warm.vocabulary
    return eng


def make_staff(engine: Engine, roles: tuple[str, ...] = ROLES) -> Staff:
    """One user per role (username = role), each with a password and an API token."""
    staff = Staff()
    for name in roles:
        role = "reviewer" if name.startswith("reviewer") else name
        prof = PROFILES.get(name, {"display_name": name.title() + " User"})
        create_user(engine.store, name, role, PASSWORD, prof["display_name"], prof.get("credentials"),
                    prof.get("specialty"))
        staff.tokens[name], _ = create_token(engine.store, name, "tests")
    return staff


def client_for(engine: Engine) -> TestClient:
    return TestClient(create_app(engine), follow_redirects=False)


CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    m = CSRF_RE.search(html)
    assert m, "page has no CSRF field"
    return m.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign in through the login form; returns the session's CSRF token."""
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"username": username, "password": password, "csrf_token": token, "next": "/"})
    assert r.status_code == 303, r.text
    return csrf_of(client.get("/").text)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running_server(home: Path, log: Path, *args: str, database_url: str | None = None, probe: str = "/",
                   env: dict[str, str] | None = None) -> Iterator[str]:
    """`guidewise serve` in a subprocess on a free loopback port; yields its base URL once `probe` answers 200."""
    full_env = dict(os.environ, GUIDEWISE_HOME=str(home), **(env or {}))
    full_env.pop("GUIDEWISE_DATABASE_URL", None)
    if database_url:
        full_env["GUIDEWISE_DATABASE_URL"] = database_url
    port = free_port()
    cmd = [str(Path(sys.executable).parent / "guidewise"), "serve", "--host", "127.0.0.1", "--port", str(port), *args]
    with log.open("wb") as fh:
        proc = subprocess.Popen(cmd, env=full_env, stdout=fh, stderr=fh)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + probe, timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("guidewise serve did not start: " + log.read_text(errors="replace")) from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
