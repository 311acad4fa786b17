"""Check a dose proposed in a question against the library's labelled maximums."""

from __future__ import annotations

import re
from dataclasses import dataclass

from guidewise.compose.answer import DoseWarning
from guidewise.compose.citations import CitationRegistry
from guidewise.compose.wording import num
from guidewise.library.schema import Population, Topic
from guidewise.understand.query import Query

_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(g|gm|grams?|mg|milligrams?|mcg|micrograms?|µg)\b", re.I)
_PER_DAY = re.compile(r"\b(?:a|per|each|every)\s+day\b|\bdaily\b|/\s*day\b|\bin (?:a |one )?24 ?h(?:ours?|rs?)?\b|"
                      r"\b(?:a|per) 24 ?h", re.I)
_TIMES = re.compile(r"\b(\d+|twice|three|four|five|six)\s*(?:times|x)\s*(?:a|per|each)?\s*day\b", re.I)
_EVERY_H = re.compile(r"\bevery\s+(\d+)\s*(?:h|hrs?|hours?)\b", re.I)
_WORDS = {"twice": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_TO_MG = {"g": 1000.0, "gm": 1000.0, "gram": 1000.0, "grams": 1000.0, "mg": 1.0, "milligram": 1.0,
          "milligrams": 1.0, "mcg": 0.001, "microgram": 0.001, "micrograms": 0.001, "µg": 0.001}


@dataclass(frozen=True)
class LabelledLimit:
    drug: str
    max_mg_per_day: float | None
    max_single_mg: float
    topic_id: str
    cite: tuple[str, ...]


def adult_limits(topics: list[Topic]) -> dict[str, LabelledLimit]:
    """The most permissive labelled adult maximum per drug across the library (mg-based doses only)."""
    limits: dict[str, LabelledLimit] = {}
    for t in topics:
        for rec in t.recommendations:
            if rec.population != Population.ALL:
                continue
            for d in rec.dose:
                if d.unit.lower() not in ("mg", "g"):
                    continue
                factor = 1000.0 if d.unit.lower() == "g" else 1.0
                cur = limits.get(d.drug.lower())
                mx = d.max_daily * factor if d.max_daily else None
                single = d.highest_single * factor
                if cur is None or (mx or 0) > (cur.max_mg_per_day or 0):
                    limits[d.drug.lower()] = LabelledLimit(d.drug.lower(), mx, max(single, cur.max_single_mg if cur else 0),
                                                           t.id, tuple(d.cite or rec.cite))
                elif single > cur.max_single_mg:
                    limits[d.drug.lower()] = LabelledLimit(cur.drug, cur.max_mg_per_day, single, cur.topic_id, cur.cite)
    return limits


def _drug_in_question(query: Query, limits: dict[str, LabelledLimit]) -> str | None:
    words = set(query.tokens) | {w for e in query.expansions for w in e.adds.lower().split()}
    for drug in limits:
        if drug in words or all(part in words for part in drug.split()):
            return drug
    return None


def check_proposed_dose(query: Query, limits: dict[str, LabelledLimit],
                        registry: CitationRegistry[tuple[str, str]] | None = None) -> list[DoseWarning]:
    """Warnings for doses in the question that exceed the labelled maximum (per day or per dose)."""
    m = _AMOUNT.search(query.text)
    drug = _drug_in_question(query, limits) if m else None
    if m is None or drug is None:
        return []
    lim = limits[drug]
    amount_mg = float(m.group(1).replace(",", ".")) * _TO_MG[m.group(2).lower()]
    per_day: float | None = None
    if t := _TIMES.search(query.text):
        per_day = amount_mg * float(_WORDS.get(t.group(1).lower(), t.group(1)))
    elif e := _EVERY_H.search(query.text):
        per_day = amount_mg * (24 // max(1, int(e.group(1))))
    elif _PER_DAY.search(query.text):
        per_day = amount_mg
    cites = registry.cite((lim.topic_id, k) for k in lim.cite) if registry else []
    if per_day is not None and lim.max_mg_per_day and per_day > lim.max_mg_per_day:
        text = (f"{num(per_day)} mg of {drug} a day is more than the labelled maximum of "
                f"{num(lim.max_mg_per_day)} mg a day. Do not exceed it; higher doses risk serious harm.")
        return [DoseWarning(text=text, citations=cites, drug=drug, proposed_mg_per_day=per_day,
                            max_mg_per_day=lim.max_mg_per_day)]
    if per_day is None and amount_mg > lim.max_single_mg:
        text = (f"{num(amount_mg)} mg of {drug} in one dose is more than the usual maximum single dose of "
                f"{num(lim.max_single_mg)} mg" + (f" (no more than {num(lim.max_mg_per_day)} mg a day)." if lim.max_mg_per_day else "."))
        return [DoseWarning(text=text, citations=cites, drug=drug, max_mg_per_day=lim.max_mg_per_day)]
    return []
