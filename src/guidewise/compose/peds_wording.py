"""Plain sentences, with the arithmetic, for paediatric dose findings and age limits, per audience."""

from __future__ import annotations

from guidewise.compose.peds_dose import Window, is_adult, per_kg_window, rule_age
from guidewise.compose.peds_finding import ABOVE_KINDS, Finding
from guidewise.compose.peds_format import (
    CHECK_BOTTLE,
    alternatives,
    amount_sentence,
    correction,
    freq,
    infant_note,
    interval,
    mg,
    one,
    short,
    to,
    too_often_sentence,
    under_words,
    upper_first,
)
from guidewise.compose.peds_redose import often_text
from guidewise.compose.peds_wording_age import (
    above_max_text,
    adult_label_text,
    age_text,
    dose_for_weight_text,
    needs_weight_text,
    unknown_strength_text,
)
from guidewise.compose.peds_wording_measure import dropper_text
from guidewise.compose.peds_wording_poison import ingested_text
from guidewise.compose.wording import num
from guidewise.library.peds.schema import PedsDrug


def _single_range(drug: PedsDrug, w: Window) -> str:
    """'10 to 15 mg/kg (120 to 180 mg for 12 kg)' or the cap that applies."""
    if w.adult:
        return f"the maximum single dose of {mg(w.single_high)} mg that applies from {_adult_from(drug)}"
    cap = f", capped at the adult maximum of {mg(drug.max_single_mg)} mg" if w.capped_single else ""
    if w.single_low is None or drug.dose_low is None:
        return (f"the maximum of {one(w.dose_high_per_kg)} mg/kg per dose ({mg(w.single_high)} mg for "
                f"{one(w.weight_kg)} kg{cap})")
    return (f"{one(drug.dose_low)} to {one(w.dose_high_per_kg)} mg/kg per dose ({mg(w.single_low)} to "
            f"{mg(w.single_high)} mg for {one(w.weight_kg)} kg{cap})")


def _day_range(drug: PedsDrug, w: Window) -> str:
    if w.adult:
        return f"the maximum of {mg(w.day_high)} mg a day that applies from {_adult_from(drug)}"
    cap = f", capped at {mg(w.day_high)} mg" if w.capped_day else ""
    if w.day_low is not None and w.day_low_per_kg is not None:
        which = ("the range of" if w.indication is None and w.infant is None and drug.usual_day_high is not None
                 else "the usual")
        return (f"{which} {one(min(w.day_low_per_kg, w.day_high_per_kg))} to {one(w.day_high_per_kg)} mg/kg/day "
                f"({mg(w.day_low)} to {mg(w.day_high)} mg a day{cap}; the dose depends on the infection)"
                if which == "the range of" else
                f"{which} {one(min(w.day_low_per_kg, w.day_high_per_kg))} to {one(w.day_high_per_kg)} mg/kg/day "
                f"({mg(w.day_low)} to {mg(w.day_high)} mg a day{cap})")
    return f"the maximum of {one(w.day_high_per_kg)} mg/kg/day ({mg(w.day_high)} mg a day for {one(w.weight_kg)} kg{cap})"


def _position(value: float, low: float | None, high: float) -> str:
    return "above" if value > high * (1 + 1e-9) else "below" if low is not None and value < low * (1 - 1e-9) else "within"


def _single_plain(drug: PedsDrug, w: Window) -> str:
    """The per-dose range for a weight in plain words."""
    if w.adult:
        return f"no more than {mg(w.single_high)} mg in one dose"
    cap = f"; never more than {mg(w.single_high)} mg" if w.capped_single else ""
    if w.single_low is None or drug.dose_low is None:
        return f"up to {mg(w.single_high)} mg in one dose ({one(w.dose_high_per_kg)} mg for each kg{cap})"
    return (f"{mg(w.single_low)} to {mg(w.single_high)} mg in one dose ({one(drug.dose_low)} to "
            f"{one(w.dose_high_per_kg)} mg for each kg{cap})")


def _day_plain(drug: PedsDrug, w: Window, where: str) -> str:
    """How a daily total compares with the daily range for a weight, in plain words."""
    weight = one(w.weight_kg)
    if where == "above":
        return f"more than the most a child of {weight} kg should have in a day ({mg(w.day_high)} mg)"
    if w.day_low is not None and not w.adult:
        usual = f"the usual {to(w.day_low, w.day_high)} mg a day for a child of {weight} kg"
        if w.indication is None and w.infant is None and drug.usual_day_high is not None:
            usual = (f"the {mg(w.day_low)} to {mg(w.day_high)} mg a day used for a child of {weight} kg (where in "
                     f"that range depends on the infection: follow the prescription label)")
        return f"less than {usual}" if where == "below" else f"within {usual}"
    return f"within the limit of {mg(w.day_high)} mg a day for a child of {weight} kg"


def _adult_from(drug: PedsDrug) -> str:
    frm = drug.adult_from
    if frm.kg is not None:
        return f"{num(frm.kg)} kg"
    return f"{num(frm.years or 0)} years"


def _for_what(w: Window, audience: str) -> str:
    """' for an ear infection' / ' under 3 months': why this window differs from the usual one."""
    if w.infant is not None:
        return f" under {num(w.infant.under_months)} months"
    if w.indication is not None:
        return f" for {w.indication.plain if audience == 'patient' else w.indication.name}"
    return ""


def _per_kg_only_text(f: Finding, audience: str) -> str:
    """A dose stated in mg/kg, judged without a weight: each limit named, with how often."""
    drug, name = f.drug, short(f.drug)
    assert f.dose is not None and f.dose.mg_per_kg is not None
    x = f.dose.mg_per_kg
    young = per_kg_window(drug, rule_age(drug, f.ages))
    if young.infant is not None:  # the young-infant limits, not the labelled range for older children
        text = _infant_per_kg_text(f, young, audience)
    elif f.dose.per_day:
        where = _position(x, drug.day_low, drug.day_high)
        text = (f"{upper_first(name)} {one(x)} mg/kg a day is {where} the labelled "
                + (f"{one(drug.day_low)} to {one(drug.day_high)} mg/kg/day." if drug.day_low else
                   f"maximum of {one(drug.day_high)} mg/kg/day."))
    else:
        where = _position(x, drug.dose_low, drug.dose_high)
        limit = (f"{one(drug.dose_low)} to {one(drug.dose_high)} mg/kg per dose" if drug.dose_low else
                 f"maximum of {one(drug.dose_high)} mg/kg per dose")
        text = (f"{upper_first(name)} {one(x)} mg/kg per dose is {where} the labelled {limit} (and never more than "
                f"{mg(drug.max_single_mg)} mg per dose).")
        if f.doses_per_day:
            day = x * f.doses_per_day
            day_where = "more than" if "daily_total" in f.exceeded else "within"
            text += (f" Given {freq(f)}, that is {one(day)} mg/kg a day, {day_where} the labelled maximum of "
                     f"{one(drug.day_high)} mg/kg/day.")
    text += too_often_sentence(f, audience)
    if f.kind in ("above_range", "below_range", "too_often") and young.infant is None:
        text += (f" The labelled dose is {one(drug.dose_low)} to {one(drug.dose_high)} mg/kg, "
                 f"{interval(drug, None, audience)}." if drug.dose_low else
                 f" The labelled dose is up to {one(drug.day_high)} mg/kg/day, {interval(drug, None, audience)}.")
    if audience == "patient":
        text = text.replace("mg/kg/day", "mg for each kg a day").replace("mg/kg", "mg for each kg")
    return text


def _infant_per_kg_text(f: Finding, w: Window, audience: str) -> str:
    """An mg/kg dose for a baby young enough for the young-infant limits (amoxicillin under 3 months: at most
    30 mg/kg/day, divided every 12 hours)."""
    assert f.dose is not None and f.dose.mg_per_kg is not None and w.infant is not None
    x, name, under = f.dose.mg_per_kg, short(f.drug), f"{num(w.infant.under_months)} months"
    how = interval(f.drug, w, audience)
    single = None if f.dose.per_day else x
    day = x if f.dose.per_day else (x * f.doses_per_day if f.doses_per_day else None)
    parts = []
    if single is not None:
        where = "above" if single > w.dose_high_per_kg * (1 + 1e-9) else "within"
        parts.append(f"{one(single)} mg/kg per dose is {where} the most of {one(w.dose_high_per_kg)} mg/kg per dose")
    if day is not None:
        where = "above" if day > w.day_high_per_kg * (1 + 1e-9) else "within"
        parts.append(f"{one(day)} mg/kg a day is {where} the most of {one(w.day_high_per_kg)} mg/kg/day")
    return f"{upper_first(name)} under {under}: {'; '.join(parts)}, {how}."


def _per_dose_split(f: Finding, w: Window, audience: str) -> str:
    """A daily amount split into the doses its infection or age fixes: ' Split into 2 doses a day, that is 630 mg
    in each dose.' ('' when the number of doses is not fixed, or a dose was given)."""
    n = w.indication.doses_per_day if w.indication else w.infant.max_doses_per_day if w.infant else None
    if f.single_mg is not None or f.day_mg is None or not n or n == 1 or f.kind in ABOVE_KINDS:
        return ""
    each = mg(f.day_mg / n)
    return (f" Split into {n} doses a day, that is {each} mg in each dose." if audience == "patient" else
            f" Divided into {n} doses: {each} mg per dose.")


def _weight_text(f: Finding, audience: str) -> str:
    """A dose checked against a stated weight."""
    drug, w, name = f.drug, f.win, short(f.drug)
    if w is None:
        return _per_kg_only_text(f, audience)
    patient = audience == "patient"
    weight = one(w.weight_kg)
    why = _for_what(w, audience)
    if f.infant_win is not None and f.infant_win.infant is not None:
        older = f"{num(f.infant_win.infant.under_months)} months or older"
        why += f" and is {older}" if patient else f" aged {older}"
    parts: list[str] = [amount_sentence(f, audience)]
    if f.single_mg is not None:
        where = _position(f.single_mg, w.single_low, w.single_high)
        per_kg = one(f.single_mg / w.weight_kg)
        over = where == "above"
        if patient and f.blocked:  # no home dose at this age: no usual dose is named either, but too much is said
            parts.append(f"{mg(f.single_mg)} mg of {name} would be {per_kg} mg for each kg for a baby who weighs "
                         f"{weight} kg." + (f" That is too much: more than the most for one dose "
                                            f"({one(w.dose_high_per_kg)} mg for each kg)." if over else ""))
        elif patient:
            judgement = {"above": "is too much", "below": "is less than the usual dose",
                         "within": "is within the usual range"}[where]
            parts.append(f"{mg(f.single_mg)} mg of {name} {judgement} for a child who weighs {weight} kg{why}: that "
                         f"is {per_kg} mg for each kg, and the usual dose for {weight} kg is {_single_plain(drug, w)}.")
        elif f.blocked:
            parts.append(f"{upper_first(name)} {mg(f.single_mg)} mg for {weight} kg is {per_kg} mg/kg per dose"
                         + (f": above the maximum of {one(w.dose_high_per_kg)} mg/kg per dose." if over else "."))
        else:
            labelled = "" if _single_range(drug, w).startswith("the ") else "the labelled "
            parts.append(f"{upper_first(name)} {mg(f.single_mg)} mg for {weight} kg{why} is {per_kg} mg/kg per dose: "
                         f"{where} {labelled}{_single_range(drug, w)}.")
    if f.day_mg is not None:
        where = _position(f.day_mg, w.day_low, w.day_high)
        day_kg = one(f.day_mg / w.weight_kg)
        if patient:
            lead = f"Given {freq(f)}, that is {mg(f.day_mg)} mg a day," if f.single_mg is not None \
                else f"{mg(f.day_mg)} mg of {name} a day{why} is"
            parts.append(f" {lead} {_day_plain(drug, w, where)}.")
        elif f.single_mg is not None:
            parts.append(f" Given {freq(f)}, that is {mg(f.day_mg)} mg a day ({day_kg} mg/kg/day): {where} "
                         f"{_day_range(drug, w)}.")
        else:
            parts.append(f" {upper_first(name)} {mg(f.day_mg)} mg a day for {weight} kg{why} is {day_kg} mg/kg/day: "
                         f"{where} {_day_range(drug, w)}.")
        parts.append(_per_dose_split(f, w, audience))
    parts.append(too_often_sentence(f, audience))
    if f.kind in ("above_range", "below_range", "too_often") and not f.blocked and not f.ingested \
            and not (drug.prescribed and f.kind == "above_range"):  # a prescription is checked, not changed
        parts.append(correction(drug, w, audience, f.liquids))
    if f.kind == "below_range":
        parts.append(" A smaller dose may not help." if patient else " A dose below the range may not relieve symptoms.")
    parts.append(infant_note(f, audience))
    parts.append(alternatives(f, audience))
    text = " ".join("".join(parts).split())
    liquid = f.conc or (f.dose and f.dose.ml) or " mL of " in text
    return text + (CHECK_BOTTLE[audience] if liquid else "")


def finding_text(f: Finding, audience: str) -> str:
    """The sentence(s) for one finding, in the audience's words, with the arithmetic; a dose that holds only if
    the baby is old enough for home treatment is said to. An amount taken by accident gets no dosing rule."""
    if f.ingested:
        return ingested_text(f, audience)
    text = _finding_text(f, audience)
    if f.drug.prescribed and f.kind in ABOVE_KINDS and not f.ingested:
        text = text.replace(CHECK_BOTTLE[audience], "") + PRESCRIBER_CHECK[audience]
    if f.from_months is not None and f.kind in ("dose_for_weight", "within_range", "below_range", "above_range",
                                                "too_often"):
        age = under_words(f.from_months)
        lead = f"Only if your baby is {age} or older: " if audience == "patient" else f"Only from {age} of age: "
        return lead + text[0].lower() + text[1:] if text[:2] != "A " else lead + text
    return text


PRESCRIBER_CHECK = {
    "patient": (" This is far more than a prescription would usually give for a child this size. Check with the "
                "prescriber or a pharmacist before the next dose, and check that the strength on the bottle matches the "
                "prescription; do not change the dose on your own until you have checked."),
    "clinician": (" Above the maximum for a prescribed dose: confirm with the prescriber or pharmacist before the "
                  "next dose (possible prescribing, dispensing or measuring error; check the product strength)."),
}


def prescription_dose(f: Finding) -> bool:
    """A single dose above the over-the-counter limit but within the prescription one, for a teenager old or heavy
    enough for the adult label (ibuprofen 800 mg at 15)."""
    drug, cap = f.drug, f.drug.prescription_max_single_mg
    if cap is None or f.single_mg is None or not drug.max_single_mg < f.single_mg <= cap:
        return False
    if f.day_mg is not None and f.day_mg > drug.max_daily_mg * cap / drug.max_single_mg:
        return False
    adult = (f.win is not None and f.win.adult) or (
        f.weight_kg is None and f.span is not None and is_adult(drug, None, f.span[0]))
    return adult


def prescription_text(f: Finding, audience: str) -> str:
    """400 mg is the over-the-counter limit; up to 800 mg only on a prescriber's advice."""
    drug, name = f.drug, short(f.drug)
    otc, cap = mg(drug.max_single_mg), mg(drug.prescription_max_single_mg or 0)
    if audience == "patient":
        text = (f"{mg(f.single_mg or 0)} mg of {name} is more than the label for medicine bought without a prescription "
                f"allows, which is {otc} mg in one dose and {mg(drug.max_daily_mg)} mg a day "
                f"({interval(drug, None, audience)}). Higher doses, up to {cap} mg, are prescription doses: give them "
                f"only if a doctor or other prescriber has advised it for your teen. If not, keep to {otc} mg.")
    else:
        text = (f"{upper_first(name)} {mg(f.single_mg or 0)} mg is above the over-the-counter single-dose limit of {otc} mg "
                f"({mg(drug.max_daily_mg)} mg/day); doses up to {cap} mg are prescription-only and should be used only on "
                f"a prescriber's advice.")
    return text + too_often_sentence(f, audience)


def differs_text(f: Finding, audience: str) -> str:
    """A prescribed dose inside the absolute limits that differs from the usual one for the infection: refer it to
    the prescriber; never 'too much' or 'too little'."""
    drug, w, name = f.drug, f.win, short(f.drug)
    patient = audience == "patient"
    parts = [amount_sentence(f, audience)]
    weight = f.weight_kg
    amount = (f"{mg(f.single_mg)} mg, {freq(f)}" if f.single_mg is not None and f.dose and f.doses_per_day
              else f"{mg(f.single_mg)} mg" if f.single_mg is not None else f"{mg(f.day_mg or 0)} mg a day")
    per_day = ""
    if f.day_mg is not None and weight:
        unit = "mg for each kg a day" if patient else "mg/kg/day"
        per_day = f" ({mg(f.day_mg)} mg a day, {one(f.day_mg / weight)} {unit})"
    what = (w.indication.plain if patient else w.indication.name) if w is not None and w.indication else None
    usual = ""
    if w is not None and w.day_low_per_kg is not None and not w.adult:
        lo_kg, hi_kg = w.day_low_per_kg, w.day_high_per_kg
        more = ""
        if w.indication is None and w.infant is None and drug.usual_day_low and drug.usual_day_high:
            lo_kg, hi_kg = drug.usual_day_low, drug.usual_day_high  # the label's usual range, not the widest
            more = (f"; doctors prescribe up to {one(drug.day_high)} "
                    f"{'mg for each kg a day' if patient else 'mg/kg/day'} for some infections, such as ear infections")
        unit = "mg for each kg a day" if patient else "mg/kg/day"
        lo_mg, hi_mg = lo_kg * w.weight_kg, min(hi_kg * w.weight_kg, w.day_high)
        usual = (f" The usual dose{' for ' + what if what else ''} is {to(lo_kg, hi_kg, 'one')} {unit}"
                 f" ({to(lo_mg, hi_mg)} mg a day for {one(w.weight_kg)} kg), {interval(drug, w, audience)}{more}.")
    lead = f"{upper_first(name)} {amount}{per_day}"
    tail = ("This differs from the usual dose for this infection; check with the prescriber or pharmacist before "
            "changing it." if what else "This differs from the usual dose; check with the prescriber or pharmacist "
            "before changing it.")
    parts.append(f"{lead} is not the usual dose.{usual} {tail}")
    if patient:
        parts.append(" Do not change a prescribed dose on your own.")
    text = "".join(parts).strip()
    return text + (CHECK_BOTTLE[audience] if f.conc else "")


def _finding_text(f: Finding, audience: str) -> str:
    if f.kind == "unknown_amount":
        return dropper_text(f, audience)
    if f.kind == "dose_for_weight":
        return dose_for_weight_text(f, audience)
    if f.kind == "differs_from_usual":
        return differs_text(f, audience)
    if f.kind in ("above_max", "above_range") and prescription_dose(f):
        return prescription_text(f, audience)
    if f.kind == "unknown_strength":
        return unknown_strength_text(f, audience)
    if f.kind in ("within_max", "adult_dose"):
        return adult_label_text(f, audience)
    if f.kind == "above_max":
        return above_max_text(f, audience)
    if f.kind == "needs_weight":
        return needs_weight_text(f, audience)
    if f.weight_range is not None and f.weight_kg is None:
        return age_text(f, audience)
    if f.kind == "too_often" and f.dose is not None and f.single_mg is None and f.day_mg is None \
            and f.dose.mg_per_kg is None and f.dose.ml is None:
        return often_text(f, audience)
    if f.kind == "too_often" and f.weight_kg is None and f.dose is not None and f.dose.mg_per_kg is None:
        return (f"{amount_sentence(f, audience)}{upper_first(freq(f))} is more often than labelled for {short(f.drug)} "
                f"({interval(f.drug, f.win, audience)}).")
    return _weight_text(f, audience)
