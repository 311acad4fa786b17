"""Giving another dose: how long to wait after the last one, and the most doses in 24 hours."""

from __future__ import annotations

from guidewise.compose.peds_dose import limit_reached
from guidewise.compose.peds_finding import Finding
from guidewise.compose.peds_format import correction, freq, interval, short, upper_first
from guidewise.compose.peds_timing import Timing
from guidewise.compose.wording import num
from guidewise.library.peds.schema import PedsDrug


def _hours(x: float) -> str:
    if x < 1:
        minutes = round(x * 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{num(round(x, 1))} hour{'s' if x != 1 else ''}"


def clock(hours: float) -> str:
    """'6 pm', '8:30 am', 'noon', 'midnight'."""
    h = hours % 24
    whole, minutes = int(h), round((h - int(h)) * 60)
    if minutes == 0 and whole in (0, 12):
        return "midnight" if whole == 0 else "noon"
    shown = f"{whole % 12 or 12}" + (f":{minutes:02d}" if minutes else "")
    return f"{shown} {'am' if whole < 12 else 'pm'}"


def _count_text(drug: PedsDrug, given: int, t: Timing, audience: str) -> str:
    """'That is already 5 doses today: the most is 5 in 24 hours, so do not give another.'"""
    most, name = drug.max_doses_per_day, short(drug)
    assert most is not None
    until = f" ({clock(t.first_clock)})" if t.first_clock is not None else ""
    if audience != "patient":
        if given >= most:
            return (f"{upper_first(name)}: {given} doses already given today, the labelled maximum is {most} doses in "
                    f"24 hours: no further dose until 24 hours after the first{until}; reassess if symptoms need more.")
        return f"{upper_first(name)}: {given} of at most {most} doses in 24 hours given."
    if given >= most:
        return (f"Your child has already had {given} doses of {name} today. The most is {most} doses in 24 hours, so "
                f"do not give another dose of {name} until 24 hours after the first of them{until}. If the fever or "
                f"pain still needs treating, or your child seems unwell, call your doctor or pharmacist.")
    return (f"Your child has had {given} dose{'s' if given != 1 else ''} of {name} today: no more than {most} doses in "
            f"24 hours.")


def _pair(a: float, b: float, t: Timing) -> str:
    """'at 8 am and 10 am (2 hours apart)', or '2 hours apart' when am or pm is not known."""
    apart = f"{_hours(b - a)} apart"
    return f"at {clock(a)} and {clock(b)} ({apart})" if t.known_half else apart


def close_text(drug: PedsDrug, t: Timing, audience: str) -> str:
    """'The doses of acetaminophen at 8 am and 10 am were only 2 hours apart: ...', or '' when none were."""
    pairs = t.too_close(drug)
    if not pairs:
        return ""
    assert drug.min_interval_hours is not None
    name, gap = short(drug), _hours(drug.min_interval_hours)
    said = " and ".join(_pair(a, b, t) for a, b in pairs)
    if audience == "patient":
        return (f"Doses of {name} were given too close together: {said}. {upper_first(name)} needs at least {gap} "
                f"between doses. ")
    return f"{upper_first(name)} doses given {said}: shorter than the minimum interval of {gap}. "


def redose_text(drug: PedsDrug, t: Timing, audience: str) -> str:
    """'The last dose of acetaminophen was 1 hour ago: wait at least 4 hours between doses (3 more hours) ...',
    'not yet at 4 pm: the earliest is 6 pm', doses given too close together, and the doses already given today
    against the most in 24 hours."""
    return close_text(drug, t, audience) + _redose(drug, t, audience)


def _redose(drug: PedsDrug, t: Timing, audience: str) -> str:
    assert drug.min_interval_hours is not None
    given, since, last = t.given(drug), t.since(drug), t.last(drug)
    count = _count_text(drug, given, t, audience) if given is not None and drug.max_doses_per_day else ""
    if since is None or limit_reached(drug, given):
        if count:
            return count
        after = (f": after the dose at {clock(last)}, the earliest is "
                 f"{clock(last + drug.min_interval_hours)}" if last is not None else "")
        return f"Wait at least {_hours(drug.min_interval_hours)} between doses of {short(drug)}{after}."
    gap, name = drug.min_interval_hours, short(drug)
    earliest = f"; the earliest is {clock(last + gap)}" if last is not None and since < gap else ""
    most = f", and give no more than {drug.max_doses_per_day} doses in 24 hours" if drug.max_doses_per_day else ""
    lead = f"{count} " if count else ""
    if audience == "patient":
        if since < gap and t.planned_clock is not None:
            at = f" ({clock(last)})" if last is not None else ""
            return (f"{lead}Not yet: at {clock(t.planned_clock)} the last dose of {name}{at} will be only "
                    f"{_hours(since)} old. Wait at least {_hours(gap)} between doses of {name}{earliest}{most}. If the "
                    f"fever is not coming down or your child seems very unwell, call your doctor rather than giving "
                    f"more.")
        if since < gap:
            return (f"{lead}The last dose of {name} was {_hours(since)} ago. Wait at least {_hours(gap)} between doses "
                    f"of {name}, so the next one is not due for another {_hours(gap - since)}{earliest}{most}. If the "
                    f"fever is not coming down or your child seems very unwell, call your doctor rather than giving "
                    f"more.")
        most = f", and no more than {drug.max_doses_per_day} doses in 24 hours" if drug.max_doses_per_day else ""
        return (f"{lead}It has been {_hours(since)} since the last dose of {name}: another dose may be given if needed, "
                f"at least {_hours(gap)} apart{most}.")
    if since < gap and t.planned_clock is not None:
        when = f"not at {clock(t.planned_clock)}, {_hours(since)} after it{earliest}"
        ago = f"at {clock(last)}" if last is not None else "earlier"
        return (f"{lead}{upper_first(name)}: last dose {ago}; minimum interval {_hours(gap)} ({when})"
                f"{'; at most ' + str(drug.max_doses_per_day) + ' doses in 24 hours' if drug.max_doses_per_day else ''}.")
    when = (f"next dose not before {_hours(gap - since)} from now{earliest}" if since < gap
            else "a further dose may be given")
    return (f"{lead}{upper_first(name)}: last dose {_hours(since)} ago; minimum interval {_hours(gap)} ({when})"
            f"{'; at most ' + str(drug.max_doses_per_day) + ' doses in 24 hours' if drug.max_doses_per_day else ''}.")


def often_text(f: Finding, audience: str) -> str:
    """A medicine given more often than labelled, with no amount: 'Every 4 hours (6 doses in 24 hours) is more
    often than labelled for ibuprofen (every 6 to 8 hours ...)', and the right dose when the weight is known."""
    name, how = short(f.drug), interval(f.drug, f.win, audience)
    if audience == "patient":
        text = (f"{upper_first(freq(f))} is more often than {name} should be given: give it {how}. Do not give doses "
                f"closer together than that, even if the fever comes back.")
    else:
        text = f"{upper_first(freq(f))} exceeds the labelled frequency for {name} ({how})."
    if f.win is not None:
        text += correction(f.drug, f.win, audience, f.liquids)
    return text
