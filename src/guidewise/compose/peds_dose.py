"""Paediatric dose arithmetic: the mg window for a weight, verdicts, and growth-chart weights for an age.

Pure functions over the validated data in library/peds; the wording lives in compose.peds_wording.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from guidewise.library.peds.schema import GrowthTable, Indication, InfantRule, PedsDrug
from guidewise.understand.context import NEWBORN_AGE_YEARS, PatientContext

Verdict = Literal["within", "above", "below", "too_often"]
_EPS = 1e-9
# A dose up to 3% above the top of the mg/kg range is within it: weights converted from pounds or stones and liquids
# measured to the nearest 0.25 mL land there ('10 mL for 44 lb' is 10.02 mg/kg). Never above an absolute cap.
MEASURE_SLACK = 0.03


@dataclass(frozen=True)
class Window:
    """The mg a child of one weight may get: per dose and per day, and how often."""

    weight_kg: float
    adult: bool                  # the adult (absolute) limits apply instead of mg/kg
    single_low: float | None     # usual lowest single dose, mg
    single_high: float           # highest single dose, mg
    day_low: float | None        # usual lowest daily total, mg
    day_high: float              # labelled daily maximum, mg
    day_high_per_kg: float       # mg/kg/day after any infant rule or indication
    capped_single: bool          # single_high is the absolute cap rather than mg/kg x weight
    capped_day: bool
    dose_high_per_kg: float = 0.0       # mg/kg per dose after any infant rule
    day_low_per_kg: float | None = None
    max_doses: int | None = None        # most doses in 24 hours
    interval: str = ""                  # how often, clinician wording
    interval_plain: str = ""            # how often, patient wording
    infant: InfantRule | None = None    # the young-infant rule that applies
    indication: Indication | None = None


def is_adult(drug: PedsDrug, weight_kg: float | None, age_months: float | None) -> bool:
    """Whether the adult caps replace mg/kg: by weight when the weight is known (a light 12-year-old keeps the
    mg/kg limits), by age only when it is not."""
    frm = drug.adult_from
    if weight_kg is not None and frm.kg is not None:
        return weight_kg >= frm.kg
    return frm.years is not None and age_months is not None and age_months >= frm.years * 12


def infant_rule(drug: PedsDrug, age_months: float | None) -> InfantRule | None:
    """The strictest young-infant rule that applies at this age (None when the age is unknown or older)."""
    rules = [r for r in drug.infant_rules if age_months is not None and age_months < r.under_months]
    return min(rules, key=lambda r: r.max_mg_per_kg_day, default=None)


def max_doses(drug: PedsDrug, age_months: float | None = None) -> int | None:
    rule = infant_rule(drug, age_months)
    counts = [n for n in (drug.max_doses_per_day, rule.max_doses_per_day if rule else None) if n]
    return min(counts) if counts else None


def _cap(indication: Indication | None, attr: str) -> float:
    value = getattr(indication, attr) if indication is not None else None
    return float(value) if value is not None else math.inf


def _intervals(drug: PedsDrug, rule: InfantRule | None, ind: Indication | None) -> tuple[str, str]:
    if rule is not None and rule.interval and rule.interval_plain:
        return rule.interval, rule.interval_plain
    if ind is not None:
        return ind.interval, ind.interval_plain
    return drug.interval, drug.interval_plain


def adult_window(drug: PedsDrug, weight_kg: float | None = None, indication: Indication | None = None,
                 doses_per_day: float | None = None) -> Window:
    """The adult (absolute) limits, with an indication's caps and the once-daily cap."""
    single = min(drug.max_single_mg, _cap(indication, "max_single_mg"))
    day = min(drug.max_daily_mg, _cap(indication, "max_daily_mg"))
    if doses_per_day == 1 and drug.once_daily is not None:
        single = min(single, drug.once_daily.max_mg)
    interval, plain = _intervals(drug, None, indication)
    return Window(weight_kg or 0.0, True, None, single, None, day, drug.day_high, True, True,
                  drug.dose_high, None, drug.max_doses_per_day, interval, plain, None, indication)


def window(drug: PedsDrug, weight_kg: float, age_months: float | None = None, adult_rules: bool = True,
           indication: Indication | None = None, doses_per_day: float | None = None) -> Window:
    """The mg window for a weight; with `adult_rules`, the adult caps replace mg/kg from the adult weight (or, for
    an unknown weight, age). Young-infant rules, an indication's range and the once-daily cap narrow it."""
    if adult_rules and is_adult(drug, weight_kg, age_months):
        return adult_window(drug, weight_kg, indication, doses_per_day)
    rule = infant_rule(drug, age_months)
    day_high_kg = indication.day_high if indication else drug.day_high
    day_low_kg = indication.day_low if indication else drug.day_low
    dose_high_kg = drug.dose_high
    if rule is not None:
        day_high_kg = min(day_high_kg, rule.max_mg_per_kg_day)
        dose_high_kg = min(dose_high_kg, rule.max_mg_per_kg_dose or dose_high_kg)
    max_single = min(drug.max_single_mg, _cap(indication, "max_single_mg"))
    max_daily = min(drug.max_daily_mg, _cap(indication, "max_daily_mg"))
    if doses_per_day == 1 and drug.once_daily is not None:
        max_single = min(max_single, drug.once_daily.max_mg)
    single_high = min(dose_high_kg * weight_kg, max_single)
    day_high = min(day_high_kg * weight_kg, max_daily)
    single_low = min(drug.dose_low * weight_kg, single_high) if drug.dose_low else None
    day_low = min(day_low_kg * weight_kg, day_high) if day_low_kg else None
    interval, plain = _intervals(drug, rule, indication)
    return Window(weight_kg, False, single_low, single_high, day_low, day_high, day_high_kg,
                  dose_high_kg * weight_kg > max_single, day_high_kg * weight_kg > max_daily,
                  dose_high_kg, day_low_kg, max_doses(drug, age_months), interval, plain, rule, indication)


def too_often(drug: PedsDrug, doses_per_day: float | None, age_months: float | None = None) -> bool:
    most = max_doses(drug, age_months)
    return bool(doses_per_day and most and doses_per_day > most)


Exceeded = list[str]


def _top(high: float, capped: bool) -> float:
    """The most that is still within: an absolute cap exactly, a mg/kg top with the measuring slack."""
    return high * (1 + (_EPS if capped else MEASURE_SLACK))
"""Which limits a dose exceeds: 'dose' (one dose), 'daily_total', 'doses_per_day'."""


def exceeded(drug: PedsDrug, w: Window | None, single_mg: float | None, day_mg: float | None,
             doses_per_day: float | None, age_months: float | None = None) -> Exceeded:
    out: Exceeded = []
    if w is not None and single_mg is not None and single_mg > _top(w.single_high, w.capped_single or w.adult):
        out.append("dose")
    if w is not None and day_mg is not None and day_mg > _top(w.day_high, w.capped_day or w.adult):
        out.append("daily_total")
    most = w.max_doses if w is not None else max_doses(drug, age_months)
    if doses_per_day and most and doses_per_day > most:
        out.append("doses_per_day")
    return out


def verdict(drug: PedsDrug, w: Window, single_mg: float | None, day_mg: float | None,
            doses_per_day: float | None) -> Verdict:
    """Above beats too often beats below; otherwise within."""
    if single_mg is not None and single_mg > _top(w.single_high, w.capped_single or w.adult):
        return "above"
    if day_mg is not None and day_mg > _top(w.day_high, w.capped_day or w.adult):
        return "above"
    most = w.max_doses if w.max_doses is not None else drug.max_doses_per_day
    if doses_per_day and most and doses_per_day > most:
        return "too_often"
    if single_mg is not None and w.single_low is not None and single_mg < w.single_low * (1 - _EPS):
        return "below"
    if day_mg is not None and w.day_low is not None and day_mg < w.day_low * (1 - _EPS):
        return "below"
    return "within"


def per_kg_window(drug: PedsDrug, age_months: float | None = None) -> Window:
    """The mg/kg limits themselves (a window for 1 kg, without absolute caps)."""
    rule = infant_rule(drug, age_months)
    day_high = min(drug.day_high, rule.max_mg_per_kg_day) if rule else drug.day_high
    dose_high = min(drug.dose_high, rule.max_mg_per_kg_dose or drug.dose_high) if rule else drug.dose_high
    interval, plain = _intervals(drug, rule, None)
    return Window(1.0, False, drug.dose_low, dose_high, drug.day_low, day_high, day_high, False, False,
                  dose_high, drug.day_low, max_doses(drug, age_months), interval, plain, rule, None)


def per_kg_verdict(drug: PedsDrug, per_kg: float, per_day: bool, doses_per_day: float | None,
                   age_months: float | None = None) -> Verdict:
    """A dose stated in mg/kg, judged without a weight."""
    day = per_kg if per_day else (per_kg * doses_per_day if doses_per_day else None)
    single = None if per_day else per_kg
    return verdict(drug, per_kg_window(drug, age_months), single, day, doses_per_day)


# -- ages and growth-chart weights ------------------------------------------------------------------
def age_span_months(ctx: PatientContext) -> tuple[float, float] | None:
    """The ages (months) the question's child may be: "2 year old" is 24 to 36 months, "3 month old" 3 to 4,
    a newborn 0 to 1, a toddler 12 to 36."""
    if ctx.age_span_months is not None:
        return ctx.age_span_months
    if ctx.age_years is not None:
        if ctx.age_years == NEWBORN_AGE_YEARS:
            return 0.0, 1.0
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


def _inverse(growth: GrowthTable, kg: float, attr: str) -> float:
    """The age (months) at which the table's `attr` weight reaches kg (both weights rise with age)."""
    pts = growth.points
    if kg <= getattr(pts[0], attr):
        return pts[0].age_months
    for a, b in pairwise(pts):
        va, vb = getattr(a, attr), getattr(b, attr)
        if va < kg <= vb:
            return float(a.age_months + (kg - va) / (vb - va) * (b.age_months - a.age_months))
    return math.inf


def ages_for_weight(growth: GrowthTable, kg: float) -> tuple[float, float]:
    """The ages (months) at which kg is a usual weight: from the age the heaviest usual child reaches it to the
    age the lightest usual child passes it. A 5 kg baby is about 0.5 to 4 months old."""
    youngest = _inverse(growth, kg, "high_kg")
    oldest = _inverse(growth, kg, "low_kg")
    return (min(youngest, growth.points[-1].age_months), oldest)


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


def unusual_weight(child: Child, growth: GrowthTable) -> tuple[float, float] | None:
    """The usual weight range (kg) for the stated age when the stated weight is far outside it (a 2-year-old of
    26 kg: most likely a kg/lb mix-up); None when the weight fits the age, or either is unknown."""
    if child.weight_kg is None or child.span is None:
        return None
    lo, hi = weight_range(growth, child.span)
    if child.weight_kg < lo * growth.unusual_below or child.weight_kg > hi * growth.unusual_above:
        return lo, hi
    return None


@dataclass(frozen=True)
class Ages:
    """The ages (months) a child may be, and whether the weight narrowed them."""

    low: float
    high: float
    by_weight: bool


def plausible_ages(child: Child, growth: GrowthTable) -> Ages | None:
    """The child's possible ages: the stated span, narrowed by the weight when both are known and agree (a 5 kg
    'baby' is under 6 months); from the weight alone when no age is given."""
    by_weight = ages_for_weight(growth, child.weight_kg) if child.weight_kg is not None else None
    if child.span is None:
        return Ages(by_weight[0], by_weight[1], True) if by_weight else None
    lo, hi = child.span
    if by_weight is None:
        return Ages(lo, hi, False)
    nlo, nhi = max(lo, by_weight[0]), min(hi, by_weight[1])
    if nlo > nhi or (nlo, nhi) == (lo, hi):
        return Ages(lo, hi, False)
    return Ages(nlo, nhi, True)


def certainly_under(ages: Ages, months: float) -> bool:
    """Whether every age the child may be is under `months` (an age span excludes its end)."""
    return ages.low < months if ages.low == ages.high else ages.high <= months


def rule_age(drug: PedsDrug, ages: Ages | None) -> float | None:
    """The age at which to apply a drug's young-infant rules: the child's youngest age when it is certainly under
    a rule's age, else its oldest (a rule that only may apply is stated conditionally, not assumed)."""
    if ages is None:
        return None
    if any(certainly_under(ages, r.under_months) for r in drug.infant_rules):
        return ages.low
    return ages.high


def possible_infant_rule(drug: PedsDrug, ages: Ages | None) -> InfantRule | None:
    """A young-infant rule that applies if the child is at the young end of its possible ages, but not surely."""
    if ages is None:
        return None
    rule = infant_rule(drug, ages.low)
    return rule if rule is not None and not certainly_under(ages, rule.under_months) else None


def limit_reached(drug: PedsDrug, given: int | None) -> bool:
    """The doses already given today are the most allowed in 24 hours (acetaminophen 5, ibuprofen 4)."""
    return given is not None and drug.max_doses_per_day is not None and given >= drug.max_doses_per_day
