"""Routing a question to a curated topic: a swappable stage with a precision gate on the question's subject.

A topic is eligible only when the question's subject is one of the entities the topic declares (a condition it
covers, or a drug it recommends), and the patient is in the population the topic is written for. Shared body
words alone never route. When no subject is recognised, only a topic's own names (a multi-word alias or title,
or a one-word name) can route, as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from guidewise.library.schema import Scope, Topic
from guidewise.retrieve.topic_index import TopicIndex, TopicMatch
from guidewise.settings import RoutingSettings
from guidewise.understand.aspects import DRUG_FACT_ASPECTS, Aspect
from guidewise.understand.context import PatientContext
from guidewise.understand.entities import Entity
from guidewise.understand.query import Query
from guidewise.understand.text import raw_tokens, stem, word_key


@dataclass
class Route:
    """The router's decision. `topic_id` is None when no topic may answer; `uncovered` are the recognised
    subjects no topic covers (for the abstention and the literature), `drug_topics` the topics that use a drug
    the question is about."""

    topic_id: str | None
    confidence: float
    reason: str
    candidates: list[TopicMatch] = field(default_factory=list)
    uncovered: list[Entity] = field(default_factory=list)
    drug_topics: list[str] = field(default_factory=list)


class Router(Protocol):
    def route(self, query: Query) -> Route: ...


def fits_scope(topic: Topic, ctx: PatientContext, generic_subject: bool) -> bool:
    """Whether the patient may be in the topic's population. With a generic subject (a symptom such as fever),
    the patient must positively belong; with the topic's own condition, only a contradiction excludes."""
    child = ctx.age_group in ("infant", "child", "adolescent")
    adult = ctx.age_group in ("adult", "older adult")
    for scope in topic.population_scope:
        if scope == Scope.CHILDREN and (adult or (generic_subject and not child)):
            return False
        if scope == Scope.ADULTS and child:
            return False
        if scope == Scope.WOMEN and ctx.sex == "male":
            return False
        if scope == Scope.MEN and ctx.sex == "female":
            return False
        if scope == Scope.PREGNANCY and (ctx.sex == "male" or (generic_subject and not ctx.pregnant)):
            return False
    return True


# Words just before a condition that make it the patient's background, not the question's subject:
# "AUD medication in a patient with cirrhosis", "knee OA in an 80 year old with CKD".
# Not "has": "my son has strep throat" states the problem itself.
COMORBID_CUES = frozenset(["with", "history", "hx", "known", "plus", "and", "also", "in", "if"])


class EntityGatedRouter:
    """The default Router: topics named by the question's subjects or by their own names, ranked by words.

    Eligible topics are those that declare one of the question's subjects (its main condition scores most, a
    background condition or a symptom less, a medicine in between) or whose own title or alias appears in the
    question, and whose population fits the patient. The lexical score plus that subject bonus decides among
    them. A question whose main condition no topic covers, and that names no topic, is not routed.
    """

    def __init__(self, topics: dict[str, Topic], index: TopicIndex, settings: RoutingSettings):
        self.topics, self.index, self.settings = topics, index, settings
        self.by_subject: dict[str, list[str]] = {}
        for t in topics.values():
            for key in t.subjects:
                self.by_subject.setdefault(key, []).append(t.id)

    def route(self, query: Query) -> Route:
        ranked = self.index.match(query, limit=len(self.topics))
        conditions = [e for e in query.subjects if e.kind == "condition"]
        drugs = [e for e in query.subjects if e.kind == "drug"]
        drug_topics = list(dict.fromkeys(t for d in drugs for t in self.by_subject.get(d.key, ())))
        if drugs and not conditions and query.aspect in DRUG_FACT_ASPECTS:
            return self._drug_facts(query, ranked, drugs, drug_topics)
        tokens = raw_tokens(query.text)
        main = _main_condition(conditions, tokens)
        bonus = self._subject_bonus(conditions, drugs, main, tokens)
        eligible = {m.topic_id: m.score + bonus.get(m.topic_id, 0.0) for m in ranked
                    if m.topic_id in bonus or m.named}
        for tid, b in bonus.items():
            eligible.setdefault(tid, b)
        named = {m.topic_id for m in ranked if m.named}
        eligible = {t: v for t, v in eligible.items()
                    if fits_scope(self.topics[t], query.context, generic_subject=self._generic_only(t, query, named))}
        uncovered = [e for e in query.subjects if e.key not in self.by_subject]
        if not eligible:
            reason = "uncovered-subject" if query.subjects else "no-subject"
            if query.subjects and len(uncovered) < len(query.subjects):
                reason = "population"
            return Route(None, 0.0, reason, ranked, uncovered, drug_topics)
        best = max(eligible, key=lambda t: (eligible[t], t))
        match = next((m for m in ranked if m.topic_id == best), None)
        specific = [e for e in conditions if not e.is_symptom]
        if main is not None and main.key not in self.by_subject and not self._named_outside(query, best, [main]):
            # The question is about a condition no topic covers. A medicine or symptom it mentions is not its
            # subject, nor is a topic's name inside the condition's own words ("outer ear infection").
            return Route(None, 0.0, "uncovered-subject", ranked, [main], drug_topics)
        unused = [d for d in drugs if d.medline_id and not d.is_class and d.key not in self.by_subject
                  and not self._library_knows(d.name) and not self._library_knows(d.surface)]
        symbols = [t for t in query.unknown_symbols if not self._library_knows(t)]
        if unused or (symbols and not (match and match.phrase)):
            # A medicine no topic uses, or a gene or product code ("HOXA11"), is the question's own subject.
            return Route(None, 0.0, "uncovered-subject", ranked, unused, drug_topics)
        if drugs and not conditions and not drug_topics and not (match and match.phrase):
            # A medicine no topic uses, and no condition named: the question is about that medicine.
            return Route(None, 0.0, "uncovered-subject", ranked, drugs, drug_topics)
        loose = [e for e in conditions if e.is_symptom and e.key not in self.by_subject]
        own_drug = {t for d in drugs if len(self.by_subject.get(d.key, ())) == 1 for t in self.by_subject[d.key]}
        carried = best in own_drug or any(best in self.by_subject.get(e.key, ()) for e in conditions)
        if loose and not carried and not (match and match.phrase):
            # A symptom no topic covers ("right lower abdominal pain"): a few shared words are not its topic.
            return Route(None, 0.0, "uncovered-subject", ranked, loose, drug_topics)
        uncovered_specific = [e for e in specific if e.key not in self.by_subject]
        if uncovered_specific and best not in bonus and not self._named_outside(query, best, uncovered_specific):
            # Every condition named is one no topic covers, and the topic's own name appears only inside it
            # ("ear infection" in "outer ear infection").
            return Route(None, 0.0, "uncovered-subject", ranked, uncovered_specific, drug_topics)
        if specific and best not in bonus and not (match and match.named):
            # Every condition named is one no topic covers: only a topic's whole name may still route.
            return Route(None, 0.0, "uncovered-subject", ranked, specific, drug_topics)
        if not query.subjects and not self._confident_name(best, ranked, query):
            return Route(None, 0.0, "no-subject", ranked)
        confidence = min(1.0, eligible[best] / (self.settings.strong_topic_score * 2))
        return Route(best, confidence, "subject" if best in bonus else "name", ranked, uncovered, drug_topics)

    def _drug_facts(self, query: Query, ranked: list[TopicMatch], drugs: list[Entity],
                    drug_topics: list[str]) -> Route:
        """A question about a medicine's own facts. Until monographs exist, a medicine that only one topic uses
        routes there (that article says how it is taken and when to avoid it); 'what is X' gets X's uses."""
        uncovered = [d for d in drugs if d.key not in self.by_subject]
        shared = set.intersection(*(set(self.by_subject.get(d.key, ())) for d in drugs))
        shared = {t for t in shared if fits_scope(self.topics[t], query.context, generic_subject=False)}
        if len(shared) > 1:  # several articles use these medicines: the question must name one of them
            named = [m.topic_id for m in ranked if m.topic_id in shared and m.named]
            shared = set(named[:1])
        if query.aspect not in (Aspect.WHAT_IS, Aspect.CONTROLLED, Aspect.STORAGE) and len(shared) == 1 and not uncovered:
            return Route(next(iter(shared)), 0.6, "drug-topic", ranked, [], drug_topics)
        return Route(None, 0.0, "drug-facts", ranked, uncovered, drug_topics)

    def _library_knows(self, symbol: str) -> bool:
        """Whether a code such as 'CHA2DS2' or 'SGLT2' appears in the library's own text."""
        norm = stem(word_key(symbol))
        return norm in self.index.weights or any(k.startswith(norm) or k.endswith("-" + norm)
                                                  for k in self.index.weights)

    def _subject_bonus(self, conditions: list[Entity], drugs: list[Entity], main: Entity | None,
                       tokens: list[str]) -> dict[str, float]:
        """Topic -> bonus for the subjects it declares: the main condition most, then medicines, background
        conditions and symptoms."""
        bonus: dict[str, float] = {}
        for ent in conditions:
            if ent.is_symptom:
                value = self.settings.symptom_bonus
            elif ent is main or not _comorbid(ent, tokens):
                value = self.settings.condition_bonus
            else:
                value = self.settings.background_bonus
            for tid in self.by_subject.get(ent.key, ()):
                bonus[tid] = max(bonus.get(tid, 0.0), value)
        for ent in drugs:
            if ent.is_class:  # a class ("NSAIDs", "antibiotic") says little about which topic
                continue
            users = self.by_subject.get(ent.key, ())
            value = self.settings.drug_bonus * (1.5 if len(users) == 1 else 1.0)
            for tid in users:
                # With a condition named, a medicine only strengthens a topic about that condition: gabapentin
                # for pelvic pain is not a question for the sciatica article.
                if main is None or tid in bonus:
                    bonus[tid] = bonus.get(tid, 0.0) + value
        return bonus

    def _named_outside(self, query: Query, tid: str, entities: list[Entity]) -> bool:
        """Whether the topic's own name appears outside the words of these entities and of the medicines named
        (a brand among a topic's aliases does not make the question about that topic), or spans one of them
        ("severe allergic reaction" around "allergic reaction")."""
        tokens = raw_tokens(query.text)
        cut = {i for e in query.subjects if e in entities or e.kind == "drug" for i in range(e.start, e.end)}
        if tid in self.index.named_in(" ".join("|" if i in cut else t for i, t in enumerate(tokens))):
            return True
        return any(tid in self.index.phrases_covering(tokens, e.start, e.end) for e in entities)

    def _generic_only(self, tid: str, query: Query, named: set[str]) -> bool:
        """Whether the topic is eligible only through a symptom (not its own condition, drug or name)."""
        own = [e for e in query.subjects if e.key in self.topics[tid].subjects]
        return not any(not e.is_symptom for e in own) and tid not in named

    def _confident_name(self, tid: str, ranked: list[TopicMatch], query: Query) -> bool:
        best = next(m for m in ranked if m.topic_id == tid)
        return (best.score >= self.settings.min_topic_score
                and (best.score >= self.settings.strong_topic_score
                     or coverage(best, query) >= self.settings.min_topic_coverage))


def _main_condition(conditions: list[Entity], tokens: list[str]) -> Entity | None:
    """The question's main condition: the first specific one that is not the patient's background."""
    return next((e for e in conditions if not e.is_symptom and not _comorbid(e, tokens)), None)


def _comorbid(entity: Entity, tokens: list[str]) -> bool:
    """Whether a condition is introduced as background ('with CKD', 'history of', 'if I have'), not as the
    thing asked about ('cramping with the stomach flu')."""
    before = tokens[max(0, entity.start - 3):entity.start]
    if before[-1:] == ["the"]:
        return False
    return bool(set(before) & COMORBID_CUES) or "patient" in before


def coverage(match: TopicMatch, query: Query) -> float:
    """Share of the question's own content words that the topic matched."""
    core = query.core_terms
    return len(set(match.matched) & core) / len(core) if core else 1.0
