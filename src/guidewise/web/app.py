"""The web application: pages, the REST API under /api/v1 (OpenAPI at /docs), static files."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from guidewise.engine import Engine
from guidewise.settings import Settings
from guidewise.web import errors
from guidewise.web.api import router as api_router
from guidewise.web.pages import router as pages_router
from guidewise.web.security import CSRF_COOKIE

log = logging.getLogger("guidewise.web")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def create_app(engine: Engine | None = None, settings: Settings | None = None) -> FastAPI:
    """Build the app around one Engine (created from settings/env when not given)."""
    engine = engine or Engine(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        _ = engine.library, engine.store, engine.vocabulary  # warm up before the first request
        yield

    app = FastAPI(title="guidewise", version="1", lifespan=lifespan,
                  description="Guideline-backed, cited clinical answers. Errors are JSON {\"detail\": \"...\"}.")
    app.state.engine = engine
    errors.install(app)
    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")

    @app.middleware("http")
    async def headers_and_log(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        start = time.perf_counter()
        response = await call_next(request)
        new_csrf = getattr(request.state, "new_csrf", None)
        if new_csrf and CSRF_COOKIE not in request.cookies:
            response.set_cookie(CSRF_COOKIE, new_csrf, httponly=True, samesite="strict",
                                secure=engine.settings.server.secure_cookies, path="/")
        h = response.headers
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "no-referrer")  # question text in URLs never leaks to linked sites
        h.setdefault("X-Frame-Options", "DENY")
        if not request.url.path.startswith(("/docs", "/redoc")):
            h.setdefault("Content-Security-Policy", CSP)
        # Only method, path and status: query strings hold question text and are never logged.
        log.info("%s %s %d %.1fms", request.method, request.url.path if not request.url.path.startswith("/ask")
                 else "/ask", response.status_code, (time.perf_counter() - start) * 1000)
        return response

    return app


def app_factory() -> FastAPI:
    """Import string for uvicorn (`guidewise.web.app:app_factory`, factory=True), one app per worker."""
    return create_app()
