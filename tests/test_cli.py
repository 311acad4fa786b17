"""The real `guidewise` console script: JSON contract, batch mode, threads, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent / "guidewise"
SEED = "What is the best treatment for back pain spasms?"


def run(*args: str, home: Path, input_text: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GUIDEWISE_HOME": str(home), "COLUMNS": "120"}
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, env=env, input=input_text, timeout=60)


def check_contract(d: dict) -> None:  # type: ignore[type-arg]
    """The documented JSON contract: keys and types (later versions may only add keys)."""
    assert isinstance(d["question"], str) and d["audience"] in ("clinician", "patient")
    assert d["topic"] is None or (isinstance(d["topic"]["id"], str) and isinstance(d["topic"]["title"], str))
    bl = d["bottom_line"]
    assert bl is None or (isinstance(bl["text"], str) and all(isinstance(n, int) for n in bl["citations"]))

    def statement(s: dict) -> None:  # type: ignore[type-arg]
        assert isinstance(s["text"], str) and all(isinstance(n, int) for n in s["citations"])
        assert s["evidence"] is None or isinstance(s["evidence"], str)
        for c in s["children"]:
            statement(c)

    for sec in d["sections"]:
        assert isinstance(sec["title"], str)
        for s in sec["statements"]:
            statement(s)
    for r in d["references"]:
        assert isinstance(r["n"], int) and isinstance(r["title"], str) and isinstance(r["source"], str)
        assert isinstance(r["year"], int) and isinstance(r["kind"], str)
        for k in ("pmid", "doi", "url"):
            assert r[k] is None or isinstance(r[k], str)
    u = d["urgent"]
    assert u is None or (isinstance(u["message"], str) and all(isinstance(x, str) for x in u["reasons"]))
    assert isinstance(d["abstained"], bool) and isinstance(d["status"], str)
    assert d["last_updated"] is None or (len(d["last_updated"]) == 10 and d["last_updated"][4] == "-")
    assert isinstance(d["disclaimer"], str) and d["disclaimer"]
    assert all(isinstance(q, str) for q in d["follow_ups"])


def test_json_contract_for_answer_and_abstention(tmp_path: Path) -> None:
    r = run("ask", SEED, "--format", "json", home=tmp_path)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    check_contract(d)
    assert d["abstained"] is False and d["urgent"] is None and d["topic"]["id"] == "low-back-pain-acute"
    assert d["thread_id"]
    r2 = run("ask", "what is the capital of France", "--format", "json", home=tmp_path)
    d2 = json.loads(r2.stdout)
    check_contract(d2)
    assert d2["abstained"] is True and d2["sections"] == []


def test_batch_keeps_order_one_json_line_each(tmp_path: Path) -> None:
    questions = [SEED, "what is the capital of France", "How long should I take cyclobenzaprine?", "",
                 "Is ibuprofen safe for back spasm in pregnancy?"]
    f = tmp_path / "qs.txt"
    f.write_text("\n".join(questions) + "\n")
    r = run("ask", "--batch", str(f), "--format", "json", home=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    asked = [q for q in questions if q]
    assert len(lines) == len(asked)
    for q, line in zip(asked, lines, strict=True):
        d = json.loads(line)
        check_contract(d)
        assert d["question"] == q


def test_text_and_markdown_render_sections_and_disclaimer(tmp_path: Path) -> None:
    text = run("ask", SEED, home=tmp_path)
    assert text.returncode == 0 and "Bottom line" in text.stdout and "References" in text.stdout
    assert "disclaimer" in text.stdout.lower()
    md = run("ask", SEED, "--format", "markdown", "--audience", "patient", home=tmp_path)
    assert md.stdout.startswith("# " + SEED) and "## References" in md.stdout


def test_follow_up_in_a_thread_keeps_topic(tmp_path: Path) -> None:
    d = json.loads(run("ask", SEED, "--format", "json", home=tmp_path).stdout)
    r = run("ask", "--thread", d["thread_id"], "and in pregnancy?", "--format", "json", home=tmp_path)
    d2 = json.loads(r.stdout)
    assert d2["thread_id"] == d["thread_id"] and d2["topic"]["id"] == "low-back-pain-acute"
    assert d2["sections"][0]["id"] == "for_this_patient"


def test_expected_mistakes_give_clear_errors_not_tracebacks(tmp_path: Path) -> None:
    r = run("ask", "--thread", "nope", "and for kids?", home=tmp_path)
    assert r.returncode == 2 and "no thread with id" in r.stderr and "Traceback" not in r.stderr
    r = run("ask", "x" * 5000, home=tmp_path)
    assert r.returncode == 2 and "limit is 2000" in r.stderr
    r = run("ask", home=tmp_path)
    assert r.returncode == 2 and "QUESTION or --batch" in r.stderr
