"""Every child's dose in a question, checked by weight or by age; doses computed for a stated weight."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from guidewise.compose.age_limits import LimitHit, below_fever, crossed_limits, fever_rule
from guidewise.compose.peds_dose import (
    Ages,
    Child,
    Exceeded,
    Window,
    child_of,
    exceeded,
    is_adult,
    limit_reached,
    per_kg_verdict,
    per_kg_window,
    plausible_ages,
    rule_age,
    too_often,
    unusual_weight,
    weight_range,
    window,
)
from guidewise.compose.peds_judge import KIND, infant_window, judge
from guidewise.compose.peds_liquids import choose_concentration, offered_liquids, stated_concentration
from guidewise.compose.peds_poison import ingestion_intervals, ingestion_names, many_taken, summed
from guidewise.compose.peds_timing import Timing, child_implied, dose_timing
from guidewise.library.peds.loader import PedsData
from guidewise.library.peds.schema import Concentration, GrowthTable, Indication, PedsDrug
from guidewise.library.peds.schema_files import FeverRule
from guidewise.library.schema import Intent
from guidewise.understand.doses import (
    ProposedDose,
    dropper_drugs,
    find_mentions,
    frequency_only,
    name_pattern,
    parse_doses,
    stated_strengths,
)
from guidewise.understand.ingestion import Ingestion, detect_ingestion
from guidewise.understand.negation import is_negated, negated_spans
from guidewise.understand.query import Query
from guidewise.understand.text import fold
from guidewise.understand.weight import StatedWeight, stated_weight, unitless_weight

WARNING_KINDS = frozenset({"above_range", "below_range", "too_often", "above_range_for_age", "below_range_for_age",
                           "above_max", "age_limit", "unknown_strength", "differs_from_usual", "unknown_amount"})
ABOVE_KINDS = frozenset({"above_range", "above_range_for_age", "above_max"})
_ASKED = re.compile(r"\b(?:how much|how many|what (?:is |'s )?(?:the )?(?:right |correct |usual )?(?:dose|dosage|amount)|"
                    r"doses?|dosage|dosing|how often)\b")

@dataclass
class Finding:
    """One checked or computed dose for a child."""

    kind: str
    drug: PedsDrug
    dose: ProposedDose | None = None
    single_mg: float | None = None
    day_mg: float | None = None
    doses_per_day: float | None = None
    weight_kg: float | None = None
    weight_range: tuple[float, float] | None = None
    span: tuple[float, float] | None = None
    win: Window | None = None
    conc: Concentration | None = None
    conc_assumed: bool = False
    alternatives: list[tuple[Concentration, float, str]] = field(default_factory=list)
    exceeded: Exceeded = field(default_factory=list)
    blocked: bool = False               # a definite age limit rules out a home dose: no dose is suggested
    unknown_word: str | None = None     # the product word whose strength varies (kind unknown_strength)
    liquids: list[Concentration] = field(default_factory=list)  # strengths to give volumes in
    ages: Ages | None = None
    infant_win: Window | None = None    # the stricter young-infant window, when the child may be that young
    indication: Indication | None = None  # the infection the question names for the drug
    ingested: bool = False              # taken by accident or as an extra dose: no dose advice follows
    from_months: float | None = None    # a 'see a doctor now' limit may apply: the dose holds only from this age

    @property
    def warning(self) -> bool:
        return self.kind in WARNING_KINDS


@dataclass
class PedsResult:
    limits: list[LimitHit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    ingestion: Ingestion | None = None  # a medicine swallowed by accident, or an accidental extra dose
    ingestion_cite: list[str] = field(default_factory=list)
    unusual: UnusualWeight | None = None  # a stated weight far outside the range for the stated age
    child: bool = False  # checked as a child's question (an age, a child's weight or a children's liquid)
    timing: Timing | None = None  # another dose: the doses given today and the time since the last one
    unitless: float | None = None  # 'weighs 26' with no unit: kg or lb is asked
    fever: FeverRule | None = None  # a young baby's temperature that must be seen by a doctor (now or today)
    not_fever: float | None = None  # a young baby's temperature below the fever threshold (C)

    @property
    def drugs(self) -> set[str]:
        return {f.drug.id for f in self.findings}


@dataclass(frozen=True)
class UnusualWeight:
    """A stated weight far outside the usual range for the stated age: no dose is worked out from it."""

    weight: StatedWeight
    span: tuple[float, float]
    usual: tuple[float, float]
    drug: str  # the first medicine the question names


def indication_of(drug: PedsDrug, text: str) -> Indication | None:
    """The infection the question names for this drug ('ear infection'), if any."""
    spans = negated_spans(text)
    for ind in drug.indications:
        if any(not is_negated(spans, m.start(), m.end()) for m in name_pattern(ind.words).finditer(text)):
            return ind
    return None


def _amounts(dose: ProposedDose, mg: float) -> tuple[float | None, float | None]:
    """(per dose, per day) in mg for a dose of `mg`."""
    if dose.per_day:
        return None, mg
    return mg, mg * dose.doses_per_day if dose.doses_per_day else None


def labelled_range(dose: ProposedDose, drug: PedsDrug) -> ProposedDose:
    """'Every 4 to 6 hours' of acetaminophen is the label's own wording: checked at its most doses in 24 hours
    (5), not at 6. A range that starts below the labelled interval ('motrin every 4 to 6 hours') is too often."""
    if (dose.every_hours_max and dose.every_hours and drug.min_interval_hours and drug.max_doses_per_day
            and dose.every_hours >= drug.min_interval_hours and dose.doses_per_day
            and dose.doses_per_day > drug.max_doses_per_day):
        return replace(dose, doses_per_day=float(drug.max_doses_per_day))
    return dose


def evaluate(dose: ProposedDose, drug: PedsDrug, child: Child, growth: GrowthTable, text: str,
             indication: Indication | None = None) -> Finding:
    """Check one proposed dose. `text` is what product words are looked for in."""
    dose = labelled_range(dose, drug)
    ages = plausible_ages(child, growth)
    young = rule_age(drug, ages)
    if dose.mg_per_kg is not None and child.weight_kg is None:
        v = per_kg_verdict(drug, dose.mg_per_kg, dose.per_day, dose.doses_per_day, young)
        single, day = _amounts(dose, dose.mg_per_kg)
        over = exceeded(drug, per_kg_window(drug, young), single, day, dose.doses_per_day, young)
        return Finding(KIND[v], drug, dose, single, day, dose.doses_per_day, span=child.span, exceeded=over,
                       ages=ages)
    conc: Concentration | None = None
    assumed = False
    if dose.ml is not None:
        if dose.strength_mg is not None and dose.strength_ml is not None:
            conc = stated_concentration(drug, dose.strength_mg, dose.strength_ml)
        else:
            choice = choose_concentration(drug, text)
            if choice.conc is None:
                win = (window(drug, child.weight_kg, young, indication=indication)
                       if child.weight_kg is not None else None)
                return Finding("unknown_strength", drug, dose, weight_kg=child.weight_kg, span=child.span, win=win,
                               unknown_word=choice.word, ages=ages,
                               weight_range=weight_range(growth, child.span) if child.span and not win else None)
            conc, assumed = choice.conc, choice.status == "assumed"
        mg = dose.ml * conc.mg_per_ml
    elif dose.mg_per_kg is not None:
        assert child.weight_kg is not None
        mg = dose.mg_per_kg * child.weight_kg
    else:
        assert dose.mg is not None
        mg = dose.mg
    single, day = _amounts(dose, mg)
    j = judge(drug, child, growth, single, day, dose.doses_per_day, indication)
    finding = Finding(j.kind, drug, dose, single, day, dose.doses_per_day, child.weight_kg, j.weight_range, child.span,
                      j.win, conc, assumed, exceeded=j.exceeded, liquids=[conc] if conc else [], ages=ages,
                      infant_win=j.infant_win)
    if conc is not None and assumed and dose.ml is not None:
        for other in drug.concentrations:
            if other is conc or not other.offered:
                continue
            alt_single, alt_day = _amounts(dose, dose.ml * other.mg_per_ml)
            alt_kind = judge(drug, child, growth, alt_single, alt_day, dose.doses_per_day, indication).kind
            if alt_kind != j.kind:
                finding.alternatives.append((other, dose.ml * other.mg_per_ml, alt_kind))
    return finding


_ALTERNATING = re.compile(r"\balternat\w*|\bswitch(?:ing)? (?:between|back and forth)|\bback and forth\b", re.I)


def often_finding(dose: ProposedDose, drug: PedsDrug, child: Child, growth: GrowthTable) -> Finding | None:
    """A medicine given more often than labelled, with no amount ('motrin every 4 hours'); None when not too often."""
    dose = labelled_range(dose, drug)
    ages = plausible_ages(child, growth)
    if not too_often(drug, dose.doses_per_day, rule_age(drug, ages)):
        return None
    w = window(drug, child.weight_kg, rule_age(drug, ages)) if child.weight_kg is not None else None
    return Finding("too_often", drug, dose, doses_per_day=dose.doses_per_day, weight_kg=child.weight_kg,
                   span=child.span, win=w, exceeded=["doses_per_day"], ages=ages,
                   liquids=offered_liquids(drug, ages, w.single_low, w.single_high) if w else [])


def _dropper_finding(drug: PedsDrug, child: Child, peds: PedsData, text: str) -> Finding:
    """'A dropperful of infant tylenol': the amount cannot be known; the dose for the weight, to measure in mL."""
    asked = _asked_finding(drug, child, peds, text, None)
    return replace(asked, kind="unknown_amount") if asked.kind == "dose_for_weight" else \
        Finding("unknown_amount", drug, span=child.span, ages=asked.ages)


def _asked_drugs(query: Query, peds: PedsData, dosed: set[str], blocked: set[str]) -> list[PedsDrug]:
    """Drugs the question asks a dose for without proposing one."""
    if Intent.DOSING not in query.intents and not _ASKED.search(query.text):
        return []
    spans = negated_spans(query.text)
    out: list[PedsDrug] = []
    for m in find_mentions(query.text, peds.drug_names):
        if m.drug in dosed or m.drug in blocked or is_negated(spans, m.start, m.end):
            continue
        drug = peds.by_id[m.drug]
        if drug not in out:
            out.append(drug)
    return out


def _asked_finding(drug: PedsDrug, child: Child, peds: PedsData, text: str, indication: Indication | None) -> Finding:
    """The dose for a drug asked about without a proposed dose: by weight, the adult dose, or a request for the
    weight. Volumes are given in the strength stated or named, in the strengths that suit the child when none
    is, and not at all when the product named comes in varying strengths."""
    ages = plausible_ages(child, peds.growth)
    if child.weight_kg is None:
        adult_age = child.span is not None and is_adult(drug, None, child.span[0])
        wrange = weight_range(peds.growth, child.span) if not adult_age and child.span else None
        return Finding("adult_dose" if adult_age else "needs_weight", drug, weight_range=wrange, span=child.span,
                       ages=ages)
    w = window(drug, child.weight_kg, rule_age(drug, ages), indication=indication)
    strengths = stated_strengths(text)
    unknown: str | None = None
    if strengths:
        liquids = [stated_concentration(drug, strengths[0].mg, strengths[0].ml)]
    else:
        choice = choose_concentration(drug, text)
        unknown = choice.word if choice.status == "unknown" else None
        liquids = ([choice.conc] if choice.status == "named" and choice.conc else [] if choice.status == "unknown"
                   else offered_liquids(drug, ages, w.single_low, w.single_high))
    return Finding("dose_for_weight", drug, weight_kg=child.weight_kg, span=child.span, win=w, liquids=liquids,
                   unknown_word=unknown, ages=ages, infant_win=infant_window(drug, child, ages, indication))


def paediatric_check(query: Query, peds: PedsData) -> PedsResult:
    """Age limits crossed, every proposed dose checked, and doses for the weight when one is asked for."""
    ctx = query.context
    child = child_of(ctx)
    doses = parse_doses(query.text, peds.drug_names, peds.unit_strengths)
    poison = ingestion_names(peds)
    ingestion = detect_ingestion(query.text, list(poison), child is not None, ingestion_intervals(peds))
    cite = list(dict.fromkeys(c for n in ingestion.names for c in poison[n])) if ingestion else []
    if ingestion is not None:
        doses = summed(doses, ingestion)
    if child is None and ctx.age_group is None and (any(d.mg_per_kg is not None for d in doses)
                                                     or child_implied(query.text, doses, peds)):
        child = Child(None, None, None)  # "is 20 mg/kg of ibuprofen ok?" is a child's dose
    if child is None:
        return PedsResult(ingestion=ingestion, ingestion_cite=cite)
    result = PedsResult(limits=crossed_limits(query.text, ctx, peds.limits, peds.growth), ingestion=ingestion,
                        ingestion_cite=cite, child=True)
    result.fever = fever_rule(query.text, child.span, peds.fever_rules)
    result.not_fever = below_fever(query.text, child.span, peds.fever_threshold)
    result.unitless = unitless_weight(query.text) if child.weight_kg is None else None
    usual = unusual_weight(child, peds.growth)
    stated = stated_weight(query.text)
    if usual is not None and stated is not None and child.span is not None:
        named = find_mentions(query.text, peds.drug_names)
        result.unusual = UnusualWeight(stated, child.span, usual, named[0].drug if named else "")
        child = Child(None, child.span, child.group)  # judged by age only: the heaviest usual child of this age
    # No dose for a drug a limit rules out, or could rule out ('do not use' under 2, for a toddler of 1 to 3 years).
    blocked = {d.id for h in result.limits
               if (h.definite or h.limit.severity == "do_not_use") and not h.limit.show_dose for d in peds.drugs
               if set(d.names) & set(h.limit.names)}
    # Product words are also looked for in the question as typed: the spelling corrector turns "childrens" into
    # "children", which names no product.
    product_text = f"{query.text}\n{fold(query.question)}"
    several = len({m.drug for m in find_mentions(query.text, peds.drug_names)}) > 1
    seen: set[tuple[str, float | None, float | None, float | None]] = set()
    for dose in doses:
        drug = peds.by_id[dose.drug]
        key = (dose.drug, dose.mg, dose.ml, dose.mg_per_kg)
        if key in seen:
            continue  # the same amount of the same drug, said twice
        seen.add(key)
        # With two drugs named, each amount's product words are those of its own phrase ('infant tylenol').
        words = query.text[dose.phrase[0]:dose.phrase[1]] if several and dose.phrase else product_text
        if ingestion is not None and many_taken(dose, ingestion):
            continue  # Poison Control, not a dose range, for a handful of tablets or an overdose on purpose
        finding = evaluate(dose, drug, child, peds.growth, words, indication_of(drug, query.text))
        finding.ingested, finding.indication = ingestion is not None, indication_of(drug, query.text)
        if drug.id in blocked:
            if finding.kind not in ABOVE_KINDS and finding.kind != "too_often":
                continue  # the age limit says what to do; no dose is judged 'right' for this child
            finding.blocked = True
        result.findings.append(finding)
    # 'alternating tylenol and motrin every 3 hours': the interval is the alternation's, not each medicine's.
    alternating = bool(_ALTERNATING.search(query.text))
    often = [] if ingestion or result.unusual or alternating else \
        frequency_only(query.text, peds.drug_names, {d.drug for d in doses})
    for dose in often:
        drug = peds.by_id[dose.drug]
        found = None if drug.id in blocked else often_finding(dose, drug, child, peds.growth)
        result.findings.extend([found] if found else [])
    for drug_id in [] if ingestion else dropper_drugs(query.text, peds.drug_names):
        drug = peds.by_id[drug_id]
        if drug_id not in blocked and drug_id not in {f.drug.id for f in result.findings}:
            result.findings.append(_dropper_finding(drug, child, peds, product_text))
    dosed = {d.drug for d in doses} | {f.drug.id for f in result.findings}
    for drug in [] if ingestion or result.unusual else _asked_drugs(query, peds, dosed, blocked):
        result.findings.append(_asked_finding(drug, child, peds, product_text, indication_of(drug, query.text)))
    result.timing = dose_timing(query.text, peds, blocked) if ingestion is None else None
    if result.timing is not None:
        t = result.timing
        done = {d.id for d in t.drugs if limit_reached(d, t.given(d))}  # no other dose today: none is worked out
        result.findings = [f for f in result.findings if f.drug.id not in done or f.dose is not None]
    # A limit that may apply (the age is not known precisely) and allows no home dose: the dose holds only from
    # its age ('only if your baby is 3 months or older'; ibuprofen: 6 months).
    maybe_too_young: dict[str, float] = {}
    for h in result.limits:
        if h.definite or h.limit.show_dose or h.limit.severity == "do_not_use":
            continue
        for d in peds.drugs:
            if set(d.names) & set(h.limit.names):
                maybe_too_young[d.id] = max(maybe_too_young.get(d.id, 0.0), h.limit.under_months)
    for f in result.findings:
        f.from_months = maybe_too_young.get(f.drug.id)
    return result
