"""What the paediatric check finds: each checked or computed dose, and the result for a question."""

from __future__ import annotations

from dataclasses import dataclass, field

from guidewise.compose.age_limits import LimitHit
from guidewise.compose.peds_dose import Ages, Exceeded, Window
from guidewise.compose.peds_timing import Timing
from guidewise.library.peds.schema import Concentration, Indication, PedsDrug
from guidewise.library.peds.schema_files import FeverRule
from guidewise.understand.doses import ProposedDose
from guidewise.understand.ingestion import Ingestion
from guidewise.understand.weight import StatedWeight

WARNING_KINDS = frozenset({"above_range", "below_range", "too_often", "above_range_for_age", "below_range_for_age",
                           "above_max", "age_limit", "unknown_strength", "differs_from_usual", "unknown_amount"})
ABOVE_KINDS = frozenset({"above_range", "above_range_for_age", "above_max"})

@dataclass
class Finding:
    """One checked or computed dose for a child."""

    kind: str
    drug: PedsDrug
    dose: ProposedDose | None = None
    single_mg: float | None = None
    day_mg: float | None = None
    doses_per_day: float | None = None
    weight_kg: float | None = None
    weight_range: tuple[float, float] | None = None
    span: tuple[float, float] | None = None
    win: Window | None = None
    conc: Concentration | None = None
    conc_assumed: bool = False
    alternatives: list[tuple[Concentration, float, str]] = field(default_factory=list)
    exceeded: Exceeded = field(default_factory=list)
    blocked: bool = False               # a definite age limit rules out a home dose: no dose is suggested
    unknown_word: str | None = None     # the product word whose strength varies (kind unknown_strength)
    measure: str | None = None          # an unmeasured amount: 'dropper', 'cap' or 'cup' (kind unknown_amount)
    liquids: list[Concentration] = field(default_factory=list)  # strengths to give volumes in
    ages: Ages | None = None
    infant_win: Window | None = None    # the stricter young-infant window, when the child may be that young
    indication: Indication | None = None  # the infection the question names for the drug
    ingested: bool = False              # taken by accident or as an extra dose: no dose advice follows
    from_months: float | None = None    # a 'see a doctor now' limit may apply: the dose holds only from this age

    @property
    def warning(self) -> bool:
        return self.kind in WARNING_KINDS


@dataclass
class PedsResult:
    limits: list[LimitHit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    ingestion: Ingestion | None = None  # a medicine swallowed by accident, or an accidental extra dose
    ingestion_cite: list[str] = field(default_factory=list)
    unusual: UnusualWeight | None = None  # a stated weight far outside the range for the stated age
    child: bool = False  # checked as a child's question (an age, a child's weight or a children's liquid)
    timing: Timing | None = None  # another dose: the doses given today and the time since the last one
    unitless: float | None = None  # 'weighs 26' with no unit: kg or lb is asked
    fever: FeverRule | None = None  # a young baby's temperature that must be seen by a doctor (now or today)
    not_fever: float | None = None  # a young baby's temperature below the fever threshold (C)

    @property
    def drugs(self) -> set[str]:
        return {f.drug.id for f in self.findings}


@dataclass(frozen=True)
class UnusualWeight:
    """A stated weight far outside the usual range for the stated age: no dose is worked out from it."""

    weight: StatedWeight
    span: tuple[float, float]
    usual: tuple[float, float]
    drug: str  # the first medicine the question names
