"""The amount in an accidental ingestion or extra dose: the arithmetic for Poison Control, and no dosing rule (no
usual dose, mg/kg range or 'the right dose'): Poison Control advice leads the answer."""

from __future__ import annotations

from guidewise.compose.peds_finding import ABOVE_KINDS, Finding
from guidewise.compose.peds_format import a_child_aged, amount_sentence, mg, one, short, upper_first, vol
from guidewise.compose.peds_wording_age import products

_TELL = {"patient": " Tell Poison Control how much your child had, the strength on the bottle and your child's weight.",
         "clinician": " Give Poison Control the total amount, the product strength and the child's weight."}


def ingested_text(f: Finding, audience: str) -> str:
    """'Assuming children's liquid (160 mg in 5 mL), 120 mL is 3,840 mg: more than any child should have in one
    dose.' with what to tell Poison Control."""
    name, patient = short(f.drug), audience == "patient"
    if f.kind == "unknown_strength" and f.dose is not None and f.dose.ml is not None:
        word = upper_first(f.unknown_word or "this product")
        return ((f"We cannot tell how much {name} is in {vol(f.dose.ml)} mL: {products(word, drops=not f.drug.prescribed)} "
                 f"come in different strengths." if patient else
                 f"{vol(f.dose.ml)} mL cannot be converted to mg: the strength of {products(word, 'clinician')} varies.")
                + _TELL[audience])
    amount = f.single_mg if f.single_mg is not None else f.day_mg
    text = amount_sentence(f, audience)
    if amount is None:
        return (text + _TELL[audience]).strip()
    above = f.kind in ABOVE_KINDS
    if f.weight_kg is not None:
        per_kg = one(amount / f.weight_kg)
        unit = "mg for each kg" if patient else "mg/kg"
        more = (", more than a child of this weight should have in one dose" if patient else ", above the maximum single "
                "dose") if above else ""
        text += f"{mg(amount)} mg of {name} is {per_kg} {unit} for {one(f.weight_kg)} kg{more}."
    elif f.kind == "above_range_for_age":
        text += f"{mg(amount)} mg of {name} is too much for {a_child_aged(f.span)}."
    elif f.kind == "above_max":
        text += f"{mg(amount)} mg of {name} is more than any child should have in one dose."
    else:
        text += f"That is {mg(amount)} mg of {name}."
    return text.strip() + _TELL[audience]
