"""The verdict on one dose for a child: by the stated weight, by the usual weights for the age, or by the
adult label; a prescribed medicine's dose inside the absolute limits is referred to the prescriber."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from guidewise.compose.peds_dose import (
    Ages,
    Child,
    Exceeded,
    Window,
    adult_window,
    exceeded,
    is_adult,
    plausible_ages,
    possible_infant_rule,
    rule_age,
    too_often,
    verdict,
    weight_range,
    window,
)
from guidewise.library.peds.schema import GrowthTable, Indication, PedsDrug

KIND = {"above": "above_range", "below": "below_range", "too_often": "too_often", "within": "within_range"}


@dataclass(frozen=True)
class Judgement:
    kind: str
    win: Window | None = None
    weight_range: tuple[float, float] | None = None
    exceeded: Exceeded = field(default_factory=list)
    infant_win: Window | None = None  # the dose breaks a young-infant limit that applies if the child is that young


def infant_window(drug: PedsDrug, child: Child, ages: Ages | None, indication: Indication | None = None,
                  doses: float | None = None) -> Window | None:
    """The young-infant window for a weight, when the child may (not surely) be young enough for it."""
    if child.weight_kg is None or ages is None or possible_infant_rule(drug, ages) is None:
        return None
    return window(drug, child.weight_kg, ages.low, indication=indication, doses_per_day=doses)


_JUDGED = ("above_range", "below_range", "above_range_for_age", "below_range_for_age")


def judge(drug: PedsDrug, child: Child, growth: GrowthTable, single: float | None, day: float | None,
          doses: float | None, indication: Indication | None = None) -> Judgement:
    """The kind of finding for a dose (mg per dose and/or per day) given what is known about the child. A
    prescribed medicine's dose inside the absolute limits that differs from the usual one is 'differs_from_usual'
    (refer to the prescriber), not too much or too little."""
    j = _judge(drug, child, growth, single, day, doses, indication)
    if not drug.prescribed or j.kind not in _JUDGED:
        return j
    if child.weight_kg is not None:
        outer = window(drug, child.weight_kg, rule_age(drug, plausible_ages(child, growth)))
    elif child.span is not None and j.kind == "above_range_for_age":
        hi = weight_range(growth, child.span)[1]
        outer = window(drug, hi, max(child.span[0], child.span[1] - 0.01))
    else:
        return replace(j, kind="differs_from_usual", exceeded=[])
    if verdict(drug, outer, single, day, None) == "above":
        return replace(j, win=outer, exceeded=[x for x in exceeded(drug, outer, single, day, doses)])
    return replace(j, kind="differs_from_usual", exceeded=[])


def _judge(drug: PedsDrug, child: Child, growth: GrowthTable, single: float | None, day: float | None,
           doses: float | None, indication: Indication | None = None) -> Judgement:
    ages = plausible_ages(child, growth)
    if child.weight_kg is not None:
        w = window(drug, child.weight_kg, rule_age(drug, ages), indication=indication, doses_per_day=doses)
        v = verdict(drug, w, single, day, doses)
        maybe = infant_window(drug, child, ages, indication, doses)
        flagged = ("above", "too_often")
        if maybe is None or v in flagged or verdict(drug, maybe, single, day, doses) not in flagged:
            maybe = None  # no stricter young-infant limit to mention
        return Judgement(KIND[v], w, None, exceeded(drug, w, single, day, doses), maybe)
    age0 = child.span[0] if child.span else None
    if age0 is not None and is_adult(drug, None, age0):  # old enough for the adult label: weight does not matter
        w = adult_window(drug, None, indication, doses)
        v = verdict(drug, w, single, day, doses)
        kind = {"above": "above_max", "too_often": "too_often"}.get(v, "within_max")
        return Judgement(kind, w, None, exceeded(drug, w, single, day, doses))
    if child.span is not None:
        lo, hi = weight_range(growth, child.span)
        heavy = window(drug, hi, max(child.span[0], child.span[1] - 0.01), indication=indication, doses_per_day=doses)
        if verdict(drug, heavy, single, day, doses) == "above":
            return Judgement("above_range_for_age", heavy, (lo, hi), exceeded(drug, heavy, single, day, doses))
        if too_often(drug, doses, rule_age(drug, ages)):
            return Judgement("too_often", None, (lo, hi), ["doses_per_day"])
        light = window(drug, lo, child.span[0], indication=indication, doses_per_day=doses)
        if verdict(drug, light, single, day, None) == "below":
            return Judgement("below_range_for_age", light, (lo, hi))
        return Judgement("depends_on_weight", None, (lo, hi))
    absolute = adult_window(drug, None, indication, doses)
    over = [x for x in exceeded(drug, absolute, single, day, None) if x != "doses_per_day"]
    if over:
        return Judgement("above_max", None, None, over + (["doses_per_day"] if too_often(drug, doses) else []))
    if too_often(drug, doses):
        return Judgement("too_often", None, None, ["doses_per_day"])
    return Judgement("needs_weight")
