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
from guidewise.compose.answer import (
    AUDIENCES,
    Answer,
    ReferenceOut,
    Section,
    TopicRef,
)
from guidewise.compose.citations import CitationRegistry
from guidewise.compose.dose_checks import attach_dose_report, check_doses, dose_only_answer, peds_reference
from guidewise.compose.literature_answer import (
    Evidence,
    compose_literature_answer,
    select_evidence,
    statements_from,
)
from guidewise.compose.literature_answer import reference_for as literature_reference
from guidewise.compose.sections import title
from guidewise.compose.topic_answer import compose_topic_answer
from guidewise.compose.wording import REF_LABELS
from guidewise.ingest.pipeline import Ingestor, IngestReport, Progress
from guidewise.library.peds.loader import PEDS_SOURCE, load_peds
from guidewise.library.runtime import Library, load_library
from guidewise.retrieve.lexical import LexicalIndex
from guidewise.retrieve.literature import DocMeta, LiteratureRetriever
from guidewise.retrieve.topic_index import TopicMatch
from guidewise.settings import Settings
from guidewise.store.db import Store
from guidewise.store.threads import ThreadStore
from guidewise.understand.query import Query, understand
from guidewise.understand.urgent import detect_urgent
from guidewise.understand.vocabulary import Vocabulary, load_vocabulary

if TYPE_CHECKING:
    from guidewise.retrieve.dense import DenseIndex

log = logging.getLogger("guidewise.engine")
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
# A weak topic match must also account for a quarter of the question's own words: a research question
# that merely mentions "children" or "cancer" is not a question about a curated topic.
MIN_TOPIC_COVERAGE = 0.25
STRONG_TOPIC_SCORE = 20.0
RECENT_MIN_COVERAGE = 0.7
RECENT_FROM_YEAR = 2015
NEW_SUBJECT = re.compile(r"^\s*(?:also|and also|another (?:question|thing)|different (?:question|topic)|separate(?:ly)?|"
                         r"new (?:question|topic)|unrelated|one more thing|on another note|btw|by the way|"
                         r"what about (?:my|his|her|their) (?!liver|kidney|pregnan|age)\w+)\b")


def _coverage(match: TopicMatch, query: Query) -> float:
    """Share of the question's own content words that the topic matched."""
    core = query.core_terms
    return len(set(match.matched) & core) / len(core) if core else 1.0

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

    # -- the pipeline ------------------------------------------------------------------------------
    def understand(self, question: str) -> Query:
        return understand(question, self.vocabulary, self.library.drug_names)

    def match(self, query: Query) -> tuple[TopicMatch | None, list[TopicMatch]]:
        """The confident topic match (or None) and the ranked candidates."""
        ranked = self.library.index.match(query)
        best = ranked[0] if ranked else None
        if (best and best.anchored and best.score >= self.settings.retrieval.min_topic_score
                and (best.solo or len(set(best.matched)) >= 2)  # one weak shared word is not a match
                and (best.score >= STRONG_TOPIC_SCORE or _coverage(best, query) >= MIN_TOPIC_COVERAGE)):
            return best, ranked
        return None, ranked

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
            ref = self.library.topics[key[0]].reference(key[1])
            return ReferenceOut(n=n, title=ref.title, source=ref.source, year=ref.year, kind=ref.kind.value,
                                label=REF_LABELS.get(ref.kind, "Research"), pmid=ref.pmid, doi=ref.doi, url=ref.url)

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
            query.urgent = detect_urgent(query.text, query.context)
            topic_id = self._follow_up_topic(query, thread.topic_id)
        answer = self.answer_query(query, audience, topic_id)
        if record:
            answer.thread_id = self.threads.record(
                thread_id, query.question, answer.topic.id if answer.topic else None,
                [i.value for i in query.intents], audience, query.context)
        return answer

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
        if query.urgent is not None and query.urgent.crisis:
            log.info("answered: crisis response")
            return empty_answer(query, audience, query.urgent.message, crisis=True)
        if query.injection:
            log.info("answered: refused instruction-like input")
            return empty_answer(query, audience, INJECTION_MESSAGE)
        unknown = [w for w in query.unknown_names if not self.index.mentions(w)]
        if unknown:
            log.info("answered: abstained (unknown name)")
            return empty_answer(query, audience, unknown_name_message(unknown, self.library.titles()))
        cites, docs = self._resolver()
        doses = check_doses(query, self.library.limits, cites, audience)
        best, ranked = self.match(query)
        if topic_id is not None:
            best = TopicMatch(topic_id, best.score if best else 0.0, True, ())
        if best is None:
            evidence = self.literature_evidence(query, docs, self.settings.retrieval.min_literature_score)
            if evidence:
                log.info("answered: literature, %d documents", len(evidence))
                return attach_dose_report(compose_literature_answer(query, audience, evidence, cites), doses, cites)
            if doses:
                return dose_only_answer(query, audience, doses, cites)
            suggestion = None
            if ranked and ranked[0].anchored:
                t = self.library.topics[ranked[0].topic_id]
                suggestion = TopicRef(id=t.id, title=t.title)
            log.info("answered: abstained (no confident topic)")
            has_lit = self.index.count() > 0
            return empty_answer(query, audience, abstention_message(self.library.titles(), suggestion, has_lit))
        topic = self.library.topics[best.topic_id]
        related = [TopicRef(id=m.topic_id, title=self.library.topics[m.topic_id].title)
                   for m in ranked[1:3] if m.anchored and m.score >= best.score * 0.6]
        answer = compose_topic_answer(topic, query, audience, related, cites)
        self._add_recent_evidence(answer, query, audience, cites, docs)
        attach_dose_report(answer, doses, cites)
        log.info("answered: library topic %s, %d sections", topic.id, len(answer.sections))
        return answer

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
