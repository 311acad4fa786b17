"""Age limits a question crosses: a product named for a child younger than its labelled age."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from guidewise.compose.peds_dose import child_of, plausible_ages
from guidewise.library.peds.schema import AgeLimit, GrowthTable
from guidewise.library.peds.schema_files import FeverRule, FeverThreshold
from guidewise.understand.context import PatientContext
from guidewise.understand.doses import name_pattern
from guidewise.understand.negation import affirmed, is_negated, negated_spans
from guidewise.understand.query import Query
from guidewise.understand.temperature import stated_temperature
from guidewise.understand.urgent import Urgent
from guidewise.understand.urgent_rules import FEVER

_FEVER = re.compile(rf"\b{FEVER}")


@dataclass(frozen=True)
class LimitHit:
    limit: AgeLimit
    definite: bool  # the child is certainly under the limit (otherwise: it depends on the exact age)
    by_weight: float | None = None  # the child's age was placed by this weight (kg): the stated age did not settle it
    name: str = ""  # the product name as the question matched it


@lru_cache(maxsize=256)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    return name_pattern(list(names))


# 'Tylenol 3 times a day', 'tylenol 4 hours ago', 'tylenol 3 days in a row': the number after a product name
# counts something else; 'tylenol 3' and 'tylenol #3' on their own are Tylenol with codeine.
_COUNTS_SOMETHING = re.compile(
    r"\s*(?:x\b|times?\b|hours?\b|hrs?\b|h\b|days?\b|nights?\b|doses?\b|weeks?\b|wks?\b|months?\b|mos?\b|"
    r"years?\b|yrs?\b|y/?o\b|minutes?\b|mins?\b|mg\b|ml\b|mls\b|tsps?\b|teaspoons?\b|tablets?\b|tabs?\b|"
    r"pills?\b|caplets?\b|chewables?\b|kg\b|lbs?\b|am\b|pm\b|a\.m\.|p\.m\.|o'?clock\b|:\d|[./,]\d|"
    r"(?:-|to|or|and)\s*\d+\s*(?:x\b|times?\b|hours?\b|hrs?\b|days?\b|doses?\b|pm\b|am\b))", re.I)


def _counted(name: str, after: str) -> bool:
    """A name that ends in a bare number ('tylenol 3') followed by what the number counts ('times a day')."""
    return bool(re.search(r"\s\d$", name)) and bool(_COUNTS_SOMETHING.match(after))


def named(text: str, limit: AgeLimit, spans: list[tuple[int, int]] | None = None) -> str | None:
    """The limit's product name as the question gives it (not denied, nor part of another product that only
    contains the name), when the question also names one of the limit's conditions if it has any; else None."""
    spans = negated_spans(text) if spans is None else spans
    excluded = [(m.start(), m.end()) for m in _pattern(tuple(limit.except_names)).finditer(text)] \
        if limit.except_names else []

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in excluded)

    found = next((m.group(0).lower() for m in _pattern(tuple(limit.names)).finditer(text)
                  if not is_negated(spans, m.start(), m.end()) and not inside(m.start(), m.end())
                  and not _counted(m.group(0), text[m.end():])), None)
    if found is None:
        return None
    if limit.when_any and not any(not is_negated(spans, m.start(), m.end())
                                  for m in _pattern(tuple(limit.when_any)).finditer(text)):
        return None
    return found


def _crossing(limit: AgeLimit, ctx: PatientContext, growth: GrowthTable) -> tuple[bool, float | None] | None:
    """(True, _): inside the limit's ages; (False, _): maybe (the age is not known precisely enough); None: not
    inside them. The second value is the weight that placed the age, when no age was stated."""
    child = child_of(ctx)
    if child is None:
        return None
    ages = plausible_ages(child, growth)
    if ages is None:
        if child.group == "child" and limit.severity == "do_not_use":
            return False, None
        return None
    start = limit.from_months or 0.0

    def inside(lo: float, hi: float) -> bool | None:
        point = lo == hi
        if lo >= limit.under_months or (hi < start if point else hi <= start):
            return None
        return lo >= start and (hi <= limit.under_months or point)

    definite = inside(ages.low, ages.high)
    if definite is None:
        return None
    if definite:
        by_age = inside(*child.span) if child.span is not None else None
        return True, (child.weight_kg if ages.by_weight and not by_age else None)
    # An age placed only by the weight is too vague for a conditional 'ask a doctor' note; a 'do not use' one is kept.
    if child.span is None and limit.severity not in ("do_not_use", "see_doctor_now"):
        return None
    return False, None


def limit_crossed(limit: AgeLimit, ctx: PatientContext, growth: GrowthTable) -> bool:
    """Whether the patient is certainly inside the limit's ages."""
    crossing = _crossing(limit, ctx, growth)
    return crossing is not None and crossing[0]


def crossed_limits(text: str, ctx: PatientContext, limits: list[AgeLimit], growth: GrowthTable) -> list[LimitHit]:
    """The limits the question crosses; of several limits on one product, the most specific."""
    spans = negated_spans(text)
    fever = bool(affirmed(_FEVER, text, spans))
    by_group: dict[str, list[LimitHit]] = {}
    for limit in limits:
        crossing = _crossing(limit, ctx, growth)
        name = named(text, limit, spans) if crossing is not None else None
        if crossing is None or name is None:
            continue
        if not crossing[0] and limit.severity == "see_doctor_now" and not fever:
            continue  # a baby who may be under 3 months: asked for its age when it has a fever
        by_group.setdefault(limit.group or limit.id, []).append(LimitHit(limit, crossing[0], crossing[1], name))
    out: list[LimitHit] = []
    for hits in by_group.values():
        definite = [h for h in hits if h.definite]
        if definite:
            chosen = min(definite, key=lambda h: h.limit.under_months)
            out.append(chosen)
            # A stricter 'do not use' limit that applies if the child is at the young end of its ages (a toddler
            # of 1 to 3 years and loperamide under 2) is stated too, conditionally.
            # A young baby with fever must be seen before any medicine: that possibility leads.
            stricter = [h for h in hits if not h.definite and h.limit.severity in ("do_not_use", "see_doctor_now")
                        and h.limit.under_months < chosen.limit.under_months]
            if stricter:
                first = min(stricter, key=lambda h: h.limit.under_months)
                out.insert(len(out) - 1 if first.limit.severity == "see_doctor_now" else len(out), first)
        else:
            widest = max(hits, key=lambda h: h.limit.under_months)
            young = [h for h in hits if h.limit.severity == "see_doctor_now" and h is not widest]
            out.extend([min(young, key=lambda h: h.limit.under_months)] if young else [])  # it leads
            out.append(widest)
    return out


def fever_rule(text: str, span: tuple[float, float] | None, rules: list[FeverRule]) -> FeverRule | None:
    """The rule for a baby whose stated age (months) lies within its ages and whose stated temperature reaches its
    threshold: 'my 4 month old has a fever of 102.5' must see a doctor today."""
    temp = stated_temperature(text)
    if temp is None or span is None:
        return None
    lo, hi = span
    return next((r for r in rules if r.from_months <= lo and hi <= r.under_months and temp >= r.min_celsius - 0.01),
                None)


def below_fever(text: str, span: tuple[float, float] | None, threshold: FeverThreshold | None) -> float | None:
    """The temperature (C) a question states for a baby under the threshold's age when it is below the fever
    threshold ('my 3 week old feels warm, 37.8'), else None."""
    temp = stated_temperature(text)
    if threshold is None or temp is None or span is None or span[1] > threshold.under_months:
        return None
    return temp if temp < threshold.min_celsius - 0.01 else None


def celsius_text(c: float) -> str:
    """'37.8 C (100 F)'."""
    f = round(c * 9 / 5 + 32, 1)
    return f"{c:g} C ({f:g} F)"


def without_low_fever_alarm(query: Query, threshold: FeverThreshold | None) -> Urgent | None:
    """The question's urgent banner, unless it is only the young-baby fever banner and the stated temperature is
    below the fever threshold ('my 3 week old feels warm, 37.8': not a fever; the dose check says when to call)."""
    urgent = query.urgent
    if urgent is None or threshold is None or urgent.categories != [threshold.banner]:
        return urgent
    child = child_of(query.context)
    return None if below_fever(query.text, child.span if child else None, threshold) is not None else urgent
