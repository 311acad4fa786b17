"""Age limits a question crosses: a product named for a child younger than its labelled age."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from guidewise.compose.peds_dose import child_of
from guidewise.library.peds.schema import AgeLimit
from guidewise.understand.context import PatientContext
from guidewise.understand.doses import name_pattern
from guidewise.understand.negation import is_negated, negated_spans


@dataclass(frozen=True)
class LimitHit:
    limit: AgeLimit
    definite: bool  # the child is certainly under the limit (otherwise: it depends on the exact age)


@lru_cache(maxsize=256)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    return name_pattern(list(names))


def named(text: str, limit: AgeLimit, spans: list[tuple[int, int]] | None = None) -> bool:
    """Whether the question names the limit's product (and does not deny it)."""
    spans = negated_spans(text) if spans is None else spans
    return any(not is_negated(spans, m.start(), m.end()) for m in _pattern(tuple(limit.names)).finditer(text))


def _crossing(limit: AgeLimit, ctx: PatientContext) -> bool | None:
    """True: under the limit; False: maybe (the age is not known precisely enough); None: not under it."""
    child = child_of(ctx)
    if child is None:
        return None
    if child.span is None:
        if child.group == "child" and limit.severity == "do_not_use":
            return False
        return None
    start, end = child.span
    if start >= limit.under_months:
        return None
    return end <= limit.under_months or start == end


def crossed_limits(text: str, ctx: PatientContext, limits: list[AgeLimit]) -> list[LimitHit]:
    """The limits the question crosses; of several limits on one product, the most specific."""
    spans = negated_spans(text)
    by_group: dict[str, list[LimitHit]] = {}
    for limit in limits:
        crossing = _crossing(limit, ctx)
        if crossing is None or not named(text, limit, spans):
            continue
        by_group.setdefault(limit.group or limit.id, []).append(LimitHit(limit, crossing))
    out: list[LimitHit] = []
    for hits in by_group.values():
        definite = [h for h in hits if h.definite]
        if definite:
            out.append(min(definite, key=lambda h: h.limit.under_months))
        else:
            out.append(max(hits, key=lambda h: h.limit.under_months))
    return out
