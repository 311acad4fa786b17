"""Staff sign-in and sign-out: server-side sessions, HttpOnly SameSite cookies, CSRF on both forms."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from guidewise.editorial import audit
from guidewise.editorial.users import authenticate
from guidewise.web.deps import EngineDep, PrincipalDep, check_csrf, rate_limited
from guidewise.web.render import page
from guidewise.web.security import SESSION_COOKIE, SESSION_TTL, create_session, end_session

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only local paths: never redirect to another site after login."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, who: PrincipalDep, next: str = "/") -> Response:
    return page(request, "login.html", {"next": safe_next(next)})


@router.post("/login", response_class=HTMLResponse, dependencies=[Depends(rate_limited("login"))])
async def login(request: Request, engine: EngineDep, who: PrincipalDep,
                username: Annotated[str, Form(max_length=200)] = "",
                password: Annotated[str, Form(max_length=1000)] = "",
                next: Annotated[str, Form()] = "/") -> Response:
    await check_csrf(request, who)
    if not username.strip() or not password:
        return page(request, "login.html", {"next": safe_next(next), "username": username,
                                            "error": "Username and password: both are required."}, status=422)
    user = authenticate(engine.store, username, password)
    if user is None:
        return page(request, "login.html", {"next": safe_next(next), "username": username,
                                            "error": "Wrong username or password."}, status=401)
    raw, _csrf = create_session(engine.store, user.id)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, raw, max_age=int(SESSION_TTL.total_seconds()), httponly=True,
                        samesite="lax", secure=engine.settings.server.secure_cookies, path="/")
    return response


@router.post("/logout")
async def logout(request: Request, engine: EngineDep, who: PrincipalDep) -> Response:
    await check_csrf(request, who)
    if raw := request.cookies.get(SESSION_COOKIE):
        end_session(engine.store, raw)
        if who is not None:
            audit.append(engine.store, who.username, "logout", "user", who.username)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
