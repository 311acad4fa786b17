"""Giving another dose: how long to wait after the last one, and the most doses in 24 hours."""

from __future__ import annotations

from guidewise.compose.peds_format import short, upper_first
from guidewise.compose.wording import num
from guidewise.library.peds.schema import PedsDrug


def _hours(x: float) -> str:
    if x < 1:
        minutes = round(x * 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{num(round(x, 1))} hour{'s' if x != 1 else ''}"


def redose_text(drug: PedsDrug, since: float, audience: str) -> str:
    """'The last dose of acetaminophen was 1 hour ago: wait at least 4 hours between doses (3 more hours) ...'."""
    assert drug.min_interval_hours is not None
    gap, name = drug.min_interval_hours, short(drug)
    most = f", and give no more than {drug.max_doses_per_day} doses in 24 hours" if drug.max_doses_per_day else ""
    if audience == "patient":
        if since < gap:
            return (f"The last dose of {name} was {_hours(since)} ago. Wait at least {_hours(gap)} between doses of "
                    f"{name}, so the next one is not due for another {_hours(gap - since)}{most}. If the fever is "
                    f"not coming down or your child seems very unwell, call your doctor rather than giving more.")
        most = f", and no more than {drug.max_doses_per_day} doses in 24 hours" if drug.max_doses_per_day else ""
        return (f"It has been {_hours(since)} since the last dose of {name}: another dose may be given if needed, at "
                f"least {_hours(gap)} apart{most}.")
    when = (f"next dose not before {_hours(gap - since)} from now" if since < gap else "a further dose may be given")
    return (f"{upper_first(name)}: last dose {_hours(since)} ago; minimum interval {_hours(gap)} ({when})"
            f"{'; at most ' + str(drug.max_doses_per_day) + ' doses in 24 hours' if drug.max_doses_per_day else ''}.")
