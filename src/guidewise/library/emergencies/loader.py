"""Read and validate the emergency catalogue; resolve its citation keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from guidewise.library.emergencies.schema import Emergency, EmergencyFile
from guidewise.library.loader import LibraryError, Problem, read_model
from guidewise.library.schema import Reference

EMERGENCIES_DIR = Path(__file__).parent


@dataclass(frozen=True)
class Catalogue:
    """Every emergency by key, with the references each cites (resolved within its own file)."""

    emergencies: dict[str, Emergency]
    references: dict[str, dict[str, Reference]] = field(default_factory=dict)  # emergency key -> cite key -> ref
    files: dict[str, str] = field(default_factory=dict)  # emergency key -> file name

    def by_name(self, name: str) -> Emergency | None:
        """An emergency by its key or by a name it covers (acs -> cardiac_chest_pain)."""
        if name in self.emergencies:
            return self.emergencies[name]
        return next((e for e in self.emergencies.values() if name in e.covers), None)


def parse_catalogue(directory: Path = EMERGENCIES_DIR) -> tuple[Catalogue | None, list[Problem]]:
    """Parse every catalogue file; problems name the file and field, and nothing raises for bad content."""
    problems: list[Problem] = []
    emergencies: dict[str, Emergency] = {}
    files: dict[str, str] = {}
    references: dict[str, dict[str, Reference]] = {}
    for path in sorted(directory.glob("*.yaml")):
        parsed, problems_ = read_model(path, EmergencyFile)
        problems += problems_
        if parsed is None:
            continue
        for em in parsed.emergencies:
            if em.key in emergencies:
                problems.append(Problem(path.name, f"emergencies[{em.key}]", f"key also in {files[em.key]}"))
            emergencies[em.key] = em
            files[em.key] = path.name
            references[em.key] = {r.key: r for r in parsed.references}
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Catalogue(emergencies, references, files), problems


@lru_cache(maxsize=4)
def load_catalogue(directory: Path = EMERGENCIES_DIR) -> Catalogue:
    """The validated catalogue; raises LibraryError listing every problem."""
    catalogue, problems = parse_catalogue(directory)
    if catalogue is None:
        raise LibraryError([p for p in problems if p.severity == "error"])
    return catalogue
