"""Every child's dose in a question, checked by weight or by age; doses computed for a stated weight."""

from __future__ import annotations

import re
from dataclasses import replace

from guidewise.compose.age_limits import below_fever, crossed_limits, fever_rule
from guidewise.compose.peds_asked import (
    asked_drugs,
    asked_finding,
    dropper_finding,
    labelled_range,
    often_finding,
)
from guidewise.compose.peds_dose import (
    Child,
    child_of,
    exceeded,
    is_adult,
    limit_reached,
    per_kg_verdict,
    per_kg_window,
    plausible_ages,
    rule_age,
    unusual_weight,
    weight_range,
    window,
)
from guidewise.compose.peds_finding import ABOVE_KINDS, Finding, PedsResult, UnusualWeight
from guidewise.compose.peds_judge import KIND, judge
from guidewise.compose.peds_liquids import choose_concentration, stated_concentration
from guidewise.compose.peds_poison import ingestion_intervals, ingestion_names, many_taken, summed
from guidewise.compose.peds_timing import child_implied, dose_timing
from guidewise.library.peds.loader import PedsData
from guidewise.library.peds.schema import Concentration, GrowthTable, Indication, PedsDrug
from guidewise.understand.dose_measures import frequency_only, unmeasured_amounts
from guidewise.understand.doses import (
    ProposedDose,
    find_mentions,
    name_pattern,
    parse_doses,
)
from guidewise.understand.ingestion import Ingestion, detect_ingestion
from guidewise.understand.negation import is_negated, negated_spans
from guidewise.understand.query import Query
from guidewise.understand.text import fold
from guidewise.understand.urgent import Urgent
from guidewise.understand.weight import stated_weight, unitless_weight


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


def label_interval(dose: ProposedDose, drug: PedsDrug) -> bool:
    """A product amount (mL or tablets) given at the label's shortest interval ('childrens tylenol every 4 hours,
    7 ml'): the label's own wording ('every 4 hours while symptoms last, no more than 5 times in 24 hours'), read
    as at most its doses in 24 hours rather than around the clock. A mg or mg/kg regimen ('15 mg/kg q4h') is
    counted around the clock."""
    product = dose.ml is not None or dose.count_text is not None
    return bool(product and not dose.per_day and dose.every_hours is not None and dose.every_hours_max is None
                and dose.every_hours == drug.min_interval_hours and drug.max_doses_per_day
                and dose.doses_per_day and dose.doses_per_day > drug.max_doses_per_day)


def teen_label_dose(dose: ProposedDose, drug: PedsDrug, child: Child) -> bool:
    """Counted tablets for a teenager old enough for the adult label but lighter than the adult weight ('my 13
    year old is 45 kg, 2 extra strength tylenol'): the label allows one such dose from that age; the answer also
    gives the dose by weight and the daily most by weight. A stated frequency is judged by weight."""
    frm = drug.adult_from
    return bool(dose.count_text and not dose.doses_per_day and not dose.per_day and child.weight_kg is not None
                and child.span is not None and frm.years is not None and child.span[0] >= frm.years * 12
                and frm.label_table_kg is not None and child.weight_kg > frm.label_table_kg
                and not is_adult(drug, child.weight_kg, child.span[0]))


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
    if label_interval(dose, drug) and judge(drug, child, growth, mg, None, None, indication).kind not in ABOVE_KINDS:
        # 'every 4 hours' with a right amount of a product: the label's own interval, at most its doses in 24 hours
        dose = replace(dose, doses_per_day=float(drug.max_doses_per_day or 0), label_interval=True)
    single, day = _amounts(dose, mg)
    judged = child
    if teen_label_dose(dose, drug, child):  # '2 extra strength tylenol' at 13: the label's dose from 12 years
        judged = Child(None, child.span, child.group)
        if judge(drug, judged, growth, single, day, dose.doses_per_day, indication).kind != "within_max":
            judged = child
    j = judge(drug, judged, growth, single, day, dose.doses_per_day, indication)
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


TEEN_FROM_MONTHS = 120  # from 10 years, many tablets at once are treated as taken on purpose
_MANY_WORDS = re.compile(r"\b(?:a bunch|a handful|a lot|lots|loads|heaps|the whole|a whole|all (?:of )?(?:my|his|her|"
                         r"the|their)|too many|\d{2,}(?! ?(?:mg|ml|mls|mcg|g|kg|lbs?|years?|months?|hours?|minutes?)\b))\b",
                         re.I)


def teen_many(text: str, child: Child | None, doses: list[ProposedDose], ingestion: Ingestion) -> bool:
    """A child of 10 or older who took many tablets at once ('my 14 year old took 30 of my sleeping pills')."""
    if child is None or child.span is None or child.span[0] < TEEN_FROM_MONTHS or ingestion.repeat:
        return False
    return any(many_taken(d, ingestion) for d in doses) or bool(_MANY_WORDS.search(text))


_ALTERNATING = re.compile(r"\balternat\w*|\bswitch(?:ing)? (?:between|back and forth)|\bback and forth\b", re.I)


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
        if teen_many(query.text, child, doses, ingestion):  # treated as deliberate until shown otherwise: 911, 988
            ingestion = replace(ingestion, intentional=True)
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
    for drug_id, measure in [] if ingestion else unmeasured_amounts(query.text, peds.drug_names):
        drug = peds.by_id[drug_id]
        if drug_id not in blocked and drug_id not in {f.drug.id for f in result.findings}:
            result.findings.append(dropper_finding(drug, child, peds, product_text, measure))
    dosed = {d.drug for d in doses} | {f.drug.id for f in result.findings}
    for drug in [] if ingestion or result.unusual else asked_drugs(query, peds, dosed, blocked):
        result.findings.append(asked_finding(drug, child, peds, product_text, indication_of(drug, query.text)))
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


_CHECKED_RIGHT = frozenset({"within_range", "below_range", "within_max", "dose_for_weight", "depends_on_weight"})


def without_model_alarm(query: Query, peds: PedsData) -> Urgent | None:
    """The question's urgent banner, unless only the learned model raised it and the question is a child's dose that
    the dose check reads in full and finds right, with no swallowing, extra dose or overdose ('my toddler is 2 and a
    half, 13kg, 6ml of children's paracetamol 160mg/5ml?'): the check that reads the amount outranks a guess from
    the wording."""
    urgent = query.urgent
    if urgent is None or urgent.source != "model":
        return urgent
    result = paediatric_check(query, peds)
    if result.child and result.ingestion is None and result.findings and not result.limits \
            and all(f.kind in _CHECKED_RIGHT for f in result.findings):
        return None
    return urgent
