"""Who is asking: server-side web sessions (hashed ids in WebSession), API tokens, CSRF tokens."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import delete

from guidewise.editorial.tokens import token_hash
from guidewise.store.db import Store
from guidewise.store.models import User, WebSession, utcnow

SESSION_COOKIE = "gw_session"
CSRF_COOKIE = "gw_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_TTL = dt.timedelta(hours=12)


@dataclass(frozen=True)
class Principal:
    """An authenticated staff member (or API token holder)."""

    id: int
    username: str
    display_name: str
    role: str
    credentials: str | None
    via: str  # "session" | "token"
    csrf: str | None = None

    @property
    def signature(self) -> str:
        return f"{self.display_name}, {self.credentials}" if self.credentials else self.display_name


def same(a: str | None, b: str | None) -> bool:
    """Constant-time comparison; False when either side is missing."""
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def principal_of(user: User, via: str, csrf: str | None = None) -> Principal:
    return Principal(user.id, user.username, user.display_name, user.role, user.credentials, via, csrf)


def create_session(store: Store, user_id: int) -> tuple[str, str]:
    """A new session for the user: (raw cookie value, CSRF token). Only the hash of the id is stored."""
    raw, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = utcnow()
    with store.session() as s:
        s.execute(delete(WebSession).where(WebSession.expires_at < now))
        s.add(WebSession(id_hash=token_hash(raw), user_id=user_id, csrf=csrf, created_at=now,
                         expires_at=now + SESSION_TTL))
    return raw, csrf


def load_session(store: Store, raw: str) -> Principal | None:
    """The active user behind a session cookie, or None (expired, unknown or deactivated)."""
    with store.session() as s:
        ws = s.get(WebSession, token_hash(raw))
        if ws is None or ws.expires_at < utcnow():
            return None
        user = s.get(User, ws.user_id)
        if user is None or not user.active:
            return None
        return principal_of(user, "session", ws.csrf)


def end_session(store: Store, raw: str) -> None:
    with store.session() as s:
        s.execute(delete(WebSession).where(WebSession.id_hash == token_hash(raw)))
