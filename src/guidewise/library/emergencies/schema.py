"""Schema of the emergency catalogue (library/emergencies/*.yaml)."""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from guidewise.library.schema import Note, Reference, Review

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


class Disposition(StrEnum):
    """Where the person should go, as symptom checkers report it."""

    EMERGENCY_NOW = "emergency_now"  # call the emergency number or go to the emergency department now
    URGENT_SAME_DAY = "urgent_same_day"  # see a doctor or urgent care today
    ROUTINE = "routine"  # a normal answer; never a catalogue entry's own disposition


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Emergency(_Strict):
    """One emergency: what it may be, where to go, and what to do first, each action cited."""

    key: str = Field(description="Stable id; recognition rules and topics' `emergencies` refer to it.")
    name: str = Field(min_length=5, description="Banner heading: 'Possible heart attack'.")
    disposition: Disposition
    message: str = Field(min_length=20, description="Plain words: what to do now, first sentence an instruction.")
    first_actions: list[Note] = Field(min_length=1, description="Cited first actions: text (clinician), plain.")
    do_not: list[Note] = Field(default_factory=list, description="Cited things not to do: drive yourself, eat…")
    covers: list[str] = Field(default_factory=list, description="Other names of this emergency in vignette "
                              "sets and classifier labels (acs for cardiac_chest_pain).")

    @field_validator("key")
    @classmethod
    def _key(cls, v: str) -> str:
        if not _KEY.match(v):
            raise ValueError(f"key {v!r} must be lower_snake_case")
        return v

    @field_validator("disposition")
    @classmethod
    def _not_routine(cls, v: Disposition) -> Disposition:
        if v is Disposition.ROUTINE:
            raise ValueError("a catalogue emergency is emergency_now or urgent_same_day, never routine")
        return v


class EmergencyFile(_Strict):
    """One group of emergencies (cardiovascular, airway, ...), reviewed together."""

    group: str
    review: Review
    references: list[Reference] = Field(min_length=1, description="Cited by this file's emergencies by key.")
    emergencies: list[Emergency] = Field(min_length=1)
