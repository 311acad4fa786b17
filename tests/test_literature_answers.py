"""Literature answers after ingesting PubMedQA: cited real PMIDs, every sentence supported, abstention kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from conftest import SHARED_DATA, fresh_database_url
from guidewise.compose.answer import Answer
from guidewise.compose.support import is_supported, support_score
from guidewise.engine import Engine
from guidewise.settings import Settings
from guidewise.store.models import Document, Passage

PUBMEDQA = SHARED_DATA / "pubmedqa" / "ori_pqal.json"
RECORDS: dict[str, dict] = json.loads(PUBMEDQA.read_text())  # type: ignore[type-arg]


@pytest.fixture(scope="module")
def lit_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """One engine with the whole PubMedQA file ingested, shared by this module's tests."""
    engine = Engine(Settings(home=tmp_path_factory.mktemp("lit-home"), database_url=fresh_database_url()))
    report = engine.ingest([PUBMEDQA])
    assert report.added == len(RECORDS) and report.failed == 0
    return engine


def passage_text(engine: Engine, source_id: str) -> str:
    assert source_id.startswith("passage:")
    with engine.store.session() as s:
        p = s.get(Passage, int(source_id.split(":", 1)[1]))
        assert p is not None
        return p.text


def check_supported(engine: Engine, answer: Answer) -> None:
    """Every literature statement is backed by the exact passage it cites, and cites a real PMID from the file."""
    refs = {r.n: r for r in answer.references}
    statements = [st for sec in answer.sections for st in sec.statements]
    assert statements
    for st in statements:
        assert st.citations and all(n in refs for n in st.citations)
        assert st.source_id is not None
        assert is_supported(st.text, passage_text(engine, st.source_id))
    for r in answer.references:
        assert r.pmid in RECORDS
        assert r.title == RECORDS[r.pmid]["QUESTION"] and r.year == int(RECORDS[r.pmid]["YEAR"])
    assert answer.bottom_line is not None and answer.bottom_line.citations


def test_ingest_stores_every_record_and_index_agrees(lit_engine: Engine) -> None:
    with lit_engine.store.session() as s:
        assert s.scalar(select(func.count(Document.id))) == len(RECORDS)
        assert set(s.scalars(select(Document.pmid))) == set(RECORDS)
        n_passages = s.scalar(select(func.count(Passage.id)))
        labels = set(s.scalars(select(Passage.label)))
    assert lit_engine.index.count() == n_passages
    assert {"BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"} <= labels


def pmid_for(words: str) -> str:
    """The PMID of the record whose title contains these words (looked up in the file, not remembered)."""
    return next(k for k, v in RECORDS.items() if words.lower() in v["QUESTION"].lower())


# Subjects far from any curated topic, so only the literature can answer them.
@pytest.mark.parametrize("title_words", ["lace plant leaves", "Landolt C and snellen e acuity"])
def test_question_answered_only_by_the_literature(lit_engine: Engine, title_words: str) -> None:
    pmid = pmid_for(title_words)
    rec = RECORDS[pmid]
    answer = lit_engine.ask(rec["QUESTION"], record=False)
    assert answer.source == "literature" and not answer.abstained and answer.topic is None
    assert pmid in {r.pmid for r in answer.references}
    check_supported(lit_engine, answer)
    # the bottom line is drawn from the record's own text, not made up
    own = " ".join([*rec["CONTEXTS"], rec["LONG_ANSWER"]])
    cited = {r.pmid for r in answer.references if r.n in answer.bottom_line.citations}  # type: ignore[union-attr]
    if pmid in cited:
        assert support_score(answer.bottom_line.text, own) == 1.0  # type: ignore[union-attr]


def test_a_reworded_clinical_question_finds_its_study(lit_engine: Engine) -> None:
    study = pmid_for("halofantrine")
    answer = lit_engine.ask("What does halofantrine do to the cochlea?", record=False)
    assert answer.source == "literature"
    assert study in {r.pmid for r in answer.references}
    check_supported(lit_engine, answer)


@pytest.mark.parametrize("question", [
    "How do I change the oil in my car?",
    "best recipe for chocolate cake",
    "who won the football world cup in 2018",
])
def test_unrelated_questions_get_no_literature_answer(lit_engine: Engine, question: str) -> None:
    """The ingested abstracts must not be stitched into an answer to an unrelated question.

    (Whether the curated library abstains too is the topic router's business, tested elsewhere.)
    """
    answer = lit_engine.ask(question, record=False)
    assert answer.source != "literature"
    assert not any(r.pmid in RECORDS for r in answer.references)
    assert not any(st.kind == "literature" for sec in answer.sections for st in sec.statements)


def test_nonsense_abstains_with_literature_loaded(lit_engine: Engine) -> None:
    answer = lit_engine.ask("who won the football world cup in 2018", record=False)
    assert answer.abstained and answer.source == "none" and not answer.sections and not answer.references


def test_library_topic_still_wins_for_its_question(lit_engine: Engine) -> None:
    answer = lit_engine.ask("What is the best treatment for back pain spasms?", record=False)
    assert answer.source == "library" and answer.topic is not None


def test_literature_answer_over_the_cli_json(lit_engine: Engine, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "GUIDEWISE_HOME": str(lit_engine.settings.home)}
    if lit_engine.settings.database_url:
        env["GUIDEWISE_DATABASE_URL"] = lit_engine.settings.database_url
    pmid = pmid_for("lace plant leaves")
    q = RECORDS[pmid]["QUESTION"]
    out = subprocess.run([str(Path(sys.executable).parent / "guidewise"), "ask", "--format", "json", q],
                         capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["source"] == "literature" and pmid in [r["pmid"] for r in data["references"]]
