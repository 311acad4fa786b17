"""`guidewise library check`: editorial rules beyond the schema (citations, doses, ids)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from guidewise.library.loader import Problem, parse_topic, topic_files
from guidewise.library.schema import Kind, Topic


def check_topic(topic: Topic, file: str) -> list[Problem]:
    """Problems inside one validated topic."""
    out: list[Problem] = []
    keys = [r.key for r in topic.references]
    for key, n in Counter(keys).items():
        if n > 1:
            out.append(Problem(file, f"references[{key}]", f"reference key {key!r} is used {n} times"))
    known = set(keys)
    used: set[str] = set()

    def cites(where: str, cite: list[str], required: bool = True) -> None:
        if required and not cite:
            out.append(Problem(file, where, "has no citation"))
        for key in cite:
            used.add(key)
            if key not in known:
                out.append(Problem(file, where, f"cites unknown reference key {key!r}"))

    rec_ids = [r.id for r in topic.recommendations]
    for rid, n in Counter(rec_ids).items():
        if n > 1:
            out.append(Problem(file, f"recommendations[{rid}]", f"recommendation id {rid!r} is used {n} times"))
    for rec in topic.recommendations:
        where = f"recommendations[{rec.id}]"
        cites(where, rec.cite)
        if rec.kind == Kind.DRUG and rec.line is None and not rec.dose and rec.population.value == "all" and not rec.duration and "duration" not in rec.intents:
            out.append(Problem(file, where, "drug recommendation has no line of therapy", "warning"))
        for i, dose in enumerate(rec.dose):
            cites(f"{where}.dose[{i}]({dose.drug})", dose.cite, required=False)
            for msg in dose.problems():
                out.append(Problem(file, f"{where}.dose[{i}]({dose.drug})", msg))
        for i, note in enumerate(rec.notes):
            cites(f"{where}.notes[{i}]", note.cite)
        if not rec.plain:
            out.append(Problem(file, where, "no plain-language text", "warning"))
    for i, note in enumerate(topic.rationale):
        cites(f"rationale[{i}]", note.cite)
    for key in sorted(known - used):
        out.append(Problem(file, f"references[{key}]", "reference is never cited", "warning"))
    if not any(r.kind == Kind.RED_FLAG for r in topic.recommendations):
        out.append(Problem(file, "recommendations", "topic lists no red flags", "warning"))
    return out


def check_library(dirs: Iterable[Path] | None = None) -> tuple[list[Topic], list[Problem]]:
    """Validate every topic file; returns the topics that parsed and every problem found."""
    topics: list[Topic] = []
    problems: list[Problem] = []
    seen_topic: dict[str, str] = {}
    seen_rec: dict[str, str] = {}
    for path in topic_files(dirs):
        topic, errs = parse_topic(path)
        problems.extend(errs)
        if topic is None:
            continue
        topics.append(topic)
        problems.extend(check_topic(topic, path.name))
        if topic.id in seen_topic:
            problems.append(Problem(path.name, "id", f"topic id {topic.id!r} also used in {seen_topic[topic.id]}"))
        seen_topic[topic.id] = path.name
        for rec in topic.recommendations:
            if rec.id in seen_rec and seen_rec[rec.id] != path.name:
                problems.append(
                    Problem(path.name, f"recommendations[{rec.id}]", f"id also used in {seen_rec[rec.id]}")
                )
            seen_rec[rec.id] = path.name
    from guidewise.library.peds.check import check_peds

    problems.extend(check_peds(topics)[1])
    return topics, problems
