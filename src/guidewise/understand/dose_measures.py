"""Amounts that are not measured doses ('a dropperful', 'a capful', 'a full dosing cup') and how often a medicine is given with no
amount ('motrin every 4 hours')."""

from __future__ import annotations

import re

from guidewise.understand.doses import ProposedDose, find_mentions, nearest_mention, phrase
from guidewise.understand.frequency import frequency

# Amounts no one can measure: 'a dropper(ful)', 'a capful', 'a full dosing cup' ('the dosing cup' alone is not one).
_UNMEASURED = re.compile(r"\b(?P<dropper>dropper(?:s|ful|fuls|s ?full)?)\b|\b(?P<cap>cap ?fuls?|cap full|capfull|bottle cap)\b|"
                         r"\b(?P<cup>(?:full|whole)\s+(?:dosing |medicine |measuring )?cup(?:ful)?|"
                         r"(?:dosing |medicine |measuring )?cup ?fuls?|(?:dosing|medicine|measuring) cup full)\b", re.I)


def unmeasured_amounts(text: str, names: dict[str, str]) -> list[tuple[str, str]]:
    """(drug, measure) for each drug given by an amount that cannot be known: measure 'dropper', 'cap' or 'cup' (in
    the order named)."""
    out: list[tuple[str, str]] = []
    for m in _UNMEASURED.finditer(text):
        lo, hi = phrase(text, m.start(), m.end())
        near = nearest_mention(find_mentions(text, names), m.start(), m.end(), text)
        measure = next(k for k in ("dropper", "cap", "cup") if m.group(k))
        if near is not None and all(d != near.drug for d, _ in out) and (lo <= near.start < hi
                                                                         or abs(near.start - m.end()) < 40):
            out.append((near.drug, measure))
    return out


def frequency_only(text: str, names: dict[str, str], dosed: set[str]) -> list[ProposedDose]:
    """A medicine given at a stated frequency with no amount ('motrin every 4 hours', 'tylenol 6 times a day'), for
    the drugs not in `dosed` (those with an amount)."""
    out: list[ProposedDose] = []
    for m in find_mentions(text, names):
        if m.drug in dosed or any(o.drug == m.drug for o in out):
            continue
        lo, hi = phrase(text, m.start, m.end)
        per_day, doses, every, every_max = frequency(text[lo:hi])
        if doses and not per_day:
            out.append(ProposedDose(drug=m.drug, start=m.start, end=m.end, doses_per_day=doses, every_hours=every,
                                    every_hours_max=every_max, phrase=(lo, hi)))
    return out
