"""Fixed-window rate limits kept in the database (RateBucket), so every web worker shares the counters."""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite

from guidewise.store.db import Store
from guidewise.store.models import RateBucket

WINDOW_SECONDS = 60


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int
    retry_after: int


def hit(store: Store, key: str, limit: int, now: float | None = None) -> Verdict:
    """Count one request for `key` in the current minute; refuse once `limit` is exceeded."""
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    dialect = postgresql if not store.is_sqlite else sqlite
    stmt = dialect.insert(RateBucket).values(key=key, window=window, count=1)
    stmt = stmt.on_conflict_do_update(index_elements=["key", "window"],
                                      set_={"count": RateBucket.count + 1}).returning(RateBucket.count)
    with store.session() as s:
        count = int(s.execute(stmt).scalar_one())
        if count == 1:  # first hit of a new window: forget old windows of this key
            s.execute(delete(RateBucket).where(RateBucket.key == key, RateBucket.window < window))
    retry = max(1, int((window + 1) * WINDOW_SECONDS - now + 0.999))
    return Verdict(count <= limit, count, retry)
