"""NegEx-style negation: which spans of a question are denied ("no fever", "without numbness")."""

from __future__ import annotations

import datetime as dt
import re

# A trigger negates the words after it until a scope terminator.
_TRIGGER = re.compile(
    r"\b(?:no|not|without(?! (?:trying|warning|reason|any reason|meaning to|stopping|a break|notice))|denies|denied|deny|negative for|free of|absence of|never had|never|nor|"
    r"doesn'?t have|don'?t have|didn'?t have|does not have|do not have|did not have|isn'?t|aren'?t|wasn'?t|"
    r"hasn'?t had|haven'?t had|no sign of|no signs of|no history of|ruled out|rules out|"
    r"can rule out|unlikely|no evidence of)\b",
    re.I,
)
_TERMINATOR = re.compile(
    r"[.;:!?\n]|,\s*(?:and\s+)?(?:but|however|although|though|yet)\b|\b(?:but|however|although|though|yet|"
    r"except|apart from|aside from|which|who|that is|now|then|since|because|and now|with)\b",
    re.I,
)
_MAX_SCOPE_WORDS = 6


def negated_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of `text` that fall under a negation trigger."""
    spans: list[tuple[int, int]] = []
    for m in _TRIGGER.finditer(text):
        start = m.end()
        end_m = _TERMINATOR.search(text, start)
        end = end_m.start() if end_m else len(text)
        # Limit scope to a few words, but let a comma-separated list continue ("no fever, numbness or weakness").
        words = list(re.finditer(r"\S+", text[start:end]))
        if len(words) > _MAX_SCOPE_WORDS:
            end = start + words[_MAX_SCOPE_WORDS - 1].end()
        spans.append((m.start(), end))
    return spans


# Past events are not emergencies now: "history of stroke", "had a heart attack 3 years ago", "statin after MI".
_PAST_TRIGGER = re.compile(
    r"\b(?:history of|hx of|h/o|previous|prior|past|recovered from|survived|had (?:a |an )?(?=\w+ (?:\w+ )?(?:\d+|a|an|"
    r"few|couple|several|many|some) (?:\w+ )?(?:years?|months?|weeks?|days?) ago)|(?:after|post[- ]?|since) (?:a |an |my |"
    r"his |her |their |the )?(?:recent |acute |last )?(?=(?:mi|heart attack|myocardial infarction|stroke|tia|cabg|stent|bypass)\b))",
    re.I,
)
_PAST_YEARS = "|".join(str(y) for y in range(1950, dt.date.today().year))
_AGO = re.compile(r"\b(?:(?:\d+|a|an|few|couple of|several|many) )?(?:\w+ )?(?:years?|months?) ago\b|\blast year\b|"
                  r"\blast (?:winter|summer|spring|autumn|fall|month)\b|\bas an? (?:teen|teenager|child|kid|baby|toddler|"
                  r"student|youngster)\b|\bat (?:uni|university|college)\b|\bwhen (?:i|he|she|"
                  r"they|we) (?:was|were) (?:diagnosed|little|younger|a (?:teen|teenager|child|kid|baby|student))\b|"
                  rf"\b(?:(?:in|back in|since) )?(?:{_PAST_YEARS})\b", re.I)
_CLAUSE = re.compile(r"[.;!?\n]|,\s*(?:and\s+)?(?:but|now|today|however)\b|\b(?:but|now|today|currently|this morning|"
                     r"tonight|right now)\b", re.I)


def past_spans(text: str, triggers: bool = True) -> list[tuple[int, int]]:
    """Character spans that describe a past event: the clause before 'N years ago' ('last year', 'in 2019'), and
    with `triggers`, a trigger's scope ('history of', 'previous', 'after a heart attack')."""
    spans: list[tuple[int, int]] = []
    for m in _PAST_TRIGGER.finditer(text) if triggers else ():
        end_m = _CLAUSE.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        words = list(re.finditer(r"\S+", text[m.end():end]))
        if len(words) > _MAX_SCOPE_WORDS:
            end = m.end() + words[_MAX_SCOPE_WORDS - 1].end()
        spans.append((m.start(), end))
    for m in _AGO.finditer(text):
        starts = [c.end() for c in _CLAUSE.finditer(text, 0, m.start())]
        spans.append(((starts[-1] if starts else 0) - 1, m.end()))
    return spans


def is_negated(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a match at [start, end) lies inside a negated span (after its trigger, so a pattern that
    contains the trigger itself, such as "not making sense", stays affirmed)."""
    return any(s < start and end <= e + 1 for s, e in spans)


def affirmed(pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]] | None = None) -> list[re.Match[str]]:
    """Matches of `pattern` in `text` that are not negated."""
    spans = negated_spans(text) if spans is None else spans
    return [m for m in pattern.finditer(text) if not is_negated(spans, m.start(), m.end())]
