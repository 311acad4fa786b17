"""When the last dose was given and how many were given today, for a question that asks to give more:
'had tylenol 5 hours ago', 'gave motrin at 2 pm, it is 5 pm now', 'its the 5th dose today'."""

from __future__ import annotations

import re

_AGO = re.compile(r"\b(\d+(?:\.\d+)?|an?|one|two|three|four|five|six|half an?|an hour and a half)\s*"
                  r"(hours?|hrs?|h|minutes?|mins?)\s+ago\b", re.I)
_AGO_WORDS = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0,
              "half a": 0.5, "half an": 0.5, "an hour and a half": 1.5}
_MORE = re.compile(r"\b(?:more|another|again|next dose|second dose|repeat|redose|re-dose|top (?:him|her|them) up)\b",
                   re.I)


def hours_since_last_dose(text: str) -> float | None:
    """'gave 5 ml an hour ago ... can I give more': the hours since the last dose, when the question asks to give
    more (None otherwise)."""
    m = _AGO.search(text)
    if m is None or not _MORE.search(text):
        return None
    amount = m.group(1).lower()
    value = _AGO_WORDS.get(amount) or (float(amount) if amount[0].isdigit() else 1.0)
    if amount == "an hour and a half":
        return 1.5
    return value / 60 if m.group(2).lower().startswith("m") else value


def more_at(text: str) -> int | None:
    """Where the question asks to give more ('can I give more tylenol'), or None."""
    m = _MORE.search(text)
    return m.start() if m else None
