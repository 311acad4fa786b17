"""Wording for doses judged without a stated weight (by age, or only against the absolute maximum), and for
doses computed for a stated weight."""

from __future__ import annotations

from guidewise.compose.peds_check import Finding
from guidewise.compose.peds_dose import is_adult
from guidewise.compose.peds_format import (
    CHECK_BOTTLE,
    age_words,
    alternatives,
    amount_sentence,
    by_weight,
    freq,
    mg,
    ml_range,
    one,
    short,
    upper_first,
)
from guidewise.compose.wording import num


def age_text(f: Finding, audience: str) -> str:
    """A dose checked against the usual weights for the child's age."""
    drug, name = f.drug, short(f.drug)
    assert f.weight_range is not None
    lo, hi = f.weight_range
    age = age_words(f.span)
    patient = audience == "patient"
    amount = f"{mg(f.single_mg)} mg" if f.single_mg is not None else f"{mg(f.day_mg or 0)} mg a day"
    head = amount_sentence(f, audience)
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
                    f"{one(hi)} kg should have no more than {most}.{ask}" + alternatives(f, audience))
        return (f"{head}{upper_first(name)} {amount} for a child aged {age} is too much even at the heaviest usual weight: "
                f"{usual[0].lower() + usual[1:]}, and at {one(hi)} kg the most is {most}; {amount} would be at least "
                f"{per_kg}.{ask}" + alternatives(f, audience))
    if f.kind == "below_range_for_age" and w is not None and w.single_low is not None:
        if patient:
            return (f"{head}{amount} of {name} is less than the usual dose for a child aged {age}. {usual}, and even "
                    f"a child of {one(lo)} kg would usually have at least {mg(w.single_low)} mg.{ask}"
                    + alternatives(f, audience))
        return (f"{head}{upper_first(name)} {amount} for a child aged {age} is below the usual dose even at the lightest "
                f"usual weight: {usual[0].lower() + usual[1:]}, and at {one(lo)} kg the usual minimum is "
                f"{mg(w.single_low)} mg ({one(drug.dose_low or 0)} mg/kg).{ask}" + alternatives(f, audience))
    if f.kind == "too_often":
        return (f"{head}{upper_first(freq(f))} is more often than labelled for {name} "
                f"({drug.interval_plain if patient else drug.interval}).{ask}")
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


def above_max_text(f: Finding, audience: str) -> str:
    """A dose above the absolute (adult) maximum, when no weight is known."""
    drug, name = f.drug, short(f.drug)
    amount = f"{mg(f.single_mg)} mg" if f.single_mg is not None and f.single_mg > drug.max_single_mg \
        else f"{mg(f.day_mg or 0)} mg a day"
    adult_age = f.span is not None and is_adult(drug, None, f.span[0])
    if audience == "patient":
        tail = "" if adult_age else f" {by_weight(drug, audience)} Tell us your child's weight to get the right dose."
        return (f"{amount_sentence(f, audience)}{amount} of {name} is more than any child should have: even a large "
                f"child or an adult should not take more than {mg(drug.max_single_mg)} mg in one dose or "
                f"{mg(drug.max_daily_mg)} mg a day.{tail}")
    tail = " These adult limits apply at this age." if adult_age else f" {by_weight(drug, audience)}"
    return (f"{amount_sentence(f, audience)}{upper_first(name)} {amount} exceeds the absolute maximum for any child "
            f"({mg(drug.max_single_mg)} mg per dose, {mg(drug.max_daily_mg)} mg/day).{tail}")


def dose_for_weight_text(f: Finding, audience: str) -> str:
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
                f"{drug.interval_plain}. {upper_first(limit.split(' (')[0].replace('no more than', 'do not give more than'))}.")
        if liquids:
            text += f" As a liquid, that is {'; or '.join(liquids)}."
        return text + (CHECK_BOTTLE[audience] if liquids else "")
    text = f"{upper_first(name)} for {weight} kg: {rng_mg} ({rng_kg}), {drug.interval}; {limit}."
    if liquids:
        text += f" As liquid: {'; '.join(liquids)}."
    return text + (CHECK_BOTTLE[audience] if liquids else "")


def adult_label_text(f: Finding, audience: str) -> str:
    """A teenager old enough for the adult label: the adult dose, or how a proposed dose compares with it."""
    drug, name = f.drug, short(f.drug)
    frm = drug.adult_from
    since = f"{num(frm.years or 0)} years"
    limits = f"up to {mg(drug.max_single_mg)} mg per dose, {drug.interval}; no more than {mg(drug.max_daily_mg)} mg/day"
    if audience == "patient":
        limits = (f"up to {mg(drug.max_single_mg)} mg in one dose, {drug.interval_plain}; no more than "
                  f"{mg(drug.max_daily_mg)} mg a day")
    if f.kind == "within_max":
        amount = f"{mg(f.single_mg)} mg" if f.single_mg is not None else f"{mg(f.day_mg or 0)} mg a day"
        if audience == "patient":
            return f"{amount_sentence(f, audience)}{amount} of {name} is within the usual dose from age {since}: {limits}."
        return (f"{amount_sentence(f, audience)}{upper_first(name)} {amount} is within the adult label dose, which "
                f"applies from {since}: {limits}.")
    if audience == "patient":
        return f"From age {since}, the usual adult dose of {name} applies: {limits}. Check the label."
    return f"From {since}, the adult label dose of {name} applies: {limits}."
