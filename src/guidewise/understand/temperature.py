"""A body temperature stated in a question ('a fever of 102.5', 'temp 39.2 C', '38 degrees'), in degrees Celsius."""

from __future__ import annotations

import re

_UNIT = r"(°\s*[cf]\b|degrees?\s*(?:c|f|celsius|fahrenheit)?\b|[cf]\b)"
# Where a temperature was taken: '100.4 rectal', '37.8 under the arm'.
_SITE = r"(?:rectal(?:ly)?|orally|oral|axillary|armpit|under (?:the|her|his|their) arm|in (?:the|her|his|their) ear|forehead)"
_TEMP = re.compile(
    r"\b(?:fever|temperature|temp|temps|reading|thermometer (?:says|reads|read|said)|running|spiking|spiked|up to|"
    r"at|of|is|was|hit|reached|warm|hot)(?:\s+|\s*[,:]\s*)(?:of\s+|is\s+|was\s+|at\s+|about\s+|around\s+|over\s+|"
    r"almost\s+|nearly\s+)*(\d{2,3}(?:\.\d)?)\s*" + _UNIT + r"?|"
    r"\b(\d{2,3}(?:\.\d)?)\s*" + _UNIT + "|"
    # A number right before the word: '39.4 fever', 'a 103 fever', '100.4 rectal'.
    r"\b(\d{2,3}(?:\.\d)?)\s*" + _UNIT + r"?\s*(?=(?:fever|temp|temperature)\b|" + _SITE + r")", re.I)


def _celsius(value: float, unit: str) -> float | None:
    unit = unit.lower().replace("°", "").replace("degrees", "").replace("degree", "").strip()
    if unit.startswith("c") or (not unit and 34 <= value <= 43):
        return value if 34 <= value <= 43 else None
    if unit.startswith("f") or (not unit and 93 <= value <= 110):
        return round((value - 32) * 5 / 9, 2) if 93 <= value <= 110 else None
    return None


_BODY = re.compile(r"\b(?:fever\w*|temp|temps|temperature|febrile|hot|warm|thermometer|running)\b|" + _SITE, re.I)
_NOT_BODY = re.compile(r"\b(?:outside|outdoors|weather|room|bath|water|oven|car)\b", re.I)


def stated_temperature(text: str) -> float | None:
    """The highest body temperature the question states, in Celsius (a number with a unit, or after 'fever',
    'temperature' and the like; 35 to 43 is read as Celsius, 93 to 110 as Fahrenheit). None if none."""
    if not _BODY.search(text) or _NOT_BODY.search(text):
        return None
    found: list[float] = []
    for m in _TEMP.finditer(text):
        number, unit = next((m.group(i), m.group(i + 1)) for i in (1, 3, 5) if m.group(i))
        if m.group(3) and not unit:
            continue
        if re.match(r"\s*(?:kg|kgs|lbs?|pounds?|mg|ml|months?|years?|weeks?|days?|hours?|minutes?|mins?|%)\b",
                    text[m.end():], re.I):
            continue
        c = _celsius(float(number), unit or "")
        if c is not None:
            found.append(c)
    return max(found, default=None)
