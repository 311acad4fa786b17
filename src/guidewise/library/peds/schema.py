"""Pydantic models for the paediatric data files (dosing.yaml, age_limits.yaml, growth.yaml, references.yaml)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Cite = list[str]
"""Citation keys: a key of references.yaml, or 'topic-id/key' for a reference of a library topic."""


def _lower_names(v: list[str]) -> list[str]:
    out = [n.strip().lower() for n in v]
    if any(not n for n in out):
        raise ValueError("names must not be empty")
    return out


class Concentration(_Strict):
    """A liquid product strength: `mg` in `ml` (160 mg in 5 mL)."""

    mg: float = Field(gt=0)
    ml: float = Field(gt=0)
    label: str = Field(description="Clinician name: 'oral suspension 160 mg/5 mL'.")
    plain: str = Field(description="Patient name: \"children's liquid\".")
    default: bool = Field(default=False, description="Assumed when a volume is given without a strength.")
    words: list[str] = Field(default_factory=list, description="Product words that select this strength.")
    offered: bool = Field(default=True, description="Listed among the strengths when no product is named "
                                                     "(false: only when its words name it, e.g. a non-US brand).")
    from_months: float | None = Field(default=None, ge=0, description="Offered only to children this old or older.")
    under_months: float | None = Field(default=None, gt=0, description="Offered only to children younger than this.")
    syringe_marks_ml: list[float] = Field(default_factory=list, description=(
        "Volumes marked on the dosing syringe packed with the product: a dose is given as one of these marks."))
    cite: Cite = Field(min_length=1)

    @property
    def mg_per_ml(self) -> float:
        return self.mg / self.ml

    @property
    def strength(self) -> str:
        return f"{self.mg:g} mg/{self.ml:g} mL"

    @field_validator("words")
    @classmethod
    def _words(cls, v: list[str]) -> list[str]:
        return _lower_names(v)


class Tablet(_Strict):
    """A solid unit (tablet, caplet, chewable) of a named strength: 'extra strength' acetaminophen is 500 mg."""

    mg: float = Field(gt=0)
    label: str = Field(description="'extra strength tablet (500 mg)'.")
    words: list[str] = Field(default_factory=list, description=(
        "Product words that name this strength ('extra strength'); a count of them is count x mg."))
    default: bool = Field(default=False, description=(
        "The strength of a counted tablet of the brand when no strength is named ('2 advil' is 2 x 200 mg)."))
    cite: Cite = Field(min_length=1)

    @field_validator("words")
    @classmethod
    def _words(cls, v: list[str]) -> list[str]:
        return _lower_names(v)


class InfantRule(_Strict):
    """Lower labelled maximums for young infants (a daily total, and optionally a single dose and a dose count)."""

    under_months: float = Field(gt=0)
    max_mg_per_kg_day: float = Field(gt=0)
    max_mg_per_kg_dose: float | None = Field(default=None, gt=0)
    max_doses_per_day: int | None = Field(default=None, gt=0)
    interval: str | None = Field(default=None, description="How often at this age, clinician wording.")
    interval_plain: str | None = Field(default=None, description="How often at this age, patient wording.")
    cite: Cite = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> InfantRule:
        if self.max_mg_per_kg_dose is not None and self.max_mg_per_kg_dose > self.max_mg_per_kg_day:
            raise ValueError(f"max_mg_per_kg_dose {self.max_mg_per_kg_dose} is above max_mg_per_kg_day "
                             f"{self.max_mg_per_kg_day}")
        if (self.interval is None) != (self.interval_plain is None):
            raise ValueError("give both interval and interval_plain, or neither")
        return self


class Indication(_Strict):
    """A dose for one infection, stated when the question names it ('ear infection')."""

    id: str
    name: str = Field(description="Clinician name: 'acute otitis media'.")
    plain: str = Field(description="Patient name: 'an ear infection'.")
    words: list[str] = Field(min_length=1, description="Words that name the infection in a question.")
    day_low: float = Field(gt=0, description="mg/kg/day")
    day_high: float = Field(gt=0, description="mg/kg/day")
    doses_per_day: int = Field(gt=0, description="How many doses the daily total is split into.")
    max_single_mg: float | None = Field(default=None, gt=0)
    max_daily_mg: float | None = Field(default=None, gt=0)
    interval: str
    interval_plain: str
    cite: Cite = Field(min_length=1)

    @field_validator("words")
    @classmethod
    def _words(cls, v: list[str]) -> list[str]:
        return _lower_names(v)

    @model_validator(mode="after")
    def _consistent(self) -> Indication:
        if self.day_low > self.day_high:
            raise ValueError(f"day_low {self.day_low} is above day_high {self.day_high}")
        return self


class OnceDaily(_Strict):
    """The cap on a dose given once a day (amoxicillin for strep throat: 50 mg/kg once daily, at most 1000 mg)."""

    max_mg: float = Field(gt=0)
    cite: Cite = Field(min_length=1)


class AdultFrom(_Strict):
    """When the adult (absolute) limits apply instead of mg/kg: from `kg` when the weight is known (a light
    child keeps the mg/kg limits at any age); from `years` only when the weight is not known."""

    years: float | None = Field(default=None, gt=0)
    kg: float | None = Field(default=None, gt=0)
    label_table_kg: float | None = Field(default=None, gt=0, description=(
        "The heaviest weight of the children's label's dosing table (which doses by weight when it is known): a "
        "child old enough for the adult label (`years`) and heavier than this may take one adult label dose of "
        "counted tablets; lighter, the weight decides."))


class DoseExample(_Strict):
    """A worked example `library check` recomputes: a dose for a weight and the verdict it must get."""

    weight_kg: float = Field(gt=0)
    mg: float = Field(gt=0)
    doses_per_day: float | None = Field(default=None, gt=0)
    age_months: float | None = Field(default=None, ge=0)
    indication: str | None = Field(default=None, description="An indication id of the drug.")
    expect: Literal["within", "above", "below", "too_often"]


class PedsDrug(_Strict):
    """Weight-based dosing of one drug in children, with its absolute caps and liquid strengths."""

    id: str
    name: str = Field(description="Display name: 'acetaminophen (paracetamol)'.")
    names: list[str] = Field(min_length=1, description="Generic and brand names as written in questions.")
    dose_low: float | None = Field(default=None, gt=0, description="Lowest usual single dose, mg/kg.")
    dose_high: float = Field(gt=0, description="Highest single dose, mg/kg.")
    day_low: float | None = Field(default=None, gt=0, description="Lowest usual daily total, mg/kg/day.")
    day_high: float = Field(gt=0, description="Labelled daily maximum, mg/kg/day.")
    max_single_mg: float = Field(gt=0, description="Absolute cap per dose (the adult maximum), mg.")
    max_daily_mg: float = Field(gt=0, description="Absolute cap per day, mg.")
    max_doses_per_day: int | None = Field(default=None, gt=0)
    prescribed: bool = Field(default=False, description=(
        "A prescription medicine: a dose inside the absolute limits (dose_high, day_high, the caps, any young-infant "
        "rule) that differs from the usual one for the infection is referred to the prescriber, not called too "
        "much or too little."))
    prescription_max_single_mg: float | None = Field(default=None, gt=0, description=(
        "From the adult age or weight, single doses above max_single_mg (the over-the-counter limit) up to this "
        "are prescription doses: said to be for a prescriber to advise, not called dangerous."))
    prescription_cite: Cite = Field(default_factory=list)
    adult_cite: Cite = Field(default_factory=list, description=(
        "The adult label whose maximums (max_single_mg, max_daily_mg) a teenager of adult age or weight is given."))
    min_interval_hours: float | None = Field(default=None, gt=0, description=(
        "The shortest labelled time between doses: 'every 4 to 6 hours' with 4 here is the label's own wording "
        "(checked at its dose count); a shorter interval is too often."))
    interval: str = Field(description="How often, clinician wording.")
    interval_plain: str = Field(description="How often, patient wording.")
    adult_from: AdultFrom = Field(default_factory=AdultFrom)
    usual_day_low: float | None = Field(default=None, gt=0, description=(
        "The usual daily range (mg/kg/day) stated when no indication is named; the checks use day_low/day_high."))
    usual_day_high: float | None = Field(default=None, gt=0)
    usual_cite: Cite = Field(default_factory=list)
    concentrations: list[Concentration] = Field(default_factory=list)
    tablets: list[Tablet] = Field(default_factory=list, description="Named tablet strengths, for counted tablets.")
    unknown_strength_words: list[str] = Field(default_factory=list, description=(
        "Product words (non-US brands, 'drops') whose strength varies: no strength is assumed for them."))
    infant_rules: list[InfantRule] = Field(default_factory=list)
    indications: list[Indication] = Field(default_factory=list)
    once_daily: OnceDaily | None = None
    cite: Cite = Field(min_length=1)
    examples: list[DoseExample] = Field(min_length=2)

    @field_validator("names", "unknown_strength_words")
    @classmethod
    def _names(cls, v: list[str]) -> list[str]:
        return _lower_names(v)

    @model_validator(mode="after")
    def _consistent(self) -> PedsDrug:
        if self.dose_low is not None and self.dose_low > self.dose_high:
            raise ValueError(f"dose_low {self.dose_low} is above dose_high {self.dose_high}")
        if self.day_low is not None and self.day_low > self.day_high:
            raise ValueError(f"day_low {self.day_low} is above day_high {self.day_high}")
        if self.dose_high > self.day_high:
            raise ValueError(f"dose_high {self.dose_high} mg/kg is above day_high {self.day_high} mg/kg/day")
        if self.max_single_mg > self.max_daily_mg:
            raise ValueError(f"max_single_mg {self.max_single_mg} is above max_daily_mg {self.max_daily_mg}")
        if self.concentrations and sum(c.default for c in self.concentrations) != 1:
            raise ValueError("exactly one concentration must be the default")
        if (self.prescription_max_single_mg is not None) != bool(self.prescription_cite):
            raise ValueError("give prescription_max_single_mg and prescription_cite together")
        if sum(t.default for t in self.tablets) > 1:
            raise ValueError("at most one tablet strength may be the default")
        if any(c.default and not c.offered for c in self.concentrations):
            raise ValueError("the default concentration must be offered")
        if (self.usual_day_low is None) != (self.usual_day_high is None) or (
                self.usual_day_low is not None and not self.usual_cite):
            raise ValueError("give usual_day_low, usual_day_high and usual_cite together")
        if self.usual_day_low is not None and self.usual_day_high is not None and not (
                (self.day_low or 0) <= self.usual_day_low <= self.usual_day_high <= self.day_high):
            raise ValueError("the usual daily range must lie within day_low to day_high")
        return self

    @property
    def default_concentration(self) -> Concentration | None:
        return next((c for c in self.concentrations if c.default), None)


class LimitExamples(_Strict):
    positive: list[str] = Field(min_length=1, description="Questions that must cross this limit.")
    negative: list[str] = Field(min_length=1, description="Questions that must not.")


class PrescribedUse(_Strict):
    """What to say instead when the question says a doctor prescribed the product (aspirin for Kawasaki disease)."""

    words: list[str] = Field(min_length=1, description="Phrases that say a doctor prescribed it ('cardiologist').")
    text: str = Field(min_length=10, description="Clinician wording.")
    plain: str = Field(min_length=10, description="Patient wording.")
    cite: Cite = Field(min_length=1)


class AgeLimit(_Strict):
    """A product not to be given (or only on a doctor's advice) below an age."""

    id: str
    product: str = Field(description="What the limit is about, clinician wording.")
    product_plain: str
    names: list[str] = Field(min_length=1, description="Words and phrases that name the product.")
    except_names: list[str] = Field(default_factory=list, description=(
        "Longer names that contain a name but are another product ('children's pepto' is calcium carbonate)."))
    when_any: list[str] = Field(default_factory=list, description=(
        "The limit applies only when the question also names one of these (a surgery, a condition, a use)."))
    from_months: float | None = Field(default=None, ge=0, description="The limit applies from this age.")
    under_months: float = Field(gt=0, description="The limit applies below this age.")
    severity: Literal["do_not_use", "ask_doctor", "see_doctor_now"]
    group: str | None = Field(default=None, description="Limits on one product at several ages share a group.")
    show_dose: bool = Field(default=False, description="Still give the weight-based dose when the limit applies "
                                                       "(the label asks for a clinician's advice, not avoidance).")
    text: str = Field(min_length=10, description="Clinician wording, our own words.")
    plain: str = Field(min_length=10, description="Patient wording.")
    cite: Cite = Field(min_length=1)
    prescribed: PrescribedUse | None = None
    examples: LimitExamples
    contained_in: dict[str, str] = Field(default_factory=dict, description=(
        "Products whose name does not say they contain the limit's medicine, as named (lower case) -> the "
        "sentence that says so ('tylenol pm' -> 'Tylenol PM contains diphenhydramine ...'), said first."))

    @field_validator("names", "except_names", "when_any")
    @classmethod
    def _names(cls, v: list[str]) -> list[str]:
        return _lower_names(v)

    @model_validator(mode="after")
    def _ages(self) -> AgeLimit:
        if self.from_months is not None and self.from_months >= self.under_months:
            raise ValueError(f"from_months {self.from_months} is not below under_months {self.under_months}")
        if unnamed := set(self.contained_in) - set(self.names):
            raise ValueError(f"contained_in names {sorted(unnamed)} that are not among the names")
        return self


class GrowthPoint(_Strict):
    """Approximate weight range at an age: the lower and upper percentile bounds of both sexes together."""

    age_months: float = Field(ge=0)
    low_kg: float = Field(gt=0)
    high_kg: float = Field(gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> GrowthPoint:
        if self.low_kg >= self.high_kg:
            raise ValueError(f"low_kg {self.low_kg} is not below high_kg {self.high_kg}")
        return self


class GrowthTable(_Strict):
    description: str
    cite: Cite = Field(min_length=1)
    points: list[GrowthPoint] = Field(min_length=2)
    unusual_below: float = Field(default=0.7, gt=0, le=1, description=(
        "A stated weight below low_kg x this, for the stated age, is treated as a likely kg/lb mix-up."))
    unusual_above: float = Field(default=1.4, ge=1, description=(
        "A stated weight above high_kg x this, for the stated age, is treated as a likely kg/lb mix-up."))

    @model_validator(mode="after")
    def _ascending(self) -> GrowthTable:
        ages = [p.age_months for p in self.points]
        if ages != sorted(ages) or len(set(ages)) != len(ages):
            raise ValueError("points must be in strictly ascending age order")
        return self
