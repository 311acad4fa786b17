"""The clock times a question gives for doses: when each dose was given, when another is asked about, and what time
it is now. 'gave 10ml motrin at 6am and 10am, can he have more at noon', 'acetaminophen 270 mg at 0800, 1200,
1600, 2000 and 2200', 'had 8ml of nurofen at 6 and a fever again at 10'.

Times are read in the order written and made to rise (a time without am or pm takes the half that follows the one
before it; past midnight the hours go on past 24), so the gaps between them are hours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_UNIT_AFTER = (r"(?!\s*(?:mg|ml|mls|cc|mcg|g|grams?|kg|kgs|kilos?|lbs?|pounds?|oz|units?|%|degrees?|°|c\b|f\b|"
               r"years?|yrs?|yo|y/o|months?|mos?|weeks?|wks?|days?|doses?|times?|tabs?|tablets?|pills?|caplets?|"
               r"hours?|hrs?|h\b|minutes?|mins?|x\b|/))")
# '6am', '10:30 pm', 'noon', '0800' (24-hour, only after 'at' or in a list of times), 'at 6' (no am or pm).
_TOKEN = re.compile(
    r"\b(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?\s*(?P<half>am|pm|a\.m\.|p\.m\.)(?![a-z])|"
    r"\b(?P<word>noon|midday|midnight)\b|"
    r"\b(?P<h24>[01]\d|2[0-3])(?P<m24>[0-5]\d)(?:\s*(?:h|hrs|hours))?\b" + _UNIT_AFTER + "|"
    r"(?:(?<=\bat )|(?<=\bits )|(?<=\bit's )|(?<=\bit is )|(?<=\bnow ))(?P<bare>\d{1,2})(?::(?P<bm>[0-5]\d))?(?![\d.,]\d)" + _UNIT_AFTER,
    re.I)
# Only separators between two times: the second is in the same list ('at 8am, 12pm and 4pm').
_LIST_GAP = re.compile(r"^\s*(?:,|&|and|then|,\s*and|,\s*then|and then|and again|again)?\s*(?:at\s+)?$", re.I)
# Words before a time that ask about a further dose ('can I give another at 1pm', 'next dose at').
_ASKS = re.compile(r"\b(?:can|could|should|may|shall) (?:i|we|he|she|they|you|u|my \w+)\b|"
                   r"\b(?:ok|okay|safe|alright|fine|too soon|too early) to\b|\bis it (?:ok|okay|safe|alright|fine|too)\b|"
                   r"\bnext (?:dose|one)\b|\bwhen can\b|\b(?:want|wants|going|planning|plan) to\b|\bwould it be\b",
                   re.I)
# Words before a time that say what time it is, or when something other than a dose happened.
_EVENT = re.compile(r"\b(?:now|it'?s|it is|currently|the time is|fever|feverish|temp|temperature|woke|spiked|"
                    r"started|began|threw up|vomited|sick|hot)\b", re.I)
# A 24-hour time needs a context that makes it a time: 'at 0800' or a list after such a time.
_AT_BEFORE = re.compile(r"\bat\s*$", re.I)


@dataclass(frozen=True)
class ClockTime:
    """One clock time in the question: its hour (rising; may pass 24), where it is, and what happened then."""

    hour: float
    start: int
    end: int
    role: str          # given (a dose was given), planned (another dose is asked about) or now (the time now)
    known_half: bool   # written with am or pm, as noon or midnight, or in 24-hour form


@dataclass
class DoseClock:
    """The times of a question's doses: given (rising), the one asked about, and the time now."""

    times: list[ClockTime] = field(default_factory=list)

    @property
    def given(self) -> list[ClockTime]:
        return [t for t in self.times if t.role == "given"]

    @property
    def planned(self) -> ClockTime | None:
        return next((t for t in self.times if t.role == "planned"), None)

    @property
    def now(self) -> ClockTime | None:
        """The time now: the first time said to be now, or a dose asked about, after the last dose given."""
        given = self.given
        last = given[-1].start if given else -1
        return next((t for t in self.times if t.role in ("now", "planned") and t.start > last), None)

    @property
    def known(self) -> bool:
        """Whether am and pm are known for every time (else gaps are only known within 12 hours)."""
        return all(t.known_half for t in self.times)


def _hour(m: re.Match[str]) -> tuple[float, bool]:
    """(hours 0 to 24 or 1 to 12, whether the half of the day is known)."""
    if m.group("word"):
        return (0.0 if m.group("word").lower() == "midnight" else 12.0), True
    if m.group("h24"):
        return int(m.group("h24")) + int(m.group("m24")) / 60, True
    if m.group("half"):
        pm = m.group("half").lower().startswith("p")
        return int(m.group("h")) % 12 + (12 if pm else 0) + int(m.group("m") or 0) / 60, True
    hour = int(m.group("bare"))
    return hour + int(m.group("bm") or 0) / 60, hour > 12 or hour == 0


def _role(before: str, listed: bool, previous: str | None) -> str:
    if listed and previous is not None:
        return previous
    if _ASKS.search(before):
        return "planned"
    if _EVENT.search(before):
        return "now"
    return "given"


def _rise(hour: float, known: bool, prev: float | None) -> float:
    """The hour made to follow `prev`: past midnight it goes on past 24; a time without am or pm takes the half
    closest after the one before."""
    if prev is None:
        return hour
    steps = 24.0 if known else 12.0
    while hour < prev:
        hour += steps
    return hour


def dose_clock(text: str) -> DoseClock:
    """Every clock time the question gives, with its role, in the order written."""
    out: list[ClockTime] = []
    prev_end, prev_role, prev_hour = 0, None, None
    for m in _TOKEN.finditer(text):
        before = text[prev_end:m.start()]
        listed = bool(out) and bool(_LIST_GAP.match(before))
        if m.group("h24") and not (_AT_BEFORE.search(text[max(0, m.start() - 4):m.start()]) or listed):
            continue  # '2000 steps', '1000 mg' (without its unit): a 24-hour time only after 'at' or in a list
        hour, known = _hour(m)
        if hour > 24:
            continue
        role = _role(before, listed, prev_role)
        risen = _rise(hour, known, prev_hour)
        out.append(ClockTime(risen, m.start(), m.end(), role, known))
        prev_end, prev_role, prev_hour = m.end(), role, risen
    # A time without am or pm before one with it takes the half that puts it within 12 hours before ('at 6 ...
    # now 10pm': 6 pm).
    for i in range(len(out) - 2, -1, -1):
        t, nxt = out[i], out[i + 1]
        if not t.known_half and nxt.hour - t.hour >= 12:
            shift = 12.0 * ((nxt.hour - t.hour) // 12)
            out[i] = ClockTime(t.hour + shift, t.start, t.end, t.role, t.known_half)
    return DoseClock(out)


def gap_hours(earlier: ClockTime, later: ClockTime) -> float | None:
    """Hours from one time to a later one (None when they are the same time)."""
    gap = later.hour - earlier.hour
    return gap if gap > 0 else None
