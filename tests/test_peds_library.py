"""`library check` on the paediatric data: the bundled files pass; each kind of mistake is reported precisely."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from guidewise.cli.main import cli
from guidewise.library.loader import load_topics
from guidewise.library.peds.check import check_peds
from guidewise.library.peds.loader import PEDS_DIR

PAEDIATRIC_CHECKS = True  # the checks are off by default until a clinical review signs them off

TOPICS = load_topics()


def _variant(tmp_path: Path, file: str, mutate: Callable[[Any], None]) -> Path:
    d = tmp_path / "peds"
    shutil.copytree(PEDS_DIR, d, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    data = yaml.safe_load((d / file).read_text())
    mutate(data)
    (d / file).write_text(yaml.safe_dump(data, sort_keys=False))
    return d


def _errors(d: Path) -> list[str]:
    _, problems = check_peds(TOPICS, d)
    return [f"{p.file}: {p.location}: {p.message}" for p in problems if p.severity == "error"]


def _drug(data: Any, drug_id: str) -> Any:
    return next(d for d in data["drugs"] if d["id"] == drug_id)


def _limit(data: Any, limit_id: str) -> Any:
    return next(x for x in data["limits"] if x["id"] == limit_id)


def test_bundled_paediatric_data_passes() -> None:
    data, problems = check_peds(TOPICS)
    assert data is not None and data.drugs and data.limits and data.growth.points
    assert [str(p) for p in problems] == []


def test_every_limit_and_drug_cites_something() -> None:
    data, _ = check_peds(TOPICS)
    assert data is not None
    assert all(d.cite and all(c.cite for c in d.concentrations) for d in data.drugs)
    assert all(lim.cite for lim in data.limits) and data.growth.cite


def test_a_wrong_worked_example_is_reported(tmp_path: Path) -> None:
    def flip(data: Any) -> None:
        _drug(data, "ibuprofen")["examples"][0]["expect"] = "above"  # 120 mg for 12 kg is within range
    errors = _errors(_variant(tmp_path, "dosing.yaml", flip))
    assert any("drugs[ibuprofen].examples[0]" in e and "expected above, got within" in e for e in errors), errors


def test_an_unknown_citation_is_reported(tmp_path: Path) -> None:
    def bad(data: Any) -> None:
        _limit(data, "honey-under-1")["cite"] = ["no-such-ref", "fever-pain-children/nope"]
    errors = _errors(_variant(tmp_path, "age_limits.yaml", bad))
    assert "age_limits.yaml: limits[honey-under-1]: cites unknown reference key 'no-such-ref'" in errors
    assert any("topic 'fever-pain-children' has no reference 'nope'" in e for e in errors)


def test_an_example_question_that_misses_its_limit_is_reported(tmp_path: Path) -> None:
    def bad(data: Any) -> None:
        _limit(data, "honey-under-1")["examples"]["positive"].append("is honey ok for my 2 year old")
        _limit(data, "honey-under-1")["examples"]["negative"].append("honey for my 4 month old")
    errors = _errors(_variant(tmp_path, "age_limits.yaml", bad))
    assert any("examples.positive" in e and "does not cross" in e for e in errors), errors
    assert any("examples.negative" in e and "crosses the limit" in e for e in errors), errors


def test_a_range_below_a_topic_dose_is_reported(tmp_path: Path) -> None:
    def lower(data: Any) -> None:
        drug = _drug(data, "acetaminophen")
        drug["dose_high"] = 12
        drug["examples"] = [{"weight_kg": 10, "mg": 100, "expect": "within"},
                            {"weight_kg": 10, "mg": 200, "expect": "above"}]
    errors = _errors(_variant(tmp_path, "dosing.yaml", lower))
    assert any("fever-pain-children" in e and "15 mg/kg per dose, above dose_high 12" in e for e in errors), errors


@pytest.mark.parametrize(("file", "mutate", "expected"), [
    ("dosing.yaml", lambda d: _drug(d, "ibuprofen").update(dose_low=20),
     "(ibuprofen): dose_low 20.0 is above dose_high 10.0"),
    ("age_limits.yaml", lambda d: _limit(d, "honey-under-1").update(severity="maybe"),
     "(honey-under-1).severity:"),
    ("growth.yaml", lambda d: d["points"][3].update(low_kg=20),
     "points[3]: low_kg 20.0 is not below high_kg"),
])
def test_schema_errors_name_the_file_and_field(tmp_path: Path, file: str, mutate: Callable[[Any], None],
                                               expected: str) -> None:
    errors = _errors(_variant(tmp_path, file, mutate))
    assert any(e.startswith(file) and expected in e for e in errors), errors


def test_growth_weights_that_fall_with_age_are_reported(tmp_path: Path) -> None:
    def bad(data: Any) -> None:
        data["points"][10]["high_kg"] = 5.0
        data["points"][10]["low_kg"] = 4.0
    errors = _errors(_variant(tmp_path, "growth.yaml", bad))
    assert any("weights fall with age" in e for e in errors), errors


def test_cli_library_check_includes_the_paediatric_data() -> None:
    r = CliRunner().invoke(cli, ["library", "check"])
    assert r.exit_code == 0, r.output
    assert "paediatric data" in r.output and "age limits" in r.output and "0 errors" in r.output


@pytest.mark.parametrize(("file", "mutate", "expected"), [
    ("age_limits.yaml", lambda d: _limit(d, "opioids-after-tonsillectomy-under-18").update(from_months=300),
     "from_months 300.0 is not below under_months 216.0"),
    ("dosing.yaml", lambda d: _drug(d, "ibuprofen")["concentrations"][0].update(offered=False),
     "the default concentration must be offered"),
    ("dosing.yaml", lambda d: _drug(d, "amoxicillin").update(usual_day_high=120),
     "the usual daily range must lie within day_low to day_high"),
    ("dosing.yaml", lambda d: _drug(d, "amoxicillin")["infant_rules"][0].update(max_mg_per_kg_dose=40),
     "max_mg_per_kg_dose 40.0 is above max_mg_per_kg_day 30.0"),
])
def test_review_fields_are_validated(tmp_path: Path, file: str, mutate: Callable[[Any], None], expected: str) -> None:
    errors = _errors(_variant(tmp_path, file, mutate))
    assert any(e.startswith(file) and expected in e for e in errors), errors


def test_an_example_with_an_unknown_indication_or_citation_is_reported(tmp_path: Path) -> None:
    def bad(data: Any) -> None:
        amox = _drug(data, "amoxicillin")
        amox["examples"][0]["indication"] = "no-such-infection"
        amox["indications"][0]["cite"] = ["no-such-ref"]
    errors = _errors(_variant(tmp_path, "dosing.yaml", bad))
    assert any("unknown indication 'no-such-infection'" in e for e in errors), errors
    assert any("indications[otitis-media]" in e and "no-such-ref" in e for e in errors), errors
