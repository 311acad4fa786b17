"""Suggested follow-up questions: what the topic holds that this answer did not lead with."""

from __future__ import annotations

from guidewise.library.schema import Intent, Kind, Population, Scope, Topic
from guidewise.understand.query import Query

MAX_SUGGESTIONS = 4
_POP_PHRASES = {  # population -> (clinician phrasing, patient phrasing); {t} is the topic name
    Population.PREGNANCY: ("How is {t} managed in pregnancy?", "Is treatment for {t} safe during pregnancy?"),
    Population.OLDER_ADULTS: ("How should {t} treatment be adjusted in older adults?",
                              "Is treatment for {t} different for older adults?"),
    Population.CHILDREN: ("How is {t} treated in children?", "How is {t} treated in children?"),
    Population.RENAL: ("How is {t} managed with chronic kidney disease?",
                       "Is treatment for {t} safe if I have kidney disease?"),
    Population.HEPATIC: ("How is {t} managed with liver disease?",
                         "Is treatment for {t} safe if I have liver disease?"),
    Population.BREASTFEEDING: ("Which {t} treatments are compatible with breastfeeding?",
                               "Is treatment for {t} safe while breastfeeding?"),
}


# Populations a topic written for one group cannot be asked about (BPH in pregnancy, children's fever in older
# adults).
_OUT_OF_SCOPE = {Scope.MEN: {Population.PREGNANCY, Population.BREASTFEEDING},
                 Scope.CHILDREN: {Population.PREGNANCY, Population.BREASTFEEDING, Population.OLDER_ADULTS},
                 Scope.ADULTS: {Population.CHILDREN}}


def _name(topic: Topic) -> str:
    t = topic.title.split(":")[0].strip()
    return t[0].lower() + t[1:] if len(t) > 1 and not t[1].isupper() else t


def suggest_follow_ups(topic: Topic, query: Query, audience: str) -> list[str]:
    """2-4 self-contained questions, each answerable from this topic."""
    t = _name(topic)
    patient = audience == "patient"
    shown = set(query.intents[:-1])  # every intent but the trailing TREATMENT default
    seen_pops = set(query.context.populations)
    for scope in topic.population_scope:
        seen_pops |= _OUT_OF_SCOPE.get(scope, set())
    out: list[str] = []
    recs = topic.recommendations
    if Intent.DOSING not in shown and any(r.dose for r in recs):
        out.append(f"What dose is usually used for {t}?" if patient else f"What are the usual doses for {t}?")
    if Intent.DURATION not in shown and any(Intent.DURATION in r.intents or r.duration for r in recs):
        out.append(f"How long should treatment for {t} last?")
    for pop, (clin, plain) in _POP_PHRASES.items():
        if pop not in seen_pops and any(r.population == pop for r in recs):
            out.append((plain if patient else clin).format(t=t))
            break
    if Intent.RED_FLAGS not in shown and any(r.kind == Kind.RED_FLAG for r in recs):
        out.append(f"When should someone with {t} see a doctor urgently?" if patient
                   else f"What are the red flags in {t}?")
    if len(out) < 2 and Intent.DIAGNOSIS not in shown and any(Intent.DIAGNOSIS in r.intents for r in recs):
        out.append(f"Which tests are needed for {t}?")
    return out[:MAX_SUGGESTIONS]
