"""Which library article a child's question may show: never one written for adults, with adult doses.

For a child under 12 (or a child known only by a child's weight), a topic not scoped to children (see
`population_scope`) is not shown when the question names a medicine (the article's doses are adults'), nor when
it says nothing for children at all; for any child or teenager, neither is one whose medicines include a product
the child must not be given at that age (aspirin under 19, codeine and tramadol under 12, ...:
library/peds/age_limits.yaml). A question about fever or pain medicines gets the children's fever and pain
article instead; otherwise the answer is the dose check alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guidewise.compose.abstain import empty_answer
from guidewise.compose.age_limits import limit_crossed
from guidewise.compose.answer import Answer
from guidewise.compose.citations import CitationRegistry
from guidewise.compose.dose_checks import DoseReport, dose_only_answer
from guidewise.compose.peds_dose import WEIGHT_ONLY_CHILD_KG, child_of
from guidewise.library.peds.loader import PedsData
from guidewise.library.schema import Kind, Population, Scope, Topic
from guidewise.understand.doses import find_mentions, name_pattern
from guidewise.understand.query import Query

CHILD_UNDER_MONTHS = 144  # under 12: the age below which an article not written for children is never shown
FEVER_PAIN_SUBJECTS = frozenset({"cond:fever", "cond:pain"})
FEVER_PAIN_DRUGS = frozenset({"acetaminophen", "ibuprofen"})
_FEVER_PAIN = re.compile(r"\b(?:fever\w*|temperature|temp|pain\w*|aches?|aching|hurts?|headaches?|migraines?|sore|"
                         r"sprain\w*|toothache|earache|teething|cramps?)\b", re.I)


@dataclass(frozen=True)
class ChildTopic:
    """The topic to show (None: none, the dose check alone) and why the routed one was not shown."""

    topic_id: str | None
    replaced: Topic | None = None
    reason: str = ""


def under_twelve(query: Query, implied: bool = False) -> bool:
    """A child under 12, or a child known only by a child's weight (`implied`: or by a children's medicine)."""
    ctx = query.context
    child = child_of(ctx)
    if child is None:
        return implied and ctx.age_group is None
    if child.span is not None:
        return child.span[0] < CHILD_UNDER_MONTHS
    if ctx.age_group in ("infant", "child"):
        return True
    return ctx.age_group is None and child.weight_kg is not None and child.weight_kg < WEIGHT_ONLY_CHILD_KG


def _drug_words(topic: Topic) -> str:
    """The medicines a topic recommends for everyone (not its children's notes, nor what it says to avoid)."""
    parts: list[str] = []
    for rec in topic.recommendations:
        if rec.kind != Kind.DRUG or rec.population == Population.CHILDREN:
            continue
        parts.extend([rec.label, rec.text, *(d.drug for d in rec.dose)])
    return "\n".join(parts)


def too_young_for(topic: Topic, query: Query, peds: PedsData) -> str | None:
    """A product the topic recommends that the child is certainly too young to be given at all ('aspirin'), else
    None."""
    words = _drug_words(topic)
    for limit in peds.limits:
        if limit.when_any or limit.severity != "do_not_use" or not limit_crossed(limit, query.context, peds.growth):
            continue
        if m := name_pattern(list(limit.names)).search(words):
            return m.group(0).lower()
    return None


def _has_children_part(topic: Topic) -> bool:
    """Whether a topic written for everyone says anything for children in particular."""
    return any(rec.population == Population.CHILDREN for rec in topic.recommendations)


def _medicine_asked(query: Query, peds: PedsData) -> bool:
    """The question names a medicine (its adult doses in the article would not be a child's)."""
    return any(e.kind == "drug" for e in query.subjects) or bool(find_mentions(query.text, peds.drug_names))


def _fever_or_pain(query: Query, peds: PedsData) -> bool:
    """About fever or pain medicines: acetaminophen or ibuprofen named, or fever or pain with no other medicine."""
    named = {m.drug for m in find_mentions(query.text, peds.drug_names)}
    if named & FEVER_PAIN_DRUGS:
        return True
    other_drugs = any(e.kind == "drug" and e.key.removeprefix("drug:") not in FEVER_PAIN_DRUGS for e in query.subjects)
    return not named and not other_drugs and bool(_FEVER_PAIN.search(query.text))


def child_topic(query: Query, topic: Topic, topics: dict[str, Topic], peds: PedsData,
                implied: bool = False) -> ChildTopic:
    """The routed topic when it suits the child; else the children's fever and pain article for a question about
    fever or pain medicines; else none. `implied`: the dose check read the question as a child's although it
    gives no age (a children's liquid in mL)."""
    if child_of(query.context) is None and not implied:
        return ChildTopic(topic.id)
    conditions = {e.key for e in query.subjects if e.kind == "condition"}
    if not conditions & set(topic.subjects) and _fever_or_pain(query, peds):
        # Reached only through a medicine or a word ('2 advil every 6 hours' to the ear-infection article, a
        # teenager's back pain to gout): a child's fever or pain medicine question gets the children's article.
        kids = _kids_article(query, topics, peds)
        if kids is not None and kids.id != topic.id:
            return ChildTopic(kids.id, topic, "")
    if Scope.CHILDREN in topic.population_scope:
        return ChildTopic(topic.id)
    product = too_young_for(topic, query, peds)
    young = under_twelve(query, implied)
    if product is None and not (young and (_medicine_asked(query, peds) or not _has_children_part(topic))):
        return ChildTopic(topic.id)
    reason = f"it recommends {product}, which a child of this age must not be given" if product else ""
    if _fever_or_pain(query, peds):
        kids = _kids_article(query, topics, peds)
        if kids is not None:
            return ChildTopic(kids.id, topic, reason)
    return ChildTopic(None, topic, reason)


def _kids_article(query: Query, topics: dict[str, Topic], peds: PedsData) -> Topic | None:
    """The children's fever and pain article, unless it recommends something the child is too young for."""
    kids = next((t for t in topics.values() if Scope.CHILDREN in t.population_scope
                 and FEVER_PAIN_SUBJECTS & set(t.subjects)), None)
    return kids if kids is not None and too_young_for(kids, query, peds) is None else None


def adult_topic_message(c: ChildTopic, audience: str) -> str:
    """Why no article is shown for a child: the one that matched is not written for children."""
    assert c.replaced is not None
    name = c.replaced.title.split(":")[0].split(" (")[0]
    why = f" ({c.reason})" if c.reason else ""
    if audience == "patient":
        return (f"guidewise's article on {name} is not written for children{why}, so it is not shown for a child. "
                f"Ask your child's doctor or a pharmacist which medicine and dose suit your child; to check a dose, "
                f"tell us the medicine, the amount and your child's weight.")
    return (f"guidewise's article on {name} is not written for children{why} and is not shown for a paediatric "
            f"question; dose by weight from a paediatric reference.")


def no_topic_answer(query: Query, audience: str, c: ChildTopic, doses: DoseReport,
                    registry: CitationRegistry[tuple[str, str]]) -> Answer:
    """The dose check alone (or no article at all), saying why the adult article is not shown."""
    answer = dose_only_answer(query, audience, doses, registry) if doses else empty_answer(query, audience, "")
    answer.message = adult_topic_message(c, audience)
    return answer
