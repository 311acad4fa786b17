"""Which section a recommendation belongs to, section titles per audience, and intent-driven order."""

from __future__ import annotations

from guidewise.library.schema import Intent, Kind, Line, Population, Recommendation

TITLES: dict[str, tuple[str, str]] = {  # id -> (clinician, patient)
    "dose_check": ("Dose check", "About the dose you asked about"),
    "for_this_patient": ("For this patient", "For your situation"),
    "dosing": ("Dosing", "How much to take"),
    "first_line_non_drug": ("First-line management: non-drug measures", "First steps you can take"),
    "first_line_drug": ("First-line medications", "Medicines that can help"),
    "second_line": ("Second-line management", "If the first steps are not enough"),
    "special_populations": ("Special populations", "Special situations"),
    "duration": ("Duration of treatment", "How long to treat"),
    "course": ("Expected course", "What to expect"),
    "diagnosis": ("Diagnosis, imaging and monitoring", "Tests and check-ups"),
    "pitfalls": ("Common pitfalls to avoid", "Things to avoid"),
    "reassess": ("When to reassess or refer", "When to see your doctor again"),
    "red_flags": ("When to seek urgent care", "Get medical help right away if"),
    "other": ("Other considerations", "Other things to know"),
    "rationale": ("Rationale", "Why this approach"),
    "recent_evidence": ("Recent evidence", "New research"),
}

DEFAULT_ORDER = [
    "first_line_non_drug", "first_line_drug", "second_line", "special_populations", "duration", "course",
    "diagnosis", "pitfalls", "reassess", "red_flags", "other", "rationale",
]

LEAD_SECTION: dict[Intent, str] = {
    Intent.DOSING: "dosing",
    Intent.DURATION: "duration",
    Intent.POPULATIONS: "special_populations",
    Intent.DIAGNOSIS: "diagnosis",
    Intent.RED_FLAGS: "red_flags",
    Intent.PROGNOSIS: "course",
}


def home_section(rec: Recommendation) -> str:
    """The one section a recommendation is listed in."""
    if rec.population != Population.ALL:
        return "special_populations"
    by_kind = {
        Kind.RED_FLAG: "red_flags",
        Kind.AVOID: "pitfalls",
        Kind.REFERRAL: "reassess",
        Kind.DIAGNOSTIC: "diagnosis",
        Kind.MONITORING: "diagnosis",
        Kind.PROGNOSIS: "course",
    }
    if rec.kind in by_kind:
        return by_kind[rec.kind]
    if rec.line == Line.FIRST:
        return "first_line_drug" if rec.kind == Kind.DRUG else "first_line_non_drug"
    if rec.line in (Line.SECOND, Line.ADJUNCT):
        return "second_line"
    if Intent.DURATION in rec.intents:
        return "duration"
    return "other"


def section_order(intents: list[Intent]) -> list[str]:
    """Default order with the sections for the question's intents moved to the front, in intent order."""
    lead = [LEAD_SECTION[i] for i in intents if i in LEAD_SECTION]
    order = list(dict.fromkeys([*lead, *DEFAULT_ORDER]))
    if "dosing" not in lead:
        order.remove("dosing") if "dosing" in order else None
    return order


def title(section_id: str, audience: str) -> str:
    clin, plain = TITLES[section_id]
    return plain if audience == "patient" else clin
