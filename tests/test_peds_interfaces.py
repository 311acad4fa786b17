"""Paediatric dose checks through the real `guidewise` CLI and the REST API: the JSON contract's dose_warnings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from guidewise.compose.answer import Answer
from guidewise.compose.peds_dose import weight_range
from guidewise.engine import Engine
from guidewise.library.peds.loader import load_peds
from test_cli import check_contract, run
from web_fixtures import client_for, web_engine

PAEDIATRIC_CHECKS = True  # the checks are off by default until a clinical review signs them off

PEDS = load_peds()
NEW_KEYS = {"kind", "weight_kg", "weight_source", "weight_range_kg", "age_years", "proposed_mg", "proposed_ml",
            "concentration", "concentration_assumed", "mg_per_kg", "mg_per_kg_per_day", "max_mg_per_dose",
            "limit_id", "severity", "exceeded"}
OLD_KEYS = {"text", "citations", "drug", "proposed_mg_per_day", "max_mg_per_day"}


def _check_warnings(d: dict) -> None:  # type: ignore[type-arg]
    refs = {r["n"] for r in d["references"]}
    for w in d["dose_warnings"]:
        assert set(w) >= OLD_KEYS | NEW_KEYS, set(w) ^ (OLD_KEYS | NEW_KEYS)
        assert w["citations"] and set(w["citations"]) <= refs


@pytest.mark.parametrize("audience", ["clinician", "patient"])
def test_cli_json_carries_paediatric_warnings(tmp_path: Path, audience: str) -> None:
    r = run("ask", "can I give my 2 year old 500 mg ibuprofen", "--format", "json", "--audience", audience,
            home=tmp_path)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    check_contract(d)
    _check_warnings(d)
    (w,) = d["dose_warnings"]
    lo, hi = weight_range(PEDS.growth, (24, 36))
    assert w["kind"] == "above_range_for_age" and w["drug"] == "ibuprofen" and w["weight_range_kg"] == [lo, hi]
    assert d["sections"][0]["id"] == "dose_check" and d["sections"][0]["statements"][0]["text"] == w["text"]


def test_cli_batch_checks_weight_liquids_and_age_limits(tmp_path: Path) -> None:
    questions = ["my 12 kg daughter, can she have 3 teaspoons of children's motrin",
                 "my 10 kg baby, how much acetaminophen", "can I give honey to my 6 month old",
                 "my 20 kg son, is 250 mg of tylenol ok"]
    f = tmp_path / "qs.txt"
    f.write_text("\n".join(questions) + "\n")
    r = run("ask", "--batch", str(f), "--format", "json", "--audience", "patient", home=tmp_path)
    assert r.returncode == 0, r.stderr
    tsp, baby, honey, fine = (json.loads(line) for line in r.stdout.splitlines())
    for d in (tsp, baby, honey, fine):
        check_contract(d)
        _check_warnings(d)
    assert [w["kind"] for w in tsp["dose_warnings"]] == ["above_range"]
    assert tsp["dose_warnings"][0]["proposed_ml"] == 15 and tsp["dose_warnings"][0]["weight_kg"] == 12
    assert any(s["kind"] == "weight_dose" and " mL" in s["text"] for s in baby["sections"][0]["statements"])
    assert [w["limit_id"] for w in honey["dose_warnings"]] == ["honey-under-1"]
    assert fine["dose_warnings"] == [] and fine["sections"][0]["id"] == "dose_check"


def test_cli_literature_answer_carries_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "hfmd.md"
    doc.write_text("# Hand, foot and mouth disease in young children: supportive care\n\n## Management\n\n"
                   "Hand, foot and mouth disease is a common enteroviral illness of young children; care is "
                   "supportive, with fluids and analgesia such as ibuprofen for painful mouth sores.\n")
    assert run("ingest", str(doc), home=tmp_path).returncode == 0
    # Hand, foot and mouth disease is not a library topic: the user's ingested page answers.
    r = run("ask", "my 3 year old has hand foot and mouth disease, can I give 300 mg ibuprofen for the mouth sores",
            "--format", "json", home=tmp_path)
    d = json.loads(r.stdout)
    assert d["source"] == "literature" and d["sections"][0]["id"] == "dose_check"
    assert [w["kind"] for w in d["dose_warnings"]] == ["above_range_for_age"]
    _check_warnings(d)


def test_cli_text_output_shows_the_dose_check(tmp_path: Path) -> None:
    r = run("ask", "can I give my 2 year old 500 mg ibuprofen", "--audience", "patient", home=tmp_path)
    assert r.returncode == 0 and "About the dose you asked about" in r.stdout and "too much" in r.stdout


@pytest.fixture
def client(tmp_path: Path, engine: Engine) -> Iterator[TestClient]:
    with client_for(web_engine(tmp_path / "home", engine)) as c:
        yield c


@pytest.mark.parametrize(("question", "kinds"), [
    ("can I give my 2 year old 500 mg ibuprofen", ["above_range_for_age"]),
    ("my daughter weighs 15 kg, can she have 240 mg tylenol every 4 hours", ["above_range"]),
    ("my 20 kg child, 60 mg tylenol", ["below_range"]),
    ("can my 7 year old take tylenol with codeine", ["age_limit"]),
    ("my 12 kg son, is 5 ml of motrin ok", []),
])
@pytest.mark.parametrize("audience", ["clinician", "patient"])
def test_api_ask_returns_the_same_warnings_as_the_engine(client: TestClient, engine: Engine, question: str,
                                                         kinds: list[str], audience: str) -> None:
    r = client.post("/api/v1/ask", json={"question": question, "audience": audience})
    assert r.status_code == 200
    d = r.json()
    _check_warnings(d)
    assert [w["kind"] for w in d["dose_warnings"]] == kinds
    Answer.model_validate(d)
    direct = engine.ask(question, audience, record=False).model_dump(mode="json")
    assert d["dose_warnings"] == direct["dose_warnings"] and d["sections"] == direct["sections"]


def test_api_thread_follow_up_adds_the_weight(client: TestClient) -> None:
    first = client.post("/api/v1/threads", json={"question": "my 2 year old has a fever"}).json()
    follow = client.post(f"/api/v1/threads/{first['thread_id']}/ask",
                         json={"question": "she weighs 12 kg, how much tylenol?", "audience": "patient"}).json()
    assert follow["context"]["weight_kg"] == 12
    assert any(s["kind"] == "weight_dose" for s in follow["sections"][0]["statements"])
