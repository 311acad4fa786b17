"""Formatting shared by the paediatric dose wording: numbers, volumes, ages and common sentence parts."""

from __future__ import annotations

import math

from guidewise.compose.peds_dose import Window
from guidewise.compose.peds_finding import Finding
from guidewise.compose.peds_liquids import marks_in_range
from guidewise.compose.wording import num
from guidewise.library.peds.schema import Concentration, PedsDrug
from guidewise.understand.context import TODDLER_MONTHS

CHECK_BOTTLE = {"clinician": " Check the concentration on the bottle.",
                "patient": " Check the strength on the bottle, and use the syringe or cup that comes with it."}


def mg(x: float) -> str:
    """A dose in mg: whole mg from 10 mg (a weight in pounds gives 49.9 mg: say 50), one decimal below."""
    return num(round(x)) if x >= 10 else num(round(x, 1))


def to(lo: float, hi: float, fmt: str = "mg") -> str:
    """'80 to 90', or one value when both ends are the same ('750', never '750 to 750'); fmt 'mg' or 'one'."""
    f = mg if fmt == "mg" else one
    return f(hi) if f(lo) == f(hi) else f"{f(lo)} to {f(hi)}"


def one(x: float) -> str:
    return num(round(x, 1))


def vol(x: float) -> str:
    """A volume: two decimals below 2 mL (1.25 mL drops; a syringe mark such as 1.875 mL as written), one above."""
    if x < 2 and abs(round(x, 3) - x) < 1e-9:
        return num(round(x, 3))
    return num(round(x, 2)) if x < 2 else num(round(x, 1))


def upper_first(s: str) -> str:
    return s[0].upper() + s[1:] if s else s


def short(drug: PedsDrug) -> str:
    return drug.name.split(" (")[0]


def ml_range(lo_mg: float, hi_mg: float, conc: Concentration) -> str:
    """Volumes that stay inside the mg range: the low end rounded up, the high end down, to 0.1 mL."""
    lo = math.ceil(lo_mg / conc.mg_per_ml * 10 - 1e-9) / 10
    hi = math.floor(hi_mg / conc.mg_per_ml * 10 + 1e-9) / 10
    return f"{one(hi)} mL" if lo >= hi else f"{one(lo)} to {one(hi)} mL"


def ml_text(lo_mg: float, hi_mg: float, conc: Concentration, audience: str) -> str:
    """A volume range in one strength: '3.2 to 4.6 mL of children's liquid (160 mg in 5 mL)'. A product measured
    with its own syringe (infant drops) is given as the syringe's marks that fall in the range."""
    name = conc.plain if audience == "patient" else conc.label
    if not conc.syringe_marks_ml:
        return f"{ml_range(lo_mg, hi_mg, conc)} of {name}"
    marks = marks_in_range(conc, lo_mg, hi_mg)
    if not marks:
        listed = " and ".join(f"{num(m)} mL" for m in conc.syringe_marks_ml)
        return (f"{ml_range(lo_mg, hi_mg, conc)} of {name}, which the syringe that comes with it does not measure "
                f"(it is marked at {listed}): ask a pharmacist how to give it" if audience == "patient" else
                f"{ml_range(lo_mg, hi_mg, conc)} of {name} (not a mark on its syringe, marked at {listed})")
    shown = " or ".join(f"{num(m)} mL" for m in marks)
    if audience == "patient":
        return f"{shown} of {name}, measured with the marks on the syringe that comes with it"
    return f"{shown} of {name} (syringe marks)"


def age_words(span: tuple[float, float] | None, group: str | None = None) -> str:
    """'2 years', '3 months', '6 weeks', 'under 1 year', '12 to 17 years', 'under 1 month' (a newborn)."""
    if span is None:
        return {"infant": "under 1 year", "adolescent": "12 to 17 years"}.get(group or "", "this age")
    start, end = span
    if (start, end) == TODDLER_MONTHS:
        return "1 to 3 years"
    if (start, end) == (0.0, 12.0):
        return "under 1 year"
    if (start, end) == (0.0, 1.0):
        return "under 1 month"
    if (start, end) == (144.0, 216.0):
        return "12 to 17 years"
    if start < 3 and start == end:
        weeks = round(start * 52 / 12)
        return f"{weeks} week{'s' if weeks != 1 else ''}" if weeks else "a few days"
    if start < 24:
        return f"{round(start)} month{'s' if round(start) != 1 else ''}"
    return f"{num(start / 12)} years"


def a_child_aged(span: tuple[float, float] | None) -> str:
    """'a child aged 3 years', 'a baby aged 6 weeks', 'a newborn baby'."""
    if span == (0.0, 1.0):
        return "a newborn baby"
    if span == TODDLER_MONTHS:
        return "a toddler (1 to 3 years)"
    return f"{'a baby' if span is not None and span[1] <= 12 else 'a child'} aged {age_words(span)}"


def children_aged(span: tuple[float, float] | None) -> str:
    """'children aged 3 years', 'babies aged 6 weeks', 'newborn babies'."""
    if span == (0.0, 1.0):
        return "newborn babies"
    if span == TODDLER_MONTHS:
        return "toddlers (1 to 3 years)"
    words = age_words(span)
    return f"{'babies' if span is not None and span[1] <= 12 else 'children'} aged {words}"


def under_words(months: float) -> str:
    return f"{num(months)} months" if months < 24 else f"{num(months / 12)} years"


def freq(f: Finding) -> str:
    assert f.dose is not None
    n = num(f.doses_per_day or 0)
    if f.dose.every_hours and f.dose.every_hours_max:
        hours = f"every {num(f.dose.every_hours)} to {num(f.dose.every_hours_max)} hours"
        return f"{hours} (up to {n} doses in 24 hours)"
    if f.dose.every_hours and f.dose.label_interval:
        return f"every {num(f.dose.every_hours)} hours (at most {n} doses in 24 hours)"
    if f.dose.every_hours:
        return f"every {num(f.dose.every_hours)} hours ({n} doses in 24 hours)"
    return f"{n} dose{'s' if f.doses_per_day != 1 else ''} a day"


def interval(drug: PedsDrug, w: Window | None, audience: str) -> str:
    """How often, after any young-infant rule or indication: 'every 4 to 6 hours if needed, and no more than 5
    doses in 24 hours'."""
    if w is not None and w.interval:
        return w.interval_plain if audience == "patient" else w.interval
    return drug.interval_plain if audience == "patient" else drug.interval


def too_often_sentence(f: Finding, audience: str) -> str:
    """' Every 4 hours (6 doses in 24 hours) is more often than labelled (every 4 to 6 hours ...).'"""
    if not f.dose or "doses_per_day" not in f.exceeded:
        return ""
    return f" {upper_first(freq(f))} is more often than labelled ({interval(f.drug, f.win, audience)})."


def correction(drug: PedsDrug, w: Window, audience: str, liquids: list[Concentration]) -> str:
    """The right dose for the weight, how often and the daily most, after a verdict."""
    how = interval(drug, w, audience)
    if w.adult:
        return (f" The most is {mg(w.single_high)} mg in one dose, {how}, and no more than {mg(w.day_high)} mg "
                f"a day.")
    weight = one(w.weight_kg)
    if w.single_low is not None:
        liquid = "".join(f", which is {ml_text(w.single_low, w.single_high, c, audience)}" for c in liquids[:1])
        return (f" For {weight} kg the right dose is {to(w.single_low, w.single_high)} mg{liquid}, {how}; "
                f"no more than {mg(w.day_high)} mg in 24 hours.")
    low = w.day_low if w.day_low is not None else w.day_high
    return (f" For {weight} kg the usual amount is {to(low, w.day_high)} mg a day, {how}; no more than "
            f"{mg(w.single_high)} mg in one dose.")


def amount_sentence(f: Finding, audience: str) -> str:
    """How a volume or mg/kg amount converts to mg ('' for a plain mg amount)."""
    d = f.dose
    if d is None:
        return ""
    amount = f.single_mg if f.single_mg is not None else f.day_mg
    if d.ml is not None and amount is not None:
        written = (d.volume_text or "").lower()
        volume = f"{vol(d.ml)} mL" if not written or written.replace(" ", "").endswith(("ml", "mls", "cc")) \
            else f"{written} ({vol(d.ml)} mL)"
        if d.summed_from:
            volume = f"{vol(d.ml)} mL in all ({d.summed_from})"
        if d.strength_text:
            return f"{upper_first(volume)} of a liquid with {d.strength_text} is {mg(amount)} mg. "
        if f.conc is not None:
            name = f.conc.plain if audience == "patient" else f.conc.label
            if f.conc_assumed:
                return f"Assuming {name}, {volume} is {mg(amount)} mg. "
            return f"{upper_first(volume)} of {name} is {mg(amount)} mg. "
    if d.count_text and d.mg is not None and amount is not None:
        return f"{d.count_text.replace(' x ', ' × ')} is {mg(d.mg)} mg. "
    if d.summed_from and d.mg is not None and amount is not None:
        return f"That is {mg(amount)} mg in all ({d.summed_from}). "
    if d.mg_per_kg is not None and f.weight_kg is not None and amount is not None:
        a_day = " a day" if d.per_day else ""
        return f"{one(d.mg_per_kg)} mg/kg{a_day} for {one(f.weight_kg)} kg is {mg(amount)} mg{a_day}. "
    return ""


def alternatives(f: Finding, audience: str) -> str:
    words = {"above_range": "too much", "above_range_for_age": "too much for a child of this age",
             "above_max": "more than the maximum", "below_range": "less than the usual dose",
             "below_range_for_age": "less than the usual dose for this age", "within_range": "within range",
             "depends_on_weight": "right or not depending on the weight", "too_often": "given too often",
             "needs_weight": "to be checked against the weight"}
    out = ""
    volume = f"{vol(f.dose.ml)} mL" if f.dose and f.dose.ml else "this volume"
    for conc, amount, kind in f.alternatives:
        name = conc.plain if audience == "patient" else conc.label
        out += f" If the product is {name}, {volume} is {mg(amount)} mg: {words.get(kind, kind.replace('_', ' '))}."
    return out


def by_weight(drug: PedsDrug, audience: str) -> str:
    if drug.dose_low:
        rng = f"{one(drug.dose_low)} to {one(drug.dose_high)} mg/kg per dose"
    else:
        rng = f"{one(drug.day_low or drug.day_high)} to {one(drug.day_high)} mg/kg/day"
    if audience == "patient":
        return f"The dose of {short(drug)} for a child depends on weight: {rng.replace('mg/kg', 'mg for each kg')}, {drug.interval_plain}."
    return f"{upper_first(short(drug))} is dosed by weight in children: {rng}, {drug.interval}."


def infant_note(f: Finding, audience: str) -> str:
    """' If your baby is under 3 months, ...': the stricter young-infant limits, when the child may be that young."""
    w = f.infant_win
    if w is None or w.infant is None:
        return ""
    under = f"{num(w.infant.under_months)} months"
    how = interval(f.drug, w, audience)
    if audience == "patient":
        worse = "" if f.kind == "dose_for_weight" else ", so this dose would be too much"
        return (f" If your baby is under {under}, the limits are lower: no more than {mg(w.single_high)} mg in one "
                f"dose and {mg(w.day_high)} mg a day, {how}{worse}.")
    return (f" If under {under}: at most {one(w.dose_high_per_kg)} mg/kg per dose ({mg(w.single_high)} mg) and "
            f"{one(w.day_high_per_kg)} mg/kg/day ({mg(w.day_high)} mg), {how}.")
