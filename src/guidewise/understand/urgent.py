"""Cross-topic emergency detection: fills the answer's urgent banner."""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import BaseModel, Field

from guidewise.understand.context import PatientContext
from guidewise.understand.negation import affirmed, negated_spans, past_spans
from guidewise.understand.urgent_rules import CATEGORIES, FEVER, Category

# Short misspellings the fuzzy corrector does not touch (it only corrects words of 5+ letters).
_TYPOS = {
    "pian": "pain", "pane": "pain", "paine": "pain", "chesst": "chest", "chset": "chest", "brething": "breathing",
    "breating": "breathing", "breth": "breath", "breathin": "breathing", "numbess": "numbness", "numbnes": "numbness",
    "numness": "numbness", "stiffneck": "stiff neck", "bloood": "blood", "blod": "blood", "vomitting": "vomiting",
    "vomming": "vomiting", "throwin": "throwing", "headach": "headache", "hedache": "headache", "headake": "headache",
    "sucidal": "suicidal", "suicidel": "suicidal", "sucide": "suicide", "cant": "can't", "wont": "won't",
    "dont": "don't", "doesnt": "doesn't", "isnt": "isn't", "didnt": "didn't", "im": "i'm", "hes": "he's",
    "shes": "she's", "tounge": "tongue", "troat": "throat", "swolen": "swollen", "sweling": "swelling",
    "testical": "testicle", "testicel": "testicle", "stroak": "stroke", "feaver": "fever", "fevor": "fever",
    "fiver": "fever", "temprature": "temperature", "tempreture": "temperature", "dizy": "dizzy",
    "pee'd": "peed", "bleading": "bleeding", "bleding": "bleeding", "seizur": "seizure", "lightheded": "lightheaded",
    "unconcious": "unconscious", "breathe.": "breathe", "sholder": "shoulder", "sweaty": "sweating",
}
_WORD = re.compile(r"[a-z0-9']+")


class Urgent(BaseModel):
    """The urgent-care banner: what to do now, and why."""

    message: str
    reasons: list[str]
    categories: list[str] = Field(default_factory=list)
    crisis: bool = Field(default=False, description="Suicide/self-harm: answer with crisis resources only.")


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[Category, list[tuple[list[re.Pattern[str]], str]]]]:
    return [
        (cat, [([re.compile(p) for p in rule.all_of], rule.reason) for rule in cat.rules]) for cat in CATEGORIES
    ]


def _fix_typos(text: str) -> str:
    return _WORD.sub(lambda m: _TYPOS.get(m.group(0), m.group(0)), text)


_FEVER = re.compile(FEVER)
HISTORY_IS_A_SIGN = frozenset({"spinal_red_flags", "suicidality", "cauda_equina"})
_NOW = re.compile(r"\b(?:now|again|today|tonight|this (?:morning|afternoon|evening)|right now|suddenly|currently|"
                  r"just (?:started|now)|started|since (?:this|last night|yesterday)|keeps?|getting worse)\b")


def detect_urgent(text: str, ctx: PatientContext) -> Urgent | None:
    """Emergency categories affirmed in a folded, typo-corrected question; None when nothing is urgent."""
    text = _fix_typos(text)
    neg = negated_spans(text)
    # A past event does not raise the banner, unless something is happening now; for some categories a
    # history is itself the warning sign (back pain with a history of cancer).
    past = neg + past_spans(text) if not _NOW.search(text) else neg
    hits: list[tuple[Category, str]] = []
    for cat, rules in _compiled():
        spans = neg if cat.key in HISTORY_IS_A_SIGN else past
        for patterns, reason in rules:
            if all(affirmed(p, text, spans) for p in patterns):
                hits.append((cat, reason))
                break
    if ctx.age_years is not None and ctx.age_years < 0.25 and affirmed(_FEVER, text, neg):
        infant = next(c for c in CATEGORIES if c.key == "infant_fever")
        hits.append((infant, "fever in a baby under 3 months"))
    if not hits:
        return None
    crisis = any(cat.key == "suicidality" for cat, _ in hits)
    if crisis:  # the crisis message comes alone: nothing else competes with it
        hits = [h for h in hits if h[0].key == "suicidality"]
    first = hits[0][0]
    return Urgent(
        message=first.message,
        reasons=[f"{cat.name}: {reason}" for cat, reason in hits],
        categories=[cat.key for cat, _ in hits],
        crisis=crisis,
    )


def with_poisoning(urgent: Urgent | None, reason: str) -> Urgent:
    """The poisoning banner added to an answer that tells the reader to call Poison Control (kept first when the
    question raised no other banner)."""
    if urgent is not None and "overdose" in urgent.categories:
        return urgent
    cat = next(c for c in CATEGORIES if c.key == "overdose")
    line = f"{cat.name}: {reason}"
    if urgent is None:
        return Urgent(message=cat.message, reasons=[line], categories=[cat.key])
    return urgent.model_copy(update={"reasons": [*urgent.reasons, line], "categories": [*urgent.categories, cat.key]})
