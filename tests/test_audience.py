"""Audience modes: same evidence and citations, measured reading level; suggested follow-ups answer."""

from __future__ import annotations

import statistics

import pytest
import textstat

from guidewise.compose.answer import Answer
from guidewise.engine import Engine
from guidewise.library.loader import load_topics

TOPIC_IDS = [t.id for t in load_topics()]
PATIENT_MAX_GRADE = 10.0
PATIENT_MEAN_GRADE = 8.0


def answer_text(a: Answer) -> str:
    """The prose a reader reads: bottom line and every statement (no references or disclaimer)."""
    parts = [a.bottom_line.text] if a.bottom_line else []
    parts += [s.text for s in a.all_statements()]
    return "\n".join(parts)


def topic_question(engine: Engine, topic_id: str) -> str:
    return f"What is the treatment for {engine.library.topics[topic_id].title}?"


@pytest.fixture(scope="module")
def grades(engine: Engine) -> dict[str, tuple[float, float]]:
    out = {}
    for tid in TOPIC_IDS:
        q = topic_question(engine, tid)
        clin = engine.ask(q, audience="clinician", record=False)
        pat = engine.ask(q, audience="patient", record=False)
        assert clin.topic and clin.topic.id == tid and pat.topic and pat.topic.id == tid
        out[tid] = (textstat.flesch_kincaid_grade(answer_text(clin)), textstat.flesch_kincaid_grade(answer_text(pat)))
    return out


def test_patient_mode_reading_level_ceiling_for_every_topic(grades: dict[str, tuple[float, float]]) -> None:
    too_hard = {tid: round(p, 1) for tid, (_c, p) in grades.items() if p > PATIENT_MAX_GRADE}
    assert not too_hard, f"patient answers above grade {PATIENT_MAX_GRADE}: {too_hard}"
    mean = statistics.mean(p for _c, p in grades.values())
    assert mean <= PATIENT_MEAN_GRADE, f"mean patient grade {mean:.1f}"


def test_clinician_and_patient_differ_by_two_grades_on_average(grades: dict[str, tuple[float, float]]) -> None:
    gap = statistics.mean(c - p for c, p in grades.values())
    assert gap >= 2.0, f"mean clinician-patient gap {gap:.1f}"


@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_same_evidence_and_citations_across_audiences(engine: Engine, topic_id: str) -> None:
    q = topic_question(engine, topic_id)
    clin = engine.ask(q, audience="clinician", record=False)
    pat = engine.ask(q, audience="patient", record=False)
    assert [r.model_dump() for r in clin.references] == [r.model_dump() for r in pat.references]
    assert [s.id for s in clin.sections] == [s.id for s in pat.sections]
    cs, ps = clin.all_statements(), pat.all_statements()
    assert [(s.source_id, s.citations) for s in cs] == [(s.source_id, s.citations) for s in ps]
    assert clin.bottom_line and pat.bottom_line and clin.bottom_line.citations == pat.bottom_line.citations
    assert pat.audience == "patient" and any(c.text != p.text for c, p in zip(cs, ps, strict=True))


@pytest.mark.parametrize("topic_id", TOPIC_IDS)
@pytest.mark.parametrize("audience", ["clinician", "patient"])
def test_suggested_follow_ups_answer_from_the_same_topic(engine: Engine, topic_id: str, audience: str) -> None:
    a = engine.ask(topic_question(engine, topic_id), audience=audience, record=False)
    assert 2 <= len(a.follow_ups) <= 4, a.follow_ups
    for suggestion in a.follow_ups:
        b = engine.ask(suggestion, audience=audience, record=False)
        assert not b.abstained and b.sections, suggestion
        assert b.topic is not None and b.topic.id == topic_id, (suggestion, b.topic)
        assert b.urgent is None, suggestion
