"""`guidewise library check` for the paediatric data: citations, worked examples, agreement with the topics."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

from guidewise.library.loader import Problem
from guidewise.library.peds.loader import PEDS_DIR, PEDS_SOURCE, PedsData, cite_key, parse_peds
from guidewise.library.schema import Topic


def _cites(data: PedsData, topics: dict[str, Topic]) -> list[Problem]:
    out: list[Problem] = []
    used: set[str] = set()

    def check(file: str, where: str, cites: Iterable[str]) -> None:
        for c in cites:
            source, key = cite_key(c)
            if source == PEDS_SOURCE:
                used.add(key)
                if key not in data.references:
                    out.append(Problem(file, where, f"cites unknown reference key {key!r}"))
            elif source not in topics:
                out.append(Problem(file, where, f"cites {c!r}: no topic {source!r}"))
            elif key not in {r.key for r in topics[source].references}:
                out.append(Problem(file, where, f"cites {c!r}: topic {source!r} has no reference {key!r}"))

    for d in data.drugs:
        check("dosing.yaml", f"drugs[{d.id}]", d.cite)
        for i, conc in enumerate(d.concentrations):
            check("dosing.yaml", f"drugs[{d.id}].concentrations[{i}]", conc.cite)
        check("dosing.yaml", f"drugs[{d.id}].prescription_cite", d.prescription_cite)
        check("dosing.yaml", f"drugs[{d.id}].adult_cite", d.adult_cite)
        for i, tab in enumerate(d.tablets):
            check("dosing.yaml", f"drugs[{d.id}].tablets[{i}]", tab.cite)
        for i, rule in enumerate(d.infant_rules):
            check("dosing.yaml", f"drugs[{d.id}].infant_rules[{i}]", rule.cite)
        for ind in d.indications:
            check("dosing.yaml", f"drugs[{d.id}].indications[{ind.id}]", ind.cite)
        if d.once_daily is not None:
            check("dosing.yaml", f"drugs[{d.id}].once_daily", d.once_daily.cite)
        check("dosing.yaml", f"drugs[{d.id}].usual_cite", d.usual_cite)
    for lim in data.limits:
        check("age_limits.yaml", f"limits[{lim.id}]", lim.cite)
        if lim.prescribed is not None:
            check("age_limits.yaml", f"limits[{lim.id}].prescribed", lim.prescribed.cite)
    for fever in data.fever_rules:
        check("age_limits.yaml", f"fever_rules[{fever.id}]", fever.cite)
    if data.fever_threshold is not None:
        check("age_limits.yaml", "fever_threshold", data.fever_threshold.cite)
    check("growth.yaml", "cite", data.growth.cite)
    check("dosing.yaml", "poison_cite", data.poison_cite)
    check("dosing.yaml", "combination_cite", data.combination_cite)
    for combo in data.combinations:
        check("dosing.yaml", f"combinations[{combo.id}]", combo.cite)
        if combo.contains not in data.by_id:
            out.append(Problem("dosing.yaml", f"combinations[{combo.id}]", f"contains unknown drug {combo.contains!r}"))
    for key in sorted(set(data.references) - used):
        out.append(Problem("references.yaml", f"references[{key}]", "reference is never cited", "warning"))
    return out


def _ids(data: PedsData) -> list[Problem]:
    out: list[Problem] = []
    for file, ids in (("dosing.yaml", [d.id for d in data.drugs]), ("age_limits.yaml", [x.id for x in data.limits])):
        out.extend(Problem(file, f"[{i}]", f"id {i!r} is used {n} times") for i, n in Counter(ids).items() if n > 1)
    names = Counter(n for d in data.drugs for n in d.names)
    out.extend(Problem("dosing.yaml", "names", f"name {n!r} belongs to {c} drugs") for n, c in names.items() if c > 1)
    for d in data.drugs:
        ind_ids = Counter(i.id for i in d.indications)
        out.extend(Problem("dosing.yaml", f"drugs[{d.id}].indications", f"id {i!r} is used {n} times")
                   for i, n in ind_ids.items() if n > 1)
        for i, ex in enumerate(d.examples):
            if ex.indication is not None and ex.indication not in ind_ids:
                out.append(Problem("dosing.yaml", f"drugs[{d.id}].examples[{i}]",
                                   f"unknown indication {ex.indication!r}"))
    return out


def _examples(data: PedsData) -> list[Problem]:
    """Recompute every worked dose example and run every age-limit example question."""
    from guidewise.compose.age_limits import crossed_limits
    from guidewise.compose.peds_dose import verdict, window
    from guidewise.understand.context import extract_context
    from guidewise.understand.text import fold

    out: list[Problem] = []
    for d in data.drugs:
        indications = {ind.id: ind for ind in d.indications}
        for i, ex in enumerate(d.examples):
            ind = indications.get(ex.indication) if ex.indication else None
            w = window(d, ex.weight_kg, ex.age_months, indication=ind, doses_per_day=ex.doses_per_day)
            got = verdict(d, w, ex.mg, ex.mg * ex.doses_per_day if ex.doses_per_day else None, ex.doses_per_day)
            if got != ex.expect:
                out.append(Problem("dosing.yaml", f"drugs[{d.id}].examples[{i}]",
                                   f"{ex.mg:g} mg for {ex.weight_kg:g} kg: expected {ex.expect}, got {got}"))
    for lim in data.limits:
        for sign, questions in (("positive", lim.examples.positive), ("negative", lim.examples.negative)):
            for q in questions:
                text = fold(q)
                hit = any(h.limit.id == lim.id
                          for h in crossed_limits(text, extract_context(text), data.limits, data.growth))
                if hit != (sign == "positive"):
                    out.append(Problem("age_limits.yaml", f"limits[{lim.id}].examples.{sign}",
                                       f"{q!r} {'does not cross' if sign == 'positive' else 'crosses'} the limit"))
    return out


def _agrees_with_topics(data: PedsData, topics: Iterable[Topic]) -> list[Problem]:
    """No topic may give a weight-based dose above the paediatric data's range for the same drug."""
    by_name = {n: d for d in data.drugs for n in d.names}
    out: list[Problem] = []
    for t in topics:
        for rec in t.recommendations:
            for dose in rec.dose:
                drug = by_name.get(dose.drug.lower().split(" (")[0])
                if drug is None or dose.unit.lower() != "mg/kg":
                    continue
                where = f"{t.id}: {rec.id} ({dose.drug})"
                if dose.highest_single > drug.dose_high:
                    out.append(Problem("dosing.yaml", f"drugs[{drug.id}]",
                                       f"{where} gives {dose.highest_single:g} mg/kg per dose, above dose_high {drug.dose_high:g}"))
                if dose.max_daily is not None and dose.max_daily > drug.day_high:
                    out.append(Problem("dosing.yaml", f"drugs[{drug.id}]",
                                       f"{where} allows {dose.max_daily:g} mg/kg/day, above day_high {drug.day_high:g}"))
                if dose.max_daily_absolute_mg is not None and dose.max_daily_absolute_mg > drug.max_daily_mg:
                    out.append(Problem("dosing.yaml", f"drugs[{drug.id}]",
                                       f"{where} allows {dose.max_daily_absolute_mg:g} mg/day, above max_daily_mg "
                                       f"{drug.max_daily_mg:g}"))
    return out


def _growth(data: PedsData) -> list[Problem]:
    pts = data.growth.points
    out: list[Problem] = []
    if pts[0].age_months != 0 or pts[-1].age_months < 216:
        out.append(Problem("growth.yaml", "points", "the table must run from birth (0 months) to at least 216 months"))
    for a, b in pairwise(pts):
        if b.low_kg < a.low_kg or b.high_kg < a.high_kg:
            out.append(Problem("growth.yaml", f"points[{b.age_months:g} months]", "weights fall with age"))
    return out


def check_peds(topics: Iterable[Topic], directory: Path = PEDS_DIR) -> tuple[PedsData | None, list[Problem]]:
    """The paediatric data and every problem with it."""
    data, problems = parse_peds(directory)
    if data is None:
        return None, problems
    topics = list(topics)
    problems += _ids(data) + _cites(data, {t.id: t for t in topics}) + _growth(data) + _examples(data)
    problems += _agrees_with_topics(data, topics)
    return data, problems
