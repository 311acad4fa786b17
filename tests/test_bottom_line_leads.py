"""Authored bottom-line leads: emergency steps come first, and a high-risk patient gets referral, not home care."""

from __future__ import annotations

import pytest

from guidewise.engine import Engine
from guidewise.library.schema import BottomLineLead

HOME_MEDICINES = ("acetaminophen", "ibuprofen", "paracetamol")


@pytest.mark.parametrize("question", [
    "my 6 week old baby has a fever of 38.3",
    "2 month old with a temperature of 100.5, what can I give him?",
    "my 10 day old newborn has a fever of 38.1",
])
@pytest.mark.parametrize("audience", ["clinician", "patient"])
def test_febrile_young_infant_is_sent_for_assessment_now(engine: Engine, question: str, audience: str) -> None:
    a = engine.ask(question, audience=audience, record=False)
    assert a.topic is not None and a.topic.id == "fever-pain-children"
    assert a.bottom_line is not None
    text = a.bottom_line.text.lower()
    assert "now" in text and "emergency" in text
    assert "same-day" not in text and "same day" not in text.replace("not later the same day", "")
    # No home-medicine summary for a febrile infant under 3 months: fever medicine is mentioned only to hold it.
    assert "if a medication is needed" not in text and "if you need medicine" not in text
    assert "do not" in text and "fever medicine" in text
    for m in HOME_MEDICINES:
        assert f"use {m}" not in text and f"give {m}" not in text
    assert a.urgent is not None and "same-day" not in a.urgent.message
    assert a.bottom_line.citations


def test_older_child_with_fever_gets_the_usual_summary(engine: Engine) -> None:
    a = engine.ask("my 2 year old has a fever of 39, what can I give?", record=False)
    assert a.bottom_line is not None
    text = a.bottom_line.text.lower()
    assert "acetaminophen" in text and "under 3 months" not in text


@pytest.mark.parametrize("question", [
    "what should I do for anaphylaxis?",
    "my son was stung by a bee and his throat is swelling",
    "severe allergic reaction to peanuts what do I do",
])
def test_anaphylaxis_patient_bottom_line_leads_with_epinephrine_and_911(engine: Engine, question: str) -> None:
    a = engine.ask(question, audience="patient", record=False)
    assert a.topic is not None and a.topic.id == "anaphylaxis"
    assert a.bottom_line is not None
    text = a.bottom_line.text.lower()
    first_sentences = text[:200]
    assert "epinephrine" in first_sentences and "911" in first_sentences
    assert "5 to 15 minutes" in text and "second device" in text
    # Antihistamines appear only as comfort, never as the step to take when epinephrine is not enough.
    assert "if that is not enough" not in text
    assert text.index("epinephrine") < text.index("allergy medicine")
    assert "never give it instead of epinephrine" in text


def test_anaphylaxis_clinician_bottom_line_gives_the_dose_and_the_repeat(engine: Engine) -> None:
    a = engine.ask("management of anaphylaxis", record=False)
    assert a.bottom_line is not None
    text = a.bottom_line.text
    assert text.startswith("Anaphylaxis is an emergency")
    assert "0.01 mg/kg" in text and "0.5 mg" in text and "5 to 15 minutes" in text
    assert "never replace or delay epinephrine" in text


def test_lead_conditions() -> None:
    always = BottomLineLead(text="Always first.", cite=["x"])
    infant = BottomLineLead(text="Infants only.", cite=["x"], when={"age_under_months": 3})  # type: ignore[arg-type]
    assert always.applies(None) and always.applies(40)
    assert infant.applies(0.1) and infant.applies(2.9 / 12)
    assert not infant.applies(3.5 / 12) and not infant.applies(None) and not infant.applies(30)
