"""A body temperature stated in a question ('a fever of 102.5', 'temp 39.2 C', '38 degrees'), in degrees Celsius."""

from __future__ import annotations

import re

_TEMP = re.compile(
    r"\b(?:fever|temperature|temp|temps|reading|thermometer (?:says|reads|read|said)|running|spiking|spiked|up to|"
    r"at|of|is|was|hit|reached)\s+(?:of\s+|is\s+|was\s+|at\s+|about\s+|around\s+|over\s+|almost\s+|nearly\s+)*"
    r"(\d{2,3}(?:\.\d)?)\s*(°\s*[cf]\b|degrees?\s*(?:c|f|celsius|fahrenheit)?\b|[cf]\b)?|"
    r"\b(\d{2,3}(?:\.\d)?)\s*(°\s*[cf]\b|degrees?\s*(?:c|f|celsius|fahrenheit)?\b|[cf]\b)", re.I)


def _celsius(value: float, unit: str) -> float | None:
    unit = unit.lower().replace("°", "").replace("degrees", "").replace("degree", "").strip()
    if unit.startswith("c") or (not unit and 34 <= value <= 43):
        return value if 34 <= value <= 43 else None
    if unit.startswith("f") or (not unit and 93 <= value <= 110):
        return round((value - 32) * 5 / 9, 2) if 93 <= value <= 110 else None
    return None


_BODY = re.compile(r"\b(?:fever\w*|temp|temps|temperature|febrile|hot|thermometer|running)\b", re.I)
_NOT_BODY = re.compile(r"\b(?:outside|outdoors|weather|room|bath|water|oven|car)\b", re.I)


def stated_temperature(text: str) -> float | None:
    """The highest body temperature the question states, in Celsius (a number with a unit, or after 'fever',
    'temperature' and the like; 35 to 43 is read as Celsius, 93 to 110 as Fahrenheit). None if none."""
    if not _BODY.search(text) or _NOT_BODY.search(text):
        return None
    found: list[float] = []
    for m in _TEMP.finditer(text):
        number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if m.group(3) and not unit:
            continue
        if re.match(r"\s*(?:kg|kgs|lbs?|pounds?|mg|ml|months?|years?|weeks?|days?|hours?|%)\b", text[m.end():], re.I):
            continue
        c = _celsius(float(number), unit or "")
        if c is not None:
            found.append(c)
    return max(found, default=None)
