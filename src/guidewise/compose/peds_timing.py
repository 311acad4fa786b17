"""Another dose: which medicines the question asks to give more of, the time since the last dose and the doses
already given today, each medicine's own count when the question gives one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from guidewise.library.peds.loader import PedsData
from guidewise.library.peds.schema import PedsDrug
from guidewise.understand.doses import ProposedDose, find_mentions
from guidewise.understand.negation import is_negated, negated_spans
from guidewise.understand.redose_timing import (
    clock_doses,
    doses_given,
    doses_given_by_drug,
    hours_since_last_dose,
    last_dose_clock,
    more_at,
    planned_clock,
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

    def given(self, drug: PedsDrug) -> int | None:
        """Doses of `drug` given today: its own count, else the question's one count."""
        if self.given_by_drug:
            return self.given_by_drug.get(drug.id)
        return self.given_today


def dose_timing(text: str, peds: PedsData, blocked: set[str]) -> Timing | None:
    """The timing of another dose, when the question says when the last dose was or how many were given today."""
    since, given = hours_since_last_dose(text), doses_given(text)
    by_drug = doses_given_by_drug(text, peds.drug_names)
    asks, last = bool(_ASKS.search(text)), last_dose_clock(text)
    if since is None and given is None and not by_drug and not (asks and last is not None):
        return None
    spans = negated_spans(text)
    mentions = [m for m in find_mentions(text, peds.drug_names) if not is_negated(spans, m.start, m.end)]
    more = more_at(text)
    asked = [m for m in mentions if more is not None and m.start > more] or mentions  # 'can I give more tylenol'
    ids = list(dict.fromkeys(m.drug for m in asked))
    listed = clock_doses(text)
    return Timing([peds.by_id[i] for i in ids if peds.by_id[i].min_interval_hours and i not in blocked], since, given,
                  by_drug, asks, last, listed[0] % 24 if listed else None, planned_clock(text))


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
