"""Follow-up resolution over multi-turn cases written in tests/data/followups.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from guidewise.engine import Engine
from guidewise.library.schema import Population
from guidewise.understand.context import PatientContext

CASES = yaml.safe_load((Path(__file__).parent / "data" / "followups.yaml").read_text())["cases"]


def test_enough_cases() -> None:
    assert len(CASES) >= 30
    assert sum(1 for c in CASES if len(c["turns"]) >= 3) >= 10
    assert sum(1 for c in CASES if len({t["topic"] for t in c["turns"]}) > 1) >= 8, "changes of topic"


@pytest.mark.parametrize("case", CASES, ids=[c["turns"][0]["q"][:40] for c in CASES])
def test_follow_up_case(engine: Engine, case: dict) -> None:  # type: ignore[type-arg]
    thread_id = None
    for n, turn in enumerate(case["turns"], 1):
        a = engine.ask(turn["q"], thread_id=thread_id)
        where = f"turn {n}: {turn['q']!r}"
        assert a.topic is not None and a.topic.id == turn["topic"], (where, a.topic, a.message)
        if thread_id:
            assert a.thread_id == thread_id, where
        thread_id = a.thread_id
        if "population" in turn:
            pop = Population(turn["population"])
            assert pop in PatientContext.model_validate(a.context).populations, (where, a.context)
            topic = engine.library.topics[a.topic.id]
            if any(r.population == pop for r in topic.recommendations):
                first = a.sections[0]
                assert first.id == "for_this_patient", (where, [s.id for s in a.sections])
                shown = {r.population for r in topic.recommendations
                         if r.id in {s.source_id for s in first.statements}}
                assert pop in shown, (where, shown)
        if "intent" in turn:
            assert a.intents[0] == turn["intent"], (where, a.intents)
