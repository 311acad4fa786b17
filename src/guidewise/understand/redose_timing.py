"""When the last dose was given and how many were given today, for a question that asks to give more:
'had tylenol 5 hours ago', 'its the 5th dose today'. Clock times ('gave motrin at 2 pm, it is 5 pm now') are read by
understand.dose_clock."""

from __future__ import annotations

import re

_AGO = re.compile(r"\b(\d+(?:\.\d+)?|an?|one|two|three|four|five|six|half an?|an hour and a half)\s*"
                  r"(hours?|hrs?|h|minutes?|mins?)\s+ago\b", re.I)
_AGO_WORDS = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0,
              "half a": 0.5, "half an": 0.5, "an hour and a half": 1.5}
MORE = re.compile(r"\b(?:more|another|again|next dose|second dose|repeat|redose|re-dose|top (?:him|her|them) up)\b",
                   re.I)


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8}
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_NTH_DOSE = re.compile(r"\b(\d)(?:st|nd|rd|th)?\s+dose\b|\b(first|second|third|fourth|fifth|sixth|seventh|eighth)\s+"
                       r"dose\b", re.I)
_N_DOSES = re.compile(r"\b(\d|one|two|three|four|five|six|seven|eight)\s+(?:doses|times)(?:\s+of\s+(?:[\w']+\s+){0,2}?[\w']+)?"
                      r"\s+(?:already\s+)?"
                      r"(?:today|so far|already|since (?:this morning|last night|yesterday)|in (?:the last |the past )?24 ?h\w*|"
                      r"in (?:a|one) day)\b", re.I)
_TODAY = re.compile(r"\b(?:today|so far|in (?:the last |the past )?24|since (?:this morning|last night|yesterday)|"
                    r"tonight|this (?:morning|evening|afternoon)|in (?:a|one) day)\b", re.I)


_COUNT = r"(\d|one|two|three|four|five|six|seven|eight)"


def doses_given_by_drug(text: str, names: dict[str, str]) -> dict[str, int]:
    """Doses of each medicine given today: 'had 4 doses of motrin 7.5 ml and 2 doses of tylenol today' (motrin 4,
    tylenol 2); `names` maps a medicine name to its drug id."""
    if not names or not _TODAY.search(text):
        return {}
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"\b{_COUNT}\s+(?:doses|times)\s+of\s+(?:[\w'-]+\s+){{0,2}}?({alts})\b|"
                         rf"\b({alts})\b\s+{_COUNT}\s+times\b", re.I)
    out: dict[str, int] = {}
    for m in pattern.finditer(text):
        word, name = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        out.setdefault(names[name.lower()], _COUNT_WORDS.get(word.lower()) or int(word))
    return out


def doses_given(text: str) -> int | None:
    """Doses already given today: 'its the 5th dose today' (5), 'had 4 doses today', 'given it 3 times so far'."""
    if m := _N_DOSES.search(text):
        word = m.group(1).lower()
        return _COUNT_WORDS.get(word) or int(word)
    if (m := _NTH_DOSE.search(text)) and _TODAY.search(text):
        return int(m.group(1)) if m.group(1) else _ORDINALS[m.group(2).lower()]
    return None


def hours_since_last_dose(text: str) -> float | None:
    """'gave 5 ml an hour ago ... can I give more': the hours since the last dose, when the question asks to give
    more (None otherwise)."""
    if not MORE.search(text):
        return None
    m = _AGO.search(text)
    if m is None:
        return None
    amount = m.group(1).lower()
    value = _AGO_WORDS.get(amount) or (float(amount) if amount[0].isdigit() else 1.0)
    if amount == "an hour and a half":
        return 1.5
    return value / 60 if m.group(2).lower().startswith("m") else value


def more_at(text: str) -> int | None:
    """Where the question asks to give more ('can I give more tylenol'), or None."""
    m = MORE.search(text)
    return m.start() if m else None
