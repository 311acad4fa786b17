"""Paediatric dose safety after the fourth independent review: the arithmetic was right, the reading of the
question was not. One group of tests per cause; each test failed on the code the review examined. Expected
figures are recomputed from the data files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guidewise.compose.answer import Answer
from guidewise.engine import Engine
from guidewise.library.peds.loader import load_peds
from guidewise.understand.context import extract_context
from guidewise.understand.weight import LB_TO_KG, stated_weight
from peds_answers import (
    PHONE,
    ask,
    assert_api_matches_engine,
    cited,
    dose_text,
    limit_ids,
    poison_first,
    warnings,
)

PAEDIATRIC_CHECKS = True  # the checks are off by default until a clinical review signs them off

PEDS = load_peds()
APAP, IBU, AMOX = PEDS.by_id["acetaminophen"], PEDS.by_id["ibuprofen"], PEDS.by_id["amoxicillin"]
AUDIENCES = ("clinician", "patient")
LB_PER_STONE = 14  # 1 stone is 14 lb (6.35 kg)


def _strength(drug_id: str) -> float:
    conc = PEDS.by_id[drug_id].default_concentration
    assert conc is not None
    return conc.mg_per_ml


# -- 1. a weight written right after the age ('my 8yo 25kg'), stones, 'mo' for months ------------------------------
@pytest.mark.parametrize(("text", "kg"), [
    ("my 8yo 25kg took two advil", 25), ("gave 1 tablespoon of children's tylenol to my 6 yr old 22 kg", 22),
    ("3yo 14kg given 280 mg acetaminophen", 14), ("my 10 year old 30 kg took 3 regular strength tylenol", 30),
    ("my 1 year old 8 kg got 6 ml childrens motrin", 8), ("4 mo 6 kg ibuprofen 60 mg", 6),
    ("she's 3 and 14 kg, 7 ml each time", 14), ("my son weighs 40 lb", 40 * LB_TO_KG),
    ("my son is 40lbs", 40 * LB_TO_KG), ("my daughter is 4 stone, 10ml calpol six plus", 4 * LB_PER_STONE * LB_TO_KG),
    ("my daughter is 4 stone 2, 10ml calpol six plus", (4 * LB_PER_STONE + 2) * LB_TO_KG),
    ("he's 3 stone 2 and 6 years old", (3 * LB_PER_STONE + 2) * LB_TO_KG)])
def test_a_weight_right_after_the_age_is_read(text: str, kg: float) -> None:
    w = stated_weight(text)
    assert w is not None and w.kg == pytest.approx(kg, abs=0.01)


@pytest.mark.parametrize(("text", "years"), [
    ("4 mo 6 kg ibuprofen 60 mg", 4 / 12), ("grandma gave him tylenol and then i gave tylenol too, hes 4", 4),
    ("the daycare gave tylenol at noon, she's 3 and 14 kg", 3), ("my mom gave him motrin, hes 5 and 20 kg", 5)])
def test_ages_without_years_are_read(text: str, years: float) -> None:
    assert extract_context(text).age_years == pytest.approx(years, abs=0.01)


@pytest.mark.parametrize("text", ["he is 15 kg", "she's 39 c", "a 4 mo supply of tylenol", "she is 45"])
def test_other_numbers_are_not_ages(text: str) -> None:
    assert extract_context(text).age_years is None


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize(("question", "drug", "mg", "kg"), [
    ("my 8yo 25kg took two advil", "ibuprofen", 400, 25),
    ("gave 1 tablespoon of children's tylenol to my 6 yr old 22 kg", "acetaminophen", 15 * _strength("acetaminophen"),
     22),
    ("3yo 14kg given 280 mg acetaminophen", "acetaminophen", 280, 14),
    ("my 10 year old 30 kg took 3 regular strength tylenol", "acetaminophen", 975, 30),
    ("my 1 year old 8 kg got 6 ml childrens motrin", "ibuprofen", 6 * _strength("ibuprofen"), 8),
    ("my daughter is 4 stone, 10ml calpol six plus", "acetaminophen", 500, 4 * LB_PER_STONE * LB_TO_KG)])
def test_an_overdose_with_the_weight_after_the_age_is_too_much(engine: Engine, question: str, drug: str, mg: float,
                                                               kg: float, audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = warnings(a, "above_range", drug)
    assert w.weight_kg == pytest.approx(kg, abs=0.01) and w.weight_source == "stated"
    assert w.proposed_mg == pytest.approx(mg) and w.mg_per_kg == pytest.approx(mg / kg, abs=0.02)
    cited(a)


def test_four_stone_two_is_a_stated_weight(engine: Engine) -> None:
    a = ask(engine, "my daughter is 4 stone 2, how much calpol six plus")
    assert a.context["weight_kg"] == pytest.approx((4 * LB_PER_STONE + 2) * LB_TO_KG, abs=0.01)
    assert any(s.kind == "weight_dose" for s in a.all_statements())


# -- 2. a double dose by two carers: Poison Control with the poisoning banner; the age is the child's -------------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize(("question", "age"), [
    ("grandma gave him tylenol and then I gave tylenol too, hes 4", 4),
    ("the daycare gave tylenol at noon and I gave it again at 1, she's 3 and 14 kg, 7 ml each time", 3),
    ("my mom gave him motrin and didnt tell me so i gave another dose, hes 5 and 20 kg", 5)])
def test_two_carers_giving_the_same_medicine_is_a_double_dose(engine: Engine, question: str, age: float,
                                                              audience: str) -> None:
    a = ask(engine, question, audience)
    assert "another dose" in poison_first(a)
    assert a.context["age_years"] == age and a.context["age_group"] == "child"
    assert not any(s.kind == "weight_dose" for s in a.all_statements())


@pytest.mark.parametrize(("question", "ml", "kg"), [
    ("the daycare gave tylenol at noon and I gave it again at 1, she's 3 and 14 kg, 7 ml each time", 14, 14),
    ("my husband gave our 3 year old tylenol at 6pm and I gave her another dose at 7pm without knowing, she's 15 kg, "
     "7.5 ml each", 15, 15)])
def test_each_of_two_doses_is_added_up(engine: Engine, question: str, ml: float, kg: float) -> None:
    a = ask(engine, question)
    (w,) = warnings(a, "above_range", "acetaminophen")
    assert w.proposed_ml == ml and w.mg_per_kg == pytest.approx(ml * _strength("acetaminophen") / kg, abs=0.01)
    assert f"{ml:g} mL in all" in dose_text(a)


@pytest.mark.parametrize("question", [
    "my husband gave her tylenol at 8am and I gave tylenol at 2pm, she is 3",
    "the nurse gave him tylenol and I gave motrin an hour later, he is 4",
    "my mom gave him motrin at 8am, can I give another dose now, he is 5"])
def test_a_dose_after_another_carers_is_not_always_a_double_dose(engine: Engine, question: str) -> None:
    a = ask(engine, question)
    assert not warnings(a, "poison_control")
    assert a.urgent is None or "overdose" not in a.urgent.categories


# -- 3. a child's question never shows an article written for adults, with adult doses ---------------------------
def _child_safe(engine: Engine, a: Answer) -> None:
    """The answer's article, if any, is written for children; a recommendation of aspirin never shows."""
    if a.topic is not None:
        assert "children" in engine.library.topics[a.topic.id].population_scope, a.topic.id
    for s in a.all_statements():
        if "aspirin" in s.text.lower():
            assert any(w in s.text.lower() for w in ("do not", "never", "not give")), s.text


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize(("question", "topic"), [
    ("my 6 year old has a migraine", "fever-pain-children"),
    ("my 8 year old sprained her ankle, how much ibuprofen, she is 30 kg", "fever-pain-children"),
    ("my 15 yo had tonsils out, dr gave tylenol #3", "fever-pain-children"),
    ("gave tylenol at 8am 12pm 4pm 8pm and midnight, is that ok for 15kg, 7ml", "fever-pain-children"),
    ("my 8 year old has a headache, can he take aspirin", None), ("tramadol for my 9 year old", None),
    ("pepto for my 10 year old with stomach flu", None), ("phenergan for 18 month old vomiting", None),
    ("can i give my 1 year old robitussin for cough", None), ("augmentin for my 3 yo, 5ml twice a day", None),
    ("naproxen for my 9 year old's sprained ankle", None), ("sumatriptan for my 10 year old", None)])
def test_a_child_gets_the_childrens_article_or_the_dose_check_alone(engine: Engine, question: str, topic: str | None,
                                                                   audience: str) -> None:
    a = ask(engine, question, audience)
    assert (a.topic.id if a.topic else None) == topic
    _child_safe(engine, a)
    if topic is None:  # why no article: the adult article was set aside, or the router never offered one (its
        # population is adults) and the age limit the question crosses is the answer
        assert (a.message and "not written for children" in a.message) or any(
            w.kind == "age_limit" for w in a.dose_warnings)
        assert [s.id for s in a.sections] in (["dose_check"], [])
    cited(a)


def test_a_teenager_is_not_shown_an_article_recommending_aspirin(engine: Engine) -> None:
    a = ask(engine, "my 16 year old has a headache, can she take aspirin")
    assert a.topic is None and "aspirin-children-teenagers" in limit_ids(a)
    assert a.message and "aspirin" in a.message


@pytest.mark.parametrize(("question", "topic"), [
    ("my 6 year old has eczema, what helps", "atopic-dermatitis"), ("my 5 year old has strep throat", "strep-pharyngitis"),
    ("my 40 year old husband has back pain, can he take naproxen", "low-back-pain-acute")])
def test_a_topic_with_a_part_for_children_still_answers_a_question_without_a_medicine(engine: Engine, question: str,
                                                                                      topic: str) -> None:
    a = ask(engine, question)
    assert a.topic is not None and a.topic.id == topic


# -- 4. dose counts and daily totals --------------------------------------------------------------------------------
def test_each_medicine_keeps_its_own_count() -> None:
    from guidewise.compose.peds_timing import dose_timing
    from guidewise.understand.dose_clock import dose_clock
    from guidewise.understand.redose_timing import doses_given_by_drug

    text = "had 4 doses of motrin 7.5 ml and 2 doses of tylenol today, now wants more motrin"
    assert doses_given_by_drug(text, PEDS.drug_names) == {"ibuprofen": 4, "acetaminophen": 2}
    listed = "gave tylenol at 8am 12pm 4pm 8pm and midnight, 15kg, 7ml"
    assert [t.hour for t in dose_clock(listed).given] == [8, 12, 16, 20, 24]
    timing = dose_timing(listed, PEDS, set())
    assert timing is not None and timing.given_today == 5


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", [
    "had 4 doses of motrin 7.5 ml and 2 doses of tylenol today, now wants more motrin",
    "my 5 yo 18kg had 4 doses of motrin 7.5 ml and 2 doses of tylenol today, now wants more motrin"])
def test_four_doses_of_ibuprofen_today_means_no_more(engine: Engine, question: str, audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = warnings(a, "too_often", "ibuprofen")
    assert w.exceeded == ["doses_per_day"] and f"{IBU.max_doses_per_day} doses" in w.text
    assert "do not give another dose" in w.text or "no further dose" in w.text
    assert not warnings(a, "too_often", "acetaminophen")
    assert a.topic is None or a.topic.id == "fever-pain-children"
    cited(a)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_six_doses_in_24_hours_are_counted_per_dose(engine: Engine, audience: str) -> None:
    a = ask(engine, "6 doses of 5 ml childrens tylenol in 24 hours, my son weighs 12 kg", audience)
    (w,) = warnings(a, "above_range", "acetaminophen")
    day = 6 * 5 * _strength("acetaminophen")
    assert w.proposed_mg == 5 * _strength("acetaminophen") and w.proposed_mg_per_day == day
    assert w.mg_per_kg_per_day == pytest.approx(day / 12) and day / 12 > APAP.day_high
    assert w.exceeded == ["daily_total", "doses_per_day"]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_five_listed_doses_today_mean_no_more_until_the_first_time_tomorrow(engine: Engine, audience: str) -> None:
    a = ask(engine, "gave tylenol at 8am 12pm 4pm 8pm and midnight, is that ok for 15kg, 7ml", audience)
    assert not a.dose_warnings  # 7 mL (14.9 mg/kg) five times is within the labelled limits
    text = dose_text(a)
    assert "5 doses" in text and "(8 am)" in text


# -- 9. a dose asked about for later is not a double dose: the timing answer --------------------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
def test_another_dose_two_hours_later_is_not_yet(engine: Engine, audience: str) -> None:
    a = ask(engine, "gave tylenol at 2pm, can i give another at 4pm", audience)
    assert not warnings(a, "poison_control")
    assert a.urgent is None or "overdose" not in a.urgent.categories
    text = dose_text(a)
    assert "6 pm" in text and ("Not yet" in text or "not at 4 pm" in text)


def test_when_is_the_next_dose_gives_the_earliest_time(engine: Engine) -> None:
    a = ask(engine, "gave tylenol at 2pm, when can i give the next dose")
    assert not warnings(a, "poison_control") and "the earliest is 6 pm" in dose_text(a)


def test_a_second_dose_given_an_hour_later_is_still_a_double_dose(engine: Engine) -> None:
    a = ask(engine, "gave 5 ml tylenol at 8 and another 5 ml at 9 to my 2 year old, can i give more at 1")
    assert warnings(a, "poison_control")


# -- 5. a temperature written before the word 'fever'; below 38 C is not a fever; '100.4 rectal' is ------------------
@pytest.mark.parametrize(("text", "celsius"), [
    ("4 month old 39.4 fever, 6 kg, tylenol dose?", 39.4), ("my 5 month old has a 103 fever", (103 - 32) * 5 / 9),
    ("my 4 month old has a 39.5 fever", 39.5), ("my baby is 3 weeks old and feels warm, 37.8", 37.8),
    ("2 month old 100.4 rectal can i give motrin", 38.0), ("he felt hot, 40 minutes later", None)])
def test_a_temperature_before_the_word_is_read(text: str, celsius: float | None) -> None:
    from guidewise.understand.temperature import stated_temperature

    assert stated_temperature(text) == (pytest.approx(celsius, abs=0.01) if celsius is not None else None)


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", [
    "4 month old 39.4 fever, 6 kg, tylenol dose?", "my 5 month old has a 103 fever, how much tylenol",
    "my 4 month old has a 39.5 fever"])
def test_three_to_six_months_with_a_high_fever_see_a_doctor_today(engine: Engine, question: str,
                                                                  audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = warnings(a, "fever_by_age")
    assert w.severity == "see_doctor_today" and w.limit_id == "fever-3-to-6-months" and "today" in w.text
    cited(a)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_below_38_is_not_a_fever_and_raises_no_banner(engine: Engine, audience: str) -> None:
    a = ask(engine, "my baby is 3 weeks old and feels warm, 37.8", audience)
    assert a.urgent is None and not warnings(a, "fever_by_age")
    text = dose_text(a)
    assert "37.8 C" in text and "not a fever" in text and "38 C (100.4 F)" in text
    assert all(s.citations for s in a.sections[0].statements)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_100_4_rectal_under_3_months_is_a_fever(engine: Engine, audience: str) -> None:
    a = ask(engine, "2 month old 100.4 rectal can i give motrin", audience)
    (w,) = warnings(a, "fever_by_age")
    assert w.severity == "see_doctor_now" and w.limit_id == "fever-under-3-months"


def test_38_2_in_a_6_week_old_keeps_the_banner(engine: Engine) -> None:
    a = ask(engine, "my 6 week old has a temp of 38.2")
    assert a.urgent is not None and "infant_fever" in a.urgent.categories


# -- 6. age limits: ibuprofen under 6 months written '4 mo'; Tylenol PM is diphenhydramine --------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
def test_ibuprofen_at_4_months_written_mo_names_the_6_month_limit(engine: Engine, audience: str) -> None:
    a = ask(engine, "4 mo 6 kg ibuprofen 60 mg", audience)
    assert "ibuprofen-under-6-months" in limit_ids(a)
    cited(a)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_tylenol_pm_to_make_a_child_sleep_is_the_antihistamine_limit(engine: Engine, audience: str) -> None:
    a = ask(engine, "tylenol pm for my 10 yo to help him sleep", audience)
    assert limit_ids(a) == {"antihistamine-to-make-a-child-sleepy"}
    text = dose_text(a)
    assert text.startswith("Tylenol PM contains diphenhydramine") and "sleepy" in text
    cited(a)


@pytest.mark.parametrize(("question", "limit"), [
    ("advil pm for my 4 year old", "diphenhydramine-under-6"), ("zzzquil for my 3 year old", "diphenhydramine-under-6"),
    ("can my 1 year old have tylenol pm", "cough-cold-under-2")])
def test_night_time_products_carry_the_diphenhydramine_limits(engine: Engine, question: str, limit: str) -> None:
    a = ask(engine, question)
    assert limit in limit_ids(a)
    assert dose_text(a).count("contains diphenhydramine") <= 1


def test_excedrin_pm_is_not_aspirin(engine: Engine) -> None:
    assert "aspirin-children-teenagers" not in limit_ids(ask(engine, "excedrin pm for my 15 year old"))


# -- 7. amoxicillin under 3 months given in mg/kg/day: the under-3-months limit is named --------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", ["amoxicillin 80 mg/kg/day for 1 month old 4 kg",
                                      "amoxicillin 80 mg/kg/day for a 1 month old"])
def test_amoxicillin_per_kg_under_3_months_names_the_infant_limit(engine: Engine, question: str,
                                                                   audience: str) -> None:
    (rule,) = AMOX.infant_rules
    a = ask(engine, question, audience)
    (w,) = warnings(a, "above_range", "amoxicillin")
    assert "daily_total" in (w.exceeded or []) and "under 3 months" in w.text and "20 to 90" not in w.text
    if "4 kg" in question:  # the limit for the weight: 30 mg/kg/day x 4 kg
        assert f"{rule.max_mg_per_kg_day * 4:g} mg" in w.text
    else:
        unit = "mg for each kg a day" if audience == "patient" else "mg/kg/day"
        assert f"{rule.max_mg_per_kg_day:g} {unit}" in w.text
        assert (rule.interval_plain if audience == "patient" else rule.interval) in w.text
    cited(a)


def test_amoxicillin_per_kg_within_the_infant_limit_is_not_flagged(engine: Engine) -> None:
    a = ask(engine, "amoxicillin 25 mg/kg/day for a 6 week old")
    assert not a.dose_warnings and "under 3 months" in dose_text(a)


# -- 11. amoxicillin findings cite the guideline of the infection named ------------------------------------------
@pytest.mark.parametrize(("question", "cite", "not_cited"), [
    ("amox 250mg/5ml 5ml three times a day for 20 kg strep throat", "Streptococcal", "Otitis"),
    ("pharmacy label says 10 ml amoxicillin 400mg/5ml twice a day for my 10 kg baby with an ear infection", "Otitis",
     "Streptococcal"),
    ("my 15 kg child has strep throat, how much amoxicillin", "Streptococcal", "Otitis")])
def test_amoxicillin_cites_the_named_infections_guideline(engine: Engine, question: str, cite: str,
                                                          not_cited: str) -> None:
    a = ask(engine, question)
    titles = {r.n: r.title for r in a.references}
    (st,) = [s for s in a.sections[0].statements if "moxicillin" in s.text]
    cited_titles = " ".join(titles[n] for n in st.citations)
    assert cite in cited_titles and not_cited not in cited_titles and "Sinusitis" not in cited_titles


# -- 8. an amount swallowed by accident: Poison Control, the arithmetic, and no dosing rule ------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", [
    "child drank 120 ml of children's tylenol", "toddler drank about 100ml calpol",
    "the daycare gave tylenol at noon and I gave it again at 1, she's 3 and 14 kg, 7 ml each time",
    "gave 5 ml tylenol at 8 and another 5 ml at 9 to my 2 year old"])
def test_an_ingestion_answer_gives_no_dosing_rule(engine: Engine, question: str, audience: str) -> None:
    a = ask(engine, question, audience)
    poison_first(a)
    text = dose_text(a)
    for rule in ("10 to 15", "mg for each kg per dose", "mg/kg per dose", "right dose", "usual dose",
                 "every 4 to 6 hours", "Tell us your child's weight"):
        assert rule not in text, rule
    assert "Poison Control" in a.sections[0].statements[-1].text


# -- 10. false warnings: '50 mg, 2 tabs', the label's 'every 4 hours', a teen's label dose --------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
def test_strength_then_count_is_count_times_strength(engine: Engine, audience: str) -> None:
    a = ask(engine, "children's advil chewables 50 mg, 2 tabs, 3 yo 15kg", audience)
    assert not a.dose_warnings
    assert "2 × 50 mg is 100 mg" in dose_text(a) and "6.7" in dose_text(a)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_4_hours_of_a_right_amount_is_the_labels_interval(engine: Engine, audience: str) -> None:
    a = ask(engine, "childrens tylenol every 4 hours for my 15 kg son, 7 ml", audience)
    assert not a.dose_warnings
    assert f"at most {APAP.max_doses_per_day} doses in 24 hours" in dose_text(a)


@pytest.mark.parametrize("question", [
    "is 15 mg/kg of tylenol every 4 hours ok", "my 6 year old weighs 20 kg, 10 ml childrens tylenol every 4 hours",
    "my 2 year old weighs 12 kg, can I give 150 mg tylenol every 4 hours"])
def test_every_4_hours_of_a_regimen_or_too_much_is_still_counted_around_the_clock(engine: Engine,
                                                                                   question: str) -> None:
    (w,) = warnings(ask(engine, question), drug="acetaminophen")
    assert "doses_per_day" in (w.exceeded or [])


@pytest.mark.parametrize("audience", AUDIENCES)
def test_two_extra_strength_at_13_and_45_kg_is_the_labels_dose(engine: Engine, audience: str) -> None:
    a = ask(engine, "13 year old is 45 kg, 2 extra strength tylenol", audience)
    assert not a.dose_warnings
    text = dose_text(a)
    assert "1,000 mg" in text and "12 years" in text and "450 to 675 mg" in text  # the label, and by weight
    assert f"{APAP.day_high * 45:,g} mg" in text


@pytest.mark.parametrize("question", [
    "my 12 year old weighs 38 kg, can she take 1 or 2 extra strength tylenol",  # within the children's table (95 lb)
    "my 12 year old weighs 30 kg, 2 extra strength tylenol every 6 hours"])
def test_a_light_teen_is_still_dosed_by_weight(engine: Engine, question: str) -> None:
    assert warnings(ask(engine, question), "above_range", "acetaminophen")


# -- 11. smaller: a capful or a full cup, '400/5', the dose per dose, 32 mg/kg at 2 months, growth-chart citations ----
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize(("question", "drug", "word"), [
    ("a capful of kids motrin for my 2 year old?", "ibuprofen", "capful"),
    ("a full dosing cup of children's tylenol for my 3 year old", "acetaminophen", "cup"),
    ("my 15 kg son had a capful of childrens motrin", "ibuprofen", "capful")])
def test_a_capful_or_a_full_cup_is_not_a_measured_dose(engine: Engine, question: str, drug: str, word: str,
                                                       audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = warnings(a, "unknown_amount", drug)
    assert word in w.text and "mL" in w.text and "cannot" in w.text.lower()
    assert "strengths" not in w.text  # not the unknown-strength note
    cited(a)


def test_measuring_with_the_dosing_cup_is_a_measured_dose(engine: Engine) -> None:
    a = ask(engine, "measured 5 ml of childrens tylenol with the dosing cup for my 15 kg son")
    assert not warnings(a, "unknown_amount")


@pytest.mark.parametrize(("text", "mg"), [("amoxicillin 400/5, 6 ml twice daily", 400), ("5 ml of 160/5 tylenol", 160),
                                          ("cephalexin 250/5 5ml", 250)])
def test_a_strength_written_mg_over_5_is_mg_in_5_ml(text: str, mg: float) -> None:
    from guidewise.understand.doses import stated_strengths

    (st,) = stated_strengths(text)
    assert (st.mg, st.ml) == (mg, 5)


@pytest.mark.parametrize("text", ["bp 120/80, tylenol 5 ml", "on 12/5 gave 5 ml tylenol"])
def test_dates_and_pressures_are_not_strengths(text: str) -> None:
    from guidewise.understand.doses import stated_strengths

    assert stated_strengths(text) == []


def test_400_over_5_is_not_assumed(engine: Engine) -> None:
    a = ask(engine, "amoxicillin 400/5, 6 ml twice daily for 12 kg with ear infection")
    text = dose_text(a)
    assert "400 mg/5 mL" in text and "Assuming" not in text and "If the product is" not in text


@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_daily_amount_asked_per_dose_is_split(engine: Engine, audience: str) -> None:
    a = ask(engine, "amox 90 mg/kg/day for 14 kg AOM, dose per dose?", audience)
    text = dose_text(a)
    assert "1,260 mg a day" in text and "630 mg" in text


@pytest.mark.parametrize("audience", AUDIENCES)
def test_32_mg_per_kg_at_2_months_is_called_too_much(engine: Engine, audience: str) -> None:
    a = ask(engine, "gave 5 ml of 160/5 tylenol to my 5 kg 2 month old", audience)
    (w,) = warnings(a, "above_range", "acetaminophen")
    assert w.mg_per_kg == 32 and ("too much" in w.text if audience == "patient" else "above the maximum" in w.text)


@pytest.mark.parametrize(("question", "growth"), [
    ("childrens tylenol every 3 hours for my 2 year old", False),  # too often: no weight range is stated
    ("Panadol 5ml for 2yo", False), ("can I give my 2 year old 500 mg ibuprofen", True),
    ("my 5 kg baby has a fever, how much motrin", True)])  # the age placed by the weight
def test_growth_charts_are_cited_only_when_used(engine: Engine, question: str, growth: bool) -> None:
    a = ask(engine, question)
    titles = {r.n: r.title for r in a.references}
    cited_growth = any("Growth" in titles[n] for w in a.dose_warnings for n in w.citations)
    assert cited_growth == growth


# -- through the CLI and the REST API -------------------------------------------------------------------------------
def test_cli_json_carries_the_fourth_review_fixes(tmp_path: Path) -> None:
    from test_cli import check_contract, run

    questions = ["my 8yo 25kg took two advil", "grandma gave him tylenol and then I gave tylenol too, hes 4",
                 "my 4 month old has a 39.5 fever", "gave tylenol at 2pm, can i give another at 4pm",
                 "tylenol pm for my 10 yo to help him sleep", "my 8 year old has a headache, can he take aspirin"]
    f = tmp_path / "qs.txt"
    f.write_text("\n".join(questions) + "\n")
    r = run("ask", "--batch", str(f), "--format", "json", "--audience", "patient", home=tmp_path)
    assert r.returncode == 0, r.stderr
    advil, grandma, fever, later, pm, aspirin = (json.loads(line) for line in r.stdout.splitlines())
    for d in (advil, grandma, fever, later, pm, aspirin):
        check_contract(d)
        refs = {x["n"] for x in d["references"]}
        assert all(w["citations"] and set(w["citations"]) <= refs for w in d["dose_warnings"])
    assert [(w["kind"], w["weight_kg"], w["mg_per_kg"]) for w in advil["dose_warnings"]] == [("above_range", 25, 16)]
    assert [w["kind"] for w in grandma["dose_warnings"]] == ["poison_control"]
    assert "overdose" in grandma["urgent"]["categories"] and grandma["context"]["age_years"] == 4
    assert [w["severity"] for w in fever["dose_warnings"]] == ["see_doctor_today"]
    assert later["urgent"] is None and not later["dose_warnings"]
    assert [w["limit_id"] for w in pm["dose_warnings"]] == ["antihistamine-to-make-a-child-sleepy"]
    assert aspirin["topic"] is None and "not written for children" in aspirin["message"]


def test_cli_text_shows_the_timing_answer_not_the_banner(tmp_path: Path) -> None:
    from test_cli import run

    r = run("ask", "gave tylenol at 2pm, can i give another at 4pm", "--audience", "patient", home=tmp_path)
    assert r.returncode == 0 and "6 pm" in r.stdout and PHONE not in r.stdout


@pytest.mark.parametrize(("question", "kinds"), [
    ("3yo 14kg given 280 mg acetaminophen", ["above_range"]),
    ("the daycare gave tylenol at noon and I gave it again at 1, she's 3 and 14 kg, 7 ml each time",
     ["poison_control", "above_range"]),
    ("6 doses of 5 ml childrens tylenol in 24 hours, my son weighs 12 kg", ["above_range"]),
    ("childrens tylenol every 4 hours for my 15 kg son, 7 ml", []),
    ("my baby is 3 weeks old and feels warm, 37.8", [])])
def test_api_returns_the_same_warnings_as_the_engine(tmp_path: Path, engine: Engine, question: str,
                                                     kinds: list[str]) -> None:
    assert_api_matches_engine(tmp_path, engine, question, kinds)


def test_more_doses_than_the_most_already_given_is_a_warning(engine: Engine) -> None:
    a = ask(engine, "i gave 6 doses of tylenol in 24 hours to my 12 kg son 5ml each")
    (count,) = warnings(a, "too_often", "acetaminophen")
    assert "6 doses" in count.text and "do not give another dose" in count.text
    (w,) = warnings(a, "above_range", "acetaminophen")
    assert w.proposed_mg_per_day == 6 * 5 * _strength("acetaminophen")


def test_the_askers_own_liquid_dose_is_not_a_childs(engine: Engine) -> None:
    a = ask(engine, "I took 30 ml of tylenol liquid for my headache")
    assert "child" not in dose_text(a)
