"""Paediatric dose arithmetic: the mg window for a weight, verdicts, and growth-chart weights for an age.

Pure functions over the validated data in library/peds; the wording lives in compose.peds_wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from guidewise.library.peds.schema import GrowthTable, PedsDrug
from guidewise.understand.context import PatientContext

Verdict = Literal["within", "above", "below", "too_often"]
_EPS = 1e-9


@dataclass(frozen=True)
class Window:
    """The mg a child of one weight may get: per dose and per day."""

    weight_kg: float
    adult: bool                  # the adult (absolute) limits apply instead of mg/kg
    single_low: float | None     # usual lowest single dose, mg
    single_high: float           # highest single dose, mg
    day_low: float | None        # usual lowest daily total, mg
    day_high: float              # labelled daily maximum, mg
    day_high_per_kg: float       # mg/kg/day after any infant rule
    capped_single: bool          # single_high is the absolute cap rather than mg/kg x weight
    capped_day: bool


def is_adult(drug: PedsDrug, weight_kg: float | None, age_months: float | None) -> bool:
    frm = drug.adult_from
    by_age = frm.years is not None and age_months is not None and age_months >= frm.years * 12
    by_weight = frm.kg is not None and weight_kg is not None and weight_kg >= frm.kg
    return by_age or by_weight


def window(drug: PedsDrug, weight_kg: float, age_months: float | None = None, adult_rules: bool = True) -> Window:
    """The mg window for a weight; with `adult_rules`, the adult caps replace mg/kg from the adult age or weight."""
    if adult_rules and is_adult(drug, weight_kg, age_months):
        return Window(weight_kg, True, None, drug.max_single_mg, None, drug.max_daily_mg,
                      drug.day_high, True, True)
    per_kg_day = drug.day_high
    for rule in drug.infant_rules:
        if age_months is not None and age_months < rule.under_months:
            per_kg_day = min(per_kg_day, rule.max_mg_per_kg_day)
    single_high = min(drug.dose_high * weight_kg, drug.max_single_mg)
    day_high = min(per_kg_day * weight_kg, drug.max_daily_mg)
    single_low = min(drug.dose_low * weight_kg, single_high) if drug.dose_low else None
    day_low = min(drug.day_low * weight_kg, day_high) if drug.day_low else None
    return Window(weight_kg, False, single_low, single_high, day_low, day_high, per_kg_day,
                  drug.dose_high * weight_kg > drug.max_single_mg, per_kg_day * weight_kg > drug.max_daily_mg)


def too_often(drug: PedsDrug, doses_per_day: float | None) -> bool:
    return bool(doses_per_day and drug.max_doses_per_day and doses_per_day > drug.max_doses_per_day)


def verdict(drug: PedsDrug, w: Window, single_mg: float | None, day_mg: float | None,
            doses_per_day: float | None) -> Verdict:
    """Above beats too often beats below; otherwise within."""
    if single_mg is not None and single_mg > w.single_high * (1 + _EPS):
        return "above"
    if day_mg is not None and day_mg > w.day_high * (1 + _EPS):
        return "above"
    if too_often(drug, doses_per_day):
        return "too_often"
    if single_mg is not None and w.single_low is not None and single_mg < w.single_low * (1 - _EPS):
        return "below"
    if day_mg is not None and w.day_low is not None and day_mg < w.day_low * (1 - _EPS):
        return "below"
    return "within"


def per_kg_verdict(drug: PedsDrug, per_kg: float, per_day: bool, doses_per_day: float | None) -> Verdict:
    """A dose stated in mg/kg, judged without a weight."""
    day = per_kg if per_day else (per_kg * doses_per_day if doses_per_day else None)
    single = None if per_day else per_kg
    w = Window(1.0, False, drug.dose_low, drug.dose_high, drug.day_low, drug.day_high, drug.day_high, False, False)
    return verdict(drug, w, single, day, doses_per_day)


# -- ages and growth-chart weights ------------------------------------------------------------------
def age_span_months(ctx: PatientContext) -> tuple[float, float] | None:
    """The ages (months) the question's child may be: "2 year old" is 24 to 36 months, "3 month old" 3 to 4."""
    if ctx.age_years is not None:
        months = ctx.age_years * 12
        if ctx.age_years >= 1 and float(ctx.age_years).is_integer():
            return months, months + 12
        if abs(months - round(months)) < 0.05 and months >= 1:
            return float(round(months)), float(round(months) + 1)
        return months, months
    if ctx.age_group == "infant":
        return 0.0, 12.0
    if ctx.age_group == "adolescent":
        return 144.0, 216.0
    return None


def _interpolate(growth: GrowthTable, months: float, attr: str) -> float:
    pts = growth.points
    months = min(max(months, pts[0].age_months), pts[-1].age_months)
    for a, b in pairwise(pts):
        if a.age_months <= months <= b.age_months:
            va, vb = getattr(a, attr), getattr(b, attr)
            t = (months - a.age_months) / (b.age_months - a.age_months)
            return float(va + (vb - va) * t)
    return float(getattr(pts[-1], attr))


def weight_range(growth: GrowthTable, span: tuple[float, float]) -> tuple[float, float]:
    """Lightest and heaviest usual weight (kg) over an age span, from the growth table."""
    return round(_interpolate(growth, span[0], "low_kg"), 1), round(_interpolate(growth, span[1], "high_kg"), 1)


@dataclass(frozen=True)
class Child:
    """What the question says about a child: weight, age span (months) and age group."""

    weight_kg: float | None
    span: tuple[float, float] | None
    group: str | None


ADULT_AGE_YEARS = 18
WEIGHT_ONLY_CHILD_KG = 40


def child_of(ctx: PatientContext) -> Child | None:
    """The child the question is about, or None for an adult or no patient."""
    if ctx.age_years is not None and ctx.age_years >= ADULT_AGE_YEARS:
        return None
    if ctx.age_years is None and ctx.age_group not in ("infant", "child", "adolescent"):
        if ctx.weight_kg is not None and ctx.weight_kg < WEIGHT_ONLY_CHILD_KG:
            return Child(ctx.weight_kg, None, None)
        return None
    return Child(ctx.weight_kg, age_span_months(ctx), ctx.age_group)
