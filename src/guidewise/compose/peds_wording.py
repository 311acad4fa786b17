"""Plain sentences, with the arithmetic, for paediatric dose findings and age limits, per audience."""

from __future__ import annotations

import math

from guidewise.compose.age_limits import LimitHit
from guidewise.compose.peds_check import Finding
from guidewise.compose.peds_dose import Window
from guidewise.compose.wording import num
from guidewise.library.peds.schema import Concentration, PedsDrug

CHECK_BOTTLE = {"clinician": " Check the concentration on the bottle.",
                "patient": " Check the strength on the bottle, and use the syringe or cup that comes with it."}


def mg(x: float) -> str:
    return num(round(x)) if x >= 100 else num(round(x, 1))


def one(x: float) -> str:
    return num(round(x, 1))


def vol(x: float) -> str:
    """A volume: two decimals below 2 mL (1.25 mL drops), one above."""
    return num(round(x, 2)) if x < 2 else num(round(x, 1))


def _cap(s: str) -> str:
    return s[0].upper() + s[1:] if s else s


def short(drug: PedsDrug) -> str:
    return drug.name.split(" (")[0]


def ml_range(lo_mg: float, hi_mg: float, conc: Concentration) -> str:
    """Volumes that stay inside the mg range: the low end rounded up, the high end down, to 0.1 mL."""
    lo = math.ceil(lo_mg / conc.mg_per_ml * 10 - 1e-9) / 10
    hi = math.floor(hi_mg / conc.mg_per_ml * 10 + 1e-9) / 10
    return f"{one(hi)} mL" if lo >= hi else f"{one(lo)} to {one(hi)} mL"


def age_words(span: tuple[float, float] | None, group: str | None = None) -> str:
    """'2 years', '3 months', '6 weeks', 'under 1 year', '12 to 17 years'."""
    if span is None:
        return {"infant": "under 1 year", "adolescent": "12 to 17 years"}.get(group or "", "this age")
    start, end = span
    if (start, end) == (0.0, 12.0):
        return "under 1 year"
    if (start, end) == (144.0, 216.0):
        return "12 to 17 years"
    if start < 2 and start == end:
        weeks = round(start * 52 / 12)
        return f"{weeks} week{'s' if weeks != 1 else ''}" if weeks else "a few days"
    if start < 24:
        return f"{round(start)} month{'s' if round(start) != 1 else ''}"
    return f"{num(start / 12)} years"


def under_words(months: float) -> str:
    return f"{num(months)} months" if months < 24 else f"{num(months / 12)} years"


def _freq(f: Finding) -> str:
    assert f.dose is not None
    n = num(f.doses_per_day or 0)
    if f.dose.every_hours:
        return f"every {num(f.dose.every_hours)} hours ({n} doses in 24 hours)"
    return f"{n} doses a day"


def _amount_sentence(f: Finding, audience: str) -> str:
    """How a volume or mg/kg amount converts to mg ('' for a plain mg amount)."""
    d = f.dose
    if d is None:
        return ""
    amount = f.single_mg if f.single_mg is not None else f.day_mg
    if d.ml is not None and amount is not None:
        written = (d.volume_text or "").lower()
        volume = f"{vol(d.ml)} mL" if not written or written.replace(" ", "").endswith(("ml", "mls", "cc")) \
            else f"{written} ({vol(d.ml)} mL)"
        if d.strength_text:
            return f"{_cap(volume)} of {d.strength_text} is {mg(amount)} mg. "
        if f.conc is not None:
            name = f.conc.plain if audience == "patient" else f.conc.label
            if f.conc_assumed:
                return f"Assuming {name}, {volume} is {mg(amount)} mg. "
            return f"{_cap(volume)} of {name} is {mg(amount)} mg. "
    if d.mg_per_kg is not None and f.weight_kg is not None and amount is not None:
        return f"{one(d.mg_per_kg)} mg/kg for {one(f.weight_kg)} kg is {mg(amount)} mg. "
    return ""


def _single_range(drug: PedsDrug, w: Window) -> str:
    """'10 to 15 mg/kg (120 to 180 mg for 12 kg)' or the cap that applies."""
    if w.adult:
        return f"the maximum single dose of {mg(w.single_high)} mg that applies from {_adult_from(drug)}"
    cap = f", capped at the adult maximum of {mg(drug.max_single_mg)} mg" if w.capped_single else ""
    if w.single_low is None or drug.dose_low is None:
        return f"the maximum of {one(drug.dose_high)} mg/kg per dose ({mg(w.single_high)} mg for {one(w.weight_kg)} kg{cap})"
    return (f"{one(drug.dose_low)} to {one(drug.dose_high)} mg/kg per dose ({mg(w.single_low)} to "
            f"{mg(w.single_high)} mg for {one(w.weight_kg)} kg{cap})")


def _day_range(drug: PedsDrug, w: Window) -> str:
    if w.adult:
        return f"the maximum of {mg(w.day_high)} mg a day that applies from {_adult_from(drug)}"
    cap = f", capped at {mg(drug.max_daily_mg)} mg" if w.capped_day else ""
    if w.day_low is not None and drug.day_low is not None:
        return (f"the usual {one(drug.day_low)} to {one(w.day_high_per_kg)} mg/kg/day ({mg(w.day_low)} to "
                f"{mg(w.day_high)} mg a day{cap})")
    return f"the maximum of {one(w.day_high_per_kg)} mg/kg/day ({mg(w.day_high)} mg a day for {one(w.weight_kg)} kg{cap})"


def _position(value: float, low: float | None, high: float) -> str:
    return "above" if value > high * (1 + 1e-9) else "below" if low is not None and value < low * (1 - 1e-9) else "within"


def _right_dose(drug: PedsDrug, w: Window, audience: str, conc: Concentration | None = None) -> str:
    """The dose for this weight, with its volume (in the product's strength when known), after a verdict."""
    if w.adult or w.single_low is None:
        return ""
    conc = conc or drug.default_concentration
    liquid = ""
    if conc is not None:
        liquid = f", which is {ml_range(w.single_low, w.single_high, conc)} of {conc.plain if audience == 'patient' else conc.label}"
    return f" For {one(w.weight_kg)} kg the right dose is {mg(w.single_low)} to {mg(w.single_high)} mg{liquid}."


def _alternatives(f: Finding, audience: str) -> str:
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


def _single_plain(drug: PedsDrug, w: Window) -> str:
    """The per-dose range for a weight in plain words."""
    if w.adult:
        return f"no more than {mg(w.single_high)} mg in one dose"
    cap = f"; never more than {mg(drug.max_single_mg)} mg" if w.capped_single else ""
    if w.single_low is None or drug.dose_low is None:
        return f"up to {mg(w.single_high)} mg in one dose ({one(drug.dose_high)} mg for each kg{cap})"
    return (f"{mg(w.single_low)} to {mg(w.single_high)} mg in one dose ({one(drug.dose_low)} to "
            f"{one(drug.dose_high)} mg for each kg{cap})")


def _day_plain(drug: PedsDrug, w: Window, where: str) -> str:
    """How a daily total compares with the daily range for a weight, in plain words."""
    weight = one(w.weight_kg)
    if where == "above":
        return f"more than the most a child of {weight} kg should have in a day ({mg(w.day_high)} mg)"
    if w.day_low is not None and not w.adult:
        usual = f"the usual {mg(w.day_low)} to {mg(w.day_high)} mg a day for a child of {weight} kg"
        return f"less than {usual}" if where == "below" else f"within {usual}"
    return f"within the limit of {mg(w.day_high)} mg a day for a child of {weight} kg"


def _adult_from(drug: PedsDrug) -> str:
    frm = drug.adult_from
    parts = ([f"{num(frm.years)} years"] if frm.years else []) + ([f"{num(frm.kg)} kg"] if frm.kg else [])
    return " or ".join(parts)


def _per_kg_only_text(f: Finding, audience: str) -> str:
    """A dose stated in mg/kg, judged without a weight."""
    drug, name = f.drug, short(f.drug)
    assert f.dose is not None and f.dose.mg_per_kg is not None
    per = "a day" if f.dose.per_day else "per dose"
    if f.dose.per_day:
        limit = f"the labelled maximum of {one(drug.day_high)} mg/kg/day"
    elif drug.dose_low:
        limit = f"the labelled {one(drug.dose_low)} to {one(drug.dose_high)} mg/kg per dose"
    else:
        limit = f"the labelled maximum of {one(drug.dose_high)} mg/kg per dose"
    verdict = {"above_range": "above", "below_range": "below"}.get(f.kind, "within")
    text = f"{_cap(name)} {one(f.dose.mg_per_kg)} mg/kg {per} is {verdict} {limit}"
    text += f" (and never more than {mg(drug.max_single_mg)} mg per dose)." if not f.dose.per_day else "."
    if f.kind == "too_often":
        text += f" {_cap(_freq(f))} is more often than labelled ({drug.interval})."
    if audience == "patient":
        text = text.replace("mg/kg/day", "mg for each kg a day").replace("mg/kg", "mg for each kg")
    return text


def _weight_text(f: Finding, audience: str) -> str:
    """A dose checked against a stated weight."""
    drug, w, name = f.drug, f.win, short(f.drug)
    if w is None:
        return _per_kg_only_text(f, audience)
    patient = audience == "patient"
    weight = one(w.weight_kg)
    parts: list[str] = [_amount_sentence(f, audience)]
    if f.single_mg is not None:
        where = _position(f.single_mg, w.single_low, w.single_high)
        per_kg = one(f.single_mg / w.weight_kg)
        if patient:
            judgement = {"above": "is too much", "below": "is less than the usual dose",
                         "within": "is within the usual range"}[where]
            parts.append(f"{mg(f.single_mg)} mg of {name} {judgement} for a child who weighs {weight} kg: that is "
                         f"{per_kg} mg for each kg, and the usual dose for {weight} kg is {_single_plain(drug, w)}.")
        else:
            labelled = "" if _single_range(drug, w).startswith("the ") else "the labelled "
            parts.append(f"{_cap(name)} {mg(f.single_mg)} mg for {weight} kg is {per_kg} mg/kg per dose: "
                         f"{where} {labelled}{_single_range(drug, w)}.")
    if f.day_mg is not None:
        where = _position(f.day_mg, w.day_low, w.day_high)
        day_kg = one(f.day_mg / w.weight_kg)
        if patient:
            lead = f"Given {_freq(f)}, that is {mg(f.day_mg)} mg a day," if f.single_mg is not None \
                else f"{mg(f.day_mg)} mg of {name} a day is"
            parts.append(f" {lead} {_day_plain(drug, w, where)}.")
        elif f.single_mg is not None:
            parts.append(f" Given {_freq(f)}, that is {mg(f.day_mg)} mg a day ({day_kg} mg/kg/day): {where} "
                         f"{_day_range(drug, w)}.")
        else:
            parts.append(f" {_cap(name)} {mg(f.day_mg)} mg a day for {weight} kg is {day_kg} mg/kg/day: {where} "
                         f"{_day_range(drug, w)}.")
    if f.kind == "too_often":
        parts.append(f" {_cap(_freq(f))} is more often than labelled ({drug.interval_plain if patient else drug.interval}).")
    if f.kind in ("above_range", "below_range"):
        parts.append(_right_dose(drug, w, audience, f.conc))
    if f.kind == "below_range":
        parts.append(" A smaller dose may not help." if patient else " A dose below the range may not relieve symptoms.")
    parts.append(_alternatives(f, audience))
    text = "".join(parts).strip()
    return text + (CHECK_BOTTLE[audience] if f.conc or (f.dose and f.dose.ml) else "")


def _age_text(f: Finding, audience: str) -> str:
    """A dose checked against the usual weights for the child's age."""
    drug, name = f.drug, short(f.drug)
    assert f.weight_range is not None
    lo, hi = f.weight_range
    age = age_words(f.span)
    patient = audience == "patient"
    amount = f"{mg(f.single_mg)} mg" if f.single_mg is not None else f"{mg(f.day_mg or 0)} mg a day"
    head = _amount_sentence(f, audience)
    usual = (f"Most children aged {age} weigh about {one(lo)} to {one(hi)} kg" if patient else
             f"Children aged {age} usually weigh about {one(lo)} to {one(hi)} kg (growth charts)")
    ask = (" Please weigh your child and ask again with the weight, so the dose can be worked out." if patient
           else " Weigh the child and dose by weight.")
    w = f.win
    if f.kind == "above_range_for_age" and w is not None:
        by_day = f.single_mg is None or f.single_mg <= w.single_high
        most = (f"{mg(w.day_high)} mg a day" if by_day else f"{mg(w.single_high)} mg in one dose")
        value = f.day_mg if by_day else f.single_mg
        per_kg = f"{one((value or 0) / hi)} mg/kg{'/day' if by_day else ''}"
        if patient:
            return (f"{head}{amount} of {name} is too much for a child aged {age}. {usual}, and even a child of "
                    f"{one(hi)} kg should have no more than {most}.{ask}" + _alternatives(f, audience))
        return (f"{head}{_cap(name)} {amount} for a child aged {age} is too much even at the heaviest usual weight: "
                f"{usual[0].lower() + usual[1:]}, and at {one(hi)} kg the most is {most}; {amount} would be at least "
                f"{per_kg}.{ask}" + _alternatives(f, audience))
    if f.kind == "below_range_for_age" and w is not None and w.single_low is not None:
        if patient:
            return (f"{head}{amount} of {name} is less than the usual dose for a child aged {age}. {usual}, and even "
                    f"a child of {one(lo)} kg would usually have at least {mg(w.single_low)} mg.{ask}"
                    + _alternatives(f, audience))
        return (f"{head}{_cap(name)} {amount} for a child aged {age} is below the usual dose even at the lightest "
                f"usual weight: {usual[0].lower() + usual[1:]}, and at {one(lo)} kg the usual minimum is "
                f"{mg(w.single_low)} mg ({one(drug.dose_low or 0)} mg/kg).{ask}" + _alternatives(f, audience))
    if f.kind == "too_often":
        return (f"{head}{_cap(_freq(f))} is more often than labelled for {name} "
                f"({drug.interval_plain if patient else drug.interval}).{ask}")
    # depends on the weight
    fits = _fitting_weights(f)
    if patient:
        fits = fits.replace("mg/kg/day", "mg for each kg a day").replace("mg/kg", "mg for each kg")
        return (f"{head}Whether {amount} of {name} is right depends on your child's weight: it suits a child of "
                f"about {fits}. {usual}.{ask}" + _alternatives(f, audience)
                + (CHECK_BOTTLE[audience] if f.conc else ""))
    return (f"{head}{_cap(name)} {amount} fits a child of about {fits}; {usual[0].lower() + usual[1:]}, so it depends "
            f"on the weight.{ask}" + _alternatives(f, audience) + (CHECK_BOTTLE[audience] if f.conc else ""))


def _fitting_weights(f: Finding) -> str:
    """The weights for which a dose is within range: '10.7 to 16 kg (10 to 15 mg/kg per dose)'."""
    drug = f.drug
    if f.single_mg is not None and drug.dose_low:
        return (f"{one(f.single_mg / drug.dose_high)} to {one(f.single_mg / drug.dose_low)} kg "
                f"({one(drug.dose_low)} to {one(drug.dose_high)} mg/kg per dose)")
    if f.single_mg is not None:
        return f"{one(f.single_mg / drug.dose_high)} kg or more (up to {one(drug.dose_high)} mg/kg per dose)"
    day = f.day_mg or 0
    if drug.day_low:
        return (f"{one(day / drug.day_high)} to {one(day / drug.day_low)} kg "
                f"({one(drug.day_low)} to {one(drug.day_high)} mg/kg/day)")
    return f"{one(day / drug.day_high)} kg or more (up to {one(drug.day_high)} mg/kg/day)"


def _by_weight(drug: PedsDrug, audience: str) -> str:
    if drug.dose_low:
        rng = f"{one(drug.dose_low)} to {one(drug.dose_high)} mg/kg per dose"
    else:
        rng = f"{one(drug.day_low or drug.day_high)} to {one(drug.day_high)} mg/kg/day"
    if audience == "patient":
        return f"The dose of {short(drug)} for a child depends on weight: {rng.replace('mg/kg', 'mg for each kg')}, {drug.interval_plain}."
    return f"{_cap(short(drug))} is dosed by weight in children: {rng}, {drug.interval}."


def _needs_weight_text(f: Finding, audience: str) -> str:
    drug, name = f.drug, short(f.drug)
    patient = audience == "patient"
    text = _amount_sentence(f, audience) + _by_weight(drug, audience)
    if f.weight_range is not None:
        lo, hi = f.weight_range
        age = age_words(f.span)
        text += (f" Children aged {age} weigh anywhere from about {one(lo)} to {one(hi)} kg, so the age alone is not "
                 f"enough to choose a dose." if patient else
                 f" Children aged {age} usually weigh about {one(lo)} to {one(hi)} kg (growth charts): too wide a range "
                 f"to dose by age.")
    if patient:
        example = f"'my child weighs 12 kg, how much {name}?'"
        text += f" Please weigh your child and ask again with the weight (for example {example})."
    else:
        text += " Ask for the child's weight before giving a dose."
    if f.single_mg is not None or f.day_mg is not None:
        text += (f" Never more than {mg(drug.max_single_mg)} mg in one dose or {mg(drug.max_daily_mg)} mg a day, "
                 f"even for a large child." if patient else
                 f" Absolute maximum {mg(drug.max_single_mg)} mg per dose and {mg(drug.max_daily_mg)} mg/day.")
    return text


def _above_max_text(f: Finding, audience: str) -> str:
    drug, name = f.drug, short(f.drug)
    amount = f"{mg(f.single_mg)} mg" if f.single_mg is not None and f.single_mg > drug.max_single_mg \
        else f"{mg(f.day_mg or 0)} mg a day"
    if audience == "patient":
        return (f"{_amount_sentence(f, audience)}{amount} of {name} is more than any child should have: even a large "
                f"child or an adult should not take more than {mg(drug.max_single_mg)} mg in one dose or "
                f"{mg(drug.max_daily_mg)} mg a day. {_by_weight(drug, audience)} Tell us your child's weight to get "
                f"the right dose.")
    return (f"{_amount_sentence(f, audience)}{_cap(name)} {amount} exceeds the absolute maximum for any child "
            f"({mg(drug.max_single_mg)} mg per dose, {mg(drug.max_daily_mg)} mg/day). {_by_weight(drug, audience)}")


def _dose_for_weight_text(f: Finding, audience: str) -> str:
    """The mg/kg dose for a stated weight, capped at the adult maximum, with volumes for each strength."""
    drug, w, name = f.drug, f.win, short(f.drug)
    assert w is not None
    patient = audience == "patient"
    cap = f", capped at the adult maximum of {mg(drug.max_single_mg)} mg" if w.capped_single else ""
    day_cap = f", capped at {mg(drug.max_daily_mg)} mg" if w.capped_day else ""
    weight = one(w.weight_kg)
    if w.single_low is not None and drug.dose_low:
        rng_mg = f"{mg(w.single_low)} to {mg(w.single_high)} mg per dose"
        rng_kg = f"{one(drug.dose_low)} to {one(drug.dose_high)} mg/kg{cap}"
        liquids = [f"{ml_range(w.single_low, w.single_high, c)} of {c.plain if patient else c.label}"
                   for c in drug.concentrations]
        limit = f"no more than {mg(w.day_high)} mg in 24 hours ({one(w.day_high_per_kg)} mg/kg/day{day_cap})"
    else:
        low = w.day_low if w.day_low is not None else w.day_high
        rng_mg = f"{mg(low)} to {mg(w.day_high)} mg a day"
        rng_kg = f"{one(drug.day_low or drug.day_high)} to {one(w.day_high_per_kg)} mg/kg/day{day_cap}"
        liquids = [f"{ml_range(low, w.day_high, c)} a day in total of {c.plain if patient else c.label}"
                   for c in drug.concentrations]
        limit = f"no more than {mg(w.single_high)} mg in one dose ({one(drug.dose_high)} mg/kg{cap})"
    if patient:
        text = (f"For a child who weighs {weight} kg, the {name} dose is {rng_mg} "
                f"({rng_kg.replace('mg/kg/day', 'mg for each kg a day').replace('mg/kg', 'mg for each kg')}), "
                f"{drug.interval_plain}. {_cap(limit.split(' (')[0].replace('no more than', 'do not give more than'))}.")
        if liquids:
            text += f" As a liquid, that is {'; or '.join(liquids)}."
        return text + (CHECK_BOTTLE[audience] if liquids else "")
    text = f"{_cap(name)} for {weight} kg: {rng_mg} ({rng_kg}), {drug.interval}; {limit}."
    if liquids:
        text += f" As liquid: {'; '.join(liquids)}."
    return text + (CHECK_BOTTLE[audience] if liquids else "")


def finding_text(f: Finding, audience: str) -> str:
    """The sentence(s) for one finding, in the audience's words, with the arithmetic."""
    if f.kind == "dose_for_weight":
        return _dose_for_weight_text(f, audience)
    if f.kind == "above_max":
        return _above_max_text(f, audience)
    if f.kind == "needs_weight":
        return _needs_weight_text(f, audience)
    if f.weight_range is not None and f.weight_kg is None:
        return _age_text(f, audience)
    if f.kind == "too_often" and f.win is None and f.dose is not None and f.dose.mg_per_kg is None:
        return (f"{_amount_sentence(f, audience)}{_cap(_freq(f))} is more often than labelled for {short(f.drug)} "
                f"({f.drug.interval_plain if audience == 'patient' else f.drug.interval}).")
    return _weight_text(f, audience)


def limit_text(hit: LimitHit, audience: str) -> str:
    """An age limit, stated conditionally when the child's exact age is not known."""
    base = hit.limit.plain if audience == "patient" else hit.limit.text
    if hit.definite:
        return base
    who = "your child is" if audience == "patient" else "the child is"
    return f"If {who} under {under_words(hit.limit.under_months)}: {base[0].lower() + base[1:]}"
