"""Paediatric dose safety after the third independent paediatric review: one group of tests per finding.

Each test failed on the code the review examined. Expected figures are recomputed from the data files.
"""

from __future__ import annotations

import pytest

from guidewise.compose.answer import Answer, DoseWarning
from guidewise.engine import Engine
from guidewise.library.peds.loader import load_peds
from guidewise.understand.doses import parse_doses

PAEDIATRIC_CHECKS = True  # the checks are off by default until a clinical review signs them off

PEDS = load_peds()
APAP, IBU, AMOX = PEDS.by_id["acetaminophen"], PEDS.by_id["ibuprofen"], PEDS.by_id["amoxicillin"]
AUDIENCES = ("clinician", "patient")
PHONE = "1-800-222-1222"


def ask(engine: Engine, q: str, audience: str = "patient") -> Answer:
    return engine.ask(q, audience, record=False)


def dose_text(a: Answer) -> str:
    return " ".join(s.text for s in a.sections[0].statements) if a.sections and a.sections[0].id == "dose_check" else ""


def warnings(a: Answer, kind: str | None = None, drug: str | None = None) -> list[DoseWarning]:
    return [w for w in a.dose_warnings if (kind is None or w.kind == kind) and (drug is None or w.drug == drug)]


def limit_ids(a: Answer) -> set[str]:
    return {w.limit_id for w in a.dose_warnings if w.kind == "age_limit" and w.limit_id}


def weight_doses(a: Answer) -> list[str]:
    return [s.text for s in a.all_statements() if s.kind == "weight_dose"]


def cited(a: Answer) -> None:
    refs = {r.n for r in a.references}
    for w in a.dose_warnings:
        assert w.citations and set(w.citations) <= refs, w


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
