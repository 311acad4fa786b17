"""Fixes from the fifth independent paediatric review: dose times read as a timeline (doses given too close together,
the time now, a medicine asked about at a time), more combination products that hold acetaminophen, ingestion
wording, deliberate overdoses in teenagers, adult-only articles kept from teenagers, bare tablet strengths,
prescribed aspirin, and a measuring slack at the top of a mg/kg range. Questions are worded afresh, not the
review's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidewise.compose.peds_check import without_model_alarm
from guidewise.engine import Engine
from guidewise.library.peds.loader import load_peds
from guidewise.understand.context import extract_context
from guidewise.understand.dose_clock import dose_clock
from guidewise.understand.urgent import Urgent
from peds_answers import PHONE, ask, assert_api_matches_engine, cited, dose_text, limit_ids, warnings

PAEDIATRIC_CHECKS = True
AUDIENCES = ["patient", "clinician"]
PEDS = load_peds()


# -- 1. the dose clock ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "given", "now"), [
    ("gave calpol at 7am, then 9am and 11am, can I give more at 1pm", [7, 9, 11], 13),
    ("advil 150 mg at 0500 and 0800, next?", [5, 8], None),
    ("had 7.5 ml motrin at 9pm and 1am, can she have more at 3am", [21, 25], 27),
    ("gave tylenol at 2 and again at 4, it is 5 now", [2, 4], 5),
    ("motrin at 6 and her temperature went up again at 10", [6], 10),
    ("tylenol at 3pm, its now 6pm", [15], 18),
    ("1000 mg of something at night", [], None),
])
def test_dose_times_are_read_in_order_with_their_roles(text: str, given: list[float], now: float | None) -> None:
    clock = dose_clock(text)
    assert [t.hour for t in clock.given] == given
    assert (clock.now.hour if clock.now else None) == now


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize(("question", "drug", "apart"), [
    ("my 18 kg boy had 9 ml tylenol at 1pm and 8 ml at 3pm", "acetaminophen", "2 hours"),
    ("22 kg girl, ibuprofen 200 mg at 0700 and 1000", "ibuprofen", "3 hours"),
    ("my 3 yo (14kg) got 7 ml motrin at 8pm then 7 ml at 11pm, can she have more at 2am", "ibuprofen", "3 hours"),
    ("gave 6 ml calpol 120mg/5ml at 10am, 12pm and 4pm to my 13 kg son", "acetaminophen", "2 hours"),
])
def test_doses_given_closer_than_the_interval_are_a_warning(engine: Engine, question: str, drug: str, apart: str,
                                                            audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = warnings(a, "too_often", drug)
    assert "interval" in (w.exceeded or [])
    assert f"{apart} apart" in w.text
    assert not warnings(a, "poison_control"), "an early dose is not a double dose"
    cited(a)


@pytest.mark.parametrize("question", [
    "my 20kg son had 10 ml tylenol at 6am, 10am and 2pm, can he have more at 6pm",
    "ibuprofen 150 mg at 0600 and 1200 for my 16 kg daughter",
    "my 5 year old 19 kg had motrin 9 ml at 8am and tylenol 9 ml at 11am, can he have motrin again at 2pm",
])
def test_doses_at_the_right_interval_raise_no_interval_warning(engine: Engine, question: str) -> None:
    a = ask(engine, question)
    assert not [w for w in a.dose_warnings if "interval" in (w.exceeded or [])], dose_text(a)
    assert not warnings(a, "poison_control") and a.urgent is None


def test_a_time_for_a_fever_is_not_a_second_dose(engine: Engine) -> None:
    a = ask(engine, "my 16 kg 4 yo had 8 ml childrens motrin at 5 and the fever came back at 9, can i give more")
    assert not warnings(a, "poison_control") and a.urgent is None
    assert "not due for another 2 hours" in dose_text(a)


def test_a_second_dose_within_half_the_interval_is_still_a_double_dose(engine: Engine) -> None:
    a = ask(engine, "gave my 2 year old 5 ml tylenol at 7 and another 5 ml at 8")
    assert warnings(a, "poison_control") and a.urgent is not None


def test_the_api_gives_the_interval_warning(tmp_path: Path, engine: Engine) -> None:
    assert_api_matches_engine(tmp_path, engine, "my 12 kg girl had 5 ml tylenol at 9am and 5 ml at 11am",
                              ["too_often"])


# -- 2. combination products ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("question", [
    "my 7 year old is on Children's Tylenol Cold + Cough, can I give regular children's tylenol too",
    "Tylenol Sinus and extra strength tylenol for my 16 yo",
    "my 9 yo had Triaminic fever and cold, can she have calpol",
    "children's mucinex cold & flu plus tylenol for a 6 year old",
    "my 15 year old has lemsip, can he have paracetamol",
    "my 17 yo is on percocet after surgery, can she take tylenol as well",
    "midol and tylenol for my 14 year old's cramps",
])
def test_a_second_acetaminophen_product_is_a_double_dose(engine: Engine, question: str, audience: str) -> None:
    a = ask(engine, question, audience)
    (w,) = warnings(a, "duplicate_ingredient")
    assert w.drug == "acetaminophen" and "acetaminophen" in w.text
    cited(a)


def test_one_combination_product_alone_is_not_a_double_dose(engine: Engine) -> None:
    assert not warnings(ask(engine, "Children's Tylenol Cold + Cough for my 7 year old"), "duplicate_ingredient")


# -- 3. ingestion wording and deliberate overdoses ----------------------------------------------------------------
@pytest.mark.parametrize("question", [
    "I gave the wrong medicine by accident, 5 ml of motrin to my 3 month old",
    "ingestion of ibuprofen, 3 year old 14 kg, about 1200 mg",
])
def test_a_wrong_medicine_or_an_ingestion_is_for_poison_control(engine: Engine, question: str) -> None:
    a = ask(engine, question)
    assert warnings(a, "poison_control") and PHONE in dose_text(a) and a.urgent is not None


@pytest.mark.parametrize("question", [
    "my 15 year old daughter swallowed 25 of her sleeping tablets",
    "16 yo boy took a handful of motrin after an argument with his dad",
    "my son is 13 and took all of my ibuprofen tablets",
])
def test_a_teenager_taking_many_tablets_gets_911_and_988(engine: Engine, question: str) -> None:
    a = ask(engine, question)
    assert a.urgent is not None and a.urgent.categories[0] == "deliberate_overdose"
    assert "911" in a.urgent.message and "988" in a.urgent.message
    assert not a.urgent.crisis, "the dose check and Poison Control stay beside the crisis line"


def test_a_toddler_swallowing_tablets_is_a_poisoning_not_self_harm(engine: Engine) -> None:
    a = ask(engine, "my 3 yo swallowed 15 chewable motrin")
    assert a.urgent is not None and "deliberate_overdose" not in a.urgent.categories
    assert "button_battery_or_magnet" not in a.urgent.categories, "no battery was named"


# -- 4. articles for teenagers -------------------------------------------------------------------------------------
@pytest.mark.parametrize("question", [
    "my 15 year old has knee pain after basketball, what can she take",
    "my 14 yo son has sciatica down his leg, which medicine",
    "back spasm in my 16 year old after lifting, what helps",
    "my 13 yo weighs 50 kg, can he have 2 advil every 6 hours",
])
def test_a_teenager_is_never_shown_an_adult_only_article(engine: Engine, question: str) -> None:
    a = ask(engine, question)
    adult_only = {"knee-osteoarthritis", "low-back-pain-acute", "lumbar-radiculopathy"}
    assert a.topic is None or a.topic.id not in adult_only
    offered = " ".join(s.text for s in a.all_statements() if s.kind != "avoid").lower()
    assert not any(d in offered for d in ("tramadol", "duloxetine", "cyclobenzaprine"))


# -- 5. bare tablet strengths, prescribed aspirin, the measuring slack, model-only banners --------------------------
def test_a_tablet_strength_without_mg_is_read(engine: Engine) -> None:
    a = ask(engine, "my 4 year old is 16 kg, can he have one tylenol 500")
    (w,) = warnings(a, "above_range", "acetaminophen")
    assert w.proposed_mg == 500


def test_prescribed_aspirin_is_not_contradicted(engine: Engine) -> None:
    a = ask(engine, "the rheumatologist prescribed low dose aspirin for my 6 year old, is that ok")
    (w,) = warnings(a, "age_limit")
    assert w.severity == "as_prescribed" and "exactly as the doctor prescribed" in w.text
    assert "Do not give aspirin" not in w.text
    cited(a)
    plain = ask(engine, "can my 6 year old have aspirin for a headache")
    assert "aspirin-children-teenagers" in limit_ids(plain)
    assert warnings(plain, "age_limit")[0].severity == "do_not_use"


@pytest.mark.parametrize(("question", "flagged"), [
    ("my son weighs 33 lb, is 7.5 ml of childrens motrin ok", False),  # 150 mg for 14.97 kg: 10.02 mg/kg
    ("my son weighs 15 kg, is 8 ml of childrens motrin ok", True),     # 160 mg: 10.7 mg/kg
])
def test_a_measuring_slack_at_the_top_of_the_range(engine: Engine, question: str, flagged: bool) -> None:
    assert bool(warnings(ask(engine, question), "above_range")) is flagged


def test_a_model_only_banner_gives_way_to_a_dose_the_check_reads_as_right(engine: Engine) -> None:
    def with_model_banner(question: str) -> bool:
        query = engine.understand(question)
        query.urgent = Urgent(message="What you describe may need emergency care.", reasons=[], source="model")
        return without_model_alarm(query, PEDS) is not None

    assert not with_model_banner("my 3 year old is 14 kg, 6 ml of children's tylenol 160mg/5ml?")
    assert with_model_banner("my 3 year old is 14 kg, 20 ml of children's tylenol 160mg/5ml?")
    assert with_model_banner("my 3 year old is 14 kg and very sleepy and floppy")


def test_a_child_who_is_two_and_a_half_is_read() -> None:
    ctx = extract_context("my son is 2 and a half and weighs 13 kg")
    assert ctx.age_years == 2.5 and ctx.weight_kg == 13


def test_cli_json_carries_the_fifth_review_fixes(tmp_path: Path) -> None:
    import json

    from test_cli import check_contract, run

    questions = ["my 17 kg son had 8 ml tylenol at 7am and 8 ml at 9am",
                 "my 16 year old took 30 advil after a breakup",
                 "Tylenol PM and tylenol for my 15 year old"]
    f = tmp_path / "qs.txt"
    f.write_text("\n".join(questions) + "\n")
    r = run("ask", "--batch", str(f), "--format", "json", "--audience", "patient", home=tmp_path)
    assert r.returncode == 0, r.stderr
    close, overdose, combo = (json.loads(line) for line in r.stdout.splitlines())
    for d in (close, overdose, combo):
        check_contract(d)
        refs = {x["n"] for x in d["references"]}
        assert all(w["citations"] and set(w["citations"]) <= refs for w in d["dose_warnings"])
    assert [(w["kind"], w["exceeded"]) for w in close["dose_warnings"]] == [("too_often", ["interval"])]
    assert overdose["urgent"]["categories"][0] == "deliberate_overdose" and "988" in overdose["urgent"]["message"]
    assert [w["kind"] for w in combo["dose_warnings"]] == ["duplicate_ingredient"]
