"""Literature first: a research question matched by the user's own papers is answered from them, not taken by a
curated topic that shares a word; information questions about emergencies get an answer and a safety note."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import fresh_database_url
from guidewise.engine import Engine
from guidewise.settings import Settings

# Our own short documents (Markdown), written for this test.
PAPERS = {
    "microbiome.md": (
        "# Gut microbiome composition and depression in adults: a cohort study\n\n"
        "In a cohort of 1,200 adults, the gut microbiome differed between people with and without depression. "
        "Lower microbial diversity was associated with more severe depressive symptoms after adjustment.\n"),
    "hoxa.md": (
        "# HOXA11 expression in endometrial disease\n\n"
        "HOXA11 expression in the endometrium was reduced in women with endometriosis compared with controls, "
        "which suggests HOXA11 is associated with endometrial disease.\n"),
}


@pytest.fixture(scope="module")
def lit_engine(tmp_path_factory: pytest.TempPathFactory, entity_cache: Path) -> Engine:
    folder = tmp_path_factory.mktemp("papers")
    for name, text in PAPERS.items():
        (folder / name).write_text(text)
    engine = Engine(Settings(home=tmp_path_factory.mktemp("lit-first-home"), database_url=fresh_database_url(),
                             entity_cache_dir=entity_cache))
    report = engine.ingest([folder])
    assert report.added == len(PAPERS)
    return engine


def test_research_question_is_answered_from_the_users_papers(lit_engine: Engine) -> None:
    a = lit_engine.ask("Is the gut microbiome associated with depression?", record=False)
    assert a.source == "literature" and a.topic is None
    assert [t.id for t in a.related_topics] == ["depression"]  # the guideline is a link, not the answer
    assert any("microbiome" in r.title.lower() for r in a.references)


def test_clinical_question_still_gets_the_curated_topic(lit_engine: Engine) -> None:
    a = lit_engine.ask("first-line treatment for depression", record=False)
    assert a.source == "library" and a.topic is not None and a.topic.id == "depression"


def test_gene_symbol_question_is_not_taken_by_a_topic(engine: Engine, lit_engine: Engine) -> None:
    assert engine.ask("Is HOXA11 associated with endometrial disease?", record=False).topic is None
    a = lit_engine.ask("Is HOXA11 associated with endometrial disease?", record=False)
    assert a.source == "literature"


def test_a_medicine_no_topic_uses_is_the_subject(engine: Engine) -> None:
    a = engine.ask("is propafenone a good choice for atrial fibrillation?", record=False)
    assert a.topic is None and a.abstained and a.message and "Propafenone" in a.message


@pytest.mark.parametrize("question", [
    "what are the signs of a stroke?",
    "how do you do seizure first aid?",
    "Is aneurysm repair justified in patients over 80 after subarachnoid hemorrhage?",
])
def test_information_question_about_an_emergency_gets_a_note_not_the_banner(engine: Engine, question: str) -> None:
    a = engine.ask(question, record=False)
    assert a.urgent is None
    assert a.message and "If this is happening to someone now, call 911" in a.message


@pytest.mark.parametrize("question", [
    "my dad's face is drooping and he can't lift his arm",
    "what are the signs of a stroke? my mum is slurring her words now",
])
def test_emergency_happening_now_keeps_the_banner(engine: Engine, question: str) -> None:
    assert engine.ask(question, record=False).urgent is not None
