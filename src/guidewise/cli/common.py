"""Shared CLI helpers: one engine per process, stderr console, logging that never shows questions."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    from guidewise.engine import Engine


@lru_cache(maxsize=1)
def err_console() -> Console:
    return Console(stderr=True)


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    from guidewise.engine import Engine

    return Engine()


def setup_logging(verbose: int) -> None:
    """Log to stderr; our log records never contain question text or patient details."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
