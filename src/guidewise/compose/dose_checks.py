"""All dose checks for one question, adult and paediatric, as warnings and a 'Dose check' section."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from guidewise.compose.age_limits import LimitHit, celsius_text
from guidewise.compose.answer import Answer, DoseWarning, ReferenceOut, Section, Statement
from guidewise.compose.citations import CitationRegistry, reference_out
from guidewise.compose.dose_safety import LabelledLimit, check_proposed_dose
from guidewise.compose.peds_check import paediatric_check
from guidewise.compose.peds_combos import double_dose_text, double_doses
from guidewise.compose.peds_dose import limit_reached, per_kg_window, rule_age
from guidewise.compose.peds_finding import Finding
from guidewise.compose.peds_poison import poison_text
from guidewise.compose.peds_redose import redose_text
from guidewise.compose.peds_wording import finding_text, prescription_dose
from guidewise.compose.peds_wording_limits import limit_text
from guidewise.compose.peds_wording_weight import unitless_weight_text, unusual_weight_text
from guidewise.compose.sections import title
from guidewise.compose.wording import disclaimer, status_label
from guidewise.library.peds.loader import PedsData, cite_key, load_peds
from guidewise.understand.context import TODDLER_MONTHS
from guidewise.understand.doses import name_pattern
from guidewise.understand.query import Query

Registry = CitationRegistry[tuple[str, str]]
# Findings whose text states the usual weights for the child's age (growth charts).
GROWTH_KINDS = frozenset({"above_range_for_age", "below_range_for_age", "depends_on_weight", "needs_weight"})


@dataclass
class DoseReport:
    """Warnings for the JSON contract and the statements of the 'Dose check' section, in order."""

    warnings: list[DoseWarning] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    child: bool = False  # the paediatric check read the question as a child's

    def __bool__(self) -> bool:
        return bool(self.statements)


def peds_reference(peds: PedsData, key: str, n: int) -> ReferenceOut:
    """A reference of the paediatric data files, numbered for an answer."""
    return reference_out(peds.references[key], n)


def _cite(registry: Registry | None, cites: Iterable[str]) -> list[int]:
    return registry.cite(cite_key(c) for c in cites) if registry else []


def _finding_cites(f: Finding, peds: PedsData) -> list[str]:
    keys = list(f.drug.cite)
    for conc in ([f.conc] if f.conc is not None else []) + f.liquids:
        keys.extend(conc.cite)
    if f.dose is not None and f.dose.count_text and f.dose.unit_mg is not None:
        keys.extend(c for t in f.drug.tablets if t.mg == f.dose.unit_mg for c in t.cite)
    w = f.win
    if w is None and f.dose is not None and f.dose.mg_per_kg is not None:  # mg/kg with no weight: by age
        w = per_kg_window(f.drug, rule_age(f.drug, f.ages))
        w = w if w.infant is not None else None
    for win in (w, f.infant_win):
        if win is not None and win.infant is not None:
            keys.extend(win.infant.cite)
    if w is not None and w.indication is not None:
        keys.extend(w.indication.cite)
    elif f.kind in ("dose_for_weight", "differs_from_usual") and w is not None and not w.adult and w.infant is None:
        keys.extend(f.drug.usual_cite)
    adult_age = f.span is not None and f.weight_kg is None and f.drug.adult_from.years is not None \
        and f.span[0] >= f.drug.adult_from.years * 12
    if f.kind in ("within_max", "adult_dose") or (w is not None and w.adult) or (f.kind == "above_max" and adult_age):
        keys.extend(f.drug.adult_cite)  # the adult labelled maximums
    if f.kind in ("above_max", "above_range") and prescription_dose(f):
        keys.extend(f.drug.prescription_cite)
    if f.drug.once_daily is not None and f.doses_per_day == 1:
        keys.extend(f.drug.once_daily.cite)
    if f.weight_range is not None and f.kind in GROWTH_KINDS:  # the text states the usual weights for the age
        keys.extend(peds.growth.cite)
    named = w.indication if w is not None and w.indication is not None else f.indication
    if named is not None:  # the infection named: its guideline, not every infection's
        keys.extend(named.cite)
        others = {c for c in f.drug.cite if not c.split("/")[-1].endswith("label")} - set(named.cite)
        keys = [k for k in keys if k not in others]
    return list(dict.fromkeys(keys))


def _warning(f: Finding, text: str, cites: list[int], age_years: float | None) -> DoseWarning:
    w, d = f.win, f.dose
    weight = f.weight_kg if f.weight_kg is not None else (w.weight_kg if w is not None and f.weight_range else None)
    strength = d.strength_text if d and d.strength_text else (f.conc.strength if f.conc else None)

    def r(x: float | None) -> float | None:
        return round(x, 2) if x is not None else None

    return DoseWarning(
        text=text, citations=cites, drug=f.drug.id, kind=f.kind,
        proposed_mg_per_day=f.day_mg if not (d and d.mg_per_kg is not None and weight is None) else None,
        max_mg_per_day=w.day_high if w is not None else None,
        weight_kg=weight, weight_source=("stated" if f.weight_kg is not None else "growth_chart" if weight else None),
        weight_range_kg=list(f.weight_range) if f.weight_range else None, age_years=age_years,
        proposed_mg=f.single_mg if not (d and d.mg_per_kg is not None and weight is None) else None,
        proposed_ml=d.ml if d else None, concentration=strength,
        concentration_assumed=f.conc_assumed if d and d.ml is not None and f.conc is not None else None,
        mg_per_kg=r(f.single_mg / weight if f.single_mg is not None and weight else
                    d.mg_per_kg if d and d.mg_per_kg is not None and not d.per_day else None),
        mg_per_kg_per_day=r(f.day_mg / weight if f.day_mg is not None and weight else
                            d.mg_per_kg if d and d.mg_per_kg is not None and d.per_day else None),
        max_mg_per_dose=w.single_high if w is not None else None,
        exceeded=list(f.exceeded) or None,
    )


def _limit_warning(hit: LimitHit, text: str, cites: list[int], age_years: float | None,
                   severity: str | None = None) -> DoseWarning:
    return DoseWarning(text=text, citations=cites, drug=hit.name or hit.limit.names[0], kind="age_limit",
                       age_years=age_years,
                       limit_id=hit.limit.id, severity=severity or hit.limit.severity)


def check_doses(query: Query, limits: dict[str, LabelledLimit], registry: Registry | None, audience: str,
                peds: PedsData | None = None, paediatric: bool = True) -> DoseReport:
    """Age limits, paediatric dose findings and adult maximums for the question, cited via `registry`.
    With `paediatric` off, only the adult labelled maximums are checked."""
    report = DoseReport()
    if not paediatric:
        return _adult_only(query, limits, registry, report)
    peds = peds or load_peds()
    result = paediatric_check(query, peds)
    report.child = result.child
    age = query.context.age_years
    if result.ingestion is not None:
        words = " or ".join(result.ingestion.names)
        apap = any(peds.drug_names.get(n) == "acetaminophen" for n in result.ingestion.names)
        text = poison_text(result.ingestion, words, apap, audience)
        cites = _cite(registry, [*peds.poison_cite, *result.ingestion_cite])
        report.warnings.append(DoseWarning(text=text, citations=cites, drug=result.ingestion.names[0],
                                           kind="poison_control", age_years=age, severity="call_poison_control"))
        report.statements.append(Statement(text=text, citations=cites, kind="dose_warning"))
    if result.fever is not None:
        rule = result.fever
        text = rule.plain if audience == "patient" else rule.text
        cites = _cite(registry, rule.cite)
        report.warnings.append(DoseWarning(text=text, citations=cites, drug="fever", kind="fever_by_age", age_years=age,
                                           severity=f"see_doctor_{rule.when}", limit_id=rule.id))
        report.statements.append(Statement(text=text, citations=cites, kind="dose_warning"))
    if result.not_fever is not None and peds.fever_threshold is not None:
        low = peds.fever_threshold
        text = (low.plain if audience == "patient" else low.text).format(temperature=celsius_text(result.not_fever))
        report.statements.append(Statement(text=text, citations=_cite(registry, low.cite), kind="dose_note"))
    for i, hit in enumerate(result.limits):
        text = limit_text(hit, audience, query.context.age_span_months == TODDLER_MONTHS,
                          aged=query.context.age_years is not None,
                          said=any(h.name == hit.name and h.limit.contained_in for h in result.limits[:i]))
        cites = _cite(registry, [*hit.limit.cite, *(peds.growth.cite if hit.by_weight is not None else [])])
        use = hit.limit.prescribed
        if use is not None and name_pattern(use.words).search(query.text):  # 'the cardiologist prescribed it'
            text = use.plain if audience == "patient" else use.text
            cites = _cite(registry, [*use.cite, *hit.limit.cite])
            report.warnings.append(_limit_warning(hit, text, cites, age, "as_prescribed"))
            report.statements.append(Statement(text=text, citations=cites, kind="dose_warning"))
            continue
        report.warnings.append(_limit_warning(hit, text, cites, age))
        report.statements.append(Statement(text=text, citations=cites, kind="dose_warning"))
    for double in double_doses(query.text, peds):
        text = double_dose_text(double, audience)
        cites = _cite(registry, [*double.combo.cite, *peds.combination_cite])
        report.warnings.append(DoseWarning(text=text, citations=cites, drug=double.drug.id,
                                           kind="duplicate_ingredient", age_years=age))
        report.statements.append(Statement(text=text, citations=cites, kind="dose_warning"))
    if result.unitless is not None:  # a question about the unit: no growth chart is used
        report.statements.append(Statement(text=unitless_weight_text(result.unitless, audience), kind="dose_note"))
    if result.unusual is not None:
        u = result.unusual
        text = unusual_weight_text(u, audience)
        cites = _cite(registry, peds.growth.cite)
        report.warnings.append(DoseWarning(text=text, citations=cites, drug=u.drug,
                                           kind="weight_unusual", age_years=age, weight_kg=u.weight.kg,
                                           weight_source="stated", weight_range_kg=list(u.usual)))
        report.statements.append(Statement(text=text, citations=cites, kind="dose_warning"))
    for drug in result.timing.drugs if result.timing else []:
        assert result.timing is not None
        text = redose_text(drug, result.timing, audience)
        cites = _cite(registry, drug.cite)
        t = result.timing
        given, most = t.given(drug), drug.max_doses_per_day
        over = given is not None and most is not None and given > most  # more than the most already given
        exceeded = [*(["doses_per_day"] if limit_reached(drug, given) and (t.asked or over) else []),
                    *(["interval"] if t.too_close(drug) else [])]
        # The most in 24 hours, or doses given closer than the shortest interval: a warning. A dose asked about too
        # soon is answered in the note ('Not yet: ... the earliest is 6 pm').
        if exceeded:
            report.warnings.append(DoseWarning(text=text, citations=cites, drug=drug.id, kind="too_often",
                                               age_years=age, exceeded=exceeded))
            report.statements.append(Statement(text=text, citations=cites, kind="dose_warning"))
        else:
            report.statements.append(Statement(text=text, citations=cites, kind="dose_note"))
    for f in result.findings:
        text = finding_text(f, audience)
        cites = _cite(registry, _finding_cites(f, peds))
        if f.warning:
            report.warnings.append(_warning(f, text, cites, age))
        kind = "dose_warning" if f.warning else "weight_dose" if f.kind in ("dose_for_weight", "adult_dose") \
            else "dose_note"
        report.statements.append(Statement(text=text, citations=cites, kind=kind))
    covered = {n for d in peds.drugs if d.id in result.drugs for n in d.names}
    return _adult_only(query, limits, registry, report, covered)


def _adult_only(query: Query, limits: dict[str, LabelledLimit], registry: Registry | None,
                report: DoseReport, covered: set[str] | None = None) -> DoseReport:
    """Adult labelled maximums, for the drugs the paediatric check did not already judge."""
    for w in check_proposed_dose(query, limits, None):  # cite only the warnings kept
        if any(n in w.drug.split() or w.drug.startswith(n) for n in covered or ()):
            continue
        lim = limits[w.drug]
        w.kind = "above_max"
        w.citations = registry.cite((lim.topic_id, k) for k in lim.cite) if registry else []
        report.warnings.append(w)
        report.statements.append(Statement(text=w.text, citations=w.citations, kind="dose_warning"))
    return report


def attach_dose_report(answer: Answer, report: DoseReport, registry: Registry) -> Answer:
    """Lead the answer with the 'Dose check' section and fill `dose_warnings`."""
    if report:
        answer.dose_warnings = report.warnings
        answer.sections.insert(0, Section(id="dose_check", title=title("dose_check", answer.audience),
                                          statements=report.statements))
        answer.references = registry.references()
    return answer


def dose_only_answer(query: Query, audience: str, report: DoseReport, registry: Registry) -> Answer:
    """An answer made only of the dose check (no topic or literature matched)."""
    answer = Answer(
        question=query.question, audience=audience, urgent=query.urgent, status="none",
        status_label=status_label("none"), disclaimer=disclaimer(audience, "none"),
        context=query.context.model_dump(exclude_defaults=True), considered=query.context.describe(),
        intents=[i.value for i in query.intents], source="library",
    )
    return attach_dose_report(answer, report, registry)
