"""Paediatric dose safety through the engine: weight-based and age-only checks, liquids, age limits, citations.

Expected figures are recomputed here from the data files (library/peds), never copied from an answer.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, make_engine
from guidewise.compose.answer import Answer, DoseWarning
from guidewise.compose.peds_dose import MEASURE_SLACK, weight_range
from guidewise.engine import Engine
from guidewise.library.peds.loader import load_peds
from guidewise.retrieve.router import Route
from guidewise.understand.doses import parse_doses
from guidewise.understand.query import Query
from guidewise.understand.weight import LB_TO_KG, extract_weight_kg

PAEDIATRIC_CHECKS = True  # the checks are off by default until a clinical review signs them off

PEDS = load_peds()
APAP, IBU, AMOX = PEDS.by_id["acetaminophen"], PEDS.by_id["ibuprofen"], PEDS.by_id["amoxicillin"]
AUDIENCES = ("clinician", "patient")


class NoTopics:
    """A Router that never chooses a topic."""

    def route(self, query: Query) -> Route:
        return Route(None, 0.0, "test")


def ask(engine: Engine, q: str, audience: str = "clinician") -> Answer:
    return engine.ask(q, audience, record=False)


def peds_warnings(a: Answer, drug: str | None = None) -> list[DoseWarning]:
    return [w for w in a.dose_warnings if w.kind != "age_limit" and (drug is None or w.drug == drug)]


def dose_check(a: Answer) -> list[str]:
    return [s.text for s in a.sections[0].statements] if a.sections and a.sections[0].id == "dose_check" else []


def assert_cited(a: Answer) -> None:
    refs = {r.n for r in a.references}
    for w in a.dose_warnings:
        assert w.citations and set(w.citations) <= refs, w
    for s in a.sections[0].statements if a.sections and a.sections[0].id == "dose_check" else []:
        assert s.citations and set(s.citations) <= refs, s


# -- understanding ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "kg"), [
    ("my 10 kg baby", 10.0), ("she weighs 22 lbs", 22 * LB_TO_KG), ("a 7 lb 8 oz newborn", 7.5 * LB_TO_KG),
    ("12kg toddler", 12.0), ("he is 25 kilos", 25.0), ("a 30-pound 3 year old", 30 * LB_TO_KG),
])
def test_weight_is_read_in_kg_or_lb(text: str, kg: float) -> None:
    assert extract_weight_kg(text) == pytest.approx(kg, abs=0.01)


@pytest.mark.parametrize("text", ["15 mg/kg of ibuprofen", "I lost 5 kg", "gained 10 pounds", "100 mg per kg a day",
                                  "I lifted 10 kg and hurt my back", "carrying a 20 kg bag"])
def test_amounts_that_are_not_a_body_weight_are_ignored(text: str) -> None:
    assert extract_weight_kg(text) is None


NAMES = PEDS.drug_names


@pytest.mark.parametrize(("text", "expected"), [
    ("1 tsp of motrin", {"drug": "ibuprofen", "ml": 5.0}),
    ("half a teaspoon of tylenol", {"drug": "acetaminophen", "ml": 2.5}),
    ("1 1/2 tsp of tylenol", {"drug": "acetaminophen", "ml": 7.5}),
    ("7.5 ml of tylenol 160 mg/5 ml", {"drug": "acetaminophen", "ml": 7.5, "strength_mg_per_ml": 32.0}),
    ("two 200 mg advil tablets", {"drug": "ibuprofen", "mg": 400.0}),
    ("1,000 mg of tylenol every 4 hours", {"drug": "acetaminophen", "mg": 1000.0, "doses_per_day": 6.0}),
    ("amoxicillin 250 mg three times a day", {"drug": "amoxicillin", "mg": 250.0, "doses_per_day": 3.0}),
    ("tylenol 600 mg a day", {"drug": "acetaminophen", "mg": 600.0, "per_day": True}),
    ("20 mg/kg of ibuprofen", {"drug": "ibuprofen", "mg_per_kg": 20.0}),
])
def test_proposed_doses_are_parsed(text: str, expected: dict[str, object]) -> None:
    (dose,) = parse_doses(text, NAMES)
    for key, value in expected.items():
        assert getattr(dose, key) == value, (key, dose)


def test_each_amount_goes_to_its_own_drug() -> None:
    doses = parse_doses("160 mg of tylenol and 100 mg of motrin", NAMES)
    assert [(d.drug, d.mg) for d in doses] == [("acetaminophen", 160.0), ("ibuprofen", 100.0)]


# -- the examples ------------------------------------------------------------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
def test_two_year_old_500_mg_ibuprofen_is_flagged_by_age(engine: Engine, audience: str) -> None:
    a = ask(engine, "can I give my 2 year old 500 mg ibuprofen", audience)
    (w,) = peds_warnings(a, "ibuprofen")
    lo, hi = weight_range(PEDS.growth, (24, 36))  # a "2 year old" is 24 to 36 months
    assert w.kind == "above_range_for_age" and w.weight_source == "growth_chart"
    assert w.weight_range_kg == [lo, hi] and w.weight_kg == hi
    assert w.max_mg_per_dose == pytest.approx(min(IBU.dose_high * hi, IBU.max_single_mg))
    assert w.mg_per_kg == pytest.approx(500 / hi, abs=0.01)
    assert a.sections[0].id == "dose_check" and w.text in dose_check(a)
    assert_cited(a)
    growth_refs = {r.title for r in a.references if "Growth" in r.title}
    assert len(growth_refs) == 2, "the CDC and WHO growth charts are cited"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_ten_kg_baby_gets_the_dose_for_ten_kg(engine: Engine, audience: str) -> None:
    a = ask(engine, "my 10 kg baby, how much acetaminophen", audience)
    assert a.context.get("weight_kg") == 10.0 and "10 kg" in a.considered
    weight_doses = [s for s in a.sections[0].statements if s.kind == "weight_dose"]
    assert len(weight_doses) == 1
    text = weight_doses[0].text
    low, high = APAP.dose_low * 10, APAP.dose_high * 10  # type: ignore[operator]
    assert f"{low:g} to {high:g} mg" in text
    conc = APAP.default_concentration
    assert conc is not None
    ml_low = math.ceil(low / conc.mg_per_ml * 10) / 10
    assert f"{ml_low:g} to" in text and "bottle" in text
    assert f"{APAP.day_high * 10:g} mg" in text  # the daily maximum for 10 kg
    assert_cited(a)
    assert not peds_warnings(a), "a dose that was asked for is not a warning"


def test_dose_for_a_heavy_child_is_the_adult_dose_the_check_uses(engine: Engine) -> None:
    """From the adult weight the dose asked for is the adult label dose: the same limits the check applies."""
    a = ask(engine, "my 15 year old weighs 80 kg, how much ibuprofen can he have")
    (st_,) = [s for s in a.sections[0].statements if s.kind == "weight_dose"]
    assert f"up to {IBU.max_single_mg:,g} mg per dose" in st_.text and "adult" in st_.text
    assert f"{IBU.max_daily_mg:,g} mg/day" in st_.text
    assert not peds_warnings(ask(engine, f"my 15 year old weighs 80 kg, is {IBU.max_single_mg:g} mg of ibuprofen ok"))


# -- weight-based verdicts: any weight, any dose ----------------------------------------------------
# From 6 kg: lighter babies are most likely under 6 months (ibuprofen) or 3 months (acetaminophen), where no home
# dose is judged (see test_peds_review).
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drug=st.sampled_from(["acetaminophen", "ibuprofen"]), kg=st.integers(6, 49), mg=st.integers(10, 1500))
def test_weight_based_verdict_matches_the_labelled_range(engine: Engine, drug: str, kg: int, mg: int) -> None:
    d = PEDS.by_id[drug]
    a = ask(engine, f"my child weighs {kg} kg, is {mg} mg of {drug} ok?")
    high = min(d.dose_high * kg, d.max_single_mg)
    low = min(d.dose_low * kg, high)  # type: ignore[operator]
    top = high if d.dose_high * kg >= d.max_single_mg else high * (1 + MEASURE_SLACK)  # measuring slack, never a cap
    kinds = [w.kind for w in peds_warnings(a, drug)]
    expected = ["above_range"] if mg > top else ["below_range"] if mg < low else []
    assert kinds == expected, (kg, mg, dose_check(a))
    if kinds:
        assert peds_warnings(a)[0].mg_per_kg == pytest.approx(mg / kg, abs=0.01)
    assert any(f"{mg / kg:.1f}".rstrip("0").rstrip(".") in t for t in dose_check(a)), "the arithmetic is shown"


def test_per_day_totals_are_checked(engine: Engine) -> None:
    kg, mg = 12, 150  # 12.5 mg/kg per dose is fine; six doses a day is 75 mg/kg/day... at 4-hourly
    a = ask(engine, f"my 2 year old weighs {kg} kg, can I give {mg} mg tylenol every 4 hours")
    per_day = mg * math.ceil(24 / 4)
    (w,) = peds_warnings(a, "acetaminophen")
    assert w.proposed_mg_per_day == per_day and w.max_mg_per_day == APAP.day_high * kg
    assert w.kind == ("above_range" if per_day > APAP.day_high * kg else "too_often")
    ok = ask(engine, f"my 2 year old weighs {kg} kg, can I give {mg} mg tylenol every 6 hours")
    assert not peds_warnings(ok)


def test_too_many_doses_a_day_is_flagged_even_within_the_daily_mg(engine: Engine) -> None:
    a = ask(engine, "my son weighs 15 kg, is 100 mg motrin every 4 hours ok")  # 600 mg = 40 mg/kg/day
    (w,) = peds_warnings(a, "ibuprofen")
    assert w.kind == "too_often" and IBU.max_doses_per_day is not None and IBU.max_doses_per_day < 6


def test_mg_per_kg_is_judged_without_a_weight(engine: Engine) -> None:
    a = ask(engine, "is 20 mg/kg of ibuprofen ok for my child")
    (w,) = peds_warnings(a, "ibuprofen")
    assert w.kind == "above_range" and w.mg_per_kg == 20
    assert not peds_warnings(ask(engine, "is 10 mg/kg of ibuprofen ok for my child"))


# -- liquids ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
def test_teaspoons_and_ml_are_converted_the_same_way(engine: Engine, audience: str) -> None:
    by_tsp = ask(engine, "my 12 kg daughter, can she have 3 teaspoons of children's motrin", audience)
    by_ml = ask(engine, "my 12 kg daughter, can she have 15 ml of children's motrin", audience)
    (w1,), (w2,) = peds_warnings(by_tsp), peds_warnings(by_ml)
    conc = IBU.default_concentration
    assert conc is not None
    assert w1.proposed_mg == w2.proposed_mg == 15 * conc.mg_per_ml and w1.proposed_ml == 15
    assert w1.kind == "above_range" and w1.concentration == conc.strength and w1.concentration_assumed is False
    assert "(15 mL)" in dose_check(by_tsp)[0]


def test_an_unstated_strength_is_assumed_and_said(engine: Engine) -> None:
    a = ask(engine, "my 12 kg son, is 5 ml of motrin ok")
    text = dose_check(a)[0]
    default = IBU.default_concentration
    drops = next(c for c in IBU.concentrations if not c.default)
    assert default is not None and text.startswith("Assuming") and default.label in text
    assert drops.label in text and f"{5 * drops.mg_per_ml:g} mg" in text, "the other strength is named too"
    assert "bottle" in text and not peds_warnings(a)


def test_a_stated_strength_wins(engine: Engine) -> None:
    a = ask(engine, "my 20 kg son: 10 ml of amoxicillin 400 mg/5 ml twice a day?")  # 1600 mg/day = 80 mg/kg/day
    assert not peds_warnings(a)
    b = ask(engine, "my 20 kg son: 20 ml of amoxicillin 400 mg/5 ml twice a day?")  # 3200 mg/day = 160 mg/kg/day
    (w,) = peds_warnings(b, "amoxicillin")
    assert w.proposed_mg_per_day == 3200 and w.concentration == "400 mg/5 mL" and w.kind == "above_range"


def test_infant_drops_words_select_the_drops_strength(engine: Engine) -> None:
    drops = next(c for c in IBU.concentrations if not c.default)
    a = ask(engine, "my 8 month old weighs 8 kg, is 2.5 ml of infant motrin drops ok")
    (w,) = peds_warnings(a, "ibuprofen")
    assert w.proposed_mg == pytest.approx(2.5 * drops.mg_per_ml) and w.kind == "above_range"
    assert w.concentration == drops.strength and w.concentration_assumed is False


# -- age only -------------------------------------------------------------------------------------------
def test_age_only_plausible_dose_asks_for_the_weight(engine: Engine) -> None:
    a = ask(engine, "can my 3 year old have 160 mg of tylenol", "patient")
    assert not peds_warnings(a)
    text = dose_check(a)[0]
    lo, hi = weight_range(PEDS.growth, (36, 48))
    assert f"{lo:g} to {hi:g} kg" in text and "weight" in text


def test_age_only_underdose_is_flagged(engine: Engine) -> None:
    a = ask(engine, "is 40 mg of tylenol enough for my 6 year old")
    (w,) = peds_warnings(a, "acetaminophen")
    lo, _ = weight_range(PEDS.growth, (72, 84))
    assert w.kind == "below_range_for_age" and w.weight_kg == lo and APAP.dose_low * lo > 40  # type: ignore[operator]


def test_age_only_dose_question_asks_for_weight_without_giving_a_dose(engine: Engine) -> None:
    a = ask(engine, "how much ibuprofen can I give my 4 year old", "patient")
    (note,) = dose_check(a)
    assert "weigh" in note and " mL" not in note and not peds_warnings(a)


def test_baby_without_age_uses_the_first_year_weights(engine: Engine) -> None:
    a = ask(engine, "can I give my baby 500 mg of tylenol")
    (w,) = peds_warnings(a, "acetaminophen")
    assert w.kind == "above_range_for_age" and w.weight_range_kg == list(weight_range(PEDS.growth, (0, 12)))


# -- age limits ----------------------------------------------------------------------------------------
LIMIT_CASES = [(lim.id, q) for lim in PEDS.limits for q in lim.examples.positive]


@pytest.mark.parametrize(("limit_id", "question"), LIMIT_CASES)
def test_every_age_limit_is_named_when_crossed(engine: Engine, limit_id: str, question: str) -> None:
    answers = [ask(engine, question, aud) for aud in AUDIENCES]
    for a in answers:
        hits = [w for w in a.dose_warnings if w.kind == "age_limit" and w.limit_id == limit_id]
        assert len(hits) == 1, (question, a.dose_warnings)
        assert hits[0].severity in ("do_not_use", "ask_doctor", "see_doctor_now")
        assert_cited(a)
    clin, pat = (next(w for w in a.dose_warnings if w.limit_id == limit_id) for a in answers)
    assert clin.text != pat.text and clin.citations == pat.citations


@pytest.mark.parametrize("question", [q for lim in PEDS.limits for q in lim.examples.negative])
def test_age_limit_negative_examples_raise_no_limit(engine: Engine, question: str) -> None:
    a = ask(engine, question)
    limit_ids = {lim.id for lim in PEDS.limits if question in lim.examples.negative}
    assert not [w for w in a.dose_warnings if w.limit_id in limit_ids]


def test_a_denied_product_is_not_flagged(engine: Engine) -> None:
    a = ask(engine, "my 5 year old has the flu, I will not give aspirin, is tylenol ok?")
    assert not [w for w in a.dose_warnings if w.limit_id == "aspirin-children-teenagers"]


def test_unknown_age_states_the_limit_conditionally(engine: Engine) -> None:
    a = ask(engine, "can my kid have tylenol with codeine", "patient")
    (w,) = [w for w in a.dose_warnings if w.limit_id == "codeine-under-12"]
    assert w.text.startswith("If your child is under 12 years")
    cough = ask(engine, "can my kid have codeine cough syrup", "patient")  # the wider cough-medicine limit
    (w,) = [w for w in cough.dose_warnings if w.limit_id == "opioid-cough-cold-under-18"]
    assert w.text.startswith("If your child is under 18 years")


def test_every_limit_and_range_is_cited_to_a_real_source(engine: Engine) -> None:
    """Each reference behind the paediatric data has a title, a publisher and a URL or a year."""
    a = ask(engine, "can I give my 3 month old honey and 5 ml of motrin")
    assert {w.kind for w in a.dose_warnings} >= {"age_limit"}
    for r in a.references:
        assert r.title and r.source and r.year
        assert r.url is None or r.url.startswith("https://")
    assert_cited(a)


# -- adults, and no false alarms ----------------------------------------------------------------------
@pytest.mark.parametrize("question", [
    "I weigh 70 kg, can I take 1000 mg of tylenol", "is 400 mg of ibuprofen three times a day ok for back spasm?",
    "my 45 year old husband took 650 mg of acetaminophen", "aspirin 81 mg daily after a heart attack",
])
def test_adults_get_no_paediatric_findings(engine: Engine, question: str) -> None:
    a = ask(engine, question)
    assert not a.dose_warnings and not dose_check(a)


def test_adult_overdose_warning_is_kept(engine: Engine) -> None:
    a = ask(engine, "can I take 6000 mg of tylenol a day")
    (w,) = a.dose_warnings
    assert w.kind == "above_max" and w.proposed_mg_per_day == 6000


# -- every kind of answer --------------------------------------------------------------------------
def test_topic_dose_only_and_literature_answers_all_carry_the_check(engine: Engine, tmp_path: Path) -> None:
    topic = ask(engine, "my 2 year old has a fever, can I give 500 mg ibuprofen")
    assert topic.topic is not None and peds_warnings(topic)
    lit_engine = make_engine(tmp_path, dose={"paediatric": True})
    lit_engine.router = NoTopics()  # the Router is a swappable stage: here no topic may answer
    doc = tmp_path / "hfmd.md"
    doc.write_text("# Hand, foot and mouth disease in young children: supportive care\n\n## Management\n\n"
                   "Hand, foot and mouth disease is a common enteroviral illness of young children; care is "
                   "supportive, with fluids and analgesia such as ibuprofen for painful mouth sores.\n")
    lit_engine.ingest([doc])
    q = "my 3 year old has hand foot and mouth disease, can I give 300 mg ibuprofen for the mouth sores"
    for audience in AUDIENCES:
        lit = lit_engine.ask(q, audience, record=False)
        assert lit.source == "literature" and lit.sections[0].id == "dose_check"
        assert [w.kind for w in peds_warnings(lit)] == ["above_range_for_age"]
        assert any(r.title.startswith("Hand, foot") for r in lit.references)
        assert_cited(lit)
    only = lit_engine.ask("can I give my 2 year old 500 mg ibuprofen", record=False)
    assert only.source == "library" and only.topic is None and [s.id for s in only.sections] == ["dose_check"]
    assert_cited(only)


def test_a_follow_up_with_the_weight_gets_the_dose(engine: Engine) -> None:
    first = engine.ask("my 2 year old has a fever")
    follow = engine.ask("she weighs 12 kg, how much tylenol can I give?", thread_id=first.thread_id)
    assert follow.context.get("weight_kg") == 12 and follow.topic and follow.topic.id == "fever-pain-children"
    (st_,) = [s for s in follow.sections[0].statements if s.kind == "weight_dose"]
    assert f"{APAP.dose_low * 12:g} to {APAP.dose_high * 12:g} mg" in st_.text  # type: ignore[operator]


def test_paediatric_questions_never_reach_the_logs(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        engine.ask("my 23 lb granddaughter Philomena needs 7.5 ml of motrin", record=False)
    logged = " ".join(r.getMessage() + " " + str(r.args) for r in caplog.records).lower()
    for word in ("philomena", "granddaughter", "23 lb", "7.5", "motrin"):
        assert word not in logged


# Held-out items written before the paediatric review whose expectation the review overturned: they are kept
# as written (the held-out set is never edited) and checked here for the behaviour the review asked for instead.
SUPERSEDED_HOLDOUT = {
    # review item 5: no home dose under 3 months; the under-3-months limit replaces the under-2 label limit
    "My 5 week old has a fever, can I give her 40 mg of tylenol?": "acetaminophen-under-3-months",
    # a 4 kg baby is most likely under 3 months (below the lightest usual weight at 3 months): no home dose
    "my baby is 4 kg, how much tylenol": "acetaminophen-under-3-months",
}


def test_the_bench_set_stays_fully_handled(engine: Engine) -> None:
    """Every item of bench/data/peds_dosing.yaml (main and held-out): verdicts and age limits as expected."""
    import sys

    sys.path.insert(0, str(REPO))
    from bench.common import load_items
    from bench.peds_dose_eval import child_topic_ids, score

    misses = []
    for item in load_items("peds_dosing.yaml"):
        a = ask(engine, item["q"], "patient")
        if item.get("set") == "holdout" and item["q"] in SUPERSEDED_HOLDOUT:
            limits = {w.limit_id for w in a.dose_warnings if w.kind == "age_limit"}
            assert limits == {SUPERSEDED_HOLDOUT[item["q"]]}, (item["q"], limits)
            assert not any(s.kind == "weight_dose" for s in a.all_statements()), item["q"]
            continue
        ok, _, why = score(item, a, child_topic_ids(engine))
        if not ok:
            misses.append((item["q"], why))
    assert misses == []


def test_an_adult_lifting_a_weight_is_not_a_child(engine: Engine) -> None:
    a = ask(engine, "I lifted 10 kg at the gym and hurt my back, can I take 800 mg of ibuprofen")
    assert "weight_kg" not in a.context and not a.dose_warnings


@pytest.mark.parametrize("question", [
    "can I give my 2 year old 500 mg ibuprofen", "is 400 mg of ibuprofen three times a day ok for back spasm?",
    "my 12 kg son, is 5 ml of motrin ok", "can I take 6000 mg of tylenol a day",
])
def test_every_listed_reference_is_cited(engine: Engine, question: str) -> None:
    """No reference is listed that nothing in the answer cites (checks that raise no warning cite nothing)."""
    a = ask(engine, question)
    cited = {n for s in a.all_statements() for n in s.citations}
    cited |= {n for w in a.dose_warnings for n in w.citations}
    cited |= set(a.bottom_line.citations) if a.bottom_line else set()
    assert cited == {r.n for r in a.references}


def test_teenagers_get_the_adult_label_dose_without_a_weight(engine: Engine) -> None:
    asked = ask(engine, "how much ibuprofen for my 14 year old")
    (st_,) = [s for s in asked.sections[0].statements if s.kind == "weight_dose"]
    assert f"{IBU.max_single_mg:g} mg per dose" in st_.text and f"{IBU.max_daily_mg:,g} mg" in st_.text
    over = ask(engine, "my 13 year old, 400 mg advil 4 times a day ok?")  # 1600 mg > the 1200 mg/day cap
    (w,) = peds_warnings(over)
    assert w.kind == "above_max" and w.proposed_mg_per_day == 1600 and "weight" not in w.text
    assert not peds_warnings(ask(engine, "my 13 year old, 400 mg advil ok?"))
