"""Which liquid strength a volume in a question refers to, and which strengths to give volumes in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from guidewise.compose.peds_dose import Ages
from guidewise.library.peds.schema import Concentration, PedsDrug
from guidewise.understand.doses import name_pattern

StrengthStatus = Literal["stated", "named", "assumed", "unknown"]


@dataclass(frozen=True)
class StrengthChoice:
    """The liquid strength a question's volume refers to, and how we know it."""

    conc: Concentration | None
    status: StrengthStatus
    word: str | None = None  # the product word whose strength varies (status unknown)


def stated_concentration(drug: PedsDrug, mg: float, ml: float) -> Concentration:
    """A strength written in the question, as a concentration to compute volumes in."""
    strength = f"{mg:g} mg/{ml:g} mL"
    return Concentration(mg=mg, ml=ml, label=f"the stated strength ({strength})",
                         plain=f"your liquid ({mg:g} mg in {ml:g} mL)", cite=list(drug.cite))


def choose_concentration(drug: PedsDrug, text: str) -> StrengthChoice:
    """The strength a volume refers to: a brand-specific product named, else none when a product whose strength
    varies is named (non-US brands, 'drops'), else the product words' strength, else the default (assumed)."""
    for conc in drug.concentrations:
        if not conc.offered and conc.words and name_pattern(conc.words).search(text):
            return StrengthChoice(conc, "named")
    if drug.unknown_strength_words and (m := name_pattern(drug.unknown_strength_words).search(text)):
        return StrengthChoice(None, "unknown", m.group(0))
    offered = sorted((c for c in drug.concentrations if c.offered), key=lambda c: c.default)  # specific first
    for conc in offered:
        if conc.words and name_pattern(conc.words).search(text):
            return StrengthChoice(conc, "named")
    default = drug.default_concentration
    return StrengthChoice(default, "assumed") if default else StrengthChoice(None, "unknown")


def suits_age(conc: Concentration, ages: Ages | None) -> bool:
    """Whether a product is labelled for a child who may be these ages (infant drops: 6 to 23 months)."""
    if ages is None:
        return True
    if conc.from_months is not None and ages.high < conc.from_months:
        return False
    return not (conc.under_months is not None and ages.low >= conc.under_months)


def marks_in_range(conc: Concentration, lo_mg: float, hi_mg: float) -> list[float]:
    """The syringe marks (mL) whose dose lies within lo_mg to hi_mg."""
    return [m for m in conc.syringe_marks_ml if lo_mg * (1 - 1e-9) <= m * conc.mg_per_ml <= hi_mg * (1 + 1e-9)]


def offered_liquids(drug: PedsDrug, ages: Ages | None, lo_mg: float | None, hi_mg: float) -> list[Concentration]:
    """The strengths to give volumes in when no product is named: those labelled for the age, and for a product
    measured with its own syringe only when one of its marks gives a dose in range."""
    out = []
    for conc in drug.concentrations:
        if not conc.offered or not suits_age(conc, ages):
            continue
        if conc.syringe_marks_ml and not marks_in_range(conc, lo_mg if lo_mg is not None else hi_mg, hi_mg):
            continue
        out.append(conc)
    return out
