"""Engine: the one API every interface calls. question -> understand -> retrieve -> compose -> Answer."""

from __future__ import annotations

import logging
import re
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from guidewise.compose.abstain import (
    INJECTION_MESSAGE,
    abstention_message,
    empty_answer,
    unknown_name_message,
)
from guidewise.compose.age_limits import without_low_fever_alarm
from guidewise.compose.answer import (
    AUDIENCES,
    Answer,
    ReferenceOut,
    Section,
    TopicRef,
)
from guidewise.compose.citations import CitationRegistry, reference_out
from guidewise.compose.dose_checks import (
    DoseReport,
    attach_dose_report,
    check_doses,
    dose_only_answer,
    peds_reference,
)
from guidewise.compose.literature_answer import (
    Evidence,
    compose_literature_answer,
    select_evidence,
    statements_from,
)
from guidewise.compose.literature_answer import reference_for as literature_reference
from guidewise.compose.peds_check import without_model_alarm
from guidewise.compose.peds_topic import child_topic, no_topic_answer
from guidewise.compose.sections import LEAD_SECTION, title
from guidewise.compose.subject_answer import ASPECT_WORDS, drug_uses_answer, subject_message, subjects_out
from guidewise.compose.topic_answer import compose_topic_answer
from guidewise.compose.urgent_banner import SOURCE as EMERGENCY_SOURCE
from guidewise.compose.urgent_banner import fill_banner
from guidewise.ingest.pipeline import Ingestor, IngestReport, Progress
from guidewise.library.peds.loader import PEDS_SOURCE, load_peds
from guidewise.library.runtime import Library, load_library
from guidewise.library.schema import Intent, Recommendation
from guidewise.retrieve.lexical import LexicalIndex
from guidewise.retrieve.literature import DocMeta, LiteratureRetriever
from guidewise.retrieve.router import EntityGatedRouter, Route, Router, coverage
from guidewise.retrieve.topic_index import TopicMatch
from guidewise.settings import Settings
from guidewise.store.db import Store
from guidewise.store.threads import ThreadStore
from guidewise.understand.aspects import Aspect, classify_aspect
from guidewise.understand.entities import EntityIndex
from guidewise.understand.query import Query, triage_question, understand
from guidewise.understand.urgent import with_poisoning
from guidewise.understand.vocabulary import Vocabulary, load_vocabulary

if TYPE_CHECKING:
    from guidewise.library.schema import Topic
    from guidewise.retrieve.dense import DenseIndex

log = logging.getLogger("guidewise.engine")
URGENT_ONLY_MESSAGE = ("This may be an emergency: follow the urgent advice above now. guidewise shows no treatment "
                       "article here, because none of its articles is about this emergency.")
# Stems that describe the patient rather than the subject: a follow-up made only of these ("and for kids?",
# "what about in pregnancy?") keeps the thread's topic even if a topic happens to list them as aliases.
CONTEXT_STEMS = frozenset([
    "kid", "kids", "child", "children", "toddler", "baby", "babie", "infant", "newborn", "teen",
    "teenager", "adolescent", "son", "daughter", "pregnan", "pregnancy", "pregnant", "trimester",
    "breastfeed", "breastfeeding", "nursing", "lactation", "elderly", "older", "old", "age", "aged",
    "senior", "grandma", "grandpa", "grandmother", "grandfather", "mum", "mom", "dad", "mother", "father",
    "wife", "husband", "liver", "hepatic", "cirrhosis", "kidney", "kidneys", "renal", "ckd", "egfr",
    "dialysis", "woman", "women", "man", "men", "female", "male", "allergic", "allergy", "penicillin",
    "disease", "diseases", "problem", "problems", "severe", "mild", "moderate", "impairment", "impaired",
    "failure", "function", "issue", "issues", "condition", "damage", "bad", "weak", "stage",
])
# Follow-ups that lean on the thread: a pronoun standing for the treatment or the condition.
ELLIPTICAL = re.compile(r"^\s*(?:and|so|ok|okay|but)?\s*(?:what|how|when|is|are|can|could|should|does|do|will|"
                        r"would|why)\b.{0,60}\b(?:it|this|that|they|them|those|these|the same)\b", re.I)
# Aspects a topic article answers through its sections (lead intent); others get an honest note first, unless a
# recommendation's own label names the aspect (a vaccine for "how do I prevent shingles?").
ASPECT_LABELS = {Aspect.PREVENTION: re.compile(r"\b(?:vaccin\w*|prevent\w*|prophyla\w*|immuni[sz]\w*)\b", re.I)}
ASPECT_INTENT = {Aspect.DOSE: Intent.DOSING, Aspect.HOW_TO_TAKE: Intent.DOSING,
                 Aspect.ONSET_DURATION: Intent.DURATION, Aspect.PROGNOSIS: Intent.PROGNOSIS,
                 Aspect.DIAGNOSIS: Intent.DIAGNOSIS, Aspect.SYMPTOMS: Intent.DIAGNOSIS,
                 Aspect.PREGNANCY: Intent.POPULATIONS, Aspect.TREATMENT: Intent.TREATMENT}
# Literature first: when the user's papers cover a question far better than the routed topic does.
LITERATURE_FIRST_TOPIC_COVERAGE = 0.6
LITERATURE_FIRST_MIN_COVERAGE = 0.6
LITERATURE_FIRST_MARGIN = 0.2
RECENT_MIN_COVERAGE = 0.7
RECENT_FROM_YEAR = 2015
NEW_SUBJECT = re.compile(r"^\s*(?:also|and also|another (?:question|thing)|different (?:question|topic)|separate(?:ly)?|"
                         r"new (?:question|topic)|unrelated|one more thing|on another note|btw|by the way|"
                         r"what about (?:my|his|her|their) (?!liver|kidney|pregnan|age)\w+)\b")


class Engine:
    """Holds the library and stores; cheap to create, loads lazily on first use."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()

    # -- lazily loaded parts -----------------------------------------------------------------------
    @cached_property
    def library(self) -> Library:
        return load_library(self.settings.cache_dir, self.settings.library_dirs)

    @cached_property
    def store(self) -> Store:
        self.settings.home.mkdir(parents=True, exist_ok=True)
        return Store(self.settings.db_url)

    @cached_property
    def threads(self) -> ThreadStore:
        return ThreadStore(self.store)

    @cached_property
    def vocabulary(self) -> Vocabulary:
        from guidewise.understand.english import load_english_words

        vocab = load_vocabulary()
        vocab.english = lambda: load_english_words(self.settings.cache_dir)
        vocab.add_known(self.library.index.vocabulary)
        vocab.add_known(self.library.drug_names)
        vocab.add_known(load_peds().known_words)
        return vocab

    @cached_property
    def entities(self) -> EntityIndex:
        """The drug and condition vocabulary (compiled once into the cache, then opened per process)."""
        vocab = self.vocabulary
        common = frozenset(vocab.english()) if vocab.english is not None else frozenset()
        return EntityIndex(self.settings.entities_dir, common, self.settings.mesh_tree)

    @cached_property
    def router(self) -> Router:
        return EntityGatedRouter(self.library.topics, self.library.index, self.settings.routing)

    # -- the pipeline ------------------------------------------------------------------------------
    def understand(self, question: str) -> Query:
        return understand(question, self.vocabulary, self.library.drug_names, self.entities, self.settings.triage)

    def match(self, query: Query) -> tuple[TopicMatch | None, list[TopicMatch]]:
        """The routed topic match (or None) and the ranked candidates."""
        route = self.router.route(query)
        best = next((m for m in route.candidates if m.topic_id == route.topic_id), None)
        if route.topic_id is not None and best is None:
            best = TopicMatch(route.topic_id, 0.0, True, ())
        return best, route.candidates

    @cached_property
    def index(self) -> LexicalIndex:
        return LexicalIndex(self.settings.index_dir / "passages")

    @cached_property
    def dense(self) -> DenseIndex | None:
        if not self.settings.retrieval.dense:
            return None
        from guidewise.retrieve.dense import DenseIndex, MiniLMEmbedder

        return DenseIndex(self.settings.index_dir / "dense", MiniLMEmbedder(), self.store)

    @cached_property
    def literature(self) -> LiteratureRetriever:
        return LiteratureRetriever(self.store, self.index, self.dense)

    @cached_property
    def ingestor(self) -> Ingestor:
        return Ingestor(self.store, self.index, self.dense.add_documents if self.dense is not None else None)

    def ingest(self, paths: list[Path], progress: Progress | None = None, actor: str = "system") -> IngestReport:
        """Read files/folders into the store and index; idempotent and resumable. Changes are audited."""
        report = self.ingestor.ingest(paths, progress)
        log.info("ingest: %s", report.summary())
        if report.added or report.updated:
            from guidewise.editorial.audit import append

            append(self.store, actor, "library.ingest", "literature", "index",
                   details={"files": report.files, "added": report.added, "updated": report.updated,
                            "failed": report.failed})
        return report

    def _resolver(self) -> tuple[CitationRegistry[tuple[str, str]], dict[str, DocMeta]]:
        """A per-answer citation registry that resolves library and literature keys."""
        docs: dict[str, DocMeta] = {}

        def resolve(key: tuple[str, str], n: int) -> ReferenceOut:
            if key[0] == "#doc":
                return literature_reference(docs[key[1]], n)
            if key[0] == PEDS_SOURCE:
                return peds_reference(load_peds(), key[1], n)
            if key[0].startswith(EMERGENCY_SOURCE):
                from guidewise.library.emergencies.loader import load_catalogue

                em_ref = load_catalogue().references[key[0].removeprefix(EMERGENCY_SOURCE)][key[1]]
                return reference_out(em_ref, n)
            return reference_out(self.library.topics[key[0]].reference(key[1]), n)

        return CitationRegistry(resolve), docs

    def literature_evidence(self, query: Query, docs: dict[str, DocMeta], min_coverage: float) -> list[Evidence]:
        if self.index.count() == 0:
            return []
        hits = self.literature.search(query.text, k=self.settings.retrieval.top_k * 2,
                                      extra_terms=[e.adds for e in query.expansions])
        evidence = select_evidence(query.core_terms, hits, min_coverage)
        for ev in evidence:
            assert ev.hit.doc is not None
            docs[str(ev.hit.doc.id)] = ev.hit.doc
        return evidence

    def ask(self, question: str, audience: str = "clinician", thread_id: str | None = None,
            record: bool = True) -> Answer:
        """Answer one question for an audience ('clinician' or 'patient').

        With `thread_id`, the question is a follow-up: it inherits the thread's topic and patient context
        unless it clearly starts a new subject. With `record`, the turn is stored and `thread_id` returned.
        """
        if audience not in AUDIENCES:
            raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
        query = self.understand(question)
        thread = self.threads.get(thread_id) if thread_id else None
        topic_id = None
        if thread is not None:
            query.context = thread.context.merged(query.context)
            # The thread's patient may change the banner ("he is 3 weeks old" after "fever of 38.5").
            query.urgent, query.safety_note = triage_question(query.text, query.context, self.settings.triage)
            self._inherit_subjects(query, thread.subjects)
            topic_id = self._follow_up_topic(query, thread.topic_id)
        answer = self.answer_query(query, audience, topic_id)
        if record:
            answer.thread_id = self.threads.record(
                thread_id, query.question, answer.topic.id if answer.topic else None,
                [i.value for i in query.intents], audience, query.context,
                [e.key for e in query.subjects], query.aspect.value)
        return answer

    def _inherit_subjects(self, query: Query, keys: tuple[str, ...]) -> None:
        """A follow-up that names no drug or condition ("what are its side effects?") is about the thread's."""
        if query.subjects or not keys:
            return
        query.subjects = [e for k in keys if (e := self.entities.entity(k)) is not None]
        kinds = {e.kind for e in query.subjects}
        query.aspect = classify_aspect(query.text, kinds, sum(e.kind == "drug" for e in query.subjects))

    def _follow_up_topic(self, query: Query, thread_topic: str | None) -> str | None:
        """Keep the thread's topic unless the follow-up confidently names another subject."""
        best, ranked = self.match(query)
        if thread_topic is None or thread_topic not in self.library.topics:
            return best.topic_id if best else None
        if best is None or best.topic_id == thread_topic:
            return thread_topic
        if NEW_SUBJECT.search(query.text):
            return best.topic_id
        own = set(best.matched) & query.core_terms  # the follow-up's own words, not vocabulary expansions
        if own <= CONTEXT_STEMS:
            return thread_topic  # "and with kidney disease?": a patient detail, not a new subject
        if ELLIPTICAL.search(query.text):
            return thread_topic  # "what if it comes back?", "how long should she take it?"
        mine = next((m for m in ranked if m.topic_id == thread_topic), None)
        if mine is not None and mine.anchored and (mine.score >= 0.5 * best.score or
                                                  set(mine.matched) - CONTEXT_STEMS):
            return thread_topic
        return best.topic_id

    def answer_query(self, query: Query, audience: str, topic_id: str | None = None) -> Answer:
        answer = self._answer(query, audience, topic_id)
        answer.subjects = subjects_out(query)
        answer.aspect = query.aspect.value
        answer.triage = answer.urgent.level if answer.urgent is not None else "routine"
        if query.safety_note and answer.urgent is None:
            answer.message = f"{answer.message} {query.safety_note}" if answer.message else query.safety_note
        return answer

    def _answer(self, query: Query, audience: str, topic_id: str | None) -> Answer:
        cites, docs = self._resolver()
        if self.settings.dose.paediatric:  # a young baby's reading below 38 C is not a fever
            query.urgent = without_low_fever_alarm(query, load_peds().fever_threshold)
            query.urgent = without_model_alarm(query, load_peds())
        if query.urgent is not None:
            fill_banner(query.urgent, audience, cites)  # the banner's first actions take the first numbers
        answer = self._compose(query, audience, topic_id, cites, docs)
        if answer.urgent is not None and len(answer.references) < cites.count():  # no article of its own
            answer.references = cites.references()
        return answer

    def _compose(self, query: Query, audience: str, topic_id: str | None,
                 cites: CitationRegistry[tuple[str, str]], docs: dict[str, DocMeta]) -> Answer:
        if query.urgent is not None and query.urgent.crisis:
            log.info("answered: crisis response")
            return empty_answer(query, audience, query.urgent.message, crisis=True)
        if query.injection:
            log.info("answered: refused instruction-like input")
            return empty_answer(query, audience, INJECTION_MESSAGE)
        unknown = [w for w in query.unknown_names if not self.index.mentions(w)]
        covered = self._subject_topics(query)
        guessed = [e for e in query.subjects if e.fuzzy and not self.index.mentions(e.surface)
                   and e.name.lower() not in self.vocabulary.known_words
                   and not any(e.key in self.library.topics[t].subjects for t in covered)]
        if guessed:  # a misspelling read as a medicine the library does not use: too unsure to answer around it
            log.info("answered: abstained (uncertain spelling)")
            guess = ", ".join(dict.fromkeys(e.name.lower() for e in guessed))
            return empty_answer(query, audience, unknown_name_message(
                [e.surface for e in guessed], self.library.titles()) + f" Did you mean {guess}?")
        if unknown:
            log.info("answered: abstained (unknown name)")
            return empty_answer(query, audience, unknown_name_message(unknown, self.library.titles()))
        doses = check_doses(query, self.library.limits, cites, audience,
                            paediatric=self.settings.dose.paediatric)
        if any(w.kind == "poison_control" for w in doses.warnings):  # Poison Control advice always has its banner
            had_banner = query.urgent is not None
            query.urgent = with_poisoning(query.urgent, "a medicine taken by accident, too much or too soon")
            if not had_banner:
                fill_banner(query.urgent, audience, cites)
        route = self.router.route(query) if topic_id is None else Route(topic_id, 1.0, "thread")
        if query.urgent is not None:
            own = self._emergency_topic(query)
            if own is not None and route.topic_id != own:
                route = Route(own, 1.0, "emergency", route.candidates)
        if route.topic_id is None:
            return self._unrouted(query, audience, route, doses, cites, docs)
        topic = self.library.topics[route.topic_id]
        if query.urgent is not None and not set(topic.emergencies) & set(query.urgent.categories):
            log.info("answered: urgent guidance only (topic is not the emergency's own)")
            return self._urgent_only(query, audience, doses, cites)
        if self.settings.dose.paediatric:  # a child's question never shows an article written for adults
            choice = child_topic(query, topic, self.library.topics, load_peds(), doses.child)
            if choice.topic_id is None:
                return no_topic_answer(query, audience, choice, doses, cites)
            topic = self.library.topics[choice.topic_id]
        if route.reason not in ("thread", "emergency"):
            literature = self._literature_first(query, audience, route, topic, cites, docs)
            if literature is not None:
                return attach_dose_report(literature, doses, cites)
        self._focus(query)
        related = [TopicRef(id=m.topic_id, title=self.library.topics[m.topic_id].title)
                   for m in route.candidates if m.topic_id != topic.id and m.topic_id in self._subject_topics(query)][:2]
        leads = self._aspect_recs(query, topic)
        note = None if leads else self._aspect_note(query, topic)
        answer = compose_topic_answer(topic, query, audience, related, cites, note=note, lead_recs=leads)
        self._mark_more(answer, query, {r.id for r in leads})
        self._add_recent_evidence(answer, query, audience, cites, docs)
        attach_dose_report(answer, doses, cites)
        log.info("answered: library topic %s, %d sections", topic.id, len(answer.sections))
        return answer

    def _literature_first(self, query: Query, audience: str, route: Route, topic: Topic,
                          cites: CitationRegistry[tuple[str, str]], docs: dict[str, DocMeta]) -> Answer | None:
        """The user's own papers answer a question they match much better than the routed topic does (a research
        question that mentions asthma is not a question about managing asthma); the topic becomes a related link."""
        if self.index.count() == 0:
            return None
        match = next((m for m in route.candidates if m.topic_id == topic.id), None)
        topic_cov = coverage(match, query) if match else 1.0
        if topic_cov >= LITERATURE_FIRST_TOPIC_COVERAGE:
            return None
        evidence = self.literature_evidence(query, docs, LITERATURE_FIRST_MIN_COVERAGE)
        if not evidence or evidence[0].coverage < topic_cov + LITERATURE_FIRST_MARGIN:
            return None
        log.info("answered: literature first, %d documents", len(evidence))
        answer = compose_literature_answer(query, audience, evidence, cites)
        answer.related_topics = [TopicRef(id=topic.id, title=topic.title)]
        return answer

    @staticmethod
    def _urgent_only(query: Query, audience: str, doses: DoseReport,
                     cites: CitationRegistry[tuple[str, str]]) -> Answer:
        """The banner's advice and no article; a dose check still shows when the question proposed a dose."""
        if doses:
            answer = dose_only_answer(query, audience, doses, cites)
            answer.message = URGENT_ONLY_MESSAGE
            return answer
        return empty_answer(query, audience, URGENT_ONLY_MESSAGE)

    def _emergency_topic(self, query: Query) -> str | None:
        """The topic that is the suspected emergency's own condition (anaphylaxis for a throat swelling)."""
        cats = set(query.urgent.categories) if query.urgent else set()
        return next((t.id for t in self.library.topics.values() if set(t.emergencies) & cats), None)

    def _subject_topics(self, query: Query) -> set[str]:
        return {t.id for t in self.library.topics.values() if set(t.subjects) & {e.key for e in query.subjects}}

    @staticmethod
    def _mark_more(answer: Answer, query: Query, lead_ids: set[str]) -> None:
        """A question about one aspect keeps that aspect's sections open and the rest under 'More about …'."""
        intent = ASPECT_INTENT.get(query.aspect)
        if query.aspect == Aspect.TREATMENT or (intent is None and not query.subjects):
            return
        keep = {"dose_check", "for_this_patient"}
        if intent is not None and intent in LEAD_SECTION:
            keep.add(LEAD_SECTION[intent])
        for sec in answer.sections:
            sec.more = sec.id not in keep and not any(st.source_id in lead_ids for st in sec.statements)

    @staticmethod
    def _focus(query: Query) -> None:
        """Lead with the sections that serve the aspect asked."""
        intent = ASPECT_INTENT.get(query.aspect)
        if intent is not None and intent != Intent.TREATMENT and intent not in query.intents[:1]:
            query.intents = [intent, *[i for i in query.intents if i != intent]]

    @staticmethod
    def _aspect_recs(query: Query, topic: Topic) -> list[Recommendation]:
        """Recommendations whose label names the aspect asked, to lead the bottom line."""
        pattern = ASPECT_LABELS.get(query.aspect)
        if pattern is None:
            return []
        return [r for r in topic.recommendations if pattern.search(r.label)][:2]

    @staticmethod
    def _aspect_note(query: Query, topic: Topic) -> str | None:
        """An honest first sentence when the article does not cover the aspect asked."""
        if query.aspect in ASPECT_INTENT or not query.subjects:
            return None
        name = topic.title.split(":")[0].split(" (")[0]
        return (f"guidewise's article on {name} does not cover {ASPECT_WORDS[query.aspect]} yet; "
                "here is what it says about management.")

    def _unrouted(self, query: Query, audience: str, route: Route, doses: DoseReport,
                  cites: CitationRegistry[tuple[str, str]], docs: dict[str, DocMeta]) -> Answer:
        """No topic may answer: urgent guidance, the literature, a dose check, a medicine's uses, or a useful
        abstention."""
        if query.urgent is not None:
            log.info("answered: urgent guidance only")
            return self._urgent_only(query, audience, doses, cites)
        evidence = self.literature_evidence(query, docs, self.settings.retrieval.min_literature_score)
        if evidence:
            log.info("answered: literature, %d documents", len(evidence))
            return attach_dose_report(compose_literature_answer(query, audience, evidence, cites), doses, cites)
        if doses:
            return dose_only_answer(query, audience, doses, cites)
        has_lit = self.index.count() > 0
        drugs = [e for e in query.subjects if e.kind == "drug"]
        if route.reason == "drug-facts" and query.aspect == Aspect.WHAT_IS and len(drugs) == 1 and route.drug_topics:
            answer = drug_uses_answer(query, audience, drugs[0],
                                      [self.library.topics[t] for t in route.drug_topics], cites)
            if answer is not None:
                log.info("answered: a medicine's uses in the library")
                return answer
        if query.subjects:
            used_in = [TopicRef(id=t, title=self.library.topics[t].title) for t in route.drug_topics]
            log.info("answered: abstained (%s)", route.reason)
            answer = empty_answer(query, audience, subject_message(query, route.uncovered, route.reason, used_in,
                                                                   has_lit))
            answer.related_topics = used_in
            return answer
        suggestion = None
        if route.candidates and route.candidates[0].anchored and route.candidates[0].solo:
            t = self.library.topics[route.candidates[0].topic_id]
            suggestion = TopicRef(id=t.id, title=t.title)
        log.info("answered: abstained (no confident topic)")
        return empty_answer(query, audience, abstention_message(self.library.titles(), suggestion, has_lit))

    def _add_recent_evidence(self, answer: Answer, query: Query, audience: str,
                             cites: CitationRegistry[tuple[str, str]], docs: dict[str, DocMeta]) -> None:
        """Append a 'Recent evidence' section when ingested literature adds strong, recent, relevant studies."""
        evidence = [e for e in self.literature_evidence(query, docs, RECENT_MIN_COVERAGE)
                    if e.hit.doc and e.hit.doc.evidence_level <= 3 and (e.hit.doc.year or 0) >= RECENT_FROM_YEAR]
        stmts = statements_from(evidence[:3], cites)
        if stmts:
            answer.sections.append(Section(id="recent_evidence", title=title("recent_evidence", audience),
                                           statements=stmts))
            answer.references = cites.references()
