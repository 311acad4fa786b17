"""Read and validate the paediatric data files; resolve their citation keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from guidewise.library.loader import LibraryError, Problem, read_model
from guidewise.library.peds.schema import AgeLimit, GrowthTable, PedsDrug
from guidewise.library.peds.schema_files import (
    AgeLimitsFile,
    Combination,
    DosingFile,
    FeverRule,
    FeverThreshold,
    ReferencesFile,
)
from guidewise.library.schema import Reference
from guidewise.understand.doses import UnitStrength

PEDS_DIR = Path(__file__).parent
PEDS_SOURCE = "#peds"  # citation keys of references.yaml are (PEDS_SOURCE, key); topic ones (topic_id, key)
FILES = ("references.yaml", "dosing.yaml", "age_limits.yaml", "growth.yaml")



def cite_key(cite: str) -> tuple[str, str]:
    """'topic-id/key' -> (topic-id, key); 'key' -> (PEDS_SOURCE, key)."""
    topic, sep, key = cite.partition("/")
    return (topic, key) if sep else (PEDS_SOURCE, cite)


@dataclass(frozen=True)
class PedsData:
    """The validated paediatric data."""

    drugs: list[PedsDrug]
    limits: list[AgeLimit]
    growth: GrowthTable
    references: dict[str, Reference] = field(default_factory=dict)
    poison_cite: list[str] = field(default_factory=list)
    combinations: list[Combination] = field(default_factory=list)
    combination_cite: list[str] = field(default_factory=list)
    fever_rules: list[FeverRule] = field(default_factory=list)
    fever_threshold: FeverThreshold | None = None

    @cached_property
    def drug_names(self) -> dict[str, str]:
        """Every name or brand (lowercase) -> drug id."""
        return {n: d.id for d in self.drugs for n in d.names}

    @cached_property
    def known_words(self) -> set[str]:
        """Every word of a drug, brand or product name: words a question may use that are not unknown names."""
        names = [n for d in self.drugs for n in d.names] + [n for lim in self.limits for n in lim.names]
        names += [n for c in self.combinations for n in c.names]
        names += [w for d in self.drugs for c in d.concentrations for w in c.words]  # "childrens" is not "children"
        names += [w for d in self.drugs for t in d.tablets for w in t.words]
        return {w for n in names for w in n.replace("-", " ").split() if w.isalpha()}

    @cached_property
    def unit_strengths(self) -> list[UnitStrength]:
        """Every named tablet strength, for counted tablets ('2 extra strength tylenol')."""
        return [UnitStrength(d.id, t.mg, tuple(t.words), t.default) for d in self.drugs for t in d.tablets]

    @cached_property
    def by_id(self) -> dict[str, PedsDrug]:
        return {d.id: d for d in self.drugs}


def parse_peds(directory: Path = PEDS_DIR) -> tuple[PedsData | None, list[Problem]]:
    """Parse the four files; never raises for bad content."""
    refs, p1 = read_model(directory / "references.yaml", ReferencesFile)
    dosing, p2 = read_model(directory / "dosing.yaml", DosingFile)
    limits, p3 = read_model(directory / "age_limits.yaml", AgeLimitsFile)
    growth, p4 = read_model(directory / "growth.yaml", GrowthTable)
    problems = [*p1, *p2, *p3, *p4]
    if refs is None or dosing is None or limits is None or growth is None:
        return None, problems
    return PedsData(dosing.drugs, limits.limits, growth, {r.key: r for r in refs.references},
                    list(dosing.poison_cite), list(dosing.combinations), list(dosing.combination_cite),
                    list(limits.fever_rules), limits.fever_threshold), problems


@lru_cache(maxsize=4)
def load_peds(directory: Path = PEDS_DIR) -> PedsData:
    """The paediatric data (cached), or LibraryError listing every problem."""
    data, problems = parse_peds(directory)
    if data is None or problems:
        raise LibraryError(problems)
    return data
