"""Routing: every question in tests/data/routing/*.yaml reaches its topic and contains the must-have elements."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from guidewise.engine import Engine
from guidewise.library.loader import load_topics

ROUTING = sorted((Path(__file__).parent / "data" / "routing").glob("*.yaml"))
CASES = [(yaml.safe_load(p.read_text())["topic"], q) for p in ROUTING for q in yaml.safe_load(p.read_text())["questions"]]


def test_every_topic_has_lay_and_clinical_questions() -> None:
    topics = {t.id for t in load_topics()}
    covered: dict[str, set[str]] = {}
    for topic, q in CASES:
        covered.setdefault(topic, set()).add(q["style"])
    missing = sorted(t for t in topics if not {"lay", "clinical"} <= covered.get(t, set()))
    assert not missing, f"topics without a lay and a clinical routing question: {missing}"


@pytest.mark.parametrize(("topic", "case"), CASES, ids=[f"{t}:{c['q'][:40]}" for t, c in CASES])
def test_question_routes_and_contains_elements(engine: Engine, topic: str, case: dict) -> None:  # type: ignore[type-arg]
    a = engine.ask(case["q"], record=False)
    assert a.topic is not None and a.topic.id == topic, (a.topic, a.message)
    text = " ".join([a.bottom_line.text if a.bottom_line else ""] + [s.text for s in a.all_statements()]).lower()
    for element in case["must_contain"]:
        assert element.lower() in text, element
