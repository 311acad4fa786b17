"""Accidental ingestion and accidental extra doses: Poison Control first, with the total amount when it is known."""

from __future__ import annotations

from dataclasses import replace

from guidewise.library.peds.loader import PedsData
from guidewise.understand.doses import ProposedDose
from guidewise.understand.ingestion import Ingestion

PHONE = "1-800-222-1222"


def _labels(cites: list[str]) -> list[str]:
    """The product labels among a list of citations (their overdose warning: get help or call Poison Control)."""
    return [c for c in cites if c.split("/")[-1].endswith("label")]


def ingestion_names(peds: PedsData) -> dict[str, list[str]]:
    """Every medicine name of the paediatric data (dosing drugs and age-limited products) -> its label citations."""
    out: dict[str, list[str]] = {}
    for lim in peds.limits:
        for n in lim.names:
            out.setdefault(n, _labels(list(lim.cite)))
    for d in peds.drugs:
        for n in d.names:
            out[n] = _labels(list(d.cite))
    return out


def ingestion_intervals(peds: PedsData) -> dict[str, float]:
    """Every name of a dosing drug -> its shortest labelled interval between doses (a second dose sooner is an
    extra dose)."""
    return {n: d.min_interval_hours for d in peds.drugs if d.min_interval_hours for n in d.names}


def summed(doses: list[ProposedDose], ingestion: Ingestion) -> list[ProposedDose]:
    """The doses of one medicine given within its dosing interval, added up: '5 ml twice in an hour' is 10 mL;
    '5 ml at 2 pm and another 5 ml at 3 pm' is 10 mL."""
    out: list[ProposedDose] = []
    parts: dict[int, list[str]] = {}
    for d in doses:
        kind = "ml" if d.ml is not None else "mg" if d.mg is not None else None
        same = next((o for o in out if o.drug == d.drug and kind and getattr(o, kind) is not None
                     and o.strength_mg_per_ml == d.strength_mg_per_ml), None)
        if same is not None and kind is not None:
            i = out.index(same)
            parts[i].append(_amount(d))
            out[i] = replace(same, **{kind: getattr(same, kind) + getattr(d, kind)}, volume_text=None,
                             summed_from=" and ".join(parts[i]))
            continue
        parts[len(out)] = [_amount(d)]
        out.append(d)
    if ingestion.repeat and ingestion.repeat > 1:
        times = {2: "twice", 3: "three times"}.get(ingestion.repeat, f"{ingestion.repeat} times")
        out = [replace(d, ml=d.ml * ingestion.repeat if d.ml is not None else None,
                       mg=d.mg * ingestion.repeat if d.mg is not None else None, volume_text=None,
                       summed_from=f"{_amount(d)} {times}") if d.mg_per_kg is None else d for d in out]
    return [replace(d, doses_per_day=None, every_hours=None, per_day=False) for d in out]


MANY_TABLETS = 3


def many_taken(dose: ProposedDose, ingestion: Ingestion) -> bool:
    """An ingestion of several tablets at once (3 or more) or any amount taken on purpose: Poison Control or
    emergency help is the whole answer, with no dose range beside it."""
    counted = dose.count_text is not None and dose.unit_mg and dose.mg is not None
    return ingestion.intentional or bool(counted and (dose.mg or 0) / (dose.unit_mg or 1) >= MANY_TABLETS)


def _amount(d: ProposedDose) -> str:
    if d.ml is not None:
        written = (d.volume_text or "").lower()
        return written if written and not written.replace(" ", "").endswith(("ml", "mls", "cc")) \
            else f"{d.ml:g} mL"
    return f"{d.mg:g} mg" if d.mg is not None else "the amount"


def poison_text(ingestion: Ingestion, drug_words: str, apap: bool, audience: str) -> str:
    """Poison Control now, 911 for symptoms, do not wait for symptoms."""
    if audience == "patient":
        text = (f"Call Poison Control now at {PHONE} (US), even if your child seems fine: do not wait for symptoms. "
                f"Call 911 instead if your child is hard to wake, has trouble breathing or has a seizure. Have the "
                f"package with you, so you can say its strength, how much may have been taken and when.")
        if apap:
            text += (" With acetaminophen (Tylenol), quick help matters even without any signs: liver damage from "
                     "too much can show up only later.")
        text += " Do not give another dose of any medicine unless Poison Control or a doctor tells you to."
        if ingestion.intentional:
            text += (" If it was taken on purpose, stay with your child and call 911; once they are safe, the 988 "
                     "Suicide & Crisis Lifeline (call or text 988, US) can help too.")
        return text
    text = (f"Possible accidental ingestion or extra dose of {drug_words}: contact Poison Control ({PHONE}, US) now "
            f"for a risk assessment, without waiting for symptoms; call 911 if the child is hard to rouse, has "
            f"breathing difficulty or a seizure. Establish the product strength, the most that may have been taken "
            f"and the time.")
    if apap:
        text += " After acetaminophen, early assessment matters even when the child has no symptoms."
    text += " Do not give another dose unless Poison Control or a clinician advises it."
    if ingestion.intentional:
        text += (" Intentional ingestion: emergency assessment (911), then a mental health assessment once medically "
                 "safe (988 Suicide & Crisis Lifeline, US).")
    return text
