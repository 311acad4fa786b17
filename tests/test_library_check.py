"""The library validator: the bundled library passes; broken topic files give precise errors."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from guidewise.cli.main import cli
from guidewise.library.check import check_library
from guidewise.library.loader import BUNDLED_DIR

SEED = BUNDLED_DIR / "low-back-pain-acute.yaml"


def _write_variant(tmp_path: Path, mutate) -> Path:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(SEED.read_text())
    data["id"] = "variant-topic"
    for rec in data["recommendations"]:
        rec["id"] = "v-" + rec["id"]
    mutate(data)
    d = tmp_path / "extra"
    d.mkdir(exist_ok=True)
    (d / "variant.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return d


def _errors(d: Path) -> list[str]:
    _, problems = check_library([d])
    return [f"{p.file}: {p.location}: {p.message}" for p in problems if p.severity == "error"]


def test_bundled_library_passes() -> None:
    topics, problems = check_library()
    assert topics, "no topics loaded"
    assert [str(p) for p in problems if p.severity == "error"] == []


def test_uncited_recommendation_is_reported(tmp_path: Path) -> None:
    d = _write_variant(tmp_path, lambda t: t["recommendations"][0].update(cite=[]))
    assert "variant.yaml: recommendations[v-lbp-heat]: has no citation" in _errors(d)


def test_unknown_citation_key_is_reported(tmp_path: Path) -> None:
    d = _write_variant(tmp_path, lambda t: t["recommendations"][1].update(cite=["nosuchref"]))
    assert "variant.yaml: recommendations[v-lbp-stay-active]: cites unknown reference key 'nosuchref'" in _errors(d)


def test_dose_over_its_own_maximum_is_reported(tmp_path: Path) -> None:
    def over(t: dict) -> None:  # type: ignore[type-arg]
        rec = next(r for r in t["recommendations"] if r["id"] == "v-lbp-relaxant")
        rec["dose"][0]["amount"] = 15  # 15 mg x 3/day = 45 > 30
    errors = _errors(_write_variant(tmp_path, over))
    assert any("recommendations[v-lbp-relaxant].dose[0](cyclobenzaprine)" in e and "exceeds max_daily 30" in e
               for e in errors), errors


def test_malformed_pmid_and_missing_year_are_reported(tmp_path: Path) -> None:
    def bad(t: dict) -> None:  # type: ignore[type-arg]
        t["references"][0]["pmid"] = "28l92789"
        del t["references"][1]["year"]
    errors = _errors(_write_variant(tmp_path, bad))
    assert any("references[0](acp2017).pmid" in e and "malformed PMID" in e for e in errors), errors
    assert any("references[1](chou2017sr).year" in e and "Field required" in e for e in errors), errors


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    def dup(t: dict) -> None:  # type: ignore[type-arg]
        t["id"] = "low-back-pain-acute"
        t["recommendations"][1]["id"] = t["recommendations"][0]["id"]
    errors = _errors(_write_variant(tmp_path, dup))
    assert any("topic id 'low-back-pain-acute' also used" in e for e in errors), errors
    assert any("recommendation id 'v-lbp-heat' is used 2 times" in e for e in errors), errors


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    d = tmp_path / "extra"
    d.mkdir()
    (d / "broken.yaml").write_text("id: x\ntitle: [unclosed\nscope: y\n")
    errors = _errors(d)
    assert len(errors) == 1 and errors[0].startswith("broken.yaml: line ") and "invalid YAML" in errors[0]


def test_cli_check_exits_non_zero_with_readable_report(tmp_path: Path) -> None:
    d = _write_variant(tmp_path, lambda t: t["recommendations"][0].update(cite=[]))
    result = CliRunner().invoke(cli, ["library", "check", "--dir", str(d)])
    assert result.exit_code == 1
    assert "has no citation" in result.output and "FAILED" in result.output
    ok = CliRunner().invoke(cli, ["library", "check"])
    assert ok.exit_code == 0, ok.output


def test_bottom_line_lead_with_unknown_citation_is_reported(tmp_path: Path) -> None:
    lead = {"text": "Act on this first, before anything else.", "plain": "Do this first.", "cite": ["nosuchref"]}
    d = _write_variant(tmp_path, lambda t: t.update(bottom_line_leads=[lead]))
    assert "variant.yaml: bottom_line_leads[0]: cites unknown reference key 'nosuchref'" in _errors(d)
