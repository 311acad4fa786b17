"""Jinja2 templates (autoescaped) and the page helper that adds the caller and CSRF token to every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from guidewise.web.views import STEPS, reference_tip

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.globals.update(STEPS=STEPS, reference_tip=reference_tip)
TEMPLATES.env.tests["http_url"] = lambda u: isinstance(u, str) and u.lower().startswith(("https://", "http://"))
TEMPLATES.env.filters["qs"] = lambda d: urlencode({k: v for k, v in d.items() if v not in (None, "")})


def page(request: Request, name: str, context: dict[str, Any] | None = None, status: int = 200,
         headers: dict[str, str] | None = None) -> HTMLResponse:
    """Render a page; `who`, `csrf` and `can` are always available to templates."""
    from guidewise.web.deps import can, csrf_token

    who = getattr(request.state, "principal", None)
    ctx: dict[str, Any] = {"who": who, "csrf": csrf_token(request, who), "can": lambda p: can(who, p)}
    ctx.update(context or {})
    return TEMPLATES.TemplateResponse(request, name, ctx, status_code=status, headers=headers)
