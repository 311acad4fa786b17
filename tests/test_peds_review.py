"""Paediatric dose safety after the independent paediatric/pharmacy review: one group of tests per finding.

Each test failed on the code the review examined. Expected figures are recomputed from the data files.
"""

from __future__ import annotations

import math

import pytest

from guidewise.compose.answer import Answer, DoseWarning
from guidewise.compose.peds_dose import ages_for_weight, weight_range
from guidewise.engine import Engine
from guidewise.library.peds.loader import cite_key, load_peds
from guidewise.understand.context import extract_context
from guidewise.understand.weight import extract_weight_kg
from peds_answers import ask, cited, dose_text, limit_ids, weight_doses

PAEDIATRIC_CHECKS = True  # the checks are off by default until a clinical review signs them off

PEDS = load_peds()
APAP, IBU, AMOX = PEDS.by_id["acetaminophen"], PEDS.by_id["ibuprofen"], PEDS.by_id["amoxicillin"]
AUDIENCES = ("clinician", "patient")
LIMITS = {lim.id: lim for lim in PEDS.limits}


def warnings(a: Answer, kind: str | None = None) -> list[DoseWarning]:
    return [w for w in a.dose_warnings if w.kind != "age_limit" and (kind is None or w.kind == kind)]


def ml_range(lo_mg: float, hi_mg: float, mg_per_ml: float) -> str:
    lo = math.ceil(lo_mg / mg_per_ml * 10 - 1e-9) / 10
    hi = math.floor(hi_mg / mg_per_ml * 10 + 1e-9) / 10
    return f"{lo:g} to {hi:g} mL"


# -- 1. liquids: no assumed strength for non-US brands or drops; the stated strength is used throughout ---------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", ["how much calpol for my 10 kg baby", "my baby weighs 10 kg, how much panadol infant drops",
                                      "my 10 kg son, how much tylenol drops", "how much paracetamol for my 10 kg son"])
def test_no_volume_is_given_for_a_product_whose_strength_varies(engine: Engine, question: str, audience: str) -> None:
    a = ask(engine, question, audience)
    (text,) = weight_doses(a)
    assert f"{APAP.dose_low * 10:g} to {APAP.dose_high * 10:g} mg" in text  # type: ignore[operator]
    assert " mL of " not in text and "160 mg" not in text
    assert "mg per mL" in text


@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_volume_of_a_product_whose_strength_varies_is_not_converted(engine: Engine, audience: str) -> None:
    a = ask(engine, "my baby weighs 7 kg, 2 ml of tempra infant drops", audience)
    (w,) = warnings(a)
    assert w.kind == "unknown_strength" and w.proposed_mg is None and w.concentration is None
    assert "mg per mL" in w.text and "160 mg" not in w.text
    assert f"{APAP.dose_low * 7:g} to {APAP.dose_high * 7:g} mg" in w.text  # type: ignore[operator]
    cited(a)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_stated_strength_is_used_for_the_corrected_volume(engine: Engine, audience: str) -> None:
    a = ask(engine, "my baby weighs 7 kg, 2 ml of tylenol drops 80 mg/ml", audience)
    (w,) = warnings(a)
    assert w.kind == "above_range" and w.proposed_mg == 160 and w.concentration == "80 mg/1 mL"
    assert ml_range(APAP.dose_low * 7, APAP.dose_high * 7, 80) in w.text  # type: ignore[operator]
    assert "160 mg/5 mL" not in w.text and "160 mg in 5 mL" not in w.text
    asked = ask(engine, "my 7 kg baby, how much tylenol 80 mg/ml drops", audience)
    (text,) = weight_doses(asked)
    assert ml_range(APAP.dose_low * 7, APAP.dose_high * 7, 80) in text and "160 mg" not in text  # type: ignore[operator]


def test_uk_strengths_are_used_only_when_named(engine: Engine) -> None:
    six_plus = next(c for c in APAP.concentrations if "SixPlus" in c.label)
    ok = ask(engine, "my 20 kg child, 5 ml of calpol six plus")
    assert not warnings(ok) and f"is {5 * six_plus.mg_per_ml:g} mg" in dose_text(ok)
    over = ask(engine, "my 20 kg child, 15 ml of calpol sixplus")
    (w,) = warnings(over)
    assert w.kind == "above_range" and w.proposed_mg == 15 * six_plus.mg_per_ml and w.concentration == six_plus.strength
    listed = weight_doses(ask(engine, "my 20 kg child, how much tylenol"))[0]
    assert "Calpol" not in listed, "a brand-only strength is never offered unasked"


# -- 2. a light teenager keeps the mg/kg limits; the dose asked for and the check agree ---------------------------
@pytest.mark.parametrize(("question", "drug", "kg"), [
    ("my 12 year old weighs 30 kg, can I give 1000 mg tylenol 4 times a day", APAP, 30),
    ("my 12 year old weighs 35 kg, 400 mg ibuprofen 3 times a day", IBU, 35),
])
def test_a_light_twelve_year_old_keeps_the_mg_per_kg_limits(engine: Engine, question: str, drug: object, kg: int) -> None:
    from guidewise.library.peds.schema import PedsDrug
    assert isinstance(drug, PedsDrug)
    (w,) = warnings(ask(engine, question))
    assert w.kind == "above_range"
    assert w.max_mg_per_dose == pytest.approx(min(drug.dose_high * kg, drug.max_single_mg))
    assert w.max_mg_per_day == pytest.approx(min(drug.day_high * kg, drug.max_daily_mg))


@pytest.mark.parametrize(("age", "kg"), [(12, 30), (13, 45), (16, 60)])
def test_the_dose_asked_for_and_the_check_agree(engine: Engine, age: int, kg: int) -> None:
    adult = APAP.adult_from.kg is not None and kg >= APAP.adult_from.kg
    high = APAP.max_single_mg if adult else min(APAP.dose_high * kg, APAP.max_single_mg)
    (text,) = weight_doses(ask(engine, f"my {age} year old weighs {kg} kg, how much tylenol"))
    assert f"{high:,g} mg" in text
    assert not warnings(ask(engine, f"my {age} year old weighs {kg} kg, is {high:g} mg of tylenol ok"))
    (w,) = warnings(ask(engine, f"my {age} year old weighs {kg} kg, is {high + 100:g} mg of tylenol ok"))
    assert w.kind == "above_range"


# -- 3. too often: always reported, the correction says how often, the exceeded limit is named --------------------
@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_right_dose_says_how_often(engine: Engine, audience: str) -> None:
    a = ask(engine, "my 6 year old weighs 20 kg, 10 ml childrens tylenol every 4 hours", audience)
    (w,) = warnings(a)
    assert w.exceeded == ["dose", "daily_total", "doses_per_day"]
    how = APAP.interval_plain if audience == "patient" else APAP.interval
    right = w.text[w.text.index("right dose"):]
    assert how in right and f"{APAP.day_high * 20:,g} mg in 24 hours" in right
    assert "more often than labelled" in w.text


def test_an_age_only_overdose_also_reports_the_frequency(engine: Engine) -> None:
    (w,) = warnings(ask(engine, "my 2 year old, 300 mg tylenol every 4 hours"))
    assert w.kind == "above_range_for_age" and "doses_per_day" in (w.exceeded or [])
    assert "more often than labelled" in w.text and APAP.interval_plain in w.text
    (w,) = warnings(ask(engine, "my 14 year old, 1000 mg tylenol every 4 hours"))
    assert w.kind == "above_max" and "more often than labelled" in w.text


@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_good_dose_given_too_often_is_not_called_too_big(engine: Engine, audience: str) -> None:
    (w,) = warnings(ask(engine, "is 15 mg/kg of tylenol every 4 hours ok", audience))
    assert w.exceeded == ["daily_total", "doses_per_day"]
    assert "is within the labelled" in w.text and "is above the labelled" not in w.text
    assert "more often than labelled" in w.text


# -- 4. amoxicillin under 3 months: at most 15 mg/kg a dose, every 12 hours ----------------------------------------
def test_amoxicillin_under_three_months_is_limited_per_dose_and_per_day(engine: Engine) -> None:
    (rule,) = AMOX.infant_rules
    assert rule.max_mg_per_kg_dose is not None
    (w,) = warnings(ask(engine, "my 6 week old weighs 5 kg, can I give 200 mg of amoxicillin"))
    assert w.kind == "above_range" and w.max_mg_per_dose == pytest.approx(rule.max_mg_per_kg_dose * 5)
    (w,) = warnings(ask(engine, "my 6 week old weighs 5 kg, amoxicillin 50 mg three times a day"))
    assert w.kind == "too_often" and w.exceeded == ["doses_per_day"]
    assert not warnings(ask(engine, "my 6 week old weighs 5 kg, amoxicillin 75 mg twice a day"))
    (text,) = weight_doses(ask(engine, "my 1 month old weighs 4 kg how much amoxicillin"))
    assert f"{rule.max_mg_per_kg_dose * 4:g} mg in each dose" in text and "12 hours" in text
    assert f"{AMOX.dose_high * 4:g} mg" not in text


def test_a_young_infant_limit_that_only_may_apply_is_stated_conditionally(engine: Engine) -> None:
    """An 8 kg baby may be just under 3 months (the heaviest usual 3-month-olds weigh about 8 kg) or much older:
    the under-3-months amoxicillin limits are given as a condition, not assumed and not dropped."""
    (rule,) = AMOX.infant_rules
    assert rule.max_mg_per_kg_dose is not None
    (text,) = weight_doses(ask(engine, "my 8 kg baby, how much amoxicillin"))
    assert not text.startswith("For a baby under 3 months")
    assert "If your baby is under 3 months" in text and f"{rule.max_mg_per_kg_dose * 8:g} mg in one dose" in text
    a = ask(engine, "my 5 kg baby, amoxicillin 200 mg twice a day")
    assert "3 months or older" in dose_text(a) and "would be too much" in dose_text(a)


# -- 5. babies under 3 months: no home dose; call now -------------------------------------------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", ["my 2 week old weighs 3.5 kg how much tylenol", "my newborn has a fever, how much tylenol",
                                      "my 6 week old, how much acetaminophen", "my baby is 4 kg, how much tylenol",
                                      "my 10 week old has a fever, can I give motrin"])
def test_no_home_dose_under_three_months(engine: Engine, question: str, audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = [w for w in a.dose_warnings if w.kind == "age_limit"]
    assert w.limit_id in ("acetaminophen-under-3-months", "ibuprofen-under-3-months") and w.severity == "see_doctor_now"
    assert not weight_doses(a)
    text = dose_text(a)
    assert "now" in text and "same day" not in text and "same-day" not in text
    assert "every 4 to 6 hours" not in text and "mg/kg" not in text.replace("mg/kg/day", "")
    cited(a)
    refs = " ".join(r.title for r in a.references)
    assert "NG143" in refs and "Febrile Infants" in refs


def test_an_overdose_under_three_months_is_flagged_without_a_dose(engine: Engine) -> None:
    a = ask(engine, "my 7 week old weighs 4.5 kg, 100 mg of tylenol")
    (w,) = warnings(a)
    assert w.kind == "above_range" and "right dose" not in w.text and " mL of " not in w.text
    assert limit_ids(a) == {"acetaminophen-under-3-months"}


def test_no_limit_text_says_same_day() -> None:
    for lim in PEDS.limits:
        assert "same day" not in lim.plain and "same-day" not in lim.text, lim.id


# -- 6. a weight alone can place the child under an age limit -----------------------------------------------------
def test_a_baby_lighter_than_any_usual_six_month_old_gets_no_ibuprofen_dose(engine: Engine) -> None:
    low_at_6 = weight_range(PEDS.growth, (6.0, 6.0))[0]
    a = ask(engine, f"my {low_at_6 - 0.7:g} kg baby has a fever, how much motrin")
    (w,) = [w for w in a.dose_warnings if w.limit_id == "ibuprofen-under-6-months"]
    assert not w.text.startswith("If") and "usually under 6 months" in w.text
    assert not weight_doses(a)
    heavier = ask(engine, f"my {low_at_6 + 1.3:g} kg baby has a fever, how much motrin")
    assert weight_doses(heavier), "a heavier baby may be older than 6 months: the dose is given"


def test_ages_for_weight_invert_the_growth_table() -> None:
    lo, hi = ages_for_weight(PEDS.growth, 5.0)
    assert lo < 1 and 3 < hi < 6
    assert ages_for_weight(PEDS.growth, 15)[1] < 144  # a 15 kg child is under 12


# -- 7. codeine, tramadol, opioid cough medicines, promethazine -----------------------------------------------------
@pytest.mark.parametrize(("question", "limit_id"), [
    ("tylenol with codeine for my 13 year old after tonsillectomy", "opioids-after-tonsillectomy-under-18"),
    ("tramadol for my 16 year old after tonsil surgery", "opioids-after-tonsillectomy-under-18"),
    ("my 14 year old is obese and snores, can he have tylenol with codeine for a toothache", "opioids-breathing-risk-12-to-17"),
    ("my 15 year old has a cough, can he have promethazine with codeine", "opioid-cough-cold-under-18"),
    ("codeine dose for 15 kg", "codeine-under-12"),
    ("my 35 kg son, can he take tramadol", "tramadol-under-12"),
    ("phenergan for my 18 month old's vomiting", "promethazine-under-2"),
])
def test_opioid_and_promethazine_limits(engine: Engine, question: str, limit_id: str) -> None:
    for audience in AUDIENCES:
        a = ask(engine, question, audience)
        assert limit_id in limit_ids(a), (question, limit_ids(a))
        cited(a)
    if limit_id != "promethazine-under-2":
        titles = [r.title for r in a.references]
        assert any(t.startswith("FDA Drug Safety Communication on") for t in titles), titles


def test_a_teen_without_a_risk_may_be_told_about_codeine(engine: Engine) -> None:
    assert not limit_ids(ask(engine, "can my 16 year old take tylenol with codeine for a broken wrist"))


def test_a_light_child_known_only_by_weight_may_be_under_twelve() -> None:
    assert extract_weight_kg("codeine dose for 15 kg") == 15
    assert extract_context("my 35 kg son, can he take tramadol").weight_kg == 35


# -- 8. amoxicillin by infection -----------------------------------------------------------------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
def test_an_ear_infection_gets_the_high_dose(engine: Engine, audience: str) -> None:
    aom = next(i for i in AMOX.indications if i.id == "otitis-media")
    (text,) = weight_doses(ask(engine, "my 8 year old weighs 25 kg how much amoxicillin for ear infection", audience))
    assert f"{aom.day_low * 25:,g} to {aom.day_high * 25:,g} mg a day" in text
    assert f"{aom.day_low * 25 / 2:,g} to {aom.day_high * 25 / 2:,g} mg" in text
    assert f"{AMOX.day_low:g} to {AMOX.day_high:g}" not in text
    refs = ask(engine, "my 8 year old weighs 25 kg how much amoxicillin for ear infection", audience).references
    assert any("Acute Otitis Media" in r.title for r in refs)


def test_the_general_amoxicillin_range_and_indication_checks(engine: Engine) -> None:
    (text,) = weight_doses(ask(engine, "my 20 kg son, how much amoxicillin"))
    assert f"{AMOX.usual_day_low:g} to {AMOX.usual_day_high:g} mg for each kg a day" in text and "ear infection" in text
    (w,) = warnings(ask(engine, "my 8 year old weighs 25 kg, amoxicillin 250 mg twice a day for an ear infection"))
    # Since the second review, a prescribed dose inside the absolute limits that differs from the usual one is
    # referred to the prescriber (differs_from_usual), not called too little or too much.
    assert w.kind == "differs_from_usual"
    assert AMOX.once_daily is not None
    (w,) = warnings(ask(engine, "my 30 kg daughter has strep throat, amoxicillin 1500 mg once a day"))
    assert w.kind == "differs_from_usual" and w.max_mg_per_dose == AMOX.once_daily.max_mg
    (w,) = warnings(ask(engine, "my 30 kg daughter, amoxicillin 1500 mg once a day"))
    assert w.max_mg_per_dose == AMOX.once_daily.max_mg, "once a day is capped whatever the infection"
    assert not warnings(ask(engine, "my 20 kg son has strep throat, amoxicillin 1000 mg once a day"))


# -- 9. doxycycline: short courses at any age; the drug asked about is named ------------------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
def test_doxycycline_for_rocky_mountain_spotted_fever_is_not_discouraged(engine: Engine, audience: str) -> None:
    a = ask(engine, "my 4 year old has rocky mountain spotted fever, doctor prescribed doxycycline, is that safe", audience)
    (w,) = [w for w in a.dose_warnings if w.kind == "age_limit"]
    assert w.limit_id == "doxycycline-under-8" and "21 days" in w.text and "Rocky Mountain spotted fever" in w.text
    assert "minocycline" not in w.text.lower() and "tetracycline" not in w.text.lower()
    refs = " ".join(r.title for r in a.references)
    assert "Tickborne Rickettsial" in refs and "Red Book" in refs
    mino = ask(engine, "minocycline for my 6 year old", audience)
    (w,) = [w for w in mino.dose_warnings if w.kind == "age_limit"]
    assert w.limit_id == "tetracyclines-under-8" and "minocycline" in w.text.lower()


# -- 10. antihistamines, homeopathic teething tablets, camphor rubs -------------------------------------------------
@pytest.mark.parametrize(("question", "expected"), [
    ("can I give benadryl to my 1 year old to help her sleep", {"cough-cold-under-2", "antihistamine-to-make-a-child-sleepy"}),
    ("benadryl for my 4 year old's hives", {"diphenhydramine-under-6"}),
    ("can I give teething tablets to my 6 month old", {"homeopathic-teething-products"}),
    ("is vicks vaporub ok for my 1 year old", {"camphor-rub-under-2"}),
    ("benadryl for my 8 year old's hives", set()),
    ("vicks vaporub for my 5 year old's cough", set()),
])
def test_the_review_gaps_are_covered(engine: Engine, question: str, expected: set[str]) -> None:
    for audience in AUDIENCES:
        a = ask(engine, question, audience)
        assert limit_ids(a) == expected, (question, limit_ids(a))
        cited(a)


# -- 11. product matching, ages and infant drops ---------------------------------------------------------------------
def test_childrens_without_an_apostrophe_names_the_childrens_product(engine: Engine) -> None:
    a = ask(engine, "5 ml childrens motrin for my 7 month old")
    assert "Assuming" not in dose_text(a) and "is 100 mg" in dose_text(a)


@pytest.mark.parametrize(("question", "considered", "absent"), [
    ("my 6 week old has a fever, can I give motrin", "6 weeks old", "1 months"),
    ("my newborn has a fever, how much tylenol", "newborn", "3 weeks"),
    ("my 10 day old baby, how much tylenol", "10 days old", "0 months"),
    ("my 1 month old weighs 4 kg how much amoxicillin", "1 month old", "1 months"),
])
def test_young_ages_are_given_in_days_weeks_or_months(engine: Engine, question: str, considered: str, absent: str) -> None:
    a = ask(engine, question)
    assert considered in a.considered
    assert absent not in " ".join(a.considered) + dose_text(a)


def test_infant_drops_are_offered_only_at_their_ages_and_as_syringe_marks(engine: Engine) -> None:
    drops = next(c for c in IBU.concentrations if c.syringe_marks_ml)
    (text,) = weight_doses(ask(engine, "my 9 month old weighs 8 kg, how much motrin"))
    marks = [m for m in drops.syringe_marks_ml if 5 * 8 <= m * drops.mg_per_ml <= 10 * 8]
    assert marks and " or ".join(f"{m:g} mL" for m in marks) in text and "syringe" in text
    (text,) = weight_doses(ask(engine, "my 3 year old weighs 14 kg, how much ibuprofen"))
    assert "drops" not in text


def test_childrens_pepto_is_not_bismuth_subsalicylate(engine: Engine) -> None:
    assert "aspirin-children-teenagers" not in limit_ids(ask(engine, "children's pepto for my 8 year old's upset stomach"))
    assert "aspirin-children-teenagers" in limit_ids(ask(engine, "pepto bismol for my 8 year old's upset stomach"))


# -- 12. citations ---------------------------------------------------------------------------------------------------
def test_fda_communications_are_described_not_given_invented_titles() -> None:
    for ref in PEDS.references.values():
        if ref.source == "U.S. Food and Drug Administration":
            assert ref.title.startswith("FDA "), ref.title
            assert ref.url is not None and ref.url.startswith("https://www.fda.gov/search?s="), ref.key
    cites = {c for lim in PEDS.limits for c in lim.cite}
    assert "fever-pain-children/fda-codeine2017" not in cites


def test_citations_are_the_ones_that_support_the_statement() -> None:
    assert "fever-pain-children/aap2011" not in LIMITS["aspirin-children-teenagers"].cite
    assert "acute-sinusitis/aap2013" in AMOX.cite and "acute-sinusitis/idsa2012" not in AMOX.cite
    for c in [*LIMITS["doxycycline-under-8"].cite, *AMOX.usual_cite]:
        source, key = cite_key(c)
        assert source != "#peds" or key in PEDS.references


def test_growth_table_from_two_years_is_the_cdc_chart() -> None:
    at_24 = next(p for p in PEDS.growth.points if p.age_months == 24)
    assert at_24.low_kg == 9.9  # CDC 2000 weight-for-age, girls' 3rd percentile at 24 months: 9.99 kg
