"""Pydantic models of the paediatric data files as a whole, and of their smaller sections: combination products
(dosing.yaml) and fever rules (age_limits.yaml)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from guidewise.library.peds.schema import AgeLimit, Cite, PedsDrug, _lower_names, _Strict
from guidewise.library.schema import Reference


class Combination(_Strict):
    """A product that contains a dosing drug with other medicines (NyQuil: acetaminophen): given with another
    product of that drug, the drug adds up."""

    id: str
    product: str = Field(description="Clinician wording: 'NyQuil and DayQuil cold and flu products'.")
    product_plain: str
    names: list[str] = Field(min_length=1, description="Words and phrases that name the product.")
    contains: str = Field(description="The dosing drug id it contains.")
    every_product: bool = Field(description="Every product of the name contains it (false: only some do).")
    cite: Cite = Field(min_length=1)

    @field_validator("names")
    @classmethod
    def _names(cls, v: list[str]) -> list[str]:
        return _lower_names(v)


class FeverRule(_Strict):
    """A baby of these ages with a temperature at or above `min_celsius` must be seen by a doctor: `now` or `today`
    (the same day), whatever medicine is asked about."""

    id: str
    from_months: float = Field(ge=0)
    under_months: float = Field(gt=0)
    min_celsius: float = Field(ge=37, le=42)
    when: Literal["now", "today"]
    text: str = Field(min_length=10, description="Clinician wording, our own words.")
    plain: str = Field(min_length=10, description="Patient wording.")
    cite: Cite = Field(min_length=1)

    @property
    def min_fahrenheit(self) -> float:
        return round(self.min_celsius * 9 / 5 + 32, 1)


class FeverThreshold(_Strict):
    """Below `min_celsius` a temperature is not a fever: for a baby under `under_months` the answer says so, and
    says when to call, instead of the urgent banner `banner` (raised for a young baby who 'feels warm')."""

    min_celsius: float = Field(ge=37, le=39)
    under_months: float = Field(gt=0)
    banner: str = Field(description="The urgent category a reading below the threshold does not raise.")
    text: str = Field(min_length=10, description="Clinician wording; {temperature} is the reading.")
    plain: str = Field(min_length=10, description="Patient wording; {temperature} is the reading.")
    cite: Cite = Field(min_length=1)


class DosingFile(_Strict):
    drugs: list[PedsDrug] = Field(min_length=1)
    combinations: list[Combination] = Field(default_factory=list, description=(
        "Products that contain a dosing drug with other medicines (acetaminophen in NyQuil, Theraflu, Excedrin)."))
    combination_cite: Cite = Field(default_factory=list, description=(
        "What the warning about a drug given twice in two products cites (with the product's own label)."))
    poison_cite: Cite = Field(default_factory=list, description=(
        "What the Poison Control advice cites (with each medicine's own label) when a medicine was swallowed by "
        "accident or given twice by mistake."))


class AgeLimitsFile(_Strict):
    limits: list[AgeLimit] = Field(min_length=1)
    fever_rules: list[FeverRule] = Field(default_factory=list)
    fever_threshold: FeverThreshold | None = None


class ReferencesFile(_Strict):
    references: list[Reference] = Field(min_length=1)
