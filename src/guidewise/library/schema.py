"""Pydantic models for curated guideline topics (the YAML files under library/topics)."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Kind(StrEnum):
    """What a recommendation is about."""

    NON_DRUG = "non_drug"
    DRUG = "drug"
    DIAGNOSTIC = "diagnostic"
    MONITORING = "monitoring"
    REFERRAL = "referral"
    AVOID = "avoid"
    RED_FLAG = "red_flag"
    PROGNOSIS = "prognosis"


class Line(StrEnum):
    FIRST = "first"
    SECOND = "second"
    ADJUNCT = "adjunct"


class Population(StrEnum):
    ALL = "all"
    OLDER_ADULTS = "older_adults"
    HEPATIC = "hepatic"
    RENAL = "renal"
    PREGNANCY = "pregnancy"
    BREASTFEEDING = "breastfeeding"
    CHILDREN = "children"


POPULATION_LABELS: dict[Population, str] = {
    Population.ALL: "All patients",
    Population.OLDER_ADULTS: "Older adults",
    Population.HEPATIC: "Hepatic impairment",
    Population.RENAL: "Renal impairment",
    Population.PREGNANCY: "Pregnancy",
    Population.BREASTFEEDING: "Breastfeeding",
    Population.CHILDREN: "Children",
}


class Scope(StrEnum):
    """Who a topic is written for, when narrower than everyone."""

    CHILDREN = "children"
    ADULTS = "adults"
    WOMEN = "women"
    MEN = "men"
    PREGNANCY = "pregnancy"


class Intent(StrEnum):
    TREATMENT = "treatment"
    DOSING = "dosing"
    DURATION = "duration"
    POPULATIONS = "populations"
    DIAGNOSIS = "diagnosis"
    RED_FLAGS = "red_flags"
    PROGNOSIS = "prognosis"


class Certainty(StrEnum):
    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    VERY_LOW = "very_low"


class Strength(StrEnum):
    STRONG = "strong"
    CONDITIONAL = "conditional"


class RefKind(StrEnum):
    GUIDELINE = "guideline"
    SYSTEMATIC_REVIEW = "systematic_review"
    TRIAL = "trial"
    DRUG_LABEL = "drug_label"
    COHORT = "cohort"
    OTHER = "other"


class ReviewStatus(StrEnum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"


_PMID = re.compile(r"^[1-9][0-9]{0,8}$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reference(_Strict):
    """A real, identifiable publication. Identifiers are optional: omit them unless certain."""

    key: str = Field(description="Citation key used by recommendations, unique within a topic.")
    title: str = Field(min_length=3)
    source: str = Field(min_length=2, description="Journal or issuing organisation.")
    year: int = Field(ge=1950, le=2030)
    kind: RefKind
    pmid: str | None = None
    doi: str | None = None
    url: str | None = None

    @field_validator("pmid", mode="before")
    @classmethod
    def _pmid(cls, v: object) -> object:
        if v is None:
            return v
        s = str(v).strip()
        if not _PMID.match(s):
            raise ValueError(f"malformed PMID {s!r}: expected 1-9 digits")
        return s

    @field_validator("doi")
    @classmethod
    def _doi(cls, v: str | None) -> str | None:
        if v is not None and not _DOI.match(v.strip()):
            raise ValueError(f"malformed DOI {v!r}: expected '10.NNNN/...'")
        return v.strip() if v else v


class Evidence(_Strict):
    certainty: Certainty
    strength: Strength | None = None


class Dose(_Strict):
    """A structured dose. For weight-based doses use unit 'mg/kg'; max_daily is then per kg per day."""

    drug: str
    amount: float = Field(gt=0, description="Single dose (lower end of the range).")
    amount_high: float | None = Field(default=None, gt=0, description="Upper end of the single-dose range.")
    unit: str = Field(description="mg, g, mcg, units, mg/kg, mL, puff, drop, application…")
    frequency: str = Field(description="Free text: 'three times daily', 'every 6 hours as needed'.")
    doses_per_day: float | None = Field(default=None, gt=0, description="Most doses in 24 h at this schedule.")
    route: str = "oral"
    max_daily: float | None = Field(default=None, gt=0, description="Labelled maximum per day, in `unit`.")
    max_daily_absolute_mg: float | None = Field(
        default=None, gt=0, description="Absolute cap in mg/day for weight-based doses."
    )
    cite: list[str] = Field(default_factory=list, description="Keys supporting the dose; defaults to the rec's.")

    @property
    def highest_single(self) -> float:
        return self.amount_high or self.amount

    def problems(self) -> list[str]:
        """Ways this dose contradicts its own stated maximum."""
        out: list[str] = []
        if self.amount_high is not None and self.amount_high < self.amount:
            out.append(f"amount_high {self.amount_high} is below amount {self.amount}")
        if self.max_daily is not None:
            if self.highest_single > self.max_daily:
                out.append(
                    f"single dose {self.highest_single} {self.unit} exceeds max_daily {self.max_daily}"
                )
            if self.doses_per_day and self.highest_single * self.doses_per_day > self.max_daily + 1e-9:
                out.append(
                    f"{self.highest_single} {self.unit} x {self.doses_per_day}/day = "
                    f"{self.highest_single * self.doses_per_day:g} exceeds max_daily {self.max_daily:g}"
                )
        return out


class Note(_Strict):
    """A supporting statement rendered under a recommendation or in the rationale."""

    text: str
    plain: str | None = None
    cite: list[str] = Field(min_length=1)


class LeadCondition(_Strict):
    """When an authored bottom-line lead applies; every field given must hold (none given: always)."""

    age_under_months: float | None = Field(default=None, gt=0, description="The patient is younger than this.")


class BottomLineLead(Note):
    """An authored sentence that leads the bottom line: the action that must come first (an emergency step,
    a referral for a high-risk patient). With `replaces_template`, the generic first/second-line summary is
    left out when this lead applies (e.g. no home medicines for a febrile young infant)."""

    when: LeadCondition | None = None
    replaces_template: bool = False

    def applies(self, age_years: float | None) -> bool:
        if self.when is None:
            return True
        if self.when.age_under_months is not None:
            return age_years is not None and age_years * 12 < self.when.age_under_months
        return True


class Recommendation(_Strict):
    id: str
    kind: Kind
    label: str = Field(description="Short name for bottom lines: 'superficial heat', 'NSAIDs'.")
    label_plain: str | None = None
    text: str = Field(min_length=10, description="Clinician wording, our own words.")
    plain: str | None = Field(default=None, description="Plain-language wording (reading grade <= 8).")
    line: Line | None = None
    population: Population = Population.ALL
    dose: list[Dose] = Field(default_factory=list)
    duration: str | None = None
    evidence: Evidence | None = None
    cite: list[str] = Field(default_factory=list)
    intents: list[Intent] = Field(default_factory=lambda: [Intent.TREATMENT])
    notes: list[Note] = Field(default_factory=list)
    rx_only: bool = Field(default=False, description="Prescription-only option.")

    @field_validator("dose", mode="before")
    @classmethod
    def _one_or_many(cls, v: object) -> object:
        return [v] if isinstance(v, dict) else v


class Review(_Strict):
    status: ReviewStatus = ReviewStatus.SUBMITTED
    created: dt.date
    last_updated: dt.date
    reviewers: list[str] = Field(default_factory=list)


class Topic(_Strict):
    id: str
    title: str
    scope: str
    aliases: list[str] = Field(min_length=1, description="Clinical names, lay phrases, abbreviations, brands.")
    subjects: list[str] = Field(
        default_factory=list,
        description="The entities the topic covers: 'cond:<MeSH heading>' and 'drug:<canonical name>' keys of the "
        "drug and condition vocabularies. A question is routed here only when its subject is one of them.")
    emergencies: list[str] = Field(
        default_factory=list, description="Urgent categories whose own condition this topic is (anaphylaxis for "
        "'anaphylaxis'): only such a topic is shown under an urgent banner.")
    population_scope: list[Scope] = Field(
        default_factory=list, description="Who the topic is written for when narrower than everyone "
        "(e.g. [children]); empty means all patients.")
    references: list[Reference] = Field(min_length=1)
    recommendations: list[Recommendation] = Field(min_length=1)
    rationale: list[Note] = Field(default_factory=list)
    bottom_line_leads: list[BottomLineLead] = Field(
        default_factory=list, description="Authored sentences that open the bottom line, in order.")
    review: Review

    @field_validator("id")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"topic id {v!r} must be lowercase letters, digits and hyphens")
        return v

    @model_validator(mode="after")
    def _approved_needs_reviewer(self) -> Topic:
        if self.review.status == ReviewStatus.APPROVED and not self.review.reviewers:
            raise ValueError("review.status is 'approved' but no reviewer is named")
        return self

    def reference(self, key: str) -> Reference:
        for ref in self.references:
            if ref.key == key:
                return ref
        raise KeyError(key)

    def by_kind(self, *kinds: Kind) -> list[Recommendation]:
        return [r for r in self.recommendations if r.kind in kinds]
