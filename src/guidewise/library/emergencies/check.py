"""`guidewise library check` for the emergency catalogue and the urgent recognition rules that name it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from guidewise.library.emergencies.loader import EMERGENCIES_DIR, Catalogue, parse_catalogue
from guidewise.library.loader import Problem
from guidewise.library.schema import Topic

RULES = "urgent.yaml"


def _cites(catalogue: Catalogue) -> list[Problem]:
    out: list[Problem] = []
    used: dict[str, set[str]] = {}
    for key, em in catalogue.emergencies.items():
        file, refs = catalogue.files[key], catalogue.references[key]
        for i, note in enumerate([*em.first_actions, *em.do_not]):
            used.setdefault(file, set()).update(note.cite)
            out += [Problem(file, f"emergencies[{key}].actions[{i}]", f"cites unknown reference {c!r}")
                    for c in note.cite if c not in refs]
            if not note.plain:
                out.append(Problem(file, f"emergencies[{key}].actions[{i}]", "no plain-language text", "warning"))
    for key in catalogue.emergencies:
        file = catalogue.files[key]
        for ref in sorted(set(catalogue.references[key]) - used.get(file, set())):
            out.append(Problem(file, f"references[{ref}]", "reference is never cited", "warning"))
            used.setdefault(file, set()).add(ref)  # report once per file
    return out


def _rules(catalogue: Catalogue) -> list[Problem]:
    """Every rule names a catalogue emergency; every example hits (or misses) what it says, by the rules alone."""
    from guidewise.settings import TriageSettings
    from guidewise.understand.context import extract_context
    from guidewise.understand.informational import is_informational
    from guidewise.understand.text import fold
    from guidewise.understand.urgent import detect_urgent
    from guidewise.understand.urgent_rules import load_rules

    out: list[Problem] = []
    rules_only = TriageSettings(learned=False)
    for rs in load_rules().emergencies:
        if rs.key not in catalogue.emergencies:
            out.append(Problem(RULES, f"emergencies[{rs.key}]", "no such emergency in library/emergencies"))
            continue
        for q in [*rs.examples.hit, *rs.examples.miss]:
            text = fold(q)
            urgent = detect_urgent(text, extract_context(text), rules_only)
            raised = urgent is not None and rs.key in urgent.categories and (
                urgent.crisis or not is_informational(text))  # as understanding does: information is no alarm
            if raised != (q in rs.examples.hit):
                what = "does not raise" if q in rs.examples.hit else "raises"
                out.append(Problem(RULES, f"emergencies[{rs.key}].examples", f"{q!r} {what} {rs.key}"))
    return out


def check_emergencies(topics: Iterable[Topic], directory: Path = EMERGENCIES_DIR) -> list[Problem]:
    catalogue, problems = parse_catalogue(directory)
    if catalogue is None:
        return problems
    problems += _cites(catalogue)
    problems += _rules(catalogue)
    for topic in topics:
        problems += [Problem(f"{topic.id}.yaml", f"emergencies[{k}]", "no such emergency in library/emergencies")
                     for k in topic.emergencies if k not in catalogue.emergencies]
    return problems
