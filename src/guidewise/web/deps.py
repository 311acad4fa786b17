"""FastAPI dependencies: the engine, the caller, role checks, CSRF and rate limits."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from guidewise.engine import Engine
from guidewise.web import ratelimit
from guidewise.web.security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    CSRF_HEADER,
    SESSION_COOKIE,
    Principal,
    load_session,
    same,
)
from guidewise.web.tokens import token_principal

# What each role may do, beyond reading (anonymous readers may ask and read).
PERMISSIONS: dict[str, frozenset[str]] = {
    "reader": frozenset(),
    "editor": frozenset({"articles:write", "sources:read", "sources:write", "review:read", "threads:read"}),
    "reviewer": frozenset({"articles:review", "review:read"}),
    "admin": frozenset({"users:admin", "articles:write", "sources:read", "sources:write", "review:read",
                        "threads:read"}),
}


_UNSET = object()


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]


def client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def get_principal(request: Request, engine: EngineDep) -> Principal | None:
    """The caller: a Bearer API token wins over a session cookie; None means anonymous."""
    cached = getattr(request.state, "principal", _UNSET)
    if cached is not _UNSET:
        return cached  # type: ignore[return-value]
    who: Principal | None = None
    auth = request.headers.get("authorization", "")
    if auth:
        scheme, _, token = auth.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HTTPException(401, "the Authorization header must be 'Bearer <API token>'")
        who = token_principal(engine.store, token.strip())
        if who is None:
            raise HTTPException(401, "invalid or revoked API token")
    elif raw := request.cookies.get(SESSION_COOKIE):
        who = load_session(engine.store, raw)
    request.state.principal = who
    return who


PrincipalDep = Annotated[Principal | None, Depends(get_principal)]


def can(who: Principal | None, permission: str) -> bool:
    return who is not None and permission in PERMISSIONS.get(who.role, frozenset())


def csrf_token(request: Request, who: Principal | None) -> str:
    """The token forms must echo: the session's, or (before login) a random one kept in a cookie."""
    if who is not None and who.csrf:
        return who.csrf
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not token:
        token = secrets.token_urlsafe(32)
        request.state.new_csrf = token  # the middleware sets the cookie on the response
    return token


async def check_csrf(request: Request, who: Principal | None) -> None:
    """Cookie-authenticated writes must carry the CSRF token (form field or X-CSRF-Token header)."""
    if who is not None and who.via == "token":
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    expected = who.csrf if who is not None else request.cookies.get(CSRF_COOKIE)
    if not same(sent, expected):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")


async def signed_in(request: Request, who: PrincipalDep) -> Principal:
    """Any signed-in user (CSRF checked for cookie-authenticated writes)."""
    if who is None:
        raise HTTPException(401, "sign in or send an API token (Authorization: Bearer ...)")
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        await check_csrf(request, who)
    return who


SignedIn = Annotated[Principal, Depends(signed_in)]


def require(permission: str) -> Callable[..., object]:
    """A dependency: the caller must be signed in with a role that has `permission` (and CSRF for cookies)."""

    async def dep(request: Request, who: PrincipalDep) -> Principal:
        if who is None:
            raise HTTPException(401, "sign in or send an API token (Authorization: Bearer ...)")
        if not can(who, permission):
            raise HTTPException(403, f"your role ({who.role}) does not allow this ({permission})")
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            await check_csrf(request, who)
        return who

    return dep


def rate_limited(scope: str) -> Callable[..., object]:
    """A dependency that counts the request against the per-client limit for `scope` ('ask' or 'login')."""

    def dep(request: Request, engine: EngineDep) -> None:
        limit = getattr(engine.settings.server, f"{scope}_rate_per_minute")
        verdict = ratelimit.hit(engine.store, f"{scope}:{client_key(request)}", limit)
        if not verdict.allowed:
            raise HTTPException(429, f"too many {scope} requests: limit is {limit} per minute, try again later",
                                headers={"Retry-After": str(verdict.retry_after)})

    return dep
