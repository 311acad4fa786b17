"""Real users' questions: does the answer address the subject and the aspect asked?

The development set is K-QA's 201 answered patient questions and LiveQA's 104 test questions (both under
GUIDEWISE_SHARED_DATA, never copied here). bench/data/real_questions/labels.jsonl holds our labels only: the
question's id and a hash of its text, its subject(s), its aspect, and the topics whose article is about that
subject (written by a helper who did not see the engine's code).

Scores, per set and overall:
- on-target: answered, and the answer is about the labelled subject (its topic is one of the labelled topics,
  or it is a medicine answer whose recognised subject is the labelled drug);
- off-target: answered about something else; abstained: no answer;
- precision: on-target / answered;
- aspect accuracy: the engine's aspect equals the label;
- aspect-answered: on-target answers whose bottom line serves the aspect asked (the aspect is one the article
  answers through its sections, or a medicine's uses for "what is", and no "does not cover" note), as a share of
  the covered questions (those with a labelled topic).

    python -m bench.real_questions [--out bench/out/real_questions.json] [--misses]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

from bench.common import REPO
from guidewise.engine import Engine
from guidewise.settings import Settings

LABELS = REPO / "bench" / "data" / "real_questions" / "labels.jsonl"
# Held out: a random sample of MedQuAD (MedlinePlus health topics, drugs, A.D.A.M.) question forms, labelled by
# a helper after the engine work of this round; measured, never tuned on.
HELDOUT = REPO / "bench" / "data" / "real_questions" / "medquad_heldout.jsonl"
SERVED = {"dose", "onset_duration", "prognosis", "diagnosis", "symptoms", "pregnancy", "treatment"}


def shared_data() -> Path:
    return Path(os.environ.get("GUIDEWISE_SHARED_DATA", REPO.parent / "shared" / "data"))


def load_questions(data: Path) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    kqa = data / "k-qa" / "questions_w_answers.jsonl"
    for i, line in enumerate(kqa.read_text(encoding="utf-8").splitlines()):
        out[("kqa", str(i))] = json.loads(line)["Question"]
    live = data / "liveqa-med" / "TestDataset" / "TREC-2017-LiveQA-Medical-Test-Questions-w-summaries.xml"
    for q in ElementTree.parse(live).getroot().iter("NLM-QUESTION"):
        summary = q.findtext("NLM-Summary") or ""
        out[("liveqa", q.get("qid", ""))] = summary.strip()
    return out


def medquad_question(data: Path, file: str, qid: str) -> str:
    root = ElementTree.parse(data / "medquad" / file).getroot()
    for q in root.iter("Question"):
        if q.get("qid") == qid:
            return (q.text or "").strip()
    raise KeyError(f"{file}:{qid}")


def judge(answer: dict, label: dict) -> str:  # type: ignore[type-arg]
    if answer["abstained"] or not (answer["sections"] or answer["bottom_line"]):
        return "abstained"
    topic = (answer.get("topic") or {}).get("id")
    if topic and topic in label["on_target_topics"]:
        return "on"
    # Compare on the first word of each name: the label's "fluticasone nasal" is the engine's "Fluticasone".
    names = {s["name"].lower().split()[0] for s in label["subjects"] if s["name"].strip()}
    recognised = {w.lower().split()[0] for s in answer.get("subjects", []) for w in (s["name"], s["surface"]) if w}
    drug_answer = any(s.get("kind") == "drug" for s in answer.get("subjects", [])) and answer.get("source") == "library"
    if drug_answer and names & recognised and (not topic or not label["on_target_topics"]):
        return "on"
    return "off"


def aspect_served(answer: dict, label: dict) -> bool:  # type: ignore[type-arg]
    text = (answer.get("bottom_line") or {}).get("text", "")
    if "does not cover" in text:
        return False
    if label["aspect"] == "what_is":
        return answer.get("aspect") == "what_is"
    return label["aspect"] in SERVED and answer.get("aspect") == label["aspect"]


def run(engine: Engine, show_misses: bool) -> dict[str, object]:
    questions = load_questions(shared_data())
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    if HELDOUT.exists():
        labels += [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    results: dict[str, Counter[str]] = {}
    for label in labels:
        if label["set"] == "medquad":
            text = medquad_question(shared_data(), label["file"], label["qid"])
            groups = ("medquad_heldout",)
        else:
            text = questions[(label["set"], label["id"])]
            groups = (label["set"], "all")
        if hashlib.sha256(text.encode()).hexdigest()[:12] != label["qsha"]:
            raise SystemExit(f"question {label['set']}:{label.get('id', label.get('qid'))} changed since it was labelled")
        answer = engine.ask(text, audience="patient", record=False).model_dump()
        verdict = judge(answer, label)
        covered = bool(label["on_target_topics"])
        for key in groups:
            c = results.setdefault(key, Counter())
            c["n"] += 1
            c[verdict] += 1
            c["covered"] += covered
            c["aspect_ok"] += answer.get("aspect") == label["aspect"]
            if covered and verdict == "on" and aspect_served(answer, label):
                c["aspect_answered"] += 1
            if covered and verdict == "on":
                c["covered_on"] += 1
        if show_misses and verdict == "off":
            print(f"OFF {label['set']}:{label.get('id', label.get('qid'))} got={(answer.get('topic') or {}).get('id')} "
                  f"want={label['on_target_topics']} aspect={answer.get('aspect')}/{label['aspect']} :: {text[:90]}")
    report: dict[str, object] = {}
    for key, c in results.items():
        answered = c["on"] + c["off"]
        report[key] = {
            "questions": c["n"], "on_target": c["on"], "off_target": c["off"], "abstained": c["abstained"],
            "off_target_rate": round(c["off"] / c["n"], 3), "precision": round(c["on"] / answered, 3) if answered else None,
            "aspect_accuracy": round(c["aspect_ok"] / c["n"], 3), "covered": c["covered"],
            "covered_on_target": c["covered_on"],
            "aspect_answered_of_covered": round(c["aspect_answered"] / c["covered"], 3) if c["covered"] else None,
        }
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "real_questions.json")
    ap.add_argument("--misses", action="store_true", help="print the off-target answers")
    args = ap.parse_args(argv)
    if not (shared_data() / "k-qa").exists():
        print("shared data not found (set GUIDEWISE_SHARED_DATA)", file=sys.stderr)
        return 2
    import tempfile

    with tempfile.TemporaryDirectory() as home:
        engine = Engine(Settings(home=Path(home)))
        report = run(engine, args.misses)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
