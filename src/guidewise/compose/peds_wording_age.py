"""Wording for doses judged without a stated weight (by age, or only against the absolute maximum), for doses
computed for a stated weight, and for liquids whose strength is not known."""

from __future__ import annotations

from guidewise.compose.peds_dose import Window, is_adult, window
from guidewise.compose.peds_finding import Finding
from guidewise.compose.peds_format import (
    CHECK_BOTTLE,
    a_child_aged,
    alternatives,
    amount_sentence,
    by_weight,
    children_aged,
    freq,
    infant_note,
    interval,
    mg,
    ml_text,
    one,
    short,
    to,
    too_often_sentence,
    upper_first,
    vol,
)
from guidewise.compose.wording import num
from guidewise.library.peds.schema import PedsDrug

READ_BOTTLE = {"patient": " Read the mg per mL on your bottle, or ask a pharmacist, before you measure a dose.",
               "clinician": " Confirm the concentration (mg per mL) on the product before converting to a volume."}


def age_text(f: Finding, audience: str) -> str:
    """A dose checked against the usual weights for the child's age."""
    drug, name = f.drug, short(f.drug)
    assert f.weight_range is not None
    lo, hi = f.weight_range
    who = children_aged(f.span)
    patient = audience == "patient"
    amount = f"{mg(f.single_mg)} mg" if f.single_mg is not None else f"{mg(f.day_mg or 0)} mg a day"
    head = amount_sentence(f, audience)
    usual = (f"Most {who} weigh about {one(lo)} to {one(hi)} kg" if patient else
             f"{upper_first(who)} usually weigh about {one(lo)} to {one(hi)} kg (growth charts)")
    ask = (" Please weigh your child and ask again with the weight, so the dose can be worked out." if patient
           else " Weigh the child and dose by weight.")
    if f.ingested:
        ask = ""
    often = too_often_sentence(f, audience)
    w = f.win
    if f.kind == "above_range_for_age" and w is not None:
        by_day = f.single_mg is None or f.single_mg <= w.single_high
        most = (f"{mg(w.day_high)} mg a day" if by_day else f"{mg(w.single_high)} mg in one dose")
        value = f.day_mg if by_day else f.single_mg
        per_kg = f"{one((value or 0) / hi)} mg/kg{'/day' if by_day else ''}"
        if patient:
            return (f"{head}{amount} of {name} is too much for {a_child_aged(f.span)}. {usual}, "
                    f"and even a child of {one(hi)} kg should have no more than {most}.{often}{ask}"
                    + alternatives(f, audience))
        return (f"{head}{upper_first(name)} {amount} for {who} is too much even at the heaviest usual weight: "
                f"{usual[0].lower() + usual[1:]}, and at {one(hi)} kg the most is {most}; {amount} would be at least "
                f"{per_kg}.{often}{ask}" + alternatives(f, audience))
    if f.kind == "below_range_for_age" and w is not None and w.single_low is not None:
        if patient:
            return (f"{head}{amount} of {name} is less than the usual dose for {a_child_aged(f.span)}. {usual}, and even "
                    f"a child of {one(lo)} kg would usually have at least {mg(w.single_low)} mg.{often}{ask}"
                    + alternatives(f, audience))
        return (f"{head}{upper_first(name)} {amount} for {who} is below the usual dose even at the lightest "
                f"usual weight: {usual[0].lower() + usual[1:]}, and at {one(lo)} kg the usual minimum is "
                f"{mg(w.single_low)} mg ({one(drug.dose_low or 0)} mg/kg).{often}{ask}" + alternatives(f, audience))
    if f.kind == "too_often":
        return (f"{head}{upper_first(freq(f))} is more often than labelled for {name} "
                f"({interval(drug, f.win, audience)}).{ask}")
    # depends on the weight
    fits = _fitting_weights(f)
    if patient:
        fits = fits.replace("mg/kg/day", "mg for each kg a day").replace("mg/kg", "mg for each kg")
        return (f"{head}Whether {amount} of {name} is right depends on your child's weight: it suits a child of "
                f"about {fits}. {usual}.{ask}" + alternatives(f, audience)
                + (CHECK_BOTTLE[audience] if f.conc else ""))
    return (f"{head}{upper_first(name)} {amount} fits a child of about {fits}; {usual[0].lower() + usual[1:]}, so it depends "
            f"on the weight.{ask}" + alternatives(f, audience) + (CHECK_BOTTLE[audience] if f.conc else ""))


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


def needs_weight_text(f: Finding, audience: str) -> str:
    drug, name = f.drug, short(f.drug)
    patient = audience == "patient"
    text = amount_sentence(f, audience) + by_weight(drug, audience)
    if f.weight_range is not None:
        lo, hi = f.weight_range
        who = children_aged(f.span)
        text += (f" {upper_first(who)} weigh anywhere from about {one(lo)} to {one(hi)} kg, so the age alone is not "
                 f"enough to choose a dose." if patient else
                 f" {upper_first(who)} usually weigh about {one(lo)} to {one(hi)} kg (growth charts): too wide a range "
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
    return text + too_often_sentence(f, audience)


def above_max_text(f: Finding, audience: str) -> str:
    """A dose above the absolute (adult) maximum, when no weight is known."""
    drug, name = f.drug, short(f.drug)
    single_cap = f.win.single_high if f.win is not None else drug.max_single_mg
    day_cap = f.win.day_high if f.win is not None else drug.max_daily_mg
    amount = f"{mg(f.single_mg)} mg" if f.single_mg is not None and "dose" in f.exceeded \
        else f"{mg(f.day_mg or 0)} mg a day"
    how = f" given {freq(f)}" if f.dose and f.dose.doses_per_day and "dose" not in f.exceeded and f.single_mg else ""
    adult_age = f.span is not None and is_adult(drug, None, f.span[0])
    often = too_often_sentence(f, audience)
    if audience == "patient":
        tail = "" if adult_age else f" {by_weight(drug, audience)} Tell us your child's weight to get the right dose."
        return (f"{amount_sentence(f, audience)}{amount} of {name}{how} is more than any child should have: even a "
                f"large child or an adult should not take more than {mg(single_cap)} mg in one dose or "
                f"{mg(day_cap)} mg a day.{often}{tail}")
    tail = " These adult limits apply at this age." if adult_age else f" {by_weight(drug, audience)}"
    return (f"{amount_sentence(f, audience)}{upper_first(name)} {amount}{how} exceeds the absolute maximum for any "
            f"child ({mg(single_cap)} mg per dose, {mg(day_cap)} mg/day).{often}{tail}")


def products(word: str, audience: str = "patient", drops: bool = True) -> str:
    """'Infant drops' for the word 'drops' (never 'Drops liquids and drops'); 'Calpol liquids and drops';
    'Augmentin liquids' (a prescription suspension: `drops` false)."""
    if word.lower() in ("drops", "drop"):
        return "infant and children's drops"
    return f"{word} liquids and drops" if audience == "patient" and drops else f"{word} liquids"


def unknown_strength_text(f: Finding, audience: str) -> str:
    """A volume of a product whose strength varies (non-US brands, 'drops'): no strength is assumed; the dose in
    mg for the weight, when known."""
    drug, name = f.drug, short(f.drug)
    assert f.dose is not None and f.dose.ml is not None
    word = upper_first(f.unknown_word or "this product")
    volume = f"{vol(f.dose.ml)} mL"
    if audience == "patient":
        text = (f"We cannot tell how much {name} is in {volume}: {products(word, drops=not drug.prescribed)} come in different "
                f"strengths in different countries and over the years, so the same mL can hold very different "
                f"amounts.{READ_BOTTLE[audience]}")
    else:
        forms = "" if drug.prescribed else " (drops and suspensions differ)"
        text = (f"The strength of {products(word, 'clinician')} varies by country and formulation{forms}, so "
                f"{volume} cannot be converted to mg without it.{READ_BOTTLE[audience]}")
    if f.win is not None:
        text += " " + _mg_for_weight(drug, f.win, audience)
    elif f.weight_range is not None:
        text += " " + by_weight(drug, audience)
    return text + (" Tell us the strength and the weight to check the dose." if audience == "patient" else "")


def _mg_for_weight(drug: PedsDrug, w: Window, audience: str) -> str:
    """The dose in mg for a weight, in one sentence (no volume)."""
    how = interval(drug, w, audience)
    if w.adult:
        return f"From {num(drug.adult_from.kg or 0)} kg the adult dose applies: up to {mg(w.single_high)} mg in one dose, {how}."
    if w.single_low is not None:
        return (f"For {one(w.weight_kg)} kg the dose is {mg(w.single_low)} to {mg(w.single_high)} mg, {how}; "
                f"no more than {mg(w.day_high)} mg in 24 hours.")
    return f"For {one(w.weight_kg)} kg the most is {mg(w.day_high)} mg a day, {how}."


def dose_for_weight_text(f: Finding, audience: str) -> str:
    """The dose for a stated weight (mg/kg, capped; the adult dose from the adult weight), with volumes in the
    strengths that suit the child, or mg only when the product's strength varies."""
    drug, w = f.drug, f.win
    assert w is not None
    if w.adult:
        return _adult_weight_text(f, w, audience)
    if drug.dose_low is None:
        return _daily_dose_text(f, w, audience)
    patient = audience == "patient"
    name = short(drug)
    cap = f", capped at the adult maximum of {mg(drug.max_single_mg)} mg" if w.capped_single else ""
    day_cap = f", capped at {mg(drug.max_daily_mg)} mg" if w.capped_day else ""
    weight = one(w.weight_kg)
    assert w.single_low is not None
    rng_mg = f"{mg(w.single_low)} to {mg(w.single_high)} mg per dose"
    rng_kg = f"{one(drug.dose_low)} to {one(w.dose_high_per_kg)} mg/kg{cap}"
    liquids = [ml_text(w.single_low, w.single_high, c, audience) for c in f.liquids]
    limit = f"no more than {mg(w.day_high)} mg in 24 hours ({one(w.day_high_per_kg)} mg/kg/day{day_cap})"
    how = interval(drug, w, audience)
    if patient:
        text = (f"For a child who weighs {weight} kg, the {name} dose is {rng_mg} "
                f"({rng_kg.replace('mg/kg', 'mg for each kg')}), {how}. "
                f"{upper_first(limit.split(' (')[0].replace('no more than', 'do not give more than'))}.")
        if liquids:
            text += f" As a liquid, that is {'; or '.join(liquids)}."
    else:
        text = f"{upper_first(name)} for {weight} kg: {rng_mg} ({rng_kg}), {how}; {limit}."
        if liquids:
            text += f" As liquid: {'; '.join(liquids)}."
    if f.unknown_word:
        return text + _unknown_note(f, audience)
    return text + (CHECK_BOTTLE[audience] if liquids else "")


def _unknown_note(f: Finding, audience: str) -> str:
    word = upper_first(f.unknown_word or "")
    if audience == "patient":
        return (f" {upper_first(products(word, drops=not f.drug.prescribed))} come in different strengths, so we have "
                f"not turned this into mL."
                f"{READ_BOTTLE[audience]}")
    return f" {upper_first(products(word, 'clinician'))} come in several strengths: no volume is given.{READ_BOTTLE[audience]}"


def _adult_weight_text(f: Finding, w: Window, audience: str) -> str:
    """A child at or above the adult weight: the adult label dose."""
    drug, name = f.drug, short(f.drug)
    frm = f"{num(drug.adult_from.kg or 0)} kg or more"
    how = interval(drug, w, audience)
    if audience == "patient":
        return (f"A child who weighs {one(w.weight_kg)} kg ({frm}) takes the adult dose of {name}: up to "
                f"{mg(w.single_high)} mg in one dose, {how}; no more than {mg(w.day_high)} mg a day, the most the "
                f"adult label allows. Check the label.")
    return (f"{upper_first(name)} at {one(w.weight_kg)} kg ({frm}): adult dosing, up to {mg(w.single_high)} mg per dose, "
            f"{how}; maximum {mg(w.day_high)} mg/day (adult labelled maximum).")


def _daily_dose_text(f: Finding, w: Window, audience: str) -> str:
    """A drug dosed as a daily total (amoxicillin): the infection's dose when one is named, the young-infant
    maximum under 3 months, else the usual range; per-dose volumes only when the number of doses is fixed."""
    drug, name = f.drug, short(f.drug)
    patient = audience == "patient"
    weight = one(w.weight_kg)
    how = interval(drug, w, audience)
    per_dose: int | None = None
    if w.infant is not None:
        lo_kg, hi_kg = None, w.day_high_per_kg
        per_dose = w.infant.max_doses_per_day
        lead = (f"For a baby under {num(w.infant.under_months)} months who weighs {weight} kg, the most is"
                if patient else f"{upper_first(name)} under {num(w.infant.under_months)} months, {weight} kg: at most")
    elif w.indication is not None:
        lo_kg, hi_kg = w.day_low_per_kg, w.day_high_per_kg
        per_dose = w.indication.doses_per_day
        what = w.indication.plain if patient else w.indication.name
        lead = (f"For a child who weighs {weight} kg with {what}, the usual {name} dose is" if patient else
                f"{upper_first(name)} for {what}, {weight} kg:")
    else:
        lo_kg, hi_kg = drug.usual_day_low or drug.day_low, min(drug.usual_day_high or w.day_high_per_kg,
                                                               w.day_high_per_kg)
        lead = (f"For a child who weighs {weight} kg, the usual {name} dose is" if patient else
                f"{upper_first(name)} for {weight} kg: usually")
    hi = min((hi_kg or 0) * w.weight_kg, w.day_high)
    lo = min(lo_kg * w.weight_kg, hi) if lo_kg else None
    rng = f"{to(lo, hi)} mg a day" if lo is not None else f"{mg(hi)} mg a day"
    kg_rng = (to(lo_kg, hi_kg or 0, "one") if lo_kg else f"{one(hi_kg or 0)}") + " mg/kg/day"
    if patient:
        kg_rng = kg_rng.replace("mg/kg/day", "mg for each kg a day")
    text = f"{lead} {rng} ({kg_rng}), {how}"
    volumes = False
    if per_dose:
        d_lo, d_hi = (lo / per_dose if lo is not None else None), min(hi / per_dose, w.single_high)
        each = f"{to(d_lo, d_hi)} mg" if d_lo is not None else f"no more than {mg(d_hi)} mg"
        text += f": {each} in each dose" if patient else f": {each} per dose"
        if d_lo is not None and f.liquids and not f.unknown_word:
            vols = [ml_text(d_lo, d_hi, c, audience) for c in f.liquids]
            text += f", which is {'; or '.join(vols)} in each dose" if patient else f" ({'; '.join(vols)})"
            volumes = True
    text += "."
    if w.indication is None and w.infant is None:
        higher = [i for i in drug.indications if drug.usual_day_high and i.day_high > drug.usual_day_high]
        if higher:
            ind = higher[0]
            text += (f" For some infections, such as {ind.plain}, doctors prescribe more ({one(ind.day_low)} to "
                     f"{one(ind.day_high)} mg for each kg a day)." if patient else
                     f" Higher doses are used for some infections (for example {ind.name}: {one(ind.day_low)} to "
                     f"{one(ind.day_high)} mg/kg/day {ind.interval}).")
    cap = "" if per_dose else (f" Do not give more than {mg(w.single_high)} mg in one dose." if patient
                               else f" Maximum {mg(w.single_high)} mg per dose.")
    cap += infant_note(f, audience)
    text += cap + (" Follow the prescription label: the prescriber chooses the dose for the infection." if patient
                   else " Follow the prescription.")
    if f.unknown_word:
        text += _unknown_note(f, audience)
    return text + (CHECK_BOTTLE[audience] if volumes else "")


def _light_teen_text(f: Finding, audience: str, since: str) -> str:
    """A label dose from 12 years for a teen lighter than the adult weight: one dose is within the label; the dose
    and the daily most by weight."""
    drug, name = f.drug, short(f.drug)
    assert f.weight_kg is not None and f.single_mg is not None
    w = window(drug, f.weight_kg, f.span[0] if f.span else None)
    rng = to(w.single_low, w.single_high) if w.single_low is not None else mg(w.single_high)
    weight, under = one(f.weight_kg), num(drug.adult_from.kg or 0)
    if audience == "patient":
        return (f"{amount_sentence(f, audience)}{mg(f.single_mg)} mg of {name} is within the label's dose from age "
                f"{since}. By weight ({weight} kg), the usual dose is {rng} mg: a teen under {under} kg may need less, "
                f"so ask a pharmacist. Whatever the dose, give no more than {mg(w.day_high)} mg in 24 hours "
                f"({one(w.day_high_per_kg)} mg for each kg), {drug.interval_plain}.")
    return (f"{amount_sentence(f, audience)}{upper_first(name)} {mg(f.single_mg)} mg is within the adult label dose, "
            f"which applies from {since}; by weight ({weight} kg, under {under} kg) {rng} mg per dose. Daily maximum "
            f"by weight: {mg(w.day_high)} mg ({one(w.day_high_per_kg)} mg/kg/day), {drug.interval}.")


def adult_label_text(f: Finding, audience: str) -> str:
    """A teenager old enough for the adult label: the adult dose, or how a proposed dose compares with it."""
    drug, name = f.drug, short(f.drug)
    frm = drug.adult_from
    since = f"{num(frm.years or 0)} years"
    limits = (f"up to {mg(drug.max_single_mg)} mg per dose, {drug.interval}; no more than {mg(drug.max_daily_mg)} mg/day "
              f"(adult labelled maximum)")
    if audience == "patient":
        limits = (f"up to {mg(drug.max_single_mg)} mg in one dose, {drug.interval_plain}; no more than "
                  f"{mg(drug.max_daily_mg)} mg a day, the most the adult label allows")
    light = (f" For a light teen (under {num(frm.kg)} kg), the dose by weight is lower: tell us the weight."
             if frm.kg is not None and audience == "patient" else
             f" Below {num(frm.kg)} kg, dose by weight." if frm.kg is not None else "")
    if f.weight_kg is not None and frm.kg is not None and f.weight_kg < frm.kg and f.kind == "within_max":
        return _light_teen_text(f, audience, since)
    if f.kind == "within_max":
        amount = f"{mg(f.single_mg)} mg" if f.single_mg is not None else f"{mg(f.day_mg or 0)} mg a day"
        if audience == "patient":
            return (f"{amount_sentence(f, audience)}{amount} of {name} is within the usual dose from age {since}: "
                    f"{limits}.{light}")
        return (f"{amount_sentence(f, audience)}{upper_first(name)} {amount} is within the adult label dose, which "
                f"applies from {since}: {limits}.{light}")
    if audience == "patient":
        return f"From age {since}, the usual adult dose of {name} applies: {limits}. Check the label.{light}"
    return f"From {since}, the adult label dose of {name} applies: {limits}.{light}"
