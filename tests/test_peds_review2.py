"""Paediatric dose safety after the second independent paediatric/pharmacy review: one group of tests per finding.

Each test failed on the code the review examined. Expected figures are recomputed from the data files.
"""

from __future__ import annotations

import pytest

from guidewise.compose.answer import Answer
from guidewise.engine import Engine
from guidewise.library.peds.loader import load_peds
from peds_answers import ask, cited, dose_text, limit_ids, warnings, weight_doses

PAEDIATRIC_CHECKS = True  # the checks are off by default until a clinical review signs them off

PEDS = load_peds()
APAP, IBU, AMOX = PEDS.by_id["acetaminophen"], PEDS.by_id["ibuprofen"], PEDS.by_id["amoxicillin"]
AUDIENCES = ("clinician", "patient")


def first_dose_statement(a: Answer) -> str:
    assert a.sections and a.sections[0].id == "dose_check", "no dose check"
    return a.sections[0].statements[0].text


# -- 1. accidental ingestion and accidental extra doses: Poison Control first ------------------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", [
    "my 2 year old swallowed 10 tylenol tablets", "my toddler drank half a bottle of childrens motrin",
    "i accidentally gave my baby 5 ml of tylenol twice in an hour",
    "my 3 year old got into the tylenol and ate a bunch of chewables", "my 4 year old swallowed some vicks vaporub",
    "i gave my 5 year old a double dose of motrin"])
def test_ingestion_leads_with_poison_control(engine: Engine, question: str, audience: str) -> None:
    a = ask(engine, question, audience)
    lead = first_dose_statement(a)
    assert "Poison Control" in lead and "1-800-222-1222" in lead and "911" in lead
    assert "symptoms" in lead
    (w,) = warnings(a, "poison_control")
    assert w.severity == "call_poison_control"
    cited(a)
    titles = " ".join(r.title for r in a.references)
    assert "Poison Help" in titles
    assert not weight_doses(a)


@pytest.mark.parametrize("question", ["my son ate dinner, can he have motrin", "can my baby drink water after tylenol",
                                      "5 ml of tylenol twice a day for my 2 year old", "my 13 year old took 400 mg ibuprofen"])
def test_ordinary_questions_are_not_ingestion(engine: Engine, question: str) -> None:
    assert not warnings(ask(engine, question), "poison_control")


def test_repeated_doses_within_the_interval_are_added_up(engine: Engine) -> None:
    a = ask(engine, "i accidentally gave my baby 5 ml of tylenol twice in an hour")
    (w,) = warnings(a, drug="acetaminophen", kind="above_range_for_age")
    conc = APAP.default_concentration
    assert conc is not None
    assert w.proposed_mg == pytest.approx(10 * conc.mg_per_ml)
    assert "10 mL in all" in dose_text(a)
    b = ask(engine, "my 12 kg son, I gave 5 ml of childrens tylenol at 2pm and by mistake another 5 ml at 3pm")
    (w,) = warnings(b, drug="acetaminophen", kind="above_range")
    assert w.proposed_mg == pytest.approx(10 * conc.mg_per_ml)
    assert "right dose" not in dose_text(b)


# -- 2. "m/o", "mo old", "mos" are months, and never set the sex --------------------------------------------------
@pytest.mark.parametrize(("text", "months"), [
    ("my 2 m/o weighs 5 kg how much tylenol", 2), ("my 4 m/o weighs 6.5 kg how much motrin", 4),
    ("my 4 mo old weighs 6.5 kg", 4), ("my 4mo weighs 6.5 kg", 4), ("my 2mo has a fever", 2),
    ("my 2 m.o. has a fever", 2), ("my 3 mos old", 3), ("my 6 m/o weighs 16 lbs", 6)])
def test_months_old_abbreviations_are_months(text: str, months: int) -> None:
    from guidewise.understand.context import extract_context

    ctx = extract_context(text)
    assert ctx.age_years == pytest.approx(months / 12, abs=0.01)
    assert ctx.sex is None


def test_years_and_sex_shorthand_still_read() -> None:
    from guidewise.understand.context import extract_context

    ctx = extract_context("45m with chest pain")
    assert (ctx.age_years, ctx.sex) == (45, "male")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_two_month_old_by_m_o_gets_no_home_dose(engine: Engine, audience: str) -> None:
    a = ask(engine, "my 2 m/o weighs 5 kg how much tylenol", audience)
    assert limit_ids(a) == {"acetaminophen-under-3-months"}
    assert not weight_doses(a)
    b = ask(engine, "my 4 m/o weighs 6.5 kg how much motrin", audience)
    assert limit_ids(b) == {"ibuprofen-under-6-months"}
    assert not weight_doses(b)
    assert "male" not in " ".join(a.considered + b.considered)


# -- 3. a weight impossible for the age (kg/lb mix-ups): no dose from it; the unit is asked ------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize(("question", "hint"), [
    ("my 2 year old weighs 26 kg how much tylenol", "26 lb would be 11.8 kg"),
    ("my 3 year old weighs 35 kg, how much motrin", "35 lb would be 15.9 kg"),
    ("my 6 month old weighs 16 kg, how much motrin", "16 lb would be 7.3 kg"),
    ("my 6 year old weighs 20 lbs, how much tylenol", "20 kg would be 44.1 lb"),
    ("my 1 year old weighs 4 kg how much tylenol", "4 kg is 8.8 lb")])
def test_weight_impossible_for_the_age_gives_no_dose(engine: Engine, question: str, hint: str,
                                                     audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = warnings(a, "weight_unusual")
    assert hint in w.text
    assert w.weight_range_kg is not None and w.weight_kg is not None
    assert not weight_doses(a)
    assert not warnings(a, "dose_for_weight")
    cited(a)


def test_weight_impossible_for_the_age_still_flags_a_dose_too_big_for_any_child_of_that_age(engine: Engine) -> None:
    from guidewise.compose.peds_dose import weight_range

    a = ask(engine, "my 2 year old weighs 26 kg, can I give 390 mg of tylenol")
    (w,) = warnings(a, "above_range_for_age")
    hi = weight_range(PEDS.growth, (24.0, 36.0))[1]
    assert w.weight_kg == pytest.approx(hi)  # judged at the heaviest usual 2-year-old, not at 26 kg
    assert warnings(a, "weight_unusual")


@pytest.mark.parametrize("question", ["my 2 year old weighs 12 kg how much tylenol", "my 10 month old weighs 20 lbs, how much tylenol",
                                      "my 13 year old weighs 80 kg, how much ibuprofen"])
def test_usual_weights_are_not_questioned(engine: Engine, question: str) -> None:
    a = ask(engine, question)
    assert not warnings(a, "weight_unusual")
    assert weight_doses(a)


# -- 4. counted tablets: count x the strength written or named -----------------------------------------------------
@pytest.mark.parametrize(("text", "drug", "mg"), [
    ("2 chewable tylenol 160 mg", "acetaminophen", 320), ("two 200 mg advil", "ibuprofen", 400),
    ("my 8 year old weighs 25 kg, 2 advil", "ibuprofen", 400),
    ("1 or 2 extra strength tylenol", "acetaminophen", 1000), ("2 regular strength tylenol", "acetaminophen", 650),
    ("2 junior strength motrin", "ibuprofen", 200), ("2 junior tylenol", "acetaminophen", 320),
    ("a couple of advil", "ibuprofen", 400), ("10 childrens chewable tylenol", "acetaminophen", 1600),
    ("give him 2 regular strength, he has a fever, tylenol", "acetaminophen", 650)])
def test_counted_tablets_are_count_times_strength(text: str, drug: str, mg: float) -> None:
    from guidewise.understand.doses import parse_doses

    (dose,) = [d for d in parse_doses(text, PEDS.drug_names, PEDS.unit_strengths) if d.mg is not None]
    assert (dose.drug, dose.mg) == (drug, mg)


@pytest.mark.parametrize("text", ["2 tylenol", "give my 5 year old a childrens motrin", "my 2 year old weighs 12 kg",
                                  "10 tylenol tablets", "5 ml of tylenol every 4 hours"])
def test_counts_without_a_known_tablet_strength_are_not_guessed(text: str) -> None:
    from guidewise.understand.doses import parse_doses

    assert not [d for d in parse_doses(text, PEDS.drug_names, PEDS.unit_strengths) if d.mg is not None]


def test_named_tablet_strengths_match_the_labels_and_are_cited() -> None:
    apap = {t.mg for t in APAP.tablets}
    ibu = {t.mg for t in IBU.tablets}
    assert {325, 500, 160} <= apap and {200, 100} <= ibu
    for t in [*APAP.tablets, *IBU.tablets]:
        assert t.cite and all(c in PEDS.references for c in t.cite)


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize(("question", "exceeded"), [
    ("my 6 year old weighs 20 kg, 2 chewable tylenol 160 mg", ["dose"]),
    ("two 200 mg advil for my 8 year old who weighs 25 kg", ["dose"]),
    ("my 8 year old weighs 25 kg, 2 advil", ["dose"]),
    ("my 10 year old weighs 30 kg, can he take 2 regular strength tylenol", ["dose"]),
    ("my 12 year old weighs 38 kg, can she take 1 or 2 extra strength tylenol", ["dose"]),
    ("my 16 year old weighs 45 kg, 2 extra strength tylenol every 6 hours", ["dose", "daily_total"])])
def test_counted_tablet_overdoses_are_flagged(engine: Engine, question: str, exceeded: list[str],
                                              audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = warnings(a, "above_range")
    assert set(exceeded) <= set(w.exceeded or [])
    assert "×" in w.text
    cited(a)


# -- 5. two drugs in one question: each amount goes with its own drug, once ----------------------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_amount_goes_with_the_drug_of_its_phrase(engine: Engine, audience: str) -> None:
    a = ask(engine, "my 9 month old weighs 8 kg, 1.875 ml infant motrin and 2.5 ml infant tylenol", audience)
    text = dose_text(a)
    drops = next(c for c in IBU.concentrations if c.syringe_marks_ml)
    liquid = APAP.default_concentration
    assert liquid is not None
    assert f"is {1.875 * drops.mg_per_ml:g} mg" in text and f"is {2.5 * liquid.mg_per_ml:g} mg" in text
    assert "1.875 mL" in text and "1.88 mL" not in text
    assert not warnings(a, "above_range")
    b = ask(engine, "my 5 year old weighs 40 lbs, 10 ml childrens tylenol and 10 ml childrens motrin at the same time",
            audience)
    ibu_children = IBU.default_concentration
    assert ibu_children is not None
    found = sorted((w.drug, w.proposed_mg) for w in warnings(b, "above_range"))
    assert found == [("acetaminophen", 10 * liquid.mg_per_ml), ("ibuprofen", 10 * ibu_children.mg_per_ml)]


def test_amounts_are_tied_within_their_phrase() -> None:
    from guidewise.understand.doses import parse_doses

    doses = parse_doses("tylenol 5 ml and motrin 7.5 ml", PEDS.drug_names)
    assert [(d.drug, d.ml) for d in doses] == [("acetaminophen", 5.0), ("ibuprofen", 7.5)]
    doses = parse_doses("5 ml tylenol and 7.5 ml motrin", PEDS.drug_names)
    assert [(d.drug, d.ml) for d in doses] == [("acetaminophen", 5.0), ("ibuprofen", 7.5)]


# -- 6. a toddler is 1 to 3 years: a limit for part of that range is stated conditionally -------------------------
@pytest.mark.parametrize(("question", "limits"), [
    ("phenergan for my toddler's vomiting", {"promethazine-under-2"}),
    ("imodium for my toddler", {"loperamide-under-6", "loperamide-under-2"}),
    ("my toddler has a fever, how much tylenol", {"acetaminophen-under-2-years"})])
def test_toddler_limits_under_2_are_conditional(engine: Engine, question: str, limits: set[str]) -> None:
    a = ask(engine, question)
    assert limit_ids(a) == limits
    under_2 = [w for w in a.dose_warnings if w.kind == "age_limit" and w.limit_id and "under-2" in w.limit_id]
    assert under_2 and all(w.text.startswith("If your toddler is under 2") for w in under_2)
    assert "toddler (1 to 3 years)" in a.considered


def test_toddler_is_one_to_three_years() -> None:
    from guidewise.compose.peds_dose import age_span_months
    from guidewise.understand.context import extract_context

    assert age_span_months(extract_context("my toddler has a fever")) == (12.0, 36.0)
    ctx = extract_context("my toddler has a fever").merged(extract_context("she is 18 months old"))
    assert age_span_months(ctx) == (18.0, 19.0)


def test_toddler_age_range_for_a_dose_check(engine: Engine) -> None:
    from guidewise.compose.peds_dose import weight_range

    a = ask(engine, "my toddler took 400 mg ibuprofen")
    (w,) = warnings(a, "above_range_for_age")
    assert w.weight_range_kg == list(weight_range(PEDS.growth, (12.0, 36.0)))


# -- 7. opioid names and phrases: 'tylenol 3', 'tylenol with codeine', 'tonsils were taken out', 'overweight' ------
@pytest.mark.parametrize(("question", "limit"), [
    ("my 11 year old was prescribed tylenol 3 for his broken arm", "codeine-under-12"),
    ("tylenol with codine for my 9 year old", "codeine-under-12"),
    ("acetaminophen with codeine for my 8 year old after surgery", "codeine-under-12"),
    ("my 14 year old got tylenol 3 after his tonsils were taken out", "opioids-after-tonsillectomy-under-18"),
    ("my 15 year old had his tonsils and adenoids removed, can he take tylenol with codeine",
     "opioids-after-tonsillectomy-under-18"),
    ("my 16 year old is overweight, can she have tramadol", "opioids-breathing-risk-12-to-17")])
def test_opioid_names_and_phrases(engine: Engine, question: str, limit: str) -> None:
    a = ask(engine, question)
    assert limit in limit_ids(a)
    assert not weight_doses(a)
    cited(a)


# -- 8. a baby known only by weight, with fever: the age is asked; under 3 months, no medicine --------------------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", ["my 11 lb baby has a fever, how much tylenol",
                                      "my 6 kg baby has a fever how much tylenol",
                                      "my infant has a fever, how much tylenol"])
def test_weight_only_baby_with_fever_is_asked_its_age_first(engine: Engine, question: str, audience: str) -> None:
    a = ask(engine, question, audience)
    lead = first_dose_statement(a)
    assert "under 3 months" in lead and ("How old" in lead or "Ask the infant's age" in lead)
    assert "acetaminophen-under-3-months" in limit_ids(a)
    for text in weight_doses(a):
        assert text.startswith(("Only if your baby is 3 months or older", "Only from 3 months"))


def test_weight_only_baby_without_fever_is_unchanged(engine: Engine) -> None:
    a = ask(engine, "my 6 kg baby, how much tylenol")
    assert "acetaminophen-under-3-months" not in limit_ids(a)


# -- text glitches: pound weights round sensibly; no usual dose after 'no home dose' --------------------------------
def test_doses_from_pound_weights_are_rounded(engine: Engine) -> None:
    text = " ".join(weight_doses(ask(engine, "my 11 lb baby has a fever, how much tylenol")))
    assert "50 to 75 mg" in text and "49.9" not in text


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_usual_dose_after_no_home_dose(engine: Engine, audience: str) -> None:
    a = ask(engine, "5 ml of tylenol for my 9 lb baby", audience)
    assert "acetaminophen-under-3-months" in limit_ids(a)
    text = dose_text(a)
    assert "usual dose" not in text and "right dose" not in text and "labelled" not in text


# -- 9. 'every 4 to 6 hours' at the shorter interval; waiting before another dose ---------------------------------
def test_a_range_of_hours_is_checked_at_the_shorter_interval() -> None:
    from guidewise.understand.doses import parse_doses

    (d,) = parse_doses("7.5 ml childrens motrin every 4-6 hours", PEDS.drug_names)
    assert (d.every_hours, d.every_hours_max, d.doses_per_day) == (4.0, 6.0, 6.0)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_ibuprofen_every_4_to_6_hours_is_too_often(engine: Engine, audience: str) -> None:
    a = ask(engine, "my 4 year old weighs 16 kg, 7.5 ml childrens motrin every 4-6 hours", audience)
    (w,) = warnings(a, drug="ibuprofen")
    assert "doses_per_day" in (w.exceeded or [])
    assert "every 6 to 8 hours" in w.text


def test_acetaminophen_every_4_to_6_hours_is_the_labels_own_interval(engine: Engine) -> None:
    a = ask(engine, "my 2 year old weighs 12 kg, 160 mg tylenol every 4 to 6 hours")
    assert not warnings(a, drug="acetaminophen")
    assert APAP.min_interval_hours == 4 and IBU.min_interval_hours == 6


@pytest.mark.parametrize("audience", AUDIENCES)
def test_another_dose_too_soon_says_how_long_to_wait(engine: Engine, audience: str) -> None:
    a = ask(engine, "my 2 year old weighs 12 kg, gave 5 ml tylenol and 5 ml motrin an hour ago, fever still 103, "
                    "can I give more tylenol", audience)
    text = dose_text(a)
    assert "4 hours" in text and "3 hours" in text and "5 doses in 24 hours" in text
    b = ask(engine, "gave my 5 year old motrin 7 hours ago, can i give another dose", audience)
    assert "6 hours" in dose_text(b) and "4 doses in 24 hours" in dose_text(b)


# -- 10. bare 'Vicks', Alka-Seltzer (aspirin), NyQuil and DayQuil (acetaminophen) ----------------------------------
@pytest.mark.parametrize(("question", "limits"), [
    ("vicks on my 18 month old's feet", {"camphor-rub-under-2"}),
    ("alka seltzer for my 12 year old", {"aspirin-children-teenagers"}),
    ("nyquil for my 10 year old", {"nyquil-dayquil-under-12"}),
    ("dayquil for my 8 year old", {"nyquil-dayquil-under-12"}),
    ("vicks baby rub for my 4 month old", set()),
    ("vicks nyquil for my 30 year old", set()),
    ("alka seltzer plus for my 15 year old", set())])
def test_more_products_with_age_limits(engine: Engine, question: str, limits: set[str]) -> None:
    a = ask(engine, question)
    assert limit_ids(a) == limits
    cited(a)


def test_nyquil_says_it_contains_acetaminophen(engine: Engine) -> None:
    for audience in AUDIENCES:
        text = dose_text(ask(engine, "nyquil for my 10 year old", audience))
        assert "acetaminophen" in text and "Tylenol" in text


# -- 11. a prescribed amoxicillin dose that differs from the usual one: ask the prescriber -------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", [
    "my 2 year old weighs 12 kg, prescribed amoxicillin 400 mg/5 ml, 5 ml twice a day for ear infection",
    "my 30 kg daughter has strep throat, amoxicillin 1500 mg once a day",
    "my 25 kg son, amoxicillin 100 mg twice a day"])
def test_prescribed_dose_that_differs_is_referred_not_judged(engine: Engine, question: str, audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = warnings(a, drug="amoxicillin")
    assert w.kind == "differs_from_usual" and not w.exceeded
    assert "differs from the usual dose" in w.text and "check with the prescriber or pharmacist before changing it" in w.text
    assert "too much" not in w.text and "less than the usual" not in w.text and "may not help" not in w.text
    cited(a)


@pytest.mark.parametrize(("question", "exceeded"), [
    ("my 22 kg daughter, amoxicillin 1500 mg twice a day", {"daily_total"}),  # 136 mg/kg/day: above 90
    ("my 8 year old, amoxicillin 2000 mg three times a day", set()),          # 6 g a day: above 4 g
    ("my 6 week old weighs 5 kg, can I give 200 mg of amoxicillin", {"dose"})])  # the under-3-months label limit
def test_amoxicillin_above_the_absolute_maximum_is_too_much(engine: Engine, question: str, exceeded: set[str]) -> None:
    a = ask(engine, question)
    found = [w for w in warnings(a, drug="amoxicillin") if w.kind in ("above_range", "above_range_for_age", "above_max")]
    assert found and exceeded <= set(found[0].exceeded or [])


def test_a_single_value_is_not_written_as_a_range(engine: Engine) -> None:
    text = " ".join(weight_doses(ask(engine, "my 15 kg child has strep throat, how much amoxicillin")))
    assert "750 mg a day" in text and "750 to 750" not in text and "50 to 50" not in text


# -- 12. a teenager's 800 mg of ibuprofen: above the over-the-counter limit, a prescription dose, not 'dangerous' ---
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", ["my 15 year old takes 800 mg ibuprofen for period cramps",
                                      "my 13 year old weighs 50 kg, is 800 mg of ibuprofen ok"])
def test_teen_ibuprofen_800_is_a_prescription_dose(engine: Engine, question: str, audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = warnings(a, drug="ibuprofen")
    assert w.kind in ("above_max", "above_range") and "dose" in (w.exceeded or [])
    assert f"{IBU.max_single_mg:g} mg" in w.text and "800 mg" in w.text and "prescri" in w.text
    for word in ("dangerous", "more than any child should have", "too much"):
        assert word not in w.text
    titles = " ".join(r.title for r in a.references)
    assert "prescribing information" in titles
    cited(a)


def test_ibuprofen_above_the_prescription_dose_or_for_a_child_is_still_too_much(engine: Engine) -> None:
    a = ask(engine, "my 30 kg 8 year old, is 600 mg ibuprofen ok", "patient")
    assert "too much" in warnings(a, drug="ibuprofen")[0].text
    b = ask(engine, "my 15 year old takes 1200 mg ibuprofen", "patient")
    assert "prescription doses" not in warnings(b, drug="ibuprofen")[0].text


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", ["my 10 kg son, how much tylenol drops", "my 10 kg son, 2 ml of tylenol drops"])
def test_drops_wording(engine: Engine, question: str, audience: str) -> None:
    text = dose_text(ask(engine, question, audience))
    assert "drops" in text.lower()
    assert "Drops liquids" not in text and "drops liquids" not in text


def test_weight_only_baby_with_fever_and_ibuprofen(engine: Engine) -> None:
    a = ask(engine, "my 13 lb baby has a fever how much motrin")
    assert limit_ids(a) == {"ibuprofen-under-3-months", "ibuprofen-under-6-months"}
    assert first_dose_statement(a).startswith("How old is your baby? If your baby is under 3 months")
    (text,) = weight_doses(a)
    assert text.startswith("Only if your baby is 6 months or older")


# -- more from the review's questions: a weight without a unit, 'and a half' ages, 'old and 4.5 kg' -----------------
@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_weight_without_a_unit_is_asked_kg_or_lb(engine: Engine, audience: str) -> None:
    a = ask(engine, "my 2 year old weighs 26, how much tylenol", audience)
    text = dose_text(a)
    assert "26 lb" in text and "11.8 kg" in text
    assert not weight_doses(a)


def test_half_ages_and_weights_after_the_age() -> None:
    from guidewise.understand.context import extract_context

    ctx = extract_context("my 1 and a half year old weighs 10 kg how much tylenol")
    assert (ctx.age_years, ctx.weight_kg) == (1.5, 10.0)
    ctx = extract_context("my baby is 5 weeks old and 4.5 kg, how much infant tylenol")
    assert ctx.weight_kg == 4.5 and ctx.age_years is not None and ctx.age_years < 0.1


@pytest.mark.parametrize("question", ["my 2 year old swallowed 10 tylenol tablets",
                                      "my toddler drank half a bottle of childrens motrin",
                                      "i accidentally gave my baby 5 ml of tylenol twice in an hour"])
def test_ingestion_also_raises_the_poisoning_banner(engine: Engine, question: str) -> None:
    a = ask(engine, question)
    assert a.urgent is not None and "overdose" in a.urgent.categories and "1-800-222-1222" in a.urgent.message


@pytest.mark.parametrize("question", ["my son ate dinner, can he have motrin", "my 2 year old weighs 12 kg how much tylenol",
                                      "5 ml of tylenol twice a day for my 2 year old"])
def test_ordinary_questions_raise_no_poisoning_banner(engine: Engine, question: str) -> None:
    a = ask(engine, question)
    assert a.urgent is None or "overdose" not in a.urgent.categories


def test_poison_advice_cites_the_poison_line_and_labels_only(engine: Engine) -> None:
    a = ask(engine, "my 2 year old swallowed 10 tylenol tablets")
    (w,) = warnings(a, "poison_control")
    cited_refs = [r for r in a.references if r.n in w.citations]
    assert all(r.kind == "drug_label" or "Poison Help" in r.title for r in cited_refs)
