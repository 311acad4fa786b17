"""Hostile input to question understanding: only QuestionError may escape, and limits are enforced."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidewise.engine import Engine
from guidewise.understand.query import MAX_QUESTION_CHARS, QuestionError, check_question

CLINICAL_WORDS = ["back", "pain", "spasm", "cyclobenzaprine", "10mg", "pregnant", "80", "year", "old", "gout",
                  "not", "no", "fever", "chest", "ibuprofen", "kidney", "?", "and", "in", "my", "dad", "mg/day"]
questions = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=MAX_QUESTION_CHARS + 50),
    st.lists(st.sampled_from(CLINICAL_WORDS), max_size=40).map(" ".join),
    st.binary(max_size=400).map(lambda b: b.decode("latin-1")),
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(q=questions)
def test_check_question_raises_only_question_error(q: str) -> None:
    try:
        out = check_question(q)
    except QuestionError as e:
        assert str(e)
        return
    assert out == q.strip() and 0 < len(out) <= MAX_QUESTION_CHARS


@FUZZ
@given(q=questions)
def test_understand_and_answer_never_crash(engine: Engine, q: str) -> None:
    try:
        query = engine.understand(q)
    except QuestionError:
        return
    assert query.question == q.strip()
    answer = engine.ask(q, record=False)
    cited = {n for s in answer.all_statements() for n in s.citations}
    assert cited <= {r.n for r in answer.references}


@pytest.mark.parametrize(("q", "fragment"), [
    ("x" * (MAX_QUESTION_CHARS + 1), "limit"),
    ("back pain " * 1000, "limit"),
    ("\x00\x01\x02binary\xff" * 5, "binary"),
    ("   \n\t ", "empty"),
])
def test_oversized_binary_and_empty_questions_refused(engine: Engine, q: str, fragment: str) -> None:
    with pytest.raises(QuestionError, match=fragment):
        engine.ask(q, record=False)


def test_question_at_the_limit_is_answered(engine: Engine) -> None:
    q = ("back pain spasms " * 200)[:MAX_QUESTION_CHARS]
    assert engine.ask(q, record=False).question == q.strip()
