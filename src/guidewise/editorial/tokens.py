"""API tokens: random 32-byte secrets shown once, stored as sha256, tied to an active user."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from guidewise.editorial import audit
from guidewise.editorial.errors import NotFound, ValidationFailed
from guidewise.editorial.users import ROLES, UserInfo, acting_user, actor_name, to_info, user_row
from guidewise.store.db import Store
from guidewise.store.models import ApiToken, User, utcnow

PREFIX = "gw_"
TOUCH_EVERY = dt.timedelta(minutes=1)  # last_used_at is refreshed at most this often (one write per minute)


@dataclass(frozen=True)
class TokenInfo:
    id: int
    name: str
    username: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked: bool


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _info(t: ApiToken, username: str) -> TokenInfo:
    return TokenInfo(id=t.id, name=t.name, username=username, created_at=t.created_at,
                     last_used_at=t.last_used_at, revoked=t.revoked)


def create_token(store: Store, username: str, name: str, actor: str | None = None) -> tuple[str, TokenInfo]:
    """A new token for `username` (by an admin, the user themself, or local administration when actor is None).

    Returns the secret (shown once, never stored) and the token's record.
    """
    label = name.strip()
    if not label or len(label) > 100:
        raise ValidationFailed("token name: give a short name (1-100 characters), e.g. 'ci-ingest'")
    with store.session() as s:
        if actor is not None and actor.strip().lower() == username.strip().lower():
            who = acting_user(s, actor, ROLES, "creating a token")
        else:
            who = acting_user(s, actor, ("admin",), "creating a token for another user")
        owner = user_row(s, username)
        if not owner.active:
            raise ValidationFailed(f"user {owner.username!r} is disabled")
        secret = PREFIX + secrets.token_urlsafe(32)
        t = ApiToken(user_id=owner.id, name=label, token_hash=token_hash(secret), created_at=utcnow(), revoked=False)
        s.add(t)
        s.flush()
        audit.record(s, actor_name(who), "token.create", "token", t.id, details={"user": owner.username})
        return secret, _info(t, owner.username)


def verify_token(store: Store, token: str) -> UserInfo | None:
    """The active user a valid, unrevoked token belongs to, or None."""
    if not token or not token.startswith(PREFIX) or len(token) > 200:
        return None
    with store.session() as s:
        row = s.execute(select(ApiToken, User).join(User, User.id == ApiToken.user_id)
                        .where(ApiToken.token_hash == token_hash(token))).first()
        if row is None:
            return None
        t, u = row
        if t.revoked or not u.active or not secrets.compare_digest(t.token_hash, token_hash(token)):
            return None
        now = utcnow()
        if t.last_used_at is None or now - t.last_used_at > TOUCH_EVERY:
            t.last_used_at = now
        return to_info(u)


def list_tokens(store: Store, username: str | None = None) -> list[TokenInfo]:
    q = select(ApiToken, User.username).join(User, User.id == ApiToken.user_id).order_by(ApiToken.id)
    with store.session() as s:
        if username is not None:
            q = q.where(User.id == user_row(s, username).id)
        return [_info(t, name) for t, name in s.execute(q).all()]


def revoke_token(store: Store, token_id: int, actor: str | None = None) -> TokenInfo:
    """Revoke a token (its owner or an admin)."""
    with store.session() as s:
        row = s.execute(select(ApiToken, User.username).join(User, User.id == ApiToken.user_id)
                        .where(ApiToken.id == token_id)).first()
        if row is None:
            raise NotFound(f"no token with id {token_id}")
        t, owner = row
        if actor is not None and actor.strip().lower() == owner:
            who = acting_user(s, actor, ROLES, "revoking a token")
        else:
            who = acting_user(s, actor, ("admin",), "revoking another user's token")
        if not t.revoked:
            t.revoked = True
            audit.record(s, actor_name(who), "token.revoke", "token", t.id, details={"user": owner})
        return _info(t, owner)
