"""Checks of the understanding rules kept as data: aspect examples, entity synonyms and topic subjects."""

from __future__ import annotations

from collections.abc import Iterable

from guidewise.library.loader import Problem
from guidewise.library.schema import Topic
from guidewise.understand.aspects import load_aspect_rules
from guidewise.understand.entities import EntityIndex, entity_key, load_synonyms
from guidewise.understand.informational import load_informational_rules


def check_rules(index: EntityIndex, topics: Iterable[Topic]) -> list[Problem]:
    """Problems in aspects.yaml (examples), entities.yaml (targets) and topics' declared subjects."""
    out: list[Problem] = []

    def kinds_of(question: str) -> list[str]:
        return [e.kind for e in index.find(question)]

    out.extend(Problem("aspects.yaml", msg.split(": ", 1)[0], msg.split(": ", 1)[1])
               for msg in load_aspect_rules().problems(kinds_of))
    out.extend(Problem("informational.yaml", "examples", msg) for msg in load_informational_rules().problems())
    for kind, table in load_synonyms().items():
        for lay, target in table.items():
            if not index.exists(entity_key(kind, target)):
                out.append(Problem("entities.yaml", f"{kind}[{lay}]", f"{target!r} is not in the {kind} vocabulary"))
    for topic in topics:
        for key in topic.subjects:
            if not index.exists(key):
                out.append(Problem(f"{topic.id}.yaml", f"subjects[{key}]", "no such drug or condition in the vocabulary"))
        if not any(k.startswith("cond:") for k in topic.subjects):
            out.append(Problem(f"{topic.id}.yaml", "subjects", "the topic declares no condition it covers"))
    return out
