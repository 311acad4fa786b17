"""Paediatric dose safety after the third independent paediatric review: one group of tests per finding.

Each test failed on the code the review examined. Expected figures are recomputed from the data files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guidewise.engine import Engine
from guidewise.library.peds.loader import load_peds
from guidewise.understand.doses import parse_doses
from peds_answers import (
    PHONE,
    ask,
    assert_api_matches_engine,
    cited,
    dose_text,
    limit_ids,
    poison_first,
    warnings,
    weight_doses,
)

PAEDIATRIC_CHECKS = True  # the checks are off by default until a clinical review signs them off

PEDS = load_peds()
APAP, IBU, AMOX = PEDS.by_id["acetaminophen"], PEDS.by_id["ibuprofen"], PEDS.by_id["amoxicillin"]
AUDIENCES = ("clinician", "patient")


def _apap_ml(ml: float) -> float:
    conc = APAP.default_concentration
    assert conc is not None
    return ml * conc.mg_per_ml


# -- 1. fractions: '1 and a half' is 1.5, never 'a half' ---------------------------------------------------------
@pytest.mark.parametrize(("text", "drug", "field", "value"), [
    ("1 and a half teaspoons childrens tylenol", "acetaminophen", "ml", 7.5),
    ("one and a half teaspoons of tylenol", "acetaminophen", "ml", 7.5),
    ("1 1/2 tsp childrens tylenol", "acetaminophen", "ml", 7.5),
    ("2 and a half teaspoons childrens tylenol", "acetaminophen", "ml", 12.5),
    ("1 and a half ml infant tylenol", "acetaminophen", "ml", 1.5),
    ("one and a half 200 mg advil", "ibuprofen", "mg", 300),
    ("half of a 200 mg advil", "ibuprofen", "mg", 100),
    ("1 and a half regular strength tylenol", "acetaminophen", "mg", 487.5),
    ("1 1/2 extra strength tylenol", "acetaminophen", "mg", 750)])
def test_whole_and_a_half_amounts_are_read_in_full(text: str, drug: str, field: str, value: float) -> None:
    (dose,) = parse_doses(text, PEDS.drug_names, PEDS.unit_strengths)
    assert dose.drug == drug and getattr(dose, field) == pytest.approx(value)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_one_and_a_half_teaspoons_for_11_kg_is_too_much(engine: Engine, audience: str) -> None:
    a = ask(engine, "my 2 year old weighs 11 kg, 1 and a half teaspoons childrens tylenol", audience)
    (w,) = warnings(a, "above_range", "acetaminophen")
    assert w.proposed_ml == 7.5 and w.proposed_mg == pytest.approx(_apap_ml(7.5))
    assert w.mg_per_kg == pytest.approx(round(_apap_ml(7.5) / 11, 2))
    assert dose_text(a).lower().startswith("1 and a half teaspoons (7.5 ml)")
    cited(a)


@pytest.mark.parametrize(("question", "kind"), [
    ("my 4 year old weighs 16 kg, 2 and a half teaspoons childrens tylenol", "above_range"),
    ("my 8 year old weighs 25 kg, one and a half 200 mg advil", "above_range"),
    ("my 8 year old weighs 25 kg, 1 and a half regular strength tylenol", "above_range")])
def test_fractional_overdoses_are_flagged(engine: Engine, question: str, kind: str) -> None:
    assert warnings(ask(engine, question), kind)


def test_half_a_tablet_is_half_its_strength(engine: Engine) -> None:
    a = ask(engine, "my 5 year old weighs 18 kg, half of a 200 mg advil")
    assert not a.dose_warnings
    assert "100 mg" in dose_text(a)


# -- 5. 'tylenol 3 times a day' is not Tylenol #3 ----------------------------------------------------------------
@pytest.mark.parametrize("question", [
    "childrens tylenol 3 times a day for my 5 year old", "my 5 year old had tylenol 4 hours ago",
    "can my 9 year old have tylenol 4 times a day", "my 6 year old had tylenol 3 days in a row",
    "my 6 year old had tylenol 3 or 4 times today", "tylenol 3x a day for my 7 year old"])
def test_a_count_after_tylenol_is_not_codeine(engine: Engine, question: str) -> None:
    assert not limit_ids(ask(engine, question)) & {"codeine-under-12", "opioids-after-tonsillectomy-under-18"}


@pytest.mark.parametrize("question", [
    "my 9 year old was prescribed tylenol 3", "tylenol #3 for my 8 year old", "tylenol with codeine for my 10 year old",
    "tylenol 3 for my 8 year old after a tooth extraction", "can my 7 year old have tylenol 4"])
def test_tylenol_with_codeine_still_warns_under_12(engine: Engine, question: str) -> None:
    a = ask(engine, question)
    assert "codeine-under-12" in limit_ids(a)
    cited(a)


# -- 2. teenagers who took many tablets: emergency help, no dose lecture ------------------------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", [
    "my 16 year old took 20 tylenol", "my teenage daughter took a whole bottle of advil",
    "my 14 year old took a bunch of advil on purpose", "my 15 year old took 10 extra strength tylenol",
    "my 13 year old swallowed 15 advil", "my 16 year old took 20 tylenol, how much is safe"])
def test_teenage_overdose_gets_poison_control_and_no_dose_range(engine: Engine, question: str, audience: str) -> None:
    a = ask(engine, question, audience)
    poison_first(a)
    assert not weight_doses(a)
    assert [w.kind for w in a.dose_warnings] == ["poison_control"]
    text = dose_text(a)
    for phrase in ("usual dose", "right dose", "mg in one dose", "mg a day", "mg/kg"):
        assert phrase not in text


def test_an_overdose_on_purpose_also_names_the_crisis_line(engine: Engine) -> None:
    a = ask(engine, "my 14 year old took a bunch of advil on purpose")
    lead = poison_first(a)
    assert "988" in lead and "911" in lead


# -- 3. double doses and extra doses by mistake: Poison Control, no further dose ----------------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", [
    "my husband and I both gave her tylenol", "gave 5 ml tylenol at 8 and another 5 ml at 9 to my 2 year old",
    "oops I gave my daughter motrin twice", "I think I gave my 3 year old too much tylenol",
    "grandma gave him tylenol and I did not know so I gave him some too an hour later, he is 4",
    "my 2 year old got into the childrens tylenol and the bottle is empty",
    "the motrin bottle is empty and my 3 year old was playing with it",
    "found my 2 year old with the open bottle of motrin", "my 2 year old ate 12 chewable tylenol"])
def test_double_doses_get_poison_control_with_the_banner(engine: Engine, question: str, audience: str) -> None:
    lead = poison_first(ask(engine, question, audience))
    assert "another dose" in lead
    assert not weight_doses(ask(engine, question, audience))


def test_a_second_dose_an_hour_later_is_added_up(engine: Engine) -> None:
    a = ask(engine, "gave 5 ml tylenol at 8 and another 5 ml at 9 to my 2 year old")
    (w,) = warnings(a, "above_range_for_age", "acetaminophen")
    assert w.proposed_ml == 10 and w.proposed_mg == pytest.approx(_apap_ml(10))


@pytest.mark.parametrize("question", [
    "my 3 year old had too much juice, can I give tylenol",
    "gave tylenol at 8 am and another dose at 2 pm to my 3 year old, can I give more",
    "5 ml of tylenol twice a day for my 2 year old", "my 5 year old had tylenol this morning, can I also give motrin",
    "my 4 year old took 2 chewable tylenol and still has a fever",
    "my 6 year old weighs 20 kg, gave 10 ml childrens motrin at 8 and tylenol at 10",
    "my son had 102 fever, gave tylenol, he is 4", "found my son with a fever, can I give tylenol, he is 3",
    "my 5 year old has had 12 doses of tylenol this week", "my 13 year old took 400 mg ibuprofen"])
def test_ordinary_doses_are_not_double_doses(engine: Engine, question: str) -> None:
    a = ask(engine, question)
    assert not warnings(a, "poison_control")
    assert a.urgent is None or "overdose" not in a.urgent.categories


# -- 4. another dose: the doses already given today count against the most in 24 hours ----------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize(("question", "drug"), [
    ("my 4 year old had tylenol 5 hours ago, its the 5th dose today, can I give another", APAP),
    ("my 6 year old had 4 doses of motrin today, can I give another", IBU)])
def test_no_other_dose_once_the_daily_count_is_reached(engine: Engine, question: str, drug: object,
                                                       audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = warnings(a, "too_often")
    assert w.exceeded == ["doses_per_day"]
    assert f"{drug.max_doses_per_day} doses" in w.text  # type: ignore[attr-defined]
    assert "do not give another dose" in w.text or "no further dose" in w.text
    assert not weight_doses(a) and "weigh your child" not in dose_text(a)
    cited(a)


def test_doses_below_the_daily_count_say_how_many_are_left(engine: Engine) -> None:
    a = ask(engine, "my 3 year old had 2 doses of tylenol today, last one 6 hours ago, can I give more")
    assert not warnings(a, "too_often")
    assert "2 doses" in dose_text(a) and f"{APAP.max_doses_per_day} doses in 24 hours" in dose_text(a)


@pytest.mark.parametrize(("question", "wait", "left"), [
    ("gave motrin at 2 pm, it is 5 pm now, can I give more to my 6 year old", "6 hours", "3 hours"),
    ("my 5 year old had motrin 30 mins ago and still has fever, can I give more motrin", "6 hours", "5.5 hours")])
def test_too_soon_for_another_dose_says_how_long_to_wait(engine: Engine, question: str, wait: str, left: str) -> None:
    text = dose_text(ask(engine, question))
    assert f"Wait at least {wait}" in text and f"another {left}" in text


def test_clock_times_and_dose_counts_are_read() -> None:
    from guidewise.understand.dose_clock import dose_clock
    from guidewise.understand.redose_timing import doses_given

    for text, hours in [("gave motrin at 2 pm, it is 5 pm now, can I give more", 3),
                        ("gave 5 ml at 8, its 10 now, can i give more", 2)]:
        clock = dose_clock(text)
        assert clock.now is not None and clock.now.hour - clock.given[-1].hour == hours, text
    assert doses_given("its the 5th dose today") == 5 and doses_given("had four doses of tylenol so far") == 4
    assert doses_given("5 ml of tylenol every 4 hours") is None


# -- 6a. how often, with no amount -------------------------------------------------------------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize(("question", "drug"), [
    ("my 6 year old weighs 20 kg, motrin every 4 hours", "ibuprofen"),
    ("my 5 year old weighs 18 kg, tylenol 6 times a day", "acetaminophen"),
    ("my 4 year old, motrin 5 times a day", "ibuprofen")])
def test_a_frequency_without_an_amount_is_checked(engine: Engine, question: str, drug: str, audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = warnings(a, "too_often", drug)
    assert w.exceeded == ["doses_per_day"]
    d = PEDS.by_id[drug]
    assert f"{d.max_doses_per_day} doses in 24 hours" in w.text
    cited(a)


def test_a_frequency_without_an_amount_gives_the_dose_for_a_stated_weight(engine: Engine) -> None:
    (w,) = warnings(ask(engine, "my 6 year old weighs 20 kg, motrin every 4 hours"), "too_often")
    assert "For 20 kg the right dose is 100 to 200 mg" in w.text


@pytest.mark.parametrize("question", [
    "childrens tylenol 3 times a day for my 5 year old", "my 6 year old, tylenol every 4 to 6 hours",
    "my 8 year old weighs 25 kg, motrin every 6 hours"])
def test_a_labelled_frequency_is_not_flagged(engine: Engine, question: str) -> None:
    assert not ask(engine, question).dose_warnings


# -- 6b. 'regular tylenol' is the 325 mg tablet; a dropper is not a measured dose ----------------------------------
@pytest.mark.parametrize(("text", "mg"), [("2 regular tylenol", 650), ("1 regular tylenol", 325),
                                          ("2 tylenol regular strength", 650)])
def test_regular_tylenol_is_the_325_mg_tablet(text: str, mg: float) -> None:
    (dose,) = parse_doses(text, PEDS.drug_names, PEDS.unit_strengths)
    assert dose.mg == mg and 325 in {t.mg for t in APAP.tablets}


def test_a_regular_dose_names_no_tablet() -> None:
    assert not [d for d in parse_doses("give a regular dose of tylenol", PEDS.drug_names, PEDS.unit_strengths)
                if d.mg is not None]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_two_regular_tylenol_for_25_kg_is_too_much(engine: Engine, audience: str) -> None:
    (w,) = warnings(ask(engine, "my 8 year old weighs 25 kg, can he have 2 regular tylenol", audience), "above_range")
    assert w.proposed_mg == 650


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize(("question", "drug"), [
    ("my 9 month old weighs 8 kg, a dropperful of infant tylenol", "acetaminophen"),
    ("my 1 year old, a dropper of infant motrin", "ibuprofen"),
    ("my 2 year old weighs 12 kg, 1 and a half droppers of infant tylenol", "acetaminophen")])
def test_a_dropper_is_not_a_measured_dose(engine: Engine, question: str, drug: str, audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = warnings(a, "unknown_amount", drug)
    assert "syringe" in w.text and "mL" in w.text
    assert w.proposed_mg is None
    cited(a)


def test_a_dropper_with_a_weight_gives_the_dose_in_ml(engine: Engine) -> None:
    (w,) = warnings(ask(engine, "my 2 year old weighs 12 kg, 1 and a half droppers of infant tylenol"), "unknown_amount")
    assert "120 to 180 mg" in w.text and " mL of " in w.text


# -- 6c. acetaminophen inside combination products, given with Tylenol --------------------------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize(("question", "limits"), [
    ("my 8 year old has a cold, I gave him tylenol and childrens mucinex multi-symptom", set()),
    ("my 10 year old had nyquil and tylenol", {"nyquil-dayquil-under-12"}),
    ("can I give my 7 year old theraflu and tylenol", set()),
    ("my 3 year old has a cold, can I give childrens dimetapp cold and tylenol", {"cough-cold-under-4"}),
    ("my 14 year old took excedrin and tylenol", {"aspirin-children-teenagers"}),
    ("my 13 year old took nyquil, can she have tylenol too", set())])
def test_acetaminophen_in_two_products_is_a_double_dose(engine: Engine, question: str, limits: set[str],
                                                        audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = warnings(a, "duplicate_ingredient", "acetaminophen")
    assert "acetaminophen" in w.text and ("double dose" in w.text or "duplicated" in w.text)
    assert limit_ids(a) == limits
    cited(a)
    titles = " ".join(r.title for r in a.references)
    assert "OTC Drug Facts" in titles


@pytest.mark.parametrize("question", ["my 8 year old had dayquil, can he have motrin", "tylenol for my 8 year old",
                                      "my 10 year old has a cold, can he have mucinex"])
def test_one_acetaminophen_product_is_no_double_dose(engine: Engine, question: str) -> None:
    assert not warnings(ask(engine, question), "duplicate_ingredient")


def test_theraflu_is_a_cough_and_cold_medicine_under_4(engine: Engine) -> None:
    assert "cough-cold-under-4" in limit_ids(ask(engine, "can my 3 year old have theraflu"))


# -- 6d. a prescribed amoxicillin dose far above the maximum: check with the prescriber, do not change it ----------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", [
    "my 15 kg 3 year old prescribed amoxicillin 400mg/5ml 15 ml three times a day",
    "my 8 year old, amoxicillin 2000 mg three times a day"])
def test_a_prescribed_dose_far_above_the_maximum_is_referred(engine: Engine, question: str, audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = [x for x in warnings(a, drug="amoxicillin") if x.kind in ("above_range", "above_range_for_age")]
    assert "prescriber" in w.text and "pharmacist" in w.text and "before the next dose" in w.text
    assert "right dose" not in w.text and "usual amount is" not in w.text
    cited(a)


def test_a_high_dose_amoxicillin_prescription_within_range_is_not_flagged(engine: Engine) -> None:
    a = ask(engine, "my 20 kg 5 year old prescribed amoxicillin 400mg/5ml 10 ml twice daily")
    assert not a.dose_warnings
    assert "1,600 mg a day" in dose_text(a)


# -- 6e. a baby of 3 to 6 months with 39 C (102.2 F) or more: see a doctor today; under 3 months: now -------------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", [
    "my 4 month old has a temperature of 39", "my 5 month old has a fever of 102.5",
    "my 5 month old has a fever of 102.5, how much tylenol", "my 4 month old has a fever, 102.2 F"])
def test_three_to_six_months_with_high_fever_see_a_doctor_today(engine: Engine, question: str, audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = warnings(a, "fever_by_age")
    assert w.severity == "see_doctor_today" and w.limit_id == "fever-3-to-6-months"
    assert a.sections[0].statements[0].text == w.text  # it leads
    assert "today" in w.text or "same day" in w.text
    cited(a)
    assert any("NG143" in r.title for r in a.references)


def test_under_three_months_with_fever_stays_now(engine: Engine) -> None:
    a = ask(engine, "my 2 month old has a fever of 100.5")
    (w,) = warnings(a, "fever_by_age")
    assert w.severity == "see_doctor_now" and "now" in w.text
    assert a.urgent is not None and "infant_fever" in a.urgent.categories


@pytest.mark.parametrize("question", ["my 4 month old has a fever of 101", "my 8 month old has a fever of 103",
                                      "my 5 month old weighs 7 kg, how much tylenol"])
def test_no_fever_rule_below_the_threshold_or_past_6_months(engine: Engine, question: str) -> None:
    assert not warnings(ask(engine, question), "fever_by_age")


@pytest.mark.parametrize(("text", "celsius"), [("a fever of 102.5", 39.17), ("temp 38.5 c", 38.5),
                                               ("temperature of 39", 39.0), ("fever 101 f", 38.33),
                                               ("she is 40 lbs", None), ("it is 39 degrees outside, fever", None)])
def test_stated_temperatures_are_read_in_celsius(text: str, celsius: float | None) -> None:
    from guidewise.understand.temperature import stated_temperature

    assert stated_temperature(text) == (pytest.approx(celsius) if celsius is not None else None)


# -- 6f. teenagers of adult age or weight: the adult labelled maximum, cited to the adult label ---------------------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", [
    "my 15 year old weighs 60 kg, how much tylenol", "can my 14 year old take 1000 mg tylenol",
    "my 16 year old, how much tylenol", "my 13 year old, 1500 mg tylenol"])
def test_teen_acetaminophen_carries_the_cited_adult_maximum(engine: Engine, question: str, audience: str) -> None:
    a = ask(engine, question, audience)
    (st,) = [s for s in a.sections[0].statements if "4,000 mg" in s.text]
    titles = {r.n: r.title for r in a.references}
    cited_titles = " ".join(titles[n] for n in st.citations)
    assert "Acetaminophen tablets and caplets" in cited_titles  # the adult OTC label (apap-tablets-label)
    assert "Acetaminophen, prescribing information and OTC Drug Facts" in cited_titles
    assert APAP.adult_cite


def test_teen_ibuprofen_cites_the_adult_tablet_label(engine: Engine) -> None:
    a = ask(engine, "my 15 year old weighs 60 kg, how much motrin")
    (st,) = [s for s in a.sections[0].statements if "1,200 mg" in s.text]
    assert any("Ibuprofen tablets, caplets" in r.title for r in a.references if r.n in st.citations)


# -- 6g. Augmentin (amoxicillin-clavulanate) suspensions, checked on their amoxicillin ------------------------------
@pytest.mark.parametrize(("question", "kind", "mg"), [
    ("augmentin 600 for my 15 kg 3 year old 5 ml twice a day", None, 600),
    ("my 15 kg 3 year old, augmentin es-600 10 ml twice a day", "above_range", 1200),
    ("my 20 kg 6 year old prescribed augmentin 400 mg/5 ml 10 ml twice a day", None, 800)])
def test_augmentin_suspensions_are_checked_on_their_amoxicillin(engine: Engine, question: str, kind: str | None,
                                                                mg: float) -> None:
    a = ask(engine, question)
    assert [w.kind for w in warnings(a, drug="amoxicillin")] == ([kind] if kind else [])
    assert f"is {mg:,.0f} mg" in dose_text(a)
    cited(a)


def test_es_600_is_600_mg_in_5_ml_cited_to_its_label(engine: Engine) -> None:
    (conc,) = [c for c in AMOX.concentrations if "augmentin es-600" in c.words]
    assert conc.mg_per_ml == 120
    a = ask(engine, "augmentin 600 for my 15 kg 3 year old 5 ml twice a day")
    assert any("ES-600" in r.title for r in a.references)


def test_augmentin_without_a_strength_is_not_assumed(engine: Engine) -> None:
    a = ask(engine, "my 15 kg son, augmentin 5 ml twice a day")
    (w,) = warnings(a, "unknown_strength", "amoxicillin")
    assert "drops" not in w.text


# -- through the CLI and the REST API -------------------------------------------------------------------------------
def test_cli_json_carries_the_third_review_fixes(tmp_path: Path) -> None:
    from test_cli import check_contract, run

    questions = ["my 2 year old weighs 11 kg, 1 and a half teaspoons childrens tylenol",
                 "oops I gave my daughter motrin twice", "my 5 month old has a fever of 102.5",
                 "can I give my 7 year old theraflu and tylenol", "childrens tylenol 3 times a day for my 5 year old"]
    f = tmp_path / "qs.txt"
    f.write_text("\n".join(questions) + "\n")
    r = run("ask", "--batch", str(f), "--format", "json", "--audience", "patient", home=tmp_path)
    assert r.returncode == 0, r.stderr
    half, twice, fever, combo, times = (json.loads(line) for line in r.stdout.splitlines())
    for d in (half, twice, fever, combo, times):
        check_contract(d)
        refs = {x["n"] for x in d["references"]}
        assert all(w["citations"] and set(w["citations"]) <= refs for w in d["dose_warnings"])
    assert [(w["kind"], w["proposed_ml"]) for w in half["dose_warnings"]] == [("above_range", 7.5)]
    assert [w["kind"] for w in twice["dose_warnings"]] == ["poison_control"] and "overdose" in twice["urgent"]["categories"]
    assert [w["severity"] for w in fever["dose_warnings"]] == ["see_doctor_today"]
    assert [w["kind"] for w in combo["dose_warnings"]] == ["duplicate_ingredient"]
    assert not [w for w in times["dose_warnings"] if w["kind"] == "age_limit"]


def test_cli_text_shows_the_poisoning_banner_for_a_teen_overdose(tmp_path: Path) -> None:
    from test_cli import run

    r = run("ask", "my 14 year old took a bunch of advil on purpose", "--audience", "patient", home=tmp_path)
    assert r.returncode == 0 and "Poison Control" in r.stdout and PHONE in r.stdout and "usual dose" not in r.stdout


@pytest.mark.parametrize(("question", "kinds"), [
    ("my 16 year old took 20 tylenol", ["poison_control"]),
    ("my 4 year old had tylenol 5 hours ago, its the 5th dose today, can I give another", ["too_often"]),
    ("my 6 year old weighs 20 kg, motrin every 4 hours", ["too_often"]),
    ("my 9 month old weighs 8 kg, a dropperful of infant tylenol", ["age_limit", "unknown_amount"])])
def test_api_returns_the_same_warnings_as_the_engine(tmp_path: Path, engine: Engine, question: str,
                                                     kinds: list[str]) -> None:
    assert_api_matches_engine(tmp_path, engine, question, kinds)


def test_alternating_two_medicines_is_not_each_too_often(engine: Engine) -> None:
    a = ask(engine, "my 4 year old weighs 16 kg, alternating tylenol and motrin every 3 hours")
    assert not warnings(a, "too_often")
