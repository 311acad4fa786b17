"""Another dose: which medicines the question asks to give more of, the time since the last dose and the doses
already given today, each medicine's own count when the question gives one."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from guidewise.library.peds.loader import PedsData
from guidewise.library.peds.schema import PedsDrug
from guidewise.understand.dose_clock import DoseClock, dose_clock
from guidewise.understand.doses import Mention, ProposedDose, find_mentions
from guidewise.understand.negation import is_negated, negated_spans
from guidewise.understand.redose_timing import (
    MORE as _MORE,
)
from guidewise.understand.redose_timing import (
    doses_given,
    doses_given_by_drug,
    hours_since_last_dose,
    more_at,
)

# 'Can I give more', 'when can I give the next dose', 'is it ok to give another': a further dose is asked about.
_ASKS = re.compile(r"\b(?:can|could|should|may|when|how soon|ok to|okay to|safe to|wants?|needs?)\b[^.?!]{0,30}?"
                   r"\b(?:more|another|again|next(?: one| dose)?|second dose|redose|re-dose)\b|"
                   r"\b(?:more|another)\b[^.?!]{0,30}\?",
                   re.I)


@dataclass
class Timing:
    """The doses already given and the time since the last one, for the medicines asked about."""

    drugs: list[PedsDrug] = field(default_factory=list)
    since_hours: float | None = None     # hours since the last dose
    given_today: int | None = None       # doses given today, the question's one count
    given_by_drug: dict[str, int] = field(default_factory=dict)  # each medicine's own count
    asked: bool = False                  # the question asks whether to give another dose
    last_clock: float | None = None      # the clock time of the last dose (hours), when written with am or pm
    first_clock: float | None = None     # the clock time of the first of the doses listed today
    planned_clock: float | None = None   # the clock time the next dose is asked about ('another at 4pm')
    given_at: dict[str, list[float]] = field(default_factory=dict)  # each medicine's dose times (rising hours)
    now_at: float | None = None          # the time now, or of the dose asked about, on the same rising clock
    known_half: bool = True              # am and pm known for every time (clock times can be named)

    def given(self, drug: PedsDrug) -> int | None:
        """Doses of `drug` given today: its own count, else the question's one count."""
        if self.given_by_drug:
            return self.given_by_drug.get(drug.id)
        return self.given_today

    def since(self, drug: PedsDrug) -> float | None:
        """Hours from the last dose of `drug` to now (or to the dose asked about)."""
        times = self.given_at.get(drug.id)
        if times and self.now_at is not None and self.now_at > times[-1]:
            return self.now_at - times[-1]
        return None if self.given_at and not times else self.since_hours

    def last(self, drug: PedsDrug) -> float | None:
        """The clock time of the last dose of `drug`, when am or pm is known."""
        times = self.given_at.get(drug.id)
        if times:
            return times[-1] % 24 if self.known_half else None
        return None if self.given_at else self.last_clock

    def too_close(self, drug: PedsDrug) -> list[tuple[float, float]]:
        """Pairs of doses of `drug` given closer together than its shortest interval."""
        times, gap = self.given_at.get(drug.id, []), drug.min_interval_hours
        return [(a, b) for a, b in itertools.pairwise(times) if gap is not None and 0 < b - a < gap]


def _clock_by_drug(text: str, clock: DoseClock, mentions: list[Mention]) -> dict[str, list[float]]:
    """Each dose time given, put to the medicine named last before it (else the first named after it)."""
    out: dict[str, list[float]] = {}
    for t in clock.given:
        before = [m for m in mentions if m.end <= t.start]
        owner = before[-1] if before else next((m for m in mentions if m.start >= t.end), None)
        if owner is not None:
            out.setdefault(owner.drug, []).append(t.hour)
    return out


def dose_timing(text: str, peds: PedsData, blocked: set[str]) -> Timing | None:
    """The timing of another dose, when the question says when the last dose was or how many were given today."""
    clock = dose_clock(text)
    spans = negated_spans(text)
    mentions = [m for m in find_mentions(text, peds.drug_names) if not is_negated(spans, m.start, m.end)]
    given_at = _clock_by_drug(text, clock, mentions)
    now = clock.now
    since = hours_since_last_dose(text)
    if since is None and now is not None and clock.given and _MORE.search(text):
        since = now.hour - clock.given[-1].hour if now.hour > clock.given[-1].hour else None
    given = doses_given(text)
    by_drug = doses_given_by_drug(text, peds.drug_names)
    if not by_drug and len(given_at) > 1:
        by_drug = {d: _today(times) for d, times in given_at.items()}
    elif given is None and len(clock.given) >= 2 and clock.given[-1].hour - clock.given[0].hour < 24:
        given = len(clock.given)
    asks = bool(_ASKS.search(text))
    last = clock.given[-1].hour % 24 if clock.given and clock.known else None
    if since is None and given is None and not by_drug and not (asks and last is not None) and len(clock.given) < 2:
        return None
    more = more_at(text)
    asked = [m for m in mentions if more is not None and m.start > more] or mentions  # 'can I give more tylenol'
    planned = clock.planned
    if planned is not None:  # 'can he have motrin again at 1pm': the medicine named where the dose is asked about
        before = [t.end for t in clock.times if t.end <= planned.start]
        named = [m for m in mentions if (before[-1] if before else 0) <= m.start < planned.start]
        asked = named or asked
    ids = list(dict.fromkeys([m.drug for m in asked] + [d for d in given_at if len(given_at[d]) > 1]))
    return Timing([peds.by_id[i] for i in ids if peds.by_id[i].min_interval_hours and i not in blocked], since, given,
                  by_drug, asks, last, clock.given[0].hour % 24 if clock.given and clock.known else None,
                  planned.hour % 24 if planned is not None and clock.known else None, given_at,
                  now.hour if now is not None else None, clock.known)


def _today(times: list[float]) -> int:
    """Doses within the 24 hours up to the last one."""
    return sum(1 for t in times if times[-1] - t < 24)


_SELF = re.compile(r"\bi (?:took|take|taking|have taken|had|drank|swallowed)\b|\bi'?ve (?:taken|had)\b", re.I)
_GIVING = re.compile(r"\b(?:gave|give|giving|given)\b", re.I)


def child_implied(text: str, doses: list[ProposedDose], peds: PedsData) -> bool:
    """A question that says nothing of the patient but measures a children's liquid in mL ('4 doses of motrin
    7.5 ml'), or gives someone a medicine and asks when to give the next dose ('gave tylenol at 2pm, can i give
    another at 4pm'): checked as a child's of unknown age and weight (the children's interval is never shorter)."""
    if _SELF.search(text):
        return False  # 'I took 30 ml of tylenol': the asker's own dose
    for d in doses:
        conc = peds.by_id[d.drug].default_concentration
        if d.ml is not None and conc is not None and any("children" in w for w in conc.words):
            return True
    return bool(_GIVING.search(text)) and dose_timing(text, peds, set()) is not None
