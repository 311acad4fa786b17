"""Cross-topic emergency detection: fills the answer's urgent banner.

Recognition rules (understand/data/urgent.yaml) name emergencies of the catalogue (library/emergencies), which
holds each one's banner, disposition and cited first actions. When no rule matches, a learned model
(understand/triage_model.py) gives a second opinion on the question as a whole.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from guidewise.settings import TriageSettings
from guidewise.understand.context import PatientContext
from guidewise.understand.negation import affirmed, negated_spans, past_spans
from guidewise.understand.triage_model import load_model
from guidewise.understand.urgent_rules import load_rules

if TYPE_CHECKING:
    from guidewise.library.emergencies.loader import Catalogue

_WORD = re.compile(r"[a-z0-9']+")
_NOW = re.compile(r"\b(?:now|again|today|tonight|this (?:morning|afternoon|evening)|right now|suddenly|currently|"
                  r"just (?:started|now)|started|since (?:this|last night|yesterday)|keeps?|getting worse)\b")
GENERIC = "possible_emergency"  # the catalogue entry for an alarming picture that matches no emergency
CRISIS = "suicidality"
POISONING = "overdose"
_RANK = {"emergency_now": 0, "urgent_same_day": 1}  # catalogue dispositions, most urgent first


class UrgentAction(BaseModel):
    """One first action (or thing not to do) of the suspected emergency, with its citation numbers."""

    text: str
    avoid: bool = Field(default=False, description="A thing not to do.")
    citations: list[int] = Field(default_factory=list)


class Urgent(BaseModel):
    """The urgent-care banner: what to do now, and why."""

    message: str
    reasons: list[str]
    categories: list[str] = Field(default_factory=list)
    crisis: bool = Field(default=False, description="Suicide/self-harm: answer with crisis resources only.")
    level: str = Field(default="emergency_now",
                       description="emergency_now or urgent_same_day: where to go (routine has no banner).")
    suspected: str | None = Field(default=None, description="The suspected emergency's name, when one is.")
    source: str = Field(default="rules", description="rules, or model when only the learned model fired.")
    actions: list[UrgentAction] = Field(default_factory=list, description="Its cited first actions.")


def _catalogue() -> Catalogue:
    """The emergency catalogue, imported on first use (only questions that raise a banner need it)."""
    from guidewise.library.emergencies.loader import load_catalogue

    return load_catalogue()


def _fix_typos(text: str) -> str:
    typos = load_rules().typos
    return _WORD.sub(lambda m: typos.get(m.group(0), m.group(0)), text)


def _rule_hits(text: str, ctx: PatientContext, neg: list[tuple[int, int]],
               past: list[tuple[int, int]]) -> list[tuple[str, str]]:
    rules = load_rules()
    hits: list[tuple[str, str]] = []
    for key, readings in rules.compiled_readings:
        for value, also, reading in readings:
            numbers = [(float(m.group(1)), text[m.end(1):m.end(1) + 8]) for m in affirmed(value, text, past)]
            if any(reading.dangerous(n, unit) for n, unit in numbers) and all(affirmed(p, text, past) for p in also):
                hits.append((key, reading.reason))
                break
    for key, compiled in rules.compiled:
        if any(k == key for k, _ in hits):
            continue
        spans = neg if key in rules.history_is_a_sign else past
        for patterns, cancels, rule in compiled:
            if rule.age_under_years is not None and (ctx.age_years is None or ctx.age_years >= rule.age_under_years):
                continue
            if rule.age_from_years is not None and (ctx.age_years is None or ctx.age_years < rule.age_from_years):
                continue
            if all(affirmed(p, text, spans) for p in patterns) and not any(affirmed(p, text, spans) for p in cancels):
                hits.append((key, rule.reason))
                break
    return hits


_MODEL_REASON = "the description as a whole resembles this emergency (learned model)"


def _model_name(text: str, settings: TriageSettings, ctx: PatientContext) -> str | None:
    """The catalogue emergency the learned model names with enough confidence, if any, and if the patient's age
    does not rule it out (a fever in a baby under 3 months is not named for an 8-month-old)."""
    model = load_model() if settings.learned else None
    if model is None:
        return None
    name, share = model.likeliest(text)
    em = _catalogue().by_name(name) if share >= settings.min_share else None
    if em is None:
        return None
    under = load_rules().age_bounds.get(em.key)
    if under is not None and ctx.age_years is not None and ctx.age_years >= under:
        return None
    needs = load_rules().model_needs.get(em.key)
    if needs is not None and not re.search(needs, text):
        return None  # 'swallowed 12 chewable tylenol' is not a battery
    return em.key


def _model_hit(text: str, settings: TriageSettings, ctx: PatientContext) -> tuple[str, str] | None:
    model = load_model() if settings.learned else None
    if model is None:
        return None
    p = model.probability(text)
    named_at, generic_at = ((settings.threshold, settings.threshold) if settings.threshold is not None
                            else (model.threshold, model.generic_threshold))
    if p < named_at:
        return None
    named = _model_name(text, settings, ctx)
    if named is None and p < generic_at:
        return None  # an alarming style with no recognisable emergency: most such are ordinary questions
    if named is None:
        return GENERIC, "the description as a whole reads like an emergency (learned model), without naming one"
    return named, _MODEL_REASON


def _name_generic(hits: list[tuple[str, str]], text: str, settings: TriageSettings,
                  ctx: PatientContext) -> list[tuple[str, str]]:
    """Rules that saw only a broad picture (a collapse, a poisoning) let the model name the specific emergency."""
    if not hits or hits[0][0] not in load_rules().generic:
        return hits
    named = _model_name(text, settings, ctx)
    if named is None or named in {k for k, _ in hits} or named in load_rules().generic:
        return hits
    return [(named, _MODEL_REASON), *hits]


def detect_urgent(text: str, ctx: PatientContext, settings: TriageSettings | None = None) -> Urgent | None:
    """Emergencies affirmed in a folded, typo-corrected question; None when nothing is urgent."""
    settings = settings or TriageSettings()
    text = _fix_typos(text)
    neg = negated_spans(text)
    # A past event does not raise the banner: a clause dated in the past ("3 years ago", "last year") never does;
    # a "history of"/"previous" phrase only when nothing is said to be happening now. For some emergencies a
    # history is itself the warning sign (back pain with a history of cancer).
    past = neg + past_spans(text, triggers=not _NOW.search(text))
    # The learned model reads the whole question: it learned negations and past events from the look-alikes.
    hits = _name_generic(_rule_hits(text, ctx, neg, past), text, settings, ctx)
    source = "rules"
    if not hits and (hit := _model_hit(text, settings, ctx)) is not None:
        hits, source = [hit], "model"
    if not hits:
        return None
    catalogue = _catalogue()
    if any(key == CRISIS for key, _ in hits):  # the crisis message comes alone: nothing else competes with it
        hits = [h for h in hits if h[0] == CRISIS]
    found = [(catalogue.emergencies[key], reason) for key, reason in hits]
    found.sort(key=lambda er: _RANK[er[0].disposition.value])  # stable: rule order within a disposition
    lead = found[0][0]
    return Urgent(
        message=lead.message,
        reasons=[f"{em.name}: {reason}" for em, reason in found],
        categories=[em.key for em, _ in found],
        crisis=lead.key == CRISIS,
        level=lead.disposition.value,
        suspected=None if lead.key == GENERIC else lead.name,
        source=source,
    )


def with_poisoning(urgent: Urgent | None, reason: str) -> Urgent:
    """The poisoning banner added to an answer that tells the reader to call Poison Control (kept first when the
    question raised no other banner)."""
    if urgent is not None and POISONING in urgent.categories:
        return urgent
    em = _catalogue().emergencies[POISONING]
    line = f"{em.name}: {reason}"
    if urgent is None:
        return Urgent(message=em.message, reasons=[line], categories=[em.key], level=em.disposition.value,
                      suspected=em.name)
    return urgent.model_copy(update={"reasons": [*urgent.reasons, line], "categories": [*urgent.categories, em.key]})
