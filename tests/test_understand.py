"""Question understanding: vocabulary, typos, patient context, negation, intents."""

from __future__ import annotations

import pytest

from guidewise.engine import Engine
from guidewise.library.schema import Intent, Population
from guidewise.understand.context import extract_context
from guidewise.understand.intent import detect_intents
from guidewise.understand.negation import affirmed, negated_spans
from guidewise.understand.query import QuestionError, check_question


@pytest.mark.parametrize(("question", "word", "means"), [
    ("is Flexeril ok for a pulled back", "flexeril", "cyclobenzaprine"),
    ("heartburn every night", "heartburn", "gerd"),
    ("my water pill makes me pee", "water pill", "diuretic"),
    ("UTI again", "uti", "urinary tract infection"),
])
def test_brand_lay_and_abbreviation_expansions(engine: Engine, question: str, word: str, means: str) -> None:
    q = engine.understand(question)
    assert any(e.phrase == word and means in e.adds for e in q.expansions), q.expansions


@pytest.mark.parametrize(("typo", "word"), [("ibuprofin", "ibuprofen"), ("cyclobenzeprine", "cyclobenzaprine"),
                                            ("cyclobenzaprin", "cyclobenzaprine")])
def test_typos_are_corrected_to_known_words(engine: Engine, typo: str, word: str) -> None:
    q = engine.understand(f"how much {typo} for back spasm")
    assert q.corrections.get(typo) == word
    assert q.tokens.count(word) == 1


def test_invented_words_are_not_corrected_into_real_ones(engine: Engine) -> None:
    q = engine.understand("is zorbitrexal safe for glorbitis")
    assert q.corrections == {}


def test_british_spellings_are_folded(engine: Engine) -> None:
    q = engine.understand("paracetamol for anaemia in paediatric patients")
    assert {"acetaminophen", "anemia", "pediatric"} <= set(q.tokens)


@pytest.mark.parametrize(("text", "age", "group"), [
    ("my 80 year old dad", 80, "older adult"), ("3 yo with ear pain", 3, "child"),
    ("a 6 week old baby", 6 / 52, "infant"), ("my 18 month old", 1.5, "child"),
    ("58M with chest pain", 58, "adult"), ("toddler with fever", 2, "child"),
    ("elderly woman with gout", None, "older adult"), ("aged 45, back pain", 45, "adult"),
])
def test_age_extraction(text: str, age: float | None, group: str) -> None:
    ctx = extract_context(text)
    assert ctx.age_group == group
    if age is not None:
        assert ctx.age_years == pytest.approx(age, rel=0.05)


def test_pregnancy_breastfeeding_organs_allergy_and_medications() -> None:
    ctx = extract_context("I'm 24 weeks pregnant, allergic to penicillin, have CKD with eGFR 25 and cirrhosis, "
                          "taking warfarin", known_drugs={"warfarin"})
    assert ctx.pregnant and ctx.pregnancy_weeks == 24 and ctx.trimester == 2 and ctx.sex == "female"
    assert ctx.renal and ctx.egfr == 25 and ctx.hepatic
    assert ctx.allergies == ["penicillin"] and ctx.medications == ["warfarin"]
    assert ctx.populations[:1] == [Population.PREGNANCY]
    assert {"pregnant, 24 weeks", "allergic to penicillin", "takes warfarin"} <= set(ctx.describe())
    bf = extract_context("breastfeeding mum, third trimester last year")
    assert bf.breastfeeding


def test_negated_context_is_not_extracted() -> None:
    ctx = extract_context("not pregnant, no kidney disease, no liver problems")
    assert not ctx.pregnant and not ctx.renal and not ctx.hepatic
    assert not extract_context("could I be pregnant?").pregnant


def test_negation_scope() -> None:
    import re

    text = "back pain, no numbness or weakness, but fever since yesterday"
    spans = negated_spans(text)
    assert not affirmed(re.compile(r"numbness"), text, spans)
    assert not affirmed(re.compile(r"weakness"), text, spans)
    assert affirmed(re.compile(r"fever"), text, spans)


@pytest.mark.parametrize(("question", "lead"), [
    ("what dose of naproxen", Intent.DOSING), ("how long should I take it", Intent.DURATION),
    ("do I need an x-ray", Intent.DIAGNOSIS), ("when should I go to the ER", Intent.RED_FLAGS),
    ("will it go away on its own", Intent.PROGNOSIS), ("is it safe in pregnancy", Intent.POPULATIONS),
    ("best treatment for gout", Intent.TREATMENT),
])
def test_intents(question: str, lead: Intent) -> None:
    intents = detect_intents(question)
    assert intents[0] == lead and intents[-1] == Intent.TREATMENT


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"), ("x" * 2001, "limit is 2000"), ("abc\x00\x01\x02\x03\x04\x05", "binary"),
])
def test_bad_questions_raise_clear_errors(text: str, message: str) -> None:
    with pytest.raises(QuestionError, match=message):
        check_question(text)
