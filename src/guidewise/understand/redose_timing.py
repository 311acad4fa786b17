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


# The time another dose is planned for: 'can I give another at 4pm', 'ok to give more at 6?'.
_PLANNED_AT = re.compile(r"\b(?:can|could|should|may|ok to|okay to|safe to|want to|going to|planning to)\s+"
                         r"(?:i\s+|we\s+|he\s+|she\s+)?(?:give|have|take|do)\b[^.?!]{0,40}?\bat (\d{1,2})(?::(\d{2}))?\s*"
                         r"(am|pm|a\.m\.|p\.m\.)?(?![\d:])", re.I)
_CLOCK_TOKEN = r"(?:\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|noon|midday|midnight)"
# Doses given at listed times: 'gave tylenol at 8am 12pm 4pm 8pm and midnight'.
_CLOCK_LIST = re.compile(rf"\b(?:gave|given|had|took|taken)\b[^.?!]{{0,40}}?\bat\s+({_CLOCK_TOKEN}"
                         rf"(?:\s*(?:,\s*)?(?:and\s+|then\s+)?{_CLOCK_TOKEN})+)", re.I)


def _hour(h: str, minutes: str | None, half: str | None) -> float:
    return int(h) % 12 + (12 if (half or "").lower().startswith("p") else 0) + int(minutes or 0) / 60


def _clock_gap(text: str) -> float | None:
    """'gave motrin at 2 pm, it is 5 pm now': 3 hours; 'gave tylenol at 2pm, can i give another at 4pm': 2 hours."""
    given = _GIVEN_AT.search(text)
    now = _NOW_IS.search(text) or _PLANNED_AT.search(text)
    if given is None or now is None or now.start() < given.end():
        return None
    start, end = _hour(*given.groups()), _hour(*now.groups())
    both = bool(given.group(3)) and bool(now.group(3))
    gap = (end - start) % (24 if both else 12)
    return gap if gap > 0 else None


def planned_clock(text: str) -> float | None:
    """The clock time (hours) another dose is planned for ('can I give another at 4pm'), when written with am or
    pm, else None."""
    m = _PLANNED_AT.search(text)
    return _hour(*m.groups()) if m is not None and m.group(3) else None


def clock_doses(text: str) -> list[float]:
    """The clock times (hours, 0 to 24, rising) of doses given at two or more listed times, else []."""
    m = _CLOCK_LIST.search(text)
    if m is None:
        return []
    hours: list[float] = []
    for t in re.finditer(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)|noon|midday|midnight", m.group(1), re.I):
        h = 12.0 if t.group(0).lower() in ("noon", "midday") else 0.0 if t.group(0).lower() == "midnight" \
            else _hour(t.group(1), t.group(2), t.group(3))
        while hours and h <= hours[-1]:
            h += 24 if h + 12 <= hours[-1] else 12  # past midnight: the times keep rising
        hours.append(h)
    return hours


def last_dose_clock(text: str) -> float | None:
    """The clock time (hours, 0 to 24) of the last dose given, when written with am or pm ('gave tylenol at
    2pm'), else None."""
    listed = clock_doses(text)
    if listed:
        return listed[-1] % 24
    given = _GIVEN_AT.search(text)
    return _hour(*given.groups()) if given is not None and given.group(3) else None


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
    """Doses already given today: 'its the 5th dose today' (5), 'had 4 doses today', 'given it 3 times so far',
    'gave tylenol at 8am 12pm 4pm 8pm and midnight' (5)."""
    if len(listed := clock_doses(text)) >= 2 and listed[-1] - listed[0] < 24:
        return len(listed)
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
