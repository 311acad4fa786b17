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


_GIVEN_AT = re.compile(r"\b(?:gave|given|had|took|taken|dose)\b[^.?!]{0,40}?\bat (\d{1,2})(?::(\d{2}))?\s*"
                       r"(am|pm|a\.m\.|p\.m\.)?(?![\d:])", re.I)
_NOW_IS = re.compile(r"\b(?:it'?s|it is|now it'?s|now it is|the time is)\s+(?:now\s+)?(\d{1,2})(?::(\d{2}))?\s*"
                     r"(am|pm|a\.m\.|p\.m\.)?(?![\d:])(?:\s+now)?", re.I)
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


def _hour(h: str, minutes: str | None, half: str | None) -> float:
    return int(h) % 12 + (12 if (half or "").lower().startswith("p") else 0) + int(minutes or 0) / 60


def _clock_gap(text: str) -> float | None:
    """'gave motrin at 2 pm, it is 5 pm now': 3 hours."""
    given, now = _GIVEN_AT.search(text), _NOW_IS.search(text)
    if given is None or now is None or now.start() < given.end():
        return None
    start, end = _hour(*given.groups()), _hour(*now.groups())
    both = bool(given.group(3)) and bool(now.group(3))
    gap = (end - start) % (24 if both else 12)
    return gap if gap > 0 else None


def doses_given(text: str) -> int | None:
    """Doses already given today: 'its the 5th dose today' (5), 'had 4 doses today', 'given it 3 times so far'."""
    if m := _N_DOSES.search(text):
        word = m.group(1).lower()
        return _COUNT_WORDS.get(word) or int(word)
    if (m := _NTH_DOSE.search(text)) and _TODAY.search(text):
        return int(m.group(1)) if m.group(1) else _ORDINALS[m.group(2).lower()]
    return None


def hours_since_last_dose(text: str) -> float | None:
    """'gave 5 ml an hour ago ... can I give more', 'gave motrin at 2 pm, it is 5 pm now, can I give more': the
    hours since the last dose, when the question asks to give more (None otherwise)."""
    if not _MORE.search(text):
        return None
    m = _AGO.search(text)
    if m is None:
        return _clock_gap(text)
    amount = m.group(1).lower()
    value = _AGO_WORDS.get(amount) or (float(amount) if amount[0].isdigit() else 1.0)
    if amount == "an hour and a half":
        return 1.5
    return value / 60 if m.group(2).lower().startswith("m") else value


def more_at(text: str) -> int | None:
    """Where the question asks to give more ('can I give more tylenol'), or None."""
    m = _MORE.search(text)
    return m.start() if m else None
