"""API tokens and passwords are checked by the editorial domain; this turns its users into Principals."""

from __future__ import annotations

from guidewise.editorial.tokens import verify_token
from guidewise.editorial.users import UserInfo
from guidewise.store.db import Store
from guidewise.web.security import Principal


def from_info(u: UserInfo, via: str, csrf: str | None = None) -> Principal:
    return Principal(u.id, u.username, u.display_name, u.role, u.credentials, via, csrf)


def token_principal(store: Store, token: str) -> Principal | None:
    """The active user owning an API token, or None."""
    info = verify_token(store, token)
    return from_info(info, "token") if info is not None else None
