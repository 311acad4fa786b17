"""`guidewise library check`: editorial rules beyond the schema (citations, doses, ids)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from guidewise.library.loader import Problem, parse_topic, topic_files
from guidewise.library.schema import Kind, Recommendation, Topic


class _Citations:
    """Collects citation problems for one topic and remembers which references were used."""

    def __init__(self, file: str, known: set[str], out: list[Problem]):
        self.file, self.known, self.out, self.used = file, known, out, set[str]()

    def check(self, where: str, cite: list[str], required: bool = True) -> None:
        if required and not cite:
            self.out.append(Problem(self.file, where, "has no citation"))
        for key in cite:
            self.used.add(key)
            if key not in self.known:
                self.out.append(Problem(self.file, where, f"cites unknown reference key {key!r}"))


def _duplicates(file: str, values: list[str], where: str, what: str) -> list[Problem]:
    return [Problem(file, f"{where}[{v}]", f"{what} {v!r} is used {n} times") for v, n in Counter(values).items()
            if n > 1]


def _check_recommendation(rec: Recommendation, file: str, cites: _Citations, out: list[Problem]) -> None:
    where = f"recommendations[{rec.id}]"
    cites.check(where, rec.cite)
    if (rec.kind == Kind.DRUG and rec.line is None and not rec.dose and rec.population.value == "all"
            and not rec.duration and "duration" not in rec.intents):
        out.append(Problem(file, where, "drug recommendation has no line of therapy", "warning"))
    for i, dose in enumerate(rec.dose):
        cites.check(f"{where}.dose[{i}]({dose.drug})", dose.cite, required=False)
        out.extend(Problem(file, f"{where}.dose[{i}]({dose.drug})", msg) for msg in dose.problems())
    for i, note in enumerate(rec.notes):
        cites.check(f"{where}.notes[{i}]", note.cite)
    if not rec.plain:
        out.append(Problem(file, where, "no plain-language text", "warning"))


def check_topic(topic: Topic, file: str) -> list[Problem]:
    """Problems inside one validated topic."""
    keys = [r.key for r in topic.references]
    out = _duplicates(file, keys, "references", "reference key")
    out += _duplicates(file, [r.id for r in topic.recommendations], "recommendations", "recommendation id")
    cites = _Citations(file, set(keys), out)
    for rec in topic.recommendations:
        _check_recommendation(rec, file, cites, out)
    for i, note in enumerate(topic.rationale):
        cites.check(f"rationale[{i}]", note.cite)
    for i, lead in enumerate(topic.bottom_line_leads):
        cites.check(f"bottom_line_leads[{i}]", lead.cite)
        if not lead.plain:
            out.append(Problem(file, f"bottom_line_leads[{i}]", "no plain-language text", "warning"))
    for key in sorted(set(keys) - cites.used):
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
    from guidewise.library.emergencies.check import check_emergencies
    from guidewise.library.peds.check import check_peds

    problems.extend(check_peds(topics)[1])
    problems.extend(check_emergencies(topics))
    return topics, problems
