"""Urgent recognition rules as validated data (understand/data/urgent.yaml): regexes by emergency key."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

RULES_FILE = Path(__file__).parent / "data" / "urgent.yaml"
_FRAGMENT = re.compile(r"\{([A-Z][A-Z_]*)\}")
_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rule(_Strict):
    """Every `all_of` pattern must be affirmed; `reason` explains the match to the reader."""

    reason: str = Field(min_length=3)
    all_of: tuple[str, ...] = Field(min_length=1)
    none_of: tuple[str, ...] = Field(default=(), description="Patterns that, affirmed, cancel the rule "
                                     "(a temperature below 38 C cancels 'fever in a baby').")
    age_under_years: float | None = Field(default=None, gt=0, description="Only for a patient this young.")
    age_from_years: float | None = Field(default=None, gt=0, description="Only for a patient at least this old.")


class Reading(_Strict):
    """A measured value past a danger threshold: potassium 7.1, a blood sugar of 2.1 with confusion."""

    reason: str = Field(min_length=3)
    value: str = Field(description="Regex whose first group captures the number ('potassium (?:is )?(\\d+)').")
    at_least: float | None = None
    at_most: float | None = None
    mg_dl_above: float | None = Field(default=None, description="A glucose number above this is in mg/dL and "
                                      "is divided by 18 (to mmol/L) before the thresholds apply.")
    also: tuple[str, ...] = Field(default=(), description="Patterns that must also be affirmed (symptoms).")

    def dangerous(self, number: float, unit: str = "") -> bool:
        """Whether a number (and the text right after it, for its unit) passes the threshold."""
        mmol = "mmol" in unit
        if self.mg_dl_above is not None and not mmol and (number > self.mg_dl_above or "mg" in unit):
            number /= 18.0
        return ((self.at_least is None or number >= self.at_least)
                and (self.at_most is None or number <= self.at_most))


class Examples(_Strict):
    hit: list[str] = Field(default_factory=list, description="Questions that must raise this emergency.")
    miss: list[str] = Field(default_factory=list, description="Look-alikes that must not raise it.")


class RuleSet(_Strict):
    key: str = Field(description="A key of the emergency catalogue (library/emergencies).")
    rules: tuple[Rule, ...] = Field(default=())
    readings: tuple[Reading, ...] = Field(default=())
    examples: Examples = Field(default_factory=Examples)


class UrgentRules(_Strict):
    fragments: dict[str, str]
    typos: dict[str, str] = Field(default_factory=dict, description="Short misspellings the fuzzy corrector "
                                  "does not touch (it only corrects words of 5+ letters).")
    history_is_a_sign: frozenset[str] = Field(default_factory=frozenset, description="Emergencies for which "
                                              "a past event is itself the warning sign (back pain after cancer).")
    generic: frozenset[str] = Field(default_factory=frozenset, description="Emergencies named by a broad "
                                    "picture (collapse, breathing difficulty, a poisoning): the learned model may "
                                    "name the specific emergency first.")
    model_needs: dict[str, str] = Field(default_factory=dict, description="Emergencies the learned model may name "
                                        "only when this pattern is in the question (a battery, a caustic).")
    emergencies: tuple[RuleSet, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _valid_patterns(self) -> UrgentRules:
        keys = [s.key for s in self.emergencies]
        if dup := {k for k in keys if keys.count(k) > 1}:
            raise ValueError(f"emergency keys used twice: {sorted(dup)}")
        for s in self.emergencies:
            if not s.rules and not s.readings:
                raise ValueError(f"{s.key}: no rules and no readings")
            patterns = [(r.reason, p) for r in s.rules for p in (*r.all_of, *r.none_of)]
            patterns += [(r.reason, p) for r in s.readings for p in (r.value, *r.also)]
            for reason, p in patterns:
                try:
                    re.compile(self.expand(p))
                except (re.error, KeyError) as e:
                    raise ValueError(f"{s.key}: {reason!r}: bad pattern {p!r}: {e}") from e
        return self

    def expand(self, pattern: str) -> str:
        """Insert the named fragments: {PAIN} -> (?:pain|aching|...)."""
        return _FRAGMENT.sub(lambda m: self.fragments[m.group(1)], pattern)

    @cached_property
    def age_bounds(self) -> dict[str, float]:
        """Emergencies whose every rule is for a patient under some age: the oldest such age (a fever in a baby
        under 3 months cannot be an 8-month-old's emergency)."""
        out: dict[str, float] = {}
        for s in self.emergencies:
            ages = [r.age_under_years for r in s.rules]
            if ages and all(a is not None for a in ages):
                out[s.key] = max(a for a in ages if a is not None)
        return out

    @cached_property
    def compiled_readings(self) -> list[tuple[str, list[tuple[re.Pattern[str], list[re.Pattern[str]], Reading]]]]:
        return [(s.key, [(re.compile(self.expand(r.value)), [re.compile(self.expand(p)) for p in r.also], r)
                         for r in s.readings]) for s in self.emergencies if s.readings]

    @cached_property
    def compiled(self) -> list[tuple[str, list[tuple[list[re.Pattern[str]], list[re.Pattern[str]], Rule]]]]:
        return [(s.key, [([re.compile(self.expand(p)) for p in r.all_of], [re.compile(self.expand(p)) for p in r.none_of],
                          r) for r in s.rules]) for s in self.emergencies]


@lru_cache(maxsize=2)
def load_rules(path: Path = RULES_FILE) -> UrgentRules:
    return UrgentRules.model_validate(yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER))


FEVER = load_rules().expand("{FEVER}")
