"""Doses the question does not state: how often with no amount, an unmeasured amount ('a dropperful'), and the
dose asked for ('how much tylenol for 12 kg')."""

from __future__ import annotations

import re
from dataclasses import replace

from guidewise.compose.peds_dose import (
    Child,
    is_adult,
    plausible_ages,
    rule_age,
    too_often,
    weight_range,
    window,
)
from guidewise.compose.peds_finding import Finding
from guidewise.compose.peds_judge import infant_window
from guidewise.compose.peds_liquids import choose_concentration, offered_liquids, stated_concentration
from guidewise.library.peds.loader import PedsData
from guidewise.library.peds.schema import GrowthTable, Indication, PedsDrug
from guidewise.library.schema import Intent
from guidewise.understand.doses import ProposedDose, find_mentions, stated_strengths
from guidewise.understand.negation import is_negated, negated_spans
from guidewise.understand.query import Query

_ASKED = re.compile(r"\b(?:how much|how many|what (?:is |'s )?(?:the )?(?:right |correct |usual )?(?:dose|dosage|amount)|"
                    r"doses?|dosage|dosing|how often)\b")


def labelled_range(dose: ProposedDose, drug: PedsDrug) -> ProposedDose:
    """'Every 4 to 6 hours' of acetaminophen is the label's own wording: checked at its most doses in 24 hours
    (5), not at 6. A range that starts below the labelled interval ('motrin every 4 to 6 hours') is too often."""
    if (dose.every_hours_max and dose.every_hours and drug.min_interval_hours and drug.max_doses_per_day
            and dose.every_hours >= drug.min_interval_hours and dose.doses_per_day
            and dose.doses_per_day > drug.max_doses_per_day):
        return replace(dose, doses_per_day=float(drug.max_doses_per_day))
    return dose


def often_finding(dose: ProposedDose, drug: PedsDrug, child: Child, growth: GrowthTable) -> Finding | None:
    """A medicine given more often than labelled, with no amount ('motrin every 4 hours'); None when not too often."""
    dose = labelled_range(dose, drug)
    ages = plausible_ages(child, growth)
    if not too_often(drug, dose.doses_per_day, rule_age(drug, ages)):
        return None
    w = window(drug, child.weight_kg, rule_age(drug, ages)) if child.weight_kg is not None else None
    return Finding("too_often", drug, dose, doses_per_day=dose.doses_per_day, weight_kg=child.weight_kg,
                   span=child.span, win=w, exceeded=["doses_per_day"], ages=ages,
                   liquids=offered_liquids(drug, ages, w.single_low, w.single_high) if w else [])


def dropper_finding(drug: PedsDrug, child: Child, peds: PedsData, text: str, measure: str = "dropper") -> Finding:
    """'A dropperful of infant tylenol', 'a capful', 'a full dosing cup' (`measure`): the amount cannot be known;
    the dose for the weight, to measure in mL."""
    asked = asked_finding(drug, child, peds, text, None)
    return replace(asked, kind="unknown_amount", measure=measure) if asked.kind == "dose_for_weight" else \
        Finding("unknown_amount", drug, span=child.span, ages=asked.ages, measure=measure)


def asked_drugs(query: Query, peds: PedsData, dosed: set[str], blocked: set[str]) -> list[PedsDrug]:
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


def asked_finding(drug: PedsDrug, child: Child, peds: PedsData, text: str, indication: Indication | None) -> Finding:
    """The dose for a drug asked about without a proposed dose: by weight, the adult dose, or a request for the
    weight. Volumes are given in the strength stated or named, in the strengths that suit the child when none
    is, and not at all when the product named comes in varying strengths."""
    ages = plausible_ages(child, peds.growth)
    if child.weight_kg is None:
        adult_age = child.span is not None and is_adult(drug, None, child.span[0])
        wrange = weight_range(peds.growth, child.span) if not adult_age and child.span else None
        return Finding("adult_dose" if adult_age else "needs_weight", drug, weight_range=wrange, span=child.span,
                       ages=ages)
    w = window(drug, child.weight_kg, rule_age(drug, ages), indication=indication)
    strengths = stated_strengths(text)
    unknown: str | None = None
    if strengths:
        liquids = [stated_concentration(drug, strengths[0].mg, strengths[0].ml)]
    else:
        choice = choose_concentration(drug, text)
        unknown = choice.word if choice.status == "unknown" else None
        liquids = ([choice.conc] if choice.status == "named" and choice.conc else [] if choice.status == "unknown"
                   else offered_liquids(drug, ages, w.single_low, w.single_high))
    return Finding("dose_for_weight", drug, weight_kg=child.weight_kg, span=child.span, win=w, liquids=liquids,
                   unknown_word=unknown, ages=ages, infant_win=infant_window(drug, child, ages, indication))
