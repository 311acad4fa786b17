"""Errors as JSON `{"detail": "..."}` under /api, and as a readable HTML page elsewhere."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from guidewise.editorial.errors import (
    Conflict,
    EditorialError,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from guidewise.store.db import StoreError
from guidewise.understand.query import QuestionError

TITLES = {400: "Bad request", 401: "Please sign in", 403: "Not allowed", 404: "Not found",
          409: "Conflict", 422: "Invalid input", 429: "Too many requests", 503: "Unavailable"}


EDITORIAL_STATUS: tuple[tuple[type[EditorialError], int], ...] = (
    (NotFound, 404), (PermissionDenied, 403), (InvalidTransition, 409), (Conflict, 409), (ValidationFailed, 422))


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def where(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(p) for p in loc)


def validation_message(errors: list[dict[str, Any]]) -> str:
    """'body.question: Field required; query.page: ...' (the location first, then the problem)."""
    return "; ".join(f"{where(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in errors) or "invalid input"


def error_response(request: Request, status: int, detail: str, headers: dict[str, str] | None = None) -> Response:
    if is_api(request):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    from guidewise.web.render import page

    return page(request, "error.html", {"status": status, "title": TITLES.get(status, "Error"), "detail": detail},
                status=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, detail, dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [dict(e) for e in exc.errors()]
        if is_api(request):
            clean = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]
            return JSONResponse({"detail": validation_message(errors), "errors": clean}, status_code=422)
        return error_response(request, 422, validation_message(errors))

    @app.exception_handler(QuestionError)
    async def bad_question(request: Request, exc: QuestionError) -> Response:
        return error_response(request, 422, f"question: {exc}")

    @app.exception_handler(EditorialError)
    async def editorial(request: Request, exc: EditorialError) -> Response:
        status = next((code for cls, code in EDITORIAL_STATUS if isinstance(exc, cls)), 400)
        return error_response(request, status, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error_response(request, 503, str(exc))
