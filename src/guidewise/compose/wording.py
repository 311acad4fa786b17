"""How evidence grades, doses, statuses and disclaimers are worded for each audience."""

from __future__ import annotations

from guidewise.library.schema import Dose, Evidence, RefKind, ReviewStatus

CERTAINTY_WORDS = {
    "high": "High-certainty evidence",
    "moderate": "Moderate-certainty evidence",
    "low": "Low-certainty evidence",
    "very_low": "Very low-certainty evidence",
}
PATIENT_CERTAINTY = {
    "high": "Strong research supports this.",
    "moderate": "Good research supports this.",
    "low": "Some research supports this.",
    "very_low": "Research on this is limited.",
}
REF_LABELS = {
    RefKind.GUIDELINE: "Guideline",
    RefKind.DRUG_LABEL: "Drug label",
}
STATUS_LABELS = {
    ReviewStatus.SUBMITTED.value: "Submitted: pending review by the medical advisory board",
    ReviewStatus.UNDER_REVIEW.value: "Under review by the medical advisory board",
    ReviewStatus.APPROVED.value: "Approved by the medical advisory board",
    ReviewStatus.CHANGES_REQUESTED.value: "Changes requested by the medical advisory board",
    "review_overdue": "Review overdue: approval has lapsed and the content awaits re-review",
    "literature": "Automatically extracted from the literature: not reviewed",
    "none": "No answer",
}

DISCLAIMER = {
    "clinician": (
        "Professional medical disclaimer: this summary is for healthcare professionals and supports, but does not "
        "replace, clinical judgement. Verify doses and recommendations against the cited sources, the product label "
        "and local guidance before applying them to a patient."
    ),
    "patient": (
        "This information is for education only. It does not replace advice from your own doctor, nurse or "
        "pharmacist, who know your health history. If you think you may have an emergency, call 911 or your local "
        "emergency number."
    ),
}


def evidence_text(ev: Evidence | None, audience: str) -> str | None:
    """'Moderate-certainty evidence; strong recommendation' (clinician) or a plain sentence (patient)."""
    if ev is None:
        return None
    if audience == "patient":
        return PATIENT_CERTAINTY[ev.certainty.value]
    text = CERTAINTY_WORDS[ev.certainty.value]
    if ev.strength is not None:
        text += f"; {ev.strength.value} recommendation"
    return text


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def disclaimer(audience: str, status: str) -> str:
    text = DISCLAIMER[audience]
    if status != ReviewStatus.APPROVED.value:
        text += " This content has not yet been approved by the medical advisory board."
    return text


def num(x: float) -> str:
    """5.0 -> '5', 0.25 -> '0.25', 1200 -> '1,200'."""
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.3f}".rstrip("0").rstrip(".")


def amount_text(d: Dose) -> str:
    if d.amount_high and d.amount_high != d.amount:
        return f"{num(d.amount)} to {num(d.amount_high)} {d.unit}"
    return f"{num(d.amount)} {d.unit}"


def max_text(d: Dose) -> str | None:
    if d.max_daily is None:
        return None
    per_day = f"{num(d.max_daily)} {d.unit}/day"
    if d.max_daily_absolute_mg:
        per_day += f", not more than {num(d.max_daily_absolute_mg)} mg/day"
    return per_day


_ROUTES_PLAIN = {"oral": "by mouth", "po": "by mouth", "topical": "on the skin", "inhaled": "inhaled",
                 "intramuscular": "as an injection into the muscle", "im": "as an injection into the muscle",
                 "subcutaneous": "as an injection under the skin", "intranasal": "in the nose",
                 "nasal": "in the nose", "vaginal": "in the vagina", "rectal": "in the rectum",
                 "intravenous": "into a vein", "iv": "into a vein", "sublingual": "under the tongue"}
_ROUTES_CLIN = {"oral": "orally", "po": "orally"}


_WHO = {"older_adults": "for older adults", "hepatic": "with liver disease", "renal": "with kidney disease",
        "pregnancy": "in pregnancy", "breastfeeding": "while breastfeeding", "children": "for children"}


def dose_text(d: Dose, audience: str, duration: str | None = None, population: str = "all") -> str:
    """One line describing a structured dose, for the given audience."""
    drug = d.drug[0].upper() + d.drug[1:]
    mx = max_text(d)
    if audience == "patient":
        who = "for children" if "/kg" in d.unit else _WHO.get(population, "for adults")
        route = _ROUTES_PLAIN.get(d.route.lower(), d.route)
        text = f"The usual dose of {d.drug} {who} is {amount_text(d)} {route}, {d.frequency}."
        if "/kg" in d.unit:
            text += " The dose depends on weight, so ask a pharmacist to work it out."
        if mx:
            text += f" Do not take more than {mx.replace('/day', ' a day')}."
        if duration:
            text += f" Use it for {duration}."
        return text + " Check the label or ask your pharmacist."
    route = _ROUTES_CLIN.get(d.route.lower(), d.route)
    text = f"{drug} {amount_text(d)} {route} {d.frequency}"
    if mx:
        text += f" (maximum {mx})"
    if duration:
        text += f"; duration: {duration}"
    return text + "."
