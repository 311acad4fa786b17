"""The emergency catalogue as validated data, and the banner it gives: name, disposition, cited first actions."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidewise.engine import Engine
from guidewise.library.emergencies.check import check_emergencies
from guidewise.library.emergencies.loader import EMERGENCIES_DIR, load_catalogue, parse_catalogue
from guidewise.library.emergencies.schema import Disposition
from guidewise.understand.urgent_rules import load_rules

GOOD = """
group: test
review: {status: submitted, created: 2026-12-02, last_updated: 2026-12-02}
references:
  - {key: r1, title: A guideline, source: A society, year: 2020, kind: guideline}
emergencies:
  - key: test_emergency
    name: Possible test emergency
    disposition: emergency_now
    message: Call 911 or your local emergency number now.
    first_actions:
      - {text: Do the first thing., plain: Do the first thing., cite: [r1]}
"""


def test_bundled_catalogue_is_valid_and_covers_every_rule_and_topic(engine: Engine) -> None:
    problems = [p for p in check_emergencies(engine.library.topics.values()) if p.severity == "error"]
    assert problems == []
    catalogue = load_catalogue()
    assert len(catalogue.emergencies) >= 70
    assert {s.key for s in load_rules().emergencies} <= set(catalogue.emergencies)
    for em in catalogue.emergencies.values():
        assert em.first_actions and all(n.cite for n in em.first_actions)
        assert em.disposition in (Disposition.EMERGENCY_NOW, Disposition.URGENT_SAME_DAY)


def test_by_name_finds_an_emergency_by_key_or_by_a_name_it_covers() -> None:
    catalogue = load_catalogue()
    assert catalogue.by_name("cardiac_chest_pain") is catalogue.by_name("acs") is not None
    assert catalogue.by_name("no_such_thing") is None


def test_bad_files_are_reported_with_file_and_field(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").write_text(GOOD.replace("emergency_now", "routine"))
    (tmp_path / "c.yaml").write_text("group: [unclosed")
    catalogue, problems = parse_catalogue(tmp_path)
    assert catalogue is None
    text = "\n".join(str(p) for p in problems)
    assert "b.yaml" in text and "routine" in text and "c.yaml" in text


def test_duplicate_keys_and_unknown_citations_are_errors(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").write_text(GOOD.replace("[r1]", "[r2]"))
    catalogue, problems = parse_catalogue(tmp_path)
    assert catalogue is None and any("key also in a.yaml" in str(p) for p in problems)
    (tmp_path / "a.yaml").unlink()
    problems = check_emergencies([], tmp_path)
    assert any("unknown reference 'r2'" in str(p) for p in problems)


def test_the_bundled_directory_is_the_default() -> None:
    assert load_catalogue().emergencies.keys() == load_catalogue(EMERGENCIES_DIR).emergencies.keys()


@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_banner_names_the_emergency_and_gives_its_cited_first_actions(engine: Engine, audience: str) -> None:
    a = engine.ask("crushing chest pain going down my left arm and sweating", audience=audience, record=False)
    assert a.urgent is not None and a.urgent.categories[0] == "cardiac_chest_pain"
    em = load_catalogue().emergencies["cardiac_chest_pain"]
    assert a.urgent.suspected == em.name and a.urgent.level == em.disposition.value == a.triage
    assert a.urgent.actions and all(x.citations for x in a.urgent.actions)
    numbers = {r.n for r in a.references}
    assert all(n in numbers for x in a.urgent.actions for n in x.citations)
    first = em.first_actions[0]
    assert a.urgent.actions[0].text == (first.plain if audience == "patient" and first.plain else first.text)


def test_an_ordinary_question_is_routine(engine: Engine) -> None:
    a = engine.ask("how long should I take cyclobenzaprine for back spasm", record=False)
    assert a.urgent is None and a.triage == "routine"
