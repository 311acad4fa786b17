"""`?page=&per_page=` lists with a total."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel

T = TypeVar("T")


@dataclass(frozen=True)
class PageParams:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def page_params(page: Annotated[int, Query(ge=1, le=10**9, description="1-based page number")] = 1,
                per_page: Annotated[int, Query(ge=1, le=100, description="items per page (max 100)")] = 20,
                ) -> PageParams:
    return PageParams(page, per_page)


PageDep = Annotated[PageParams, Depends(page_params)]


class Paged(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int
    pages: int


def paged(items: Sequence[Any], total: int, p: PageParams) -> dict[str, Any]:
    """A page of already-sliced items."""
    return {"items": list(items), "total": total, "page": p.page, "per_page": p.per_page,
            "pages": (total + p.per_page - 1) // p.per_page}


def slice_page(items: Sequence[Any], p: PageParams) -> dict[str, Any]:
    return paged(items[p.offset:p.offset + p.per_page], len(items), p)
