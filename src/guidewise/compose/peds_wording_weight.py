"""A stated weight that does not fit the age (a kg/lb mix-up), or one written without a unit: no dose from it."""

from __future__ import annotations

from guidewise.compose.peds_finding import UnusualWeight
from guidewise.compose.peds_format import a_child_aged, one
from guidewise.compose.wording import num
from guidewise.understand.weight import LB_TO_KG


def unusual_weight_text(u: UnusualWeight, audience: str) -> str:
    """A stated weight far outside the usual range for the age: ask whether it is in kg or lb; no dose from it."""
    w, (lo, hi) = u.weight, u.usual
    unit = "lb" if w.pounds else "kg"
    heavy = w.kg > hi
    value = num(round(w.value, 1))
    if heavy and not w.pounds:
        other = f"{value} lb would be {one(w.value * LB_TO_KG)} kg"
    elif not heavy and w.pounds:
        other = f"{value} kg would be {one(w.value / LB_TO_KG)} lb"
    else:
        other = f"{value} {unit} is {one(w.kg) + ' kg' if w.pounds else one(w.kg / LB_TO_KG) + ' lb'}"
    stated = f"{num(round(w.value, 1))} {unit}"
    if audience == "patient":
        return (f"A weight of {stated} is unusual for {a_child_aged(u.span)}: most weigh about {one(lo)} to {one(hi)} kg. "
                f"Please check whether the weight is in kilograms or pounds ({other}). We have not worked out a dose "
                f"from this weight: weigh your child and ask again with the weight and its unit.")
    return (f"A stated weight of {stated} is implausible for {a_child_aged(u.span)} (usual about {one(lo)} to "
            f"{one(hi)} kg, growth charts): possible kg/lb mix-up ({other}). Confirm the weight before dosing; no "
            f"weight-based dose is given.")


def unitless_weight_text(value: float, audience: str) -> str:
    """'Weighs 26' with no unit: kg or lb? Both read very differently."""
    n = num(round(value, 1))
    if audience == "patient":
        return (f"Is that {n} kg or {n} lb? {n} lb is {one(value * LB_TO_KG)} kg, so the dose is very different. "
                f"Tell us the weight with its unit (for example '{n} lb') to work out a dose.")
    return (f"Weight given without a unit ({n}): {n} lb would be {one(value * LB_TO_KG)} kg. Confirm kg or lb before "
            f"dosing by weight.")
