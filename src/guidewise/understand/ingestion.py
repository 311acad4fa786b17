"""Accidental ingestion and accidental extra doses of a medicine: 'my 2 year old swallowed 10 tylenol tablets',
'drank half a bottle of motrin', 'I gave 5 ml of tylenol twice in an hour', 'double dose'.

Only the wording is recognised here; which medicines count and what to say is in compose.peds_poison.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guidewise.understand.doses import name_pattern
from guidewise.understand.negation import affirmed, negated_spans

_OBJECT = (r"(?:pills?|tablets?|tabs?|caplets?|capsules?|chewables?|gummies|gummy|bottle|medicine|medication|"
           r"syrup|liquid|the rest|a (?:bunch|handful|lot|few)|some|all|several|many)")
# A child taking a medicine on its own: the verb must be followed closely by the medicine or an amount of it.
_TOOK_ITSELF = re.compile(r"\b(?:swallow(?:ed|s|ing)?|drank|drunk|drink(?:s|ing)?|ate|eaten|eat(?:s|ing)?|chewed|"
                          r"got into|gotten into|get into|found and (?:ate|swallowed|took)|"
                          r"(?:has |had |may have |might have )?(?:taken|took) (?:a (?:bunch|handful|lot|few)|some|"
                          r"all|several|many|the whole|a whole|half (?:a|the)))\b")
_ACCIDENT = re.compile(r"\b(?:accidental(?:ly)?|by accident|by mistake|mistakenly|in error|double[ -]?dos(?:e|ed|ing)|"
                       r"doubled? (?:up|the dose|dose)|two doses (?:by|at once|together|in|within)|overdos\w*|"
                       r"(?:gave|given|give) (?:him|her|them|it|my \w+ )?(?:an? )?(?:extra|second|another) dose"
                       r"(?= (?:by|too|after|only|just|\d|in|within|\w+ (?:minutes|hour|hours) (?:later|after)))|"
                       r"(?:both|each) gave|(?:twice|two times|2 times|three times|3 times|two doses|2 doses) "
                       r"(?:in|within) (?:an?|one|the same|half an?|\d+|the last|less than an?)\s*(?:\w+\s+)?"
                       r"(?:hours?|hrs?|minutes?|mins?))\b")
_REPEAT = re.compile(r"\b(twice|two times|2 times|three times|3 times|two doses|2 doses) (?:in|within) ")
_REPEAT_N = {"twice": 2, "two times": 2, "2 times": 2, "three times": 3, "3 times": 3, "two doses": 2, "2 doses": 2}


_BREAK = re.compile(r"[,.;:?!]|\b(?:and|but|so|then|before|after|when|while|can|could|should|is|was|what|how|give|"
                    r"gave|giving|for|because|with|dinner|lunch|breakfast|food)\b")


def _object_between(between: str) -> bool:
    """Whether the words between a verb and a medicine make the medicine its object ('swallowed 10 tylenol')."""
    return len(between) <= 50 and not _BREAK.search(between)


@dataclass(frozen=True)
class Ingestion:
    """A medicine a child swallowed by itself, or an accidental extra dose."""

    names: list[str]          # the medicine names as the question gives them, in order
    repeat: int | None = None  # 'twice in an hour': the amount was given this many times within the interval


def detect_ingestion(text: str, names: list[str], child: bool) -> Ingestion | None:
    """Ingestion or an accidental extra dose of a named medicine (None otherwise). Swallowing, drinking or eating
    a medicine counts only for a child; 'by accident', 'double dose' and 'twice in an hour' count for anyone."""
    if not names:
        return None
    spans = negated_spans(text)
    found = [m for m in affirmed(name_pattern(names), text, spans)]
    if not found:
        return None
    cue = affirmed(_ACCIDENT, text, spans)
    if not cue and child:
        for m in affirmed(_TOOK_ITSELF, text, spans):
            obj = re.match(rf"\W*((?:[\w'-]+\s+){{0,4}}){_OBJECT}\b", text[m.end():])
            if any(_object_between(text[m.end(): f.start()]) for f in found if f.start() >= m.end()) or (
                    obj is not None and _object_between(obj.group(1))):
                cue = [m]
                break
    if not cue:
        return None
    repeat = next((_REPEAT_N[m.group(1)] for m in _REPEAT.finditer(text)), None)
    return Ingestion(list(dict.fromkeys(m.group(0).lower() for m in found)), repeat)
