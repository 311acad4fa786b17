"""Body weight stated in a question ("my 10 kg baby", "weighs 22 lbs", "7 lb 8 oz newborn"), in kg."""

from __future__ import annotations

import re
from dataclasses import dataclass

from guidewise.understand.text import parse_number

LB_TO_KG = 0.45359237
LB_PER_STONE = 14
MIN_KG, MAX_KG = 0.4, 250.0

_WEIGHT = re.compile(
    r"(?<![\w/.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*-?\s*(kg|kgs|kilos?|kilograms?|lbs?|pounds?)\b"
    r"(?:\s*(?:and\s+)?(\d{1,2})\s*(?:oz|ounces?)\b)?(?!\s*(?:/|per\b))",
    re.I,
)
# '4 stone', '4 stone 2' (4 st 2 lb), '3st 2lb': a UK body weight, in stones and pounds.
_STONE = re.compile(r"(?<![\w/.,])(\d{1,2}(?:\.\d)?)\s*(?:st|stones?)\b"
                    r"(?:\s*(?:and\s+)?(\d{1,2})(?:\s*(?:lbs?|pounds?)\b|(?!\s*(?:[.,]\d|[%/]|(?:kg|kgs|mg|ml|mls|cc|years?|yrs?|"
                    r"yo|y/o|months?|mos?|mo|weeks?|wks?|days?|hours?|hrs?|doses?|times?|x|tsps?|teaspoons?)\b))))?", re.I)
# An age written right before a weight: 'my 8yo 25kg', 'my 6 yr old 22 kg', '4 mo 6 kg', "she's 3 and 14 kg".
_AGE_JUST_BEFORE = (r"(?:\d{1,2}(?:\.\d)?\s*-?\s*(?:years?|yrs?|yo|y/o|y\.o\.?|months?|mos?|mo|mths?|m/o|weeks?|wks?)"
                    r"(?:[\s-]*old)?|\b(?:he|she)(?:'?s|\s+is)\s+\d{1,2})\s*(?:,|\(|-|\band\b)?")
# A body weight is introduced as one ("weighs 12 kg", "she is 15 kg", "my 10 kg baby", "(10 kg)") or describes
# the patient ("a 30 lb toddler", "12 kg 2 year old", "a dose for 15 kg"); "I lifted 10 kg" is not a body weight.
_BODY_BEFORE = re.compile(r"(?:\bold,?\s+and|\bweigh(?:s|ing|ed)?|\bweight(?: is| of)?|\bis|\bare|\bam|\bbe|\bwas|\b(?:he|she|i)'?s|\bi'?m|\bfor|"
                          r"\bmy|\ba|\ban|\bour|\bhis|\bher|\bat|\babout|\baround|\bonly|\bjust|\bnow|[(,:;]|^|"
                          + _AGE_JUST_BEFORE + r")\s*$",
                          re.I)
_BODY_AFTER = re.compile(r"^[\s,)-]*(?:old\s+)?(?:baby|babies|infant|child|children|kid|kids|son|daughter|toddler|"
                         r"boy|girl|teen|teenager|newborn|patient|grandson|granddaughter|\d+\s*(?:-\s*)?"
                         r"(?:years?|yrs?|yo|y/o|months?|mos?|weeks?|wks?))\b", re.I)
# "lost 5 kg", "gained 10 pounds", "a 5 lb bag": amounts that are not the patient's weight.
_NOT_BODY_BEFORE = re.compile(r"\b(?:lost|lose|losing|loses|gained|gain|gaining|gains|put on|dropped|down|up)\s+"
                              r"(?:about\s+|around\s+|over\s+|almost\s+|nearly\s+)?$", re.I)
_NOT_BODY_AFTER = re.compile(r"^\s*(?:bag|box|sack|dumbbell|weights?|of (?:weight|fat|muscle))\b", re.I)


@dataclass(frozen=True)
class StatedWeight:
    """A body weight as written ('26 kg', '20 lbs') and in kg."""

    kg: float
    value: float
    pounds: bool


def extract_weight_kg(text: str) -> float | None:
    """The first stated body weight, converted to kg (None if none, or implausible)."""
    w = stated_weight(text)
    return w.kg if w else None


def stated_weight(text: str) -> StatedWeight | None:
    """The first stated body weight, as written and in kg (None if none, or implausible). Stones are read as
    pounds (1 stone is 14 lb)."""
    matches = sorted([*_WEIGHT.finditer(text), *_STONE.finditer(text)], key=lambda m: m.start())
    for m in matches:
        before, after = text[: m.start()], text[m.end():]
        if _NOT_BODY_BEFORE.search(before) or _NOT_BODY_AFTER.search(after):
            continue
        if not (_BODY_BEFORE.search(before) or _BODY_AFTER.search(after)):
            continue
        if m.re is _STONE:
            written = parse_number(m.group(1)) * LB_PER_STONE + (int(m.group(2)) if m.group(2) else 0)
            value, pounds = written * LB_TO_KG, True
        else:
            written = value = parse_number(m.group(1))
            pounds = m.group(2).lower().startswith(("lb", "pound"))
            if pounds:
                written = value + (int(m.group(3)) / 16 if m.group(3) else 0)
                value = written * LB_TO_KG
        if MIN_KG <= value <= MAX_KG:
            return StatedWeight(round(value, 2), written, pounds)
    return None


_UNITLESS = re.compile(r"\b(?:weighs|weighing|weight is|weight of|she is|he is|is)\s+(?:about |around |only |just )?"
                       r"(\d{1,3}(?:\.\d{1,2})?)(?!\s*(?:[.,]\d|kg|kgs|kilos?|kilograms?|lbs?|pounds?|oz|ounces?|"
                       r"stone|st\b|g\b|grams?|years?|yrs?|yo|y/o|months?|mos?|m/o|weeks?|wks?|days?|mg|ml|%|"
                       r"degrees|f\b|c\b|\w))", re.I)


def unitless_weight(text: str) -> float | None:
    """A body weight written without a unit ('my 2 year old weighs 26'): the number, to ask kg or lb."""
    if stated_weight(text) is not None:
        return None
    m = _UNITLESS.search(text)
    if m is None or not re.search(r"\bweigh", m.group(0), re.I):
        return None
    return float(m.group(1))
