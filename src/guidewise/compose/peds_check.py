"""Every child's dose in a question, checked by weight or by age; doses computed for a stated weight."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from guidewise.compose.age_limits import LimitHit, crossed_limits
from guidewise.compose.peds_dose import (
    Child,
    Verdict,
    Window,
    child_of,
    is_adult,
    per_kg_verdict,
    too_often,
    verdict,
    weight_range,
    window,
)
from guidewise.library.peds.loader import PedsData
from guidewise.library.peds.schema import Concentration, GrowthTable, PedsDrug
from guidewise.library.schema import Intent
from guidewise.understand.doses import ProposedDose, find_mentions, name_pattern, parse_doses
from guidewise.understand.negation import is_negated, negated_spans
from guidewise.understand.query import Query

WARNING_KINDS = frozenset({"above_range", "below_range", "too_often", "above_range_for_age", "below_range_for_age",
                           "above_max", "age_limit"})
_ASKED = re.compile(r"\b(?:how much|how many|what (?:is |'s )?(?:the )?(?:right |correct |usual )?(?:dose|dosage|amount)|"
                    r"doses?|dosage|dosing|how often)\b")
_KIND = {"above": "above_range", "below": "below_range", "too_often": "too_often", "within": "within_range"}


@dataclass
class Finding:
    """One checked or computed dose for a child."""

    kind: str
    drug: PedsDrug
    dose: ProposedDose | None = None
    single_mg: float | None = None
    day_mg: float | None = None
    doses_per_day: float | None = None
    weight_kg: float | None = None
    weight_range: tuple[float, float] | None = None
    span: tuple[float, float] | None = None
    win: Window | None = None
    conc: Concentration | None = None
    conc_assumed: bool = False
    alternatives: list[tuple[Concentration, float, str]] = field(default_factory=list)

    @property
    def warning(self) -> bool:
        return self.kind in WARNING_KINDS


@dataclass
class PedsResult:
    limits: list[LimitHit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def drugs(self) -> set[str]:
        return {f.drug.id for f in self.findings}


def judge(drug: PedsDrug, child: Child, growth: GrowthTable, single: float | None, day: float | None,
          doses: float | None) -> tuple[str, Window | None, tuple[float, float] | None]:
    """The kind of finding for a dose (mg per dose and/or per day) given what is known about the child."""
    age0 = child.span[0] if child.span else None
    if child.weight_kg is not None:
        w = window(drug, child.weight_kg, age0)
        return _KIND[verdict(drug, w, single, day, doses)], w, None
    if age0 is not None and is_adult(drug, None, age0):  # old enough for the adult label: weight does not matter
        v = verdict(drug, window(drug, 1.0, age0), single, day, doses)
        return {"above": "above_max", "too_often": "too_often"}.get(v, "within_max"), None, None
    if child.span is not None:
        lo, hi = weight_range(growth, child.span)
        heavy = window(drug, hi, max(child.span[0], child.span[1] - 0.01))
        if verdict(drug, heavy, single, day, doses) == "above":
            return "above_range_for_age", heavy, (lo, hi)
        if too_often(drug, doses):
            return "too_often", None, (lo, hi)
        light = window(drug, lo, child.span[0])
        if verdict(drug, light, single, day, None) == "below":
            return "below_range_for_age", light, (lo, hi)
        return "depends_on_weight", None, (lo, hi)
    if (single is not None and single > drug.max_single_mg) or (day is not None and day > drug.max_daily_mg):
        return "above_max", None, None
    if too_often(drug, doses):
        return "too_often", None, None
    return "needs_weight", None, None


def choose_concentration(drug: PedsDrug, text: str) -> tuple[Concentration | None, bool]:
    """The strength a volume refers to: named by product words, else the default (assumed)."""
    ordered = sorted(drug.concentrations, key=lambda c: c.default)  # specific products before the default
    for conc in ordered:
        if conc.words and name_pattern(conc.words).search(text):
            return conc, False
    return drug.default_concentration, True


def _amounts(dose: ProposedDose, mg: float) -> tuple[float | None, float | None]:
    """(per dose, per day) in mg for a dose of `mg`."""
    if dose.per_day:
        return None, mg
    return mg, mg * dose.doses_per_day if dose.doses_per_day else None


def evaluate(dose: ProposedDose, drug: PedsDrug, child: Child, growth: GrowthTable, text: str) -> Finding:
    """Check one proposed dose."""
    if dose.mg_per_kg is not None and child.weight_kg is None:
        v: Verdict = per_kg_verdict(drug, dose.mg_per_kg, dose.per_day, dose.doses_per_day)
        single, day = _amounts(dose, dose.mg_per_kg)
        return Finding(_KIND[v], drug, dose, single, day, dose.doses_per_day, span=child.span)
    conc: Concentration | None = None
    assumed = False
    if dose.ml is not None:
        if dose.strength_mg_per_ml is not None:
            mg = dose.ml * dose.strength_mg_per_ml
        else:
            conc, assumed = choose_concentration(drug, text)
            if conc is None:
                return Finding("needs_weight", drug, dose, span=child.span, weight_kg=child.weight_kg)
            mg = dose.ml * conc.mg_per_ml
    elif dose.mg_per_kg is not None:
        assert child.weight_kg is not None
        mg = dose.mg_per_kg * child.weight_kg
    else:
        assert dose.mg is not None
        mg = dose.mg
    single, day = _amounts(dose, mg)
    kind, win, wrange = judge(drug, child, growth, single, day, dose.doses_per_day)
    finding = Finding(kind, drug, dose, single, day, dose.doses_per_day, child.weight_kg, wrange, child.span,
                      win, conc, assumed)
    if conc is not None and assumed and dose.ml is not None:
        for other in drug.concentrations:
            if other is conc:
                continue
            alt_single, alt_day = _amounts(dose, dose.ml * other.mg_per_ml)
            alt_kind = judge(drug, child, growth, alt_single, alt_day, dose.doses_per_day)[0]
            if alt_kind != kind:
                finding.alternatives.append((other, dose.ml * other.mg_per_ml, alt_kind))
    return finding


def _asked_drugs(query: Query, peds: PedsData, dosed: set[str], blocked: set[str]) -> list[PedsDrug]:
    """Drugs the question asks a dose for without proposing one."""
    if Intent.DOSING not in query.intents and not _ASKED.search(query.text):
        return []
    spans = negated_spans(query.text)
    out: list[PedsDrug] = []
    for m in find_mentions(query.text, peds.drug_names):
        if m.drug in dosed or m.drug in blocked or is_negated(spans, m.start, m.end):
            continue
        drug = peds.by_id[m.drug]
        if drug not in out:
            out.append(drug)
    return out


def paediatric_check(query: Query, peds: PedsData) -> PedsResult:
    """Age limits crossed, every proposed dose checked, and doses for the weight when one is asked for."""
    ctx = query.context
    child = child_of(ctx)
    doses = parse_doses(query.text, peds.drug_names)
    if child is None and any(d.mg_per_kg is not None for d in doses):
        child = Child(None, None, None)  # "is 20 mg/kg of ibuprofen ok?" is a child's dose
    if child is None:
        return PedsResult()
    result = PedsResult(limits=crossed_limits(query.text, ctx, peds.limits))
    for dose in doses:
        result.findings.append(evaluate(dose, peds.by_id[dose.drug], child, peds.growth, query.text))
    blocked = {d.id for h in result.limits if h.definite and not h.limit.show_dose for d in peds.drugs
               if set(d.names) & set(h.limit.names)}
    for drug in _asked_drugs(query, peds, {d.drug for d in doses}, blocked):
        adult_age = child.weight_kg is None and child.span is not None and is_adult(drug, None, child.span[0])
        kind = "dose_for_weight" if child.weight_kg is not None else "adult_dose" if adult_age else "needs_weight"
        wrange = weight_range(peds.growth, child.span) if kind == "needs_weight" and child.span else None
        win = (window(drug, child.weight_kg, child.span[0] if child.span else None, adult_rules=False)
               if child.weight_kg else None)
        result.findings.append(Finding(kind, drug, weight_kg=child.weight_kg, weight_range=wrange,
                                       span=child.span, win=win))
    return result
