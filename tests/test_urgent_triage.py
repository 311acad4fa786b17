"""Urgent triage that generalises: measured readings, past events, information questions, indirect suicide
wording, and the banner's suspected emergency and cited first actions through the engine, CLI, API and web."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from guidewise.engine import Engine
from guidewise.library.emergencies.loader import load_catalogue
from guidewise.understand.informational import SAFETY_NOTE
from test_cli import run
from web_fixtures import client_for, web_engine

CHEST = "crushing chest pain going down my left arm and sweating"


@pytest.mark.parametrize(("question", "key"), [
    ("the lab rang, my potassium is 7.1, can i go tomorrow", "hyperkalaemia"),
    ("his sugar is 2.1 and he is confused and not making sense", "hypoglycaemia"),
    ("grandad's blood sugar is 650 mg/dl and he is very drowsy", "hhs"),
    ("elderly t2dm, bg 48 mmol/l, obtunded and very dry", "hhs"),  # mmol/L stays mmol/L
    ("bp 220/130 with a pounding headache and blurred vision", "hypertensive_emergency"),
    ("pulse is 190 and i feel like i am going to pass out", "arrhythmia_unstable"),
])
def test_dangerous_readings_raise_their_emergency(engine: Engine, question: str, key: str) -> None:
    a = engine.ask(question, record=False)
    assert a.urgent is not None and a.urgent.categories[0] == key, a.urgent


@pytest.mark.parametrize("question", [
    "my potassium was 4.2 at my check up, is that normal",
    "my sugar was 3.5 this morning, had some juice and feel fine",
    "my resting heart rate is 48, i run marathons",
    "62m, mi 2019, asymptomatic, asking about statin dose",
    "had torsion surgery as a teen, can i still have kids",
    "difference between dka and hhs?",
    "what should i do if my child ever has a seizure?",
])
def test_past_events_normal_readings_and_information_raise_no_banner(engine: Engine, question: str) -> None:
    a = engine.ask(question, record=False)
    assert a.urgent is None and a.triage == "routine", a.urgent


def test_an_information_question_about_an_emergency_gets_the_safety_note(engine: Engine) -> None:
    a = engine.ask("what should i do if my child ever has a seizure?", record=False)
    assert a.urgent is None and a.message is not None and SAFETY_NOTE in a.message


@pytest.mark.parametrize("question", [
    "ive saved up all my pills and tonight is the night",
    "the rope is ready in the garage, nobody would even notice",
    "my son gave away all his games and texted thanks for everything, love you",
])
def test_a_plan_means_or_farewell_is_a_crisis(engine: Engine, question: str) -> None:
    a = engine.ask(question, record=False)
    assert a.urgent is not None and a.urgent.crisis and "988" in a.urgent.message
    assert a.sections == [] and a.dose_warnings == []


def test_a_same_day_emergency_is_urgent_not_emergency_now(engine: Engine) -> None:
    a = engine.ask("back pain with a fever and I inject drugs", record=False)
    assert a.urgent is not None and a.triage == "urgent_same_day" == a.urgent.level


def test_cli_shows_the_suspected_emergency_and_its_cited_actions(tmp_path: Path) -> None:
    r = run("ask", "--format", "json", "--audience", "patient", CHEST, home=tmp_path)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    em = load_catalogue().emergencies["cardiac_chest_pain"]
    assert data["triage"] == "emergency_now" and data["urgent"]["suspected"] == em.name
    refs = {ref["n"] for ref in data["references"]}
    assert data["urgent"]["actions"] and all(set(x["citations"]) <= refs and x["citations"]
                                             for x in data["urgent"]["actions"])
    text = run("ask", "--audience", "patient", CHEST, home=tmp_path).stdout
    assert em.name in text and em.first_actions[0].plain is not None
    assert em.first_actions[0].plain.split()[0] in text


@pytest.fixture
def client(tmp_path: Path, engine: Engine) -> Iterator[TestClient]:
    with client_for(web_engine(tmp_path / "home", engine)) as c:
        yield c


def test_api_and_web_carry_the_banner_actions(client: TestClient) -> None:
    data = client.post("/api/v1/ask", json={"question": CHEST, "audience": "patient"}).json()
    assert data["triage"] == "emergency_now" and data["urgent"]["actions"]
    page = html.unescape(client.get("/ask", params={"q": CHEST, "audience": "patient"}).text)
    assert "What to do now" in page and data["urgent"]["suspected"] in page
    assert data["urgent"]["actions"][0]["text"] in page
    first = data["urgent"]["actions"][0]["citations"][0]
    assert f'href="#ref-{first}"' in page and f'id="ref-{first}"' in page
