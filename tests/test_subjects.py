"""Answer the question asked: subjects (drugs, conditions) with ids, aspects, the routing gate, focused answers.

Questions here are written in the forms real users use (brands, misspellings, lay names, two subjects), but they
are our own wording: no development-set question is copied or special-cased.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidewise.cli.main import cli
from guidewise.engine import Engine
from guidewise.understand.aspects import Aspect, classify_aspect, load_aspect_rules
from guidewise.understand.entities import EntityIndex, build_index
from web_fixtures import client_for, web_engine


def keys(engine: Engine, question: str) -> list[str]:
    return [e.key for e in engine.understand(question).subjects]


# -- subject recognition -----------------------------------------------------------------------------
@pytest.mark.parametrize(("question", "key"), [
    ("can you tell me about Prozac", "drug:fluoxetine"),            # brand -> generic
    ("is amoxicilin ok for a tooth abscess", "drug:amoxicillin"),  # misspelt
    ("my eyes are red, could it be pink eye", "cond:conjunctivitis"),  # lay name
    ("what are piles", "cond:hemorrhoids"),                        # project synonym
    ("my father had a heart attack", "cond:myocardial infarction"),  # synonym overrides a wrong mapping
    ("what helps flu aches", "cond:influenza human"),
])
def test_subjects_resolve_to_canonical_entities(engine: Engine, question: str, key: str) -> None:
    assert key in keys(engine, question)


@pytest.mark.parametrize("question", [
    "i cant focus at work today",            # brand names that are everyday words
    "i have a fear of needles",             # a MeSH heading that is not a disease
    "what are your thoughts on this plan",
])
def test_everyday_words_are_not_subjects(engine: Engine, question: str) -> None:
    assert keys(engine, question) == []


def test_a_drug_subject_carries_its_medlineplus_page(engine: Engine) -> None:
    [drug] = engine.understand("what is Zoloft").subjects
    assert drug.key == "drug:sertraline" and drug.medline_id and drug.url
    assert drug.url.startswith("https://medlineplus.gov/druginfo/meds/") and drug.label() == "Sertraline (zoloft)"


def test_mesh_ids_come_only_from_a_mesh_tree_when_one_is_given(tmp_path: Path) -> None:
    plain = EntityIndex(tmp_path / "a")
    [cond] = plain.find("how long does shingles last")
    assert cond.key == "cond:herpes zoster" and cond.mesh_id is None  # the package's own ids are not trusted
    tree = tmp_path / "tree.txt"
    tree.write_text("Tree Number\tDesc Ui\tTerm\n" + "".join(f"{t}\tD999999\tHerpes Zoster\n" for t in cond.trees))
    checked = EntityIndex(tmp_path / "b", mesh_tree=tree)
    [cond] = checked.find("how long does shingles last")
    assert cond.mesh_id == "D999999" and cond.url == "https://meshb.nlm.nih.gov/record/ui?ui=D999999"


def test_index_build_is_atomic_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "entities.sqlite"
    build_index(path)
    assert path.exists() and not list(tmp_path.glob("*.tmp*"))
    idx = EntityIndex(tmp_path)
    assert idx.find("metformin") and idx.path.exists()


# -- aspects -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("question", "kinds", "aspect"), [
    ("is impetigo contagious", {"condition"}, Aspect.CONTAGION),
    ("what causes kidney stones", {"condition"}, Aspect.CAUSE),
    ("can I take aleve and tylenol together", {"drug"}, Aspect.INTERACTION),
    ("is it ok to take ibuprofen with my warfarin", {"drug"}, Aspect.INTERACTION),
    ("what if I forget a dose of my levothyroxine", {"drug"}, Aspect.HOW_TO_TAKE),
    ("does lisinopril make you cough", {"drug"}, Aspect.SIDE_EFFECTS),
    ("is tramadol a controlled substance", {"drug"}, Aspect.CONTROLLED),
    ("what is Keflex", {"drug"}, Aspect.WHAT_IS),
    ("how do I get rid of warts", {"condition"}, Aspect.TREATMENT),
    ("how long does a cold sore last", {"condition"}, Aspect.PROGNOSIS),
])
def test_aspect_of_real_question_forms(question: str, kinds: set[str], aspect: Aspect) -> None:
    drugs = 2 if aspect == Aspect.INTERACTION else 1 if "drug" in kinds else 0
    assert classify_aspect(question, kinds, drugs) == aspect


def test_aspect_rules_examples_hold(engine: Engine) -> None:
    assert load_aspect_rules().problems(lambda q: [e.kind for e in engine.entities.find(q)]) == []


# -- the routing gate and focused answers ------------------------------------------------------------
def test_uncovered_condition_abstains_and_names_it(engine: Engine) -> None:
    a = engine.ask("is there a cream you can prescribe for piles", record=False)
    assert a.abstained and a.topic is None and not a.sections
    assert a.message and "Hemorrhoids" in a.message and "does not cover it yet" in a.message
    assert [s.key for s in a.subjects] == ["cond:hemorrhoids"] and a.aspect == "treatment"


def test_what_is_a_brand_says_what_it_is_with_citations(engine: Engine) -> None:
    a = engine.ask("what is Valtrex?", record=False)
    assert a.bottom_line is not None and not a.abstained
    assert a.bottom_line.text.startswith("Valtrex is a brand name of valacyclovir.")
    assert a.bottom_line.citations and a.references and a.aspect == "what_is"
    assert a.message and "medlineplus.gov/druginfo/meds/" in a.message
    assert all(st.citations for st in a.all_statements())


def test_interaction_question_names_both_medicines_instead_of_a_treatment_page(engine: Engine) -> None:
    a = engine.ask("can I take Zyrtec with Benadryl", record=False)
    assert a.abstained and a.topic is None and a.aspect == "interaction"
    assert {s.key for s in a.subjects} == {"drug:cetirizine", "drug:diphenhydramine"}
    assert a.message and "Cetirizine" in a.message and "Diphenhydramine" in a.message
    assert "interactions" in a.message


def test_aspect_the_article_lacks_is_said_honestly(engine: Engine) -> None:
    a = engine.ask("is shingles contagious?", record=False)
    assert a.topic is not None and a.topic.id == "herpes-zoster" and a.aspect == "contagion"
    assert a.bottom_line is not None and "does not cover whether and how it spreads" in a.bottom_line.text


@pytest.mark.parametrize(("question", "not_topic"), [
    ("what should an adult take for a fever of 101", "fever-pain-children"),
    ("I am a 45 year old man with a bladder infection, which antibiotic?", "cystitis-women"),
    ("my husband has an ear infection, does he need antibiotics", "otitis-media-children"),
])
def test_topic_written_for_another_population_is_not_used(engine: Engine, question: str, not_topic: str) -> None:
    a = engine.ask(question, record=False)
    assert a.topic is None or a.topic.id != not_topic


def test_child_with_fever_still_reaches_the_childrens_topic(engine: Engine) -> None:
    a = engine.ask("what can I give my 4 year old for a fever", record=False)
    assert a.topic is not None and a.topic.id == "fever-pain-children"


def test_emergency_shows_no_unrelated_article(engine: Engine) -> None:
    a = engine.ask("crushing chest pain going down my left arm and I'm sweating", record=False)
    assert a.urgent is not None and "cardiac_chest_pain" in a.urgent.categories
    assert a.topic is None and not a.sections and a.message


def test_emergency_keeps_its_own_article(engine: Engine) -> None:
    a = engine.ask("stung by a wasp and now my lips and tongue are swelling up", record=False)
    assert a.urgent is not None and a.topic is not None and a.topic.id == "anaphylaxis"


@pytest.mark.parametrize("question", [
    "I had a heart attack 3 years ago, is it ok to lift weights?",
    "history of stroke, which blood pressure pill is best",
])
def test_past_events_raise_no_banner(engine: Engine, question: str) -> None:
    assert engine.ask(question, record=False).urgent is None


def test_past_event_with_new_symptoms_still_raises_the_banner(engine: Engine) -> None:
    a = engine.ask("I had a stroke last year and now my face is drooping again", record=False)
    assert a.urgent is not None


def test_a_duration_is_not_an_age(engine: Engine) -> None:
    q = engine.understand("I have felt low for 2 months and had back pain 3 years ago")
    assert q.context.age_years is None


def test_a_misspelling_read_as_an_unused_medicine_abstains_with_a_guess(engine: Engine) -> None:
    a = engine.ask("how much tribexane for a migraine", record=False)
    assert a.abstained and a.message and "Did you mean" in a.message


# -- interfaces ----------------------------------------------------------------------------------------
def test_cli_json_has_subjects_and_aspect() -> None:
    r = CliRunner().invoke(cli, ["ask", "--format", "json", "what is Lexapro"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["aspect"] == "what_is"
    assert data["subjects"][0]["key"] == "drug:escitalopram" and data["subjects"][0]["surface"] == "lexapro"


def test_api_has_subjects_and_aspect(tmp_path: Path, engine: Engine) -> None:
    with client_for(web_engine(tmp_path / "home", engine)) as client:
        r = client.post("/api/v1/ask", json={"question": "is pink eye contagious?"})
    assert r.status_code == 200
    data = r.json()
    assert data["aspect"] == "contagion" and data["subjects"][0]["name"] == "Conjunctivitis"
    assert data["abstained"] and "Conjunctivitis" in data["message"]


def test_web_page_shows_what_was_recognised(tmp_path: Path, engine: Engine) -> None:
    with client_for(web_engine(tmp_path / "home", engine)) as client:
        r = client.get("/ask", params={"q": "what cream helps hemorrhoids"})
    assert r.status_code == 200 and "Hemorrhoids" in r.text


def test_follow_up_without_a_subject_keeps_the_threads_subject(engine: Engine) -> None:
    first = engine.ask("what is Valtrex?")
    follow = engine.ask("and what are the side effects?", thread_id=first.thread_id)
    assert [s.key for s in follow.subjects] == ["drug:valacyclovir"] and follow.aspect == "side_effects"
    # No monograph yet: the article that uses it answers, and says first that it does not cover side effects.
    assert follow.bottom_line is not None and "does not cover its side effects" in follow.bottom_line.text
    turns = engine.threads.turns(first.thread_id or "")
    assert [t["subjects"] for t in turns] == [["drug:valacyclovir"], ["drug:valacyclovir"]]
    assert [t["aspect"] for t in turns] == ["what_is", "side_effects"]


def test_follow_up_naming_a_new_subject_replaces_it(engine: Engine) -> None:
    first = engine.ask("how is gout treated")
    follow = engine.ask("is pink eye contagious", thread_id=first.thread_id)
    assert [s.key for s in follow.subjects] == ["cond:conjunctivitis"]


def test_sections_off_the_aspect_go_under_more_about(engine: Engine) -> None:
    a = engine.ask("what is the usual dose of cyclobenzaprine for back spasms", record=False)
    assert a.aspect == "dose"
    open_ids = [s.id for s in a.sections if not s.more]
    assert open_ids[0] == "dosing" and "first_line_non_drug" not in open_ids
    assert any(s.more for s in a.sections)
    plain = engine.ask("what is the best treatment for back spasms", record=False)
    assert not any(s.more for s in plain.sections)  # a treatment question reads the whole article


def test_web_page_collapses_the_rest_of_the_article(tmp_path: Path, engine: Engine) -> None:
    with client_for(web_engine(tmp_path / "home", engine)) as client:
        r = client.get("/ask", params={"q": "is shingles contagious"})
    assert r.status_code == 200
    assert '<details class="more-about">' in r.text and "More about Shingles" in r.text


def test_prevention_question_leads_with_the_articles_vaccine(engine: Engine) -> None:
    a = engine.ask("how can I prevent shingles?", audience="patient", record=False)
    assert a.topic is not None and a.topic.id == "herpes-zoster" and a.aspect == "prevention"
    assert a.bottom_line is not None and a.bottom_line.text.lower().startswith("the shingles vaccine")
    assert "does not cover" not in a.bottom_line.text
    assert any("vaccine" in st.text.lower() for s in a.sections if not s.more for st in s.statements)


@pytest.mark.parametrize(("question", "category"), [
    ("my 13 year old took 10 advil to hurt herself", "suicidality"),
    ("my 2 year old swallowed a button battery", "overdose"),
    ("my 15 year old took 15 extra strength tylenol", "overdose"),
])
def test_self_harm_and_ingestions_raise_the_banner_with_no_article(engine: Engine, question: str,
                                                                   category: str) -> None:
    a = engine.ask(question, record=False)
    assert a.urgent is not None and category in a.urgent.categories
    assert a.topic is None and not any(s.id != "dose_check" for s in a.sections)
