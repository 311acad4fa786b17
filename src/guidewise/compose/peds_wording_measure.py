"""Amounts that are not measured doses: 'a dropperful', 'a capful', 'a full dosing cup'. The amount given cannot
be known: measure in mL, and the dose for the weight when it is known."""

from __future__ import annotations

from dataclasses import replace

from guidewise.compose.peds_finding import Finding
from guidewise.compose.peds_format import short
from guidewise.compose.peds_wording_age import dose_for_weight_text

UNMEASURED = {
    "cap": {"patient": ("We cannot tell how much {name} 'a capful' is: a bottle cap is not a measure, so it is not a "
                        "measured dose. Measure each dose in mL with the oral syringe or dosing cup that comes with the "
                        "bottle."),
            "clinician": ("A 'capful' is not a measured volume: the amount of {name} given cannot be determined. "
                          "Measure doses in mL with the syringe or dosing cup supplied with the product.")},
    "cup": {"patient": ("We cannot tell how much {name} 'a full cup' is: the dosing cup is marked in mL, and a full cup "
                        "may be more than your child's dose. Measure each dose in mL, to the mark for the dose."),
            "clinician": ("A 'full dosing cup' is not a measured dose (the cup is graduated in mL and may hold more than "
                          "one dose): the amount of {name} given cannot be determined. Measure doses in mL.")},
}


def dropper_text(f: Finding, audience: str) -> str:
    """'A dropperful': not a measured amount; measure with the syringe from the pack, and the dose for the weight."""
    name = short(f.drug)
    if f.measure in UNMEASURED:
        text = UNMEASURED[f.measure][audience].format(name=name)
    elif audience == "patient":
        text = (f"We cannot tell how much {name} 'a dropper' or 'a dropperful' is: droppers hold different amounts, so "
                f"it is not a measured dose. Use the oral syringe that comes with the bottle and measure each dose in "
                f"mL; do not use a dropper or a syringe from another product.")
    else:
        text = (f"A 'dropper(ful)' is not a measured volume: the amount of {name} given cannot be determined. Measure "
                f"doses in mL with the oral syringe supplied with the product.")
    if f.win is not None:
        return f"{text} {dose_for_weight_text(replace(f, kind='dose_for_weight'), audience)}"
    return text + (" The dose depends on your child's weight: weigh your child and ask again with the weight."
                   if audience == "patient" else " Dose by weight.")
