"""The Answer: the stable JSON contract every interface renders. Later versions only add keys."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from guidewise.understand.urgent import Urgent

Audience = Literal["clinician", "patient"]
AUDIENCES: tuple[str, ...] = ("clinician", "patient")


class Statement(BaseModel):
    text: str = Field(description="The text actually rendered for the answer's audience.")
    citations: list[int] = Field(default_factory=list)
    evidence: str | None = None
    children: list[Statement] = Field(default_factory=list)
    label: str | None = Field(default=None, description="A lead-in such as 'Older adults'.")
    kind: str | None = None
    source_id: str | None = Field(default=None, description="Recommendation id or passage id it came from.")

    @property
    def lead_in(self) -> str | None:
        """The label to print before the text, unless the text already opens by naming it."""
        if not self.label:
            return None
        head = self.text[:70].lower()
        words = [w.strip(",.:").lower() for w in self.label.split()]
        if any(len(w) > 4 and w not in {"adjusted", "about", "adults"} and w in head for w in words):
            return None
        return self.label


class Section(BaseModel):
    id: str
    title: str
    statements: list[Statement]
    more: bool = Field(default=False, description="Not about the aspect asked: the rest of the article, shown "
                       "under 'More about …' (collapsed on the web page).")


class ReferenceOut(BaseModel):
    n: int
    title: str
    source: str
    year: int | None
    kind: str
    label: str = Field(description="Guideline, Research or Drug label: how the page groups it.")
    pmid: str | None = None
    doi: str | None = None
    url: str | None = None
    authors: list[str] = Field(default_factory=list)


class TopicRef(BaseModel):
    id: str
    title: str


class SubjectOut(BaseModel):
    """A recognised subject of the question: a drug or a condition, with its vocabulary ids."""

    key: str
    kind: str = Field(description="drug, condition or symptom")
    name: str
    surface: str = Field(description="The words of the question it was read from.")
    mesh_id: str | None = None
    medline_id: str | None = None
    url: str | None = Field(default=None, description="MedlinePlus drug page or MeSH record.")


class BottomLine(BaseModel):
    text: str
    citations: list[int]


class DoseWarning(BaseModel):
    text: str
    citations: list[int]
    drug: str
    proposed_mg_per_day: float | None = None
    max_mg_per_day: float | None = None
    # Added keys (the contract only grows):
    kind: str | None = Field(default=None, description=(
        "above_max (the absolute, adult maximum), above_range, below_range, too_often, above_range_for_age, "
        "below_range_for_age, unknown_strength (a liquid whose strength varies: no mg worked out), "
        "unknown_amount (a dropper or dropperful: the amount cannot be known; measure with the pack's syringe), "
        "duplicate_ingredient (one medicine in two products: NyQuil with Tylenol is a double acetaminophen dose), "
        "fever_by_age (a young baby's temperature: see a doctor now, or today from 3 to 6 months), "
        "age_limit, poison_control (a medicine swallowed by accident or an accidental extra dose: call Poison "
        "Control now)"))
    weight_kg: float | None = Field(default=None, description="The weight the dose was judged at.")
    weight_source: str | None = Field(default=None, description="stated, or growth_chart (usual weight for the age)")
    weight_range_kg: list[float] | None = Field(default=None, description="Usual weights for the age: [low, high].")
    age_years: float | None = None
    proposed_mg: float | None = Field(default=None, description="The proposed single dose in mg.")
    proposed_ml: float | None = None
    concentration: str | None = Field(default=None, description="The liquid strength used: '160 mg/5 mL'.")
    concentration_assumed: bool | None = None
    mg_per_kg: float | None = Field(default=None, description="The proposed single dose per kg of weight_kg.")
    mg_per_kg_per_day: float | None = None
    max_mg_per_dose: float | None = None
    limit_id: str | None = Field(default=None, description="The age limit crossed (kind age_limit).")
    severity: str | None = Field(default=None, description=(
        "do_not_use, ask_doctor or see_doctor_now (kind age_limit); call_poison_control (kind poison_control); "
        "see_doctor_now or see_doctor_today (kind fever_by_age)."))
    exceeded: list[str] | None = Field(default=None, description=(
        "The limits a dose exceeds: dose (one dose), daily_total, doses_per_day."))


class Answer(BaseModel):
    question: str
    audience: Audience = "clinician"
    topic: TopicRef | None = None
    bottom_line: BottomLine | None = None
    sections: list[Section] = Field(default_factory=list)
    references: list[ReferenceOut] = Field(default_factory=list)
    urgent: Urgent | None = None
    abstained: bool = False
    status: str = "submitted"
    last_updated: str | None = None
    disclaimer: str = ""
    follow_ups: list[str] = Field(default_factory=list)
    # Added keys (the contract only grows):
    message: str | None = Field(default=None, description="Abstention or crisis message shown instead of sections.")
    context: dict[str, object] = Field(default_factory=dict)
    considered: list[str] = Field(default_factory=list)
    intents: list[str] = Field(default_factory=list)
    dose_warnings: list[DoseWarning] = Field(default_factory=list)
    related_topics: list[TopicRef] = Field(default_factory=list)
    source: Literal["library", "literature", "none"] = "none"
    thread_id: str | None = None
    status_label: str = ""
    reviewers: list[str] = Field(default_factory=list)
    subjects: list[SubjectOut] = Field(default_factory=list, description="Drugs and conditions recognised.")
    aspect: str | None = Field(default=None, description="What the question asks: what_is, dose, cause…")
    triage: str = Field(default="routine", description="Where to go: emergency_now, urgent_same_day or routine "
                        "(the urgent banner's level; routine when there is no banner).")

    def all_statements(self) -> list[Statement]:
        """Every statement, depth first, starting with the sections in order."""
        out: list[Statement] = []

        def walk(items: list[Statement]) -> None:
            for s in items:
                out.append(s)
                walk(s.children)

        for sec in self.sections:
            walk(sec.statements)
        return out
