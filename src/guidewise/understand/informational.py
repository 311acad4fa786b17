"""Information questions about emergencies: asked about a condition, not about someone it is happening to now.

The patterns are data (data/informational.yaml) with examples that `guidewise library check` runs.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from guidewise.understand.text import fold

RULES_FILE = Path(__file__).parent / "data" / "informational.yaml"
SAFETY_NOTE = ("If this is happening to someone now, call 911 or your local emergency number; this answer is "
               "general information.")


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid")
    informational: list[str] = Field(min_length=1)
    not_informational: list[str] = Field(min_length=1)


class InformationalRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    informational: list[str] = Field(min_length=1)
    hypothetical: list[str] = Field(default_factory=list)
    emergencies: list[str] = Field(default_factory=list, description="Names of emergencies: an information "
                                   "question that names one gets the safety note even when nothing was detected.")
    personal: list[str] = Field(min_length=1)
    happening: list[str] = Field(min_length=1)
    examples: Examples

    @cached_property
    def _compiled(self) -> tuple[list[re.Pattern[str]], ...]:
        groups = (self.informational, self.hypothetical, self.personal, self.happening)
        return tuple([re.compile(p) for p in group] for group in groups)

    def is_informational(self, question: str) -> bool:
        text = fold(question)
        info, hypothetical, personal, happening = self._compiled
        if any(p.search(text) for p in happening):
            return False
        return any(p.search(text) for p in hypothetical) or (
            any(p.search(text) for p in info) and not any(p.search(text) for p in personal))

    @cached_property
    def _emergency_names(self) -> re.Pattern[str]:
        return re.compile("|".join(self.emergencies) or r"(?!)")

    def names_emergency(self, question: str) -> bool:
        return bool(self._emergency_names.search(fold(question)))

    def problems(self) -> list[str]:
        out = [f"informational: example {q!r} is not recognised as informational"
               for q in self.examples.informational if not self.is_informational(q)]
        out += [f"informational: counter-example {q!r} is taken as informational"
                for q in self.examples.not_informational if self.is_informational(q)]
        return out


@lru_cache(maxsize=1)
def load_informational_rules() -> InformationalRules:
    return InformationalRules.model_validate(yaml.safe_load(RULES_FILE.read_text(encoding="utf-8")))


def is_informational(question: str) -> bool:
    """Whether a question asks about an emergency in general rather than describing one happening now."""
    return load_informational_rules().is_informational(question)


def names_emergency(question: str) -> bool:
    """Whether a question names an emergency (a seizure, a stroke, anaphylaxis...)."""
    return load_informational_rules().names_emergency(question)
