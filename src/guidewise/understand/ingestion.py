"""Accidental ingestion and accidental extra doses of a medicine: 'my 2 year old swallowed 10 tylenol tablets',
'drank half a bottle of motrin', 'I gave 5 ml of tylenol twice in an hour', 'double dose'.

Only the wording is recognised here; which medicines count and what to say is in compose.peds_poison.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from guidewise.understand.context import CARERS
from guidewise.understand.dose_clock import dose_clock
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
                       r"(?:the |a )?wrong (?:medicine|medication|meds|bottle|drug|syringe|pills?|tablets?|one)|"
                       r"ingest(?:ion|ed)|poison(?:ed|ing)|"
                       r"doubled? (?:up|the dose|dose)|two doses (?:by|at once|together|in|within)|overdos\w*|"
                       r"(?:gave|given|give) (?:him|her|them|it|my \w+ )?(?:an? )?(?:extra|second|another) dose"
                       r"(?= (?:by|too|after|only|just|\d|in|within|\w+ (?:minutes|hour|hours) (?:later|after)))|"
                       r"(?:both|each) gave|(?:twice|two times|2 times|three times|3 times|two doses|2 doses) "
                       r"(?:in|within) (?:an?|one|the same|half an?|\d+|the last|less than an?)\s*(?:\w+\s+)?"
                       r"(?:hours?|hrs?|minutes?|mins?))\b")
# An extra dose by mistake: 'I think I gave her too much', 'oops I gave him motrin twice', 'grandma gave him tylenol
# and I did not know', 'my husband and I both gave her tylenol'.
_EXTRA = re.compile(
    r"\b(?:oops|whoops|uh[ -]?oh|oh no)\b.{0,60}\b(?:twice|again|two doses|another dose|second dose|extra)\b|"
    r"\b(?:did ?n[o']t|didn'?t|did not) know\b.{0,60}\bgave\b|\bgave\b.{0,60}\b(?:did ?n[o']t|didn'?t|did not) know\b|"
    r"\b(?:both|each) (?:of us )?(?:gave|have given|had given)\b|\bboth\b.{0,30}\bgave (?:him|her|them)\b")
# A child alone with a medicine: 'the bottle is empty', 'found him with the open bottle'.
_EMPTY = re.compile(r"\b(?:bottle|pack|packet|box|package|container|blister pack)\s+(?:is|was|looks|seems)\s+"
                    r"(?:now |nearly |almost |half |completely )?(?:empty|gone)\b|\bempty (?:bottle|pack|packet|box|package)\b|"
                    r"\bfound (?:him|her|them|my (?:[\w-]+ ){0,3}?[\w-]+) (?:with|holding|playing with|chewing on) (?:the |an? |some |my |his |her )?"
                    r"(?:open |empty )?(?:bottle|pack|packet|box|package|pills?|tablets?|medicine|medication)\b")
_UNITS = r"(?:pills?|tablets?|tabs?|caplets?|capsules?|chewables?|gummies|gel ?caps|softgels|liqui-?gels)"


@lru_cache(maxsize=8)
def _many_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Many tablets at once ('my 16 year old took 20 tylenol', 'ate 12 chewables', 'swallowed lots of advil') or
    on purpose ('took a bunch of advil on purpose'); '10 ml' or 'had 102 fever' are not."""
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(r"\b(?:took|taken|swallowed|has had|ate|had)\s+(?:about |around |like |over |maybe |at least |"
                      r"more than )?(?:\d{2,}|ten|eleven|twelve|fifteen|twenty|thirty|fifty|lots of|loads of|too many)"
                      r"(?!\s*(?:doses?|times?|days?|nights?|weeks?|hours?|hrs?|minutes?|mins?|mg|ml|mls|cc|g|grams?|mcg|"
                      r"milligrams?|tsps?|teaspoons?|kg|lbs?|pounds?|years?|months?|degrees?|%|[.,:/]\d)\b)"
                      rf"(?:\s+[\w'-]+){{0,3}}?\s+(?:{_UNITS}|{alts})\b|\b(?:on purpose|intentionally|deliberately)\b")


# A second full dose within this share of the shortest interval is a double dose (the first is still near its peak):
# Poison Control. Later, still too early, it is a dose given too soon, which the answer explains with the interval.
DOUBLE_WITHIN = 0.5
_INTENT = re.compile(r"\b(?:on purpose|intentional(?:ly)?|deliberate(?:ly)?|after (?:a |an )?(?:fight|argument|row|"
                     r"break ?up|bad day)|broke up|dumped|upset|angry|crying|bullied|(?:wanted|wants|want|trying|tried) "
                     r"to (?:die|sleep forever|end it|not wake))\b")
# A second dose and the time since the first: 'another 5 ml at 9' after 'at 8'; 'some too an hour later'.
_SECOND = re.compile(r"\b(?:another|again|a second|second dose|some more|more|(?:some|it|one|a dose) (?:too|also|as well)|"
                     r"too|also|as well)\b")
_PLANNED = re.compile(r"\b(?:can|could|should|may|when can|is it ok to|ok to|okay to|safe to)\s+(?:i|we)?\s*"
                      r"(?:give|have|do)\b")
_LATER = re.compile(r"\b(\d+(?:\.\d+)?|an?|one|two|three|half an?)\s*(hours?|hrs?|minutes?|mins?)\s+(?:later|after)\b")
_LATER_WORDS = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "half a": 0.5, "half an": 0.5}


@lru_cache(maxsize=8)
def _too_much_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    med = rf"(?:{alts}|medicine|medication|doses?)"
    return re.compile(rf"\b(?:gave|given|took|taken)\b(?:\s+[\w']+){{0,5}}?\s+too (?:much|many)\b(?:\s+[\w']+){{0,3}}?"
                      rf"\s+{med}\b|\b(?:gave|given|took|taken)\b(?:\s+[\w']+){{0,3}}?\s+{med}\b.{{0,20}}\btoo (?:much|many)\b")


def _too_much(names: list[str]) -> re.Pattern[str]:
    """'I think I gave my 3 year old too much tylenol' (a medicine, not 'too much juice')."""
    return _too_much_pattern(tuple(names))


def second_dose_gap(text: str) -> float | None:
    """Hours between a dose and a second one given after it ('gave 5 ml at 8 and another 5 ml at 9': 1 hour;
    'gave him some too an hour later'), when the question says so; None otherwise."""
    text = _PLANNED.split(text, maxsplit=1)[0]  # 'can I give another at 4pm' is a dose asked about, not given
    if not re.search(r"\b(?:gave|given|had|took)\b", text) or not _SECOND.search(text):
        return None
    return _gap(text)


def _gap(text: str) -> float | None:
    """Hours between the two doses a question times ('an hour later', 'at 8 ... at 9'), if it does: the shortest
    gap between doses given at the clock times it lists."""
    if m := _LATER.search(text):
        amount = m.group(1).lower()
        value = _LATER_WORDS.get(amount) or float(amount)
        return value / 60 if m.group(2).lower().startswith("m") else value
    given = dose_clock(text).given
    gaps = [b.hour - a.hour for a, b in itertools.pairwise(given) if b.hour > a.hour]
    return min(gaps) if gaps else None


# Two people each gave a dose: 'grandma gave him tylenol and then I gave tylenol too', 'the daycare gave tylenol at
# noon and I gave it again at 1', 'my mom gave him motrin and didnt tell me so i gave another dose'.
_CARER_GAVE = re.compile(r"\b" + CARERS + r"(?:\s+[\w']+){0,2}?\s+(?:gave|had given|has given|dosed)\b")
_I_GAVE = re.compile(r"\b(?:i|we)(?:\s+[\w']+){0,2}?\s+(?:gave|had given|have given|dosed)\b")
_AGAIN = re.compile(r"\b(?:again|another|second|too|also|as well|more|extra|a dose|one)\b")
_EACH = re.compile(r"\beach(?: time)?\b|\bboth times\b")


def _two_givers(text: str, names: re.Pattern[str]) -> bool:
    """Someone else gave a medicine and then 'I' gave it too (the same medicine, 'it', 'another dose', 'again')."""
    first = _CARER_GAVE.search(text)
    second = _I_GAVE.search(text, first.end()) if first else None
    if first is None or second is None:
        return False
    after = re.split(r"[.;!?]|\bbut\b|\bcan\b|\bshould\b", text[second.end():], maxsplit=1)[0]
    before = {m.group(0).lower() for m in names.finditer(text, first.end(), second.start())}
    return bool(_AGAIN.search(after)) or any(m.group(0).lower() in before for m in names.finditer(after))


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
    intentional: bool = False  # taken on purpose


def detect_ingestion(text: str, names: list[str], child: bool,
                     intervals: dict[str, float] | None = None) -> Ingestion | None:
    """Ingestion or an accidental extra dose of a named medicine (None otherwise). Swallowing, drinking or eating
    a medicine, an empty bottle, many tablets at once and taking it on purpose count only for a child; 'by
    accident', 'double dose', 'too much', 'twice in an hour' and a second dose given sooner than the medicine's
    shortest interval (`intervals`: name -> hours) by less than half of it count for anyone (a dose given later,
    still too early, is an interval warning: compose.peds_redose)."""
    if not names:
        return None
    spans = negated_spans(text)
    found = [m for m in affirmed(name_pattern(names), text, spans)]
    if not found:
        return None
    cue = affirmed(_ACCIDENT, text, spans) or affirmed(_EXTRA, text, spans) or affirmed(_too_much(names), text, spans)
    two = not cue and _two_givers(text, name_pattern(names))
    gap = _gap(text) if two and intervals else None
    if two and (gap is None or gap < DOUBLE_WITHIN * max((intervals or {}).get(m.group(0).lower(), 0.0)
                                                        for m in found)):
        return Ingestion(list(dict.fromkeys(m.group(0).lower() for m in found)), 2 if _EACH.search(text) else None)
    if not cue and child:
        cue = affirmed(_EMPTY, text, spans) or affirmed(_many_pattern(tuple(names)), text, spans)
    gap = second_dose_gap(text) if not cue and intervals else None
    if gap is not None and intervals:
        shortest = max((intervals.get(m.group(0).lower(), 0.0) for m in found), default=0.0)
        if gap < DOUBLE_WITHIN * shortest:
            return Ingestion(list(dict.fromkeys(m.group(0).lower() for m in found)))
    if not cue and child:
        for m in affirmed(_TOOK_ITSELF, text, spans):
            obj = re.match(rf"\W*((?:[\w'-]+\s+){{0,4}}){_OBJECT}\b", text[m.end():])
            if any(_object_between(text[m.end(): f.start()]) for f in found if f.start() >= m.end()) or (
                    obj is not None and _object_between(obj.group(1))):
                cue = [m]
                break
    if not cue:
        return None
    repeat = next((_REPEAT_N[m.group(1)] for m in _REPEAT.finditer(text)), 2 if _EACH.search(text) else None)
    return Ingestion(list(dict.fromkeys(m.group(0).lower() for m in found)), repeat,
                     bool(affirmed(_INTENT, text, spans)))
