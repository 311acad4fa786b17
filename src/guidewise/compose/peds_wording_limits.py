"""Wording for age limits: stated conditionally when the exact age is not known, with the age placed by the
weight, and saying first when a product contains the limit's medicine without naming it ('Tylenol PM')."""

from __future__ import annotations

from guidewise.compose.age_limits import LimitHit
from guidewise.compose.peds_format import one, under_words


def limit_text(hit: LimitHit, audience: str, toddler: bool = False, aged: bool = True, said: bool = False) -> str:
    """An age limit, stated conditionally when the child's exact age is not known, and saying when the age was
    placed by the weight; `said`: what the product contains was said already."""
    contains = "" if said else hit.limit.contained_in.get(hit.name, "")
    return f"{contains} {_limit_text(hit, audience, toddler, aged)}".strip()


def _limit_text(hit: LimitHit, audience: str, toddler: bool, aged: bool) -> str:
    base = hit.limit.plain if audience == "patient" else hit.limit.text
    if hit.definite:
        if hit.by_weight is None:
            return base
        under = under_words(hit.limit.under_months)
        who = "A child" if hit.limit.under_months > 12 else "A baby"
        lead = (f"{who} who weighs {one(hit.by_weight)} kg is usually under {under} old. " if audience == "patient"
                else f"At {one(hit.by_weight)} kg, the child is most likely under {under} (growth charts). ")
        return lead + base
    baby = hit.limit.under_months <= 12
    who = ("your toddler is" if toddler else "your baby is" if baby else "your child is") if audience == "patient" \
        else "the child is"
    text = f"If {who} under {under_words(hit.limit.under_months)}: {base[0].lower() + base[1:]}"
    if hit.limit.severity == "see_doctor_now" and not aged:
        ask = "How old is your baby? " if audience == "patient" else "Ask the infant's age. "
        return ask + text
    return text
