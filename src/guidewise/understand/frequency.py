"""How often a question gives a medicine: '3 times a day', '4 doses a day', 'every 4 to 6 hours', 'a day' (a daily
total)."""

from __future__ import annotations

import math
import re

_TIMES = re.compile(r"\b(once|twice|thrice|\d+|one|two|three|four|five|six)\s*(?:times?|x)?\s*(?:a|per|each|every|/|in a)?"
                    r"\s*(?:day|daily|24 ?h(?:ours?|rs?)?)\b", re.I)
_DOSES_A_DAY = re.compile(r"\b(\d+|one|two|three|four|five|six)\s+doses?\s+(?:a|per|each|in|in a|in one)?\s*"
                          r"(?:day|24 ?h(?:ours?|rs?)?)\b", re.I)
_HOURS = r"(\d+|two|three|four|five|six|eight|twelve)"
_EVERY = re.compile(rf"\b(?:every|q)\s*{_HOURS}(?:\s*(?:-|to|or)\s*{_HOURS})?\s*(?:h|hrs?|hours?)\b", re.I)
_HOUR_WORDS = {"two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0, "eight": 8.0, "twelve": 12.0}
_PER_DAY = re.compile(r"\b(?:a|per|each|every|in a|in one)\s+day\b|\bdaily\b|/\s*day\b|\bin (?:a |one )?24 ?h(?:ours?|rs?)?\b|"
                      r"\b(?:a|per) 24 ?h(?:ours?|rs?)?\b|\btotal\b", re.I)
_TIMES_WORDS = {"once": 1.0, "twice": 2.0, "thrice": 3.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0,
                "five": 5.0, "six": 6.0}


def _times(s: str) -> float:
    return _TIMES_WORDS.get(s.lower()) or float(s)


def frequency(segment: str) -> tuple[bool, float | None, float | None, float | None]:
    """(per_day, doses_per_day, every_hours, every_hours_max) stated in a piece of text. 'Every 4 to 6 hours' is
    checked at the shorter interval (4 hours); the longer one is kept to tell a labelled range from a shorter one."""
    if m := _DOSES_A_DAY.search(segment):
        return False, _times(m.group(1)), None, None
    if m := _TIMES.search(segment):
        return False, _times(m.group(1)), None, None
    if m := _EVERY.search(segment):
        low = max(_HOUR_WORDS.get(m.group(1).lower()) or float(m.group(1)), 1.0)
        high = (_HOUR_WORDS.get(m.group(2).lower()) or float(m.group(2))) if m.group(2) else None
        return False, float(math.ceil(24 / low - 1e-9)), low, high
    if _PER_DAY.search(segment):
        return True, None, None, None
    return False, None, None, None


_COUNT_BEFORE = re.compile(r"\b(\d|one|two|three|four|five|six|seven|eight)\s+(?:doses|times)\s+of\s+"
                           r"(?:[\w'-]+\s+){0,3}$", re.I)
_DAY_SPAN = re.compile(r"\b(?:today|so far|tonight|in (?:the last |the past |a |one )?(?:24 ?h\w*|day)|a day|per day|"
                       r"daily|since (?:this morning|last night|yesterday))\b", re.I)
_COUNT_WORDS = {"seven": 7.0, "eight": 8.0}
_N_DOSES = re.compile(r"\b(\d|one|two|three|four|five|six|seven|eight)\s+(?:doses|times)\b", re.I)
_EACH_AFTER = re.compile(r"\s*(?:each(?: time)?|every time)\b", re.I)


def amount_frequency(text: str, prev: int, start: int, end: int, nxt: int) -> tuple[bool, float | None, float | None,
                                                                                     float | None]:
    """How often the amount at text[start:end] is given: 'N doses of' it in a day ('6 doses of 5 ml ... in 24
    hours', 'had 4 doses of motrin 7.5 ml ... today': N doses a day, never a daily total), else the frequency
    after it, else the one before it (`prev` and `nxt`: the ends of the amounts around it)."""
    counted = _COUNT_BEFORE.search(text[prev:start])
    if counted is None and _EACH_AFTER.match(text[end:nxt]):  # '6 doses of tylenol in 24 hours ... 5ml each'
        counted = next(iter(reversed(list(_N_DOSES.finditer(text[:start])))), None)
    if counted is not None and _DAY_SPAN.search(text):
        word = counted.group(1).lower()
        return False, _COUNT_WORDS.get(word) or _times(word), None, None
    found = frequency(text[end:nxt])
    return found if any(found) else frequency(text[prev:start])
