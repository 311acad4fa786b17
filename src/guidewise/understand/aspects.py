"""Question aspects: what is asked about the subject (what it is, side effects, dose, contagion, cause…).

The rules are data (data/aspects.yaml), validated here and run with their examples by `guidewise library check`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from guidewise.understand.text import fold

ASPECTS_FILE = Path(__file__).parent / "data" / "aspects.yaml"


class Aspect(StrEnum):
    WHAT_IS = "what_is"
    SIDE_EFFECTS = "side_effects"
    DOSE = "dose"
    INTERACTION = "interaction"
    PREGNANCY = "pregnancy"
    HOW_TO_TAKE = "how_to_take"
    ONSET_DURATION = "onset_duration"
    STOPPING = "stopping"
    COMPARE = "compare"
    CONTROLLED = "controlled"
    STORAGE = "storage"
    CAUSE = "cause"
    SYMPTOMS = "symptoms"
    CONTAGION = "contagion"
    DIAGNOSIS = "diagnosis"
    PROGNOSIS = "prognosis"
    PREVENTION = "prevention"
    TREATMENT = "treatment"


# Aspects about a medicine's own facts: a drug-only question with one of these is not a treatment question.
DRUG_FACT_ASPECTS = frozenset({Aspect.WHAT_IS, Aspect.SIDE_EFFECTS, Aspect.INTERACTION, Aspect.HOW_TO_TAKE,
                               Aspect.STOPPING, Aspect.COMPARE, Aspect.CONTROLLED, Aspect.STORAGE,
                               Aspect.PREGNANCY})
# Aspects about a condition's nature rather than its management.
CONDITION_FACT_ASPECTS = frozenset({Aspect.WHAT_IS, Aspect.CAUSE, Aspect.SYMPTOMS, Aspect.CONTAGION,
                                    Aspect.PREVENTION, Aspect.COMPARE})


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid")
    match: list[str] = Field(min_length=1)
    no_match: list[str] = Field(default_factory=list)


class AspectRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Aspect
    patterns: list[str] = Field(min_length=1)
    requires: list[str] = Field(default_factory=list, description="Subject categories that must be present.")
    two_drug_patterns: list[str] = Field(default_factory=list, description="Patterns that count only when two "
                                         "or more medicines are named ('take X with Y').")
    examples: Examples

    @field_validator("patterns", "two_drug_patterns")
    @classmethod
    def _compiles(cls, v: list[str]) -> list[str]:
        for p in v:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"pattern {p!r} does not compile: {exc}") from exc
        return v

    @field_validator("requires")
    @classmethod
    def _known(cls, v: list[str]) -> list[str]:
        bad = set(v) - {"drug", "condition"}
        if bad:
            raise ValueError(f"requires may name 'drug' or 'condition', not {sorted(bad)}")
        return v

    @cached_property
    def compiled(self) -> list[re.Pattern[str]]:
        return [re.compile(p) for p in self.patterns]

    @cached_property
    def compiled_two(self) -> list[re.Pattern[str]]:
        return [re.compile(p) for p in self.two_drug_patterns]

    def matches(self, text: str, kinds: set[str], drugs: int = 0) -> bool:
        if self.requires and not set(self.requires) <= kinds:
            return False
        return any(p.search(text) for p in self.compiled) or (
            drugs >= 2 and any(p.search(text) for p in self.compiled_two))


class AspectRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    aspects: list[AspectRule] = Field(min_length=1)

    def classify(self, question: str, kinds: set[str] | None = None, drugs: int = 0) -> Aspect | None:
        """The first aspect whose rule matches, or None (the caller decides the default). `kinds` are the subject
        categories present, `drugs` how many medicines are named."""
        text = fold(question)
        kinds = kinds or set()
        return next((r.id for r in self.aspects if r.matches(text, kinds, drugs)), None)

    def problems(self, subjects_of: Callable[[str], list[str]]) -> list[str]:
        """Examples that the rules misclassify; `subjects_of` gives the kinds of an example's subjects."""
        out = []
        for rule in self.aspects:
            for ex in rule.examples.match:
                kinds = subjects_of(ex)
                got = self.classify(ex, set(kinds), kinds.count("drug"))
                if got != rule.id:
                    out.append(f"aspects[{rule.id}]: example {ex!r} is classified as {got}")
            for ex in rule.examples.no_match:
                kinds = subjects_of(ex)
                if self.classify(ex, set(kinds), kinds.count("drug")) == rule.id:
                    out.append(f"aspects[{rule.id}]: counter-example {ex!r} is classified as {rule.id}")
        seen = [r.id for r in self.aspects]
        if len(seen) != len(set(seen)):
            out.append("aspects: an aspect is listed twice")
        return out


@lru_cache(maxsize=1)
def load_aspect_rules() -> AspectRules:
    return AspectRules.model_validate(yaml.safe_load(ASPECTS_FILE.read_text(encoding="utf-8")))


def classify_aspect(question: str, kinds: set[str], drugs: int = 0) -> Aspect:
    """The aspect of a question whose recognised subjects have these categories ('drug', 'condition'), with
    `drugs` medicines named."""
    found = load_aspect_rules().classify(question, kinds, drugs)
    if found is not None:
        return found
    return Aspect.TREATMENT
