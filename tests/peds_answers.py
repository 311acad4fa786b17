"""Helpers shared by the paediatric review tests: ask, read the dose check, its warnings and age limits, and
check that every warning is cited and that the API returns what the engine does."""

from __future__ import annotations

from pathlib import Path

from guidewise.compose.answer import Answer, DoseWarning
from guidewise.engine import Engine

PHONE = "1-800-222-1222"  # US Poison Help


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


def assert_api_matches_engine(tmp_path: Path, engine: Engine, question: str, kinds: list[str]) -> None:
    """POST /api/v1/ask gives these warning kinds, and the same warnings and banner as the engine."""
    from web_fixtures import client_for, web_engine

    with client_for(web_engine(tmp_path / "home", engine)) as client:
        r = client.post("/api/v1/ask", json={"question": question, "audience": "patient"})
    assert r.status_code == 200
    d = r.json()
    assert [w["kind"] for w in d["dose_warnings"]] == kinds
    Answer.model_validate(d)
    direct = ask(engine, question).model_dump(mode="json")
    assert d["dose_warnings"] == direct["dose_warnings"] and d["urgent"] == direct["urgent"]


def poison_first(a: Answer) -> str:
    """The Poison Control statement leads the dose check, with the poisoning banner; returns it."""
    assert a.sections and a.sections[0].id == "dose_check", "no dose check"
    lead = a.sections[0].statements[0].text
    assert "Poison Control" in lead and PHONE in lead
    (w,) = warnings(a, "poison_control")
    assert w.severity == "call_poison_control"
    assert a.urgent is not None and "overdose" in a.urgent.categories, "Poison Control text without its banner"
    cited(a)
    return lead
