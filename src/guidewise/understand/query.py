"""understand(question) -> Query: everything later stages need to know about a question."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from guidewise.library.schema import Intent
from guidewise.settings import TriageSettings
from guidewise.understand.aspects import Aspect, classify_aspect
from guidewise.understand.context import PatientContext, extract_context
from guidewise.understand.entities import Entity, EntityIndex
from guidewise.understand.informational import SAFETY_NOTE, is_informational, names_emergency
from guidewise.understand.intent import detect_intents
from guidewise.understand.negation import is_negated, negated_spans
from guidewise.understand.text import STOPWORDS, fold, raw_tokens, stem, word_key
from guidewise.understand.urgent import Urgent, detect_urgent
from guidewise.understand.vocabulary import Expansion, Vocabulary

MAX_QUESTION_CHARS = 2000

_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\b.{0,40}\b(?:instructions?|rules|prompts?|guidelines|"
    r"programming|above|previous|prior|constraints)\b|\b(?:system|hidden|initial|developer)\s+(?:prompt|message|"
    r"instructions?)\b|\byou are now\b|\bjailbreak\w*|\bdo anything now\b|\bdan mode\b|\bpretend (?:you are|to be)\b|"
    r"\b(?:reveal|print|show|repeat|output|leak)\b.{0,30}\b(?:prompt|instructions|configuration|secrets?|api key)\b|"
    r"\bact as (?:an? )?(?:unrestricted|unfiltered|evil)\b|\bdeveloper mode\b",
    re.I,
)


class QuestionError(ValueError):
    """A question that cannot be processed (empty, too long, binary)."""


@dataclass
class Query:
    """A question after understanding. `question` is the user's text: never log it."""

    question: str
    text: str
    tokens: list[str]
    terms: list[str]
    expansions: list[Expansion] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    context: PatientContext = field(default_factory=PatientContext)
    intents: list[Intent] = field(default_factory=lambda: [Intent.TREATMENT])
    urgent: Urgent | None = None
    injection: bool = False
    unknown_names: list[str] = field(default_factory=list)  # drug- or disease-shaped words nobody knows
    subjects: list[Entity] = field(default_factory=list)  # drugs and conditions named, in question order
    aspect: Aspect = Aspect.TREATMENT  # what is asked about them
    safety_note: str | None = None  # an information question about an emergency gets this instead of the banner
    unknown_symbols: list[str] = field(default_factory=list)  # codes no vocabulary knows: genes, products

    @property
    def lead_intent(self) -> Intent:
        return self.intents[0]

    @property
    def core_terms(self) -> set[str]:
        """Content stems of the question itself (no vocabulary expansions): what relevance is judged on."""
        return {stem(t) for t in self.tokens if t not in STOPWORDS and len(t) > 1 and not t.isdigit()}


def check_question(question: str) -> str:
    """The question stripped, or QuestionError with a message fit to show the user."""
    if not isinstance(question, str):
        raise QuestionError("the question must be text")
    q = question.strip()
    if not q:
        raise QuestionError("the question is empty")
    if len(q) > MAX_QUESTION_CHARS:
        raise QuestionError(f"the question is {len(q)} characters long; the limit is {MAX_QUESTION_CHARS}")
    printable = sum(1 for c in q if c.isprintable() or c in "\n\t")
    if printable < len(q) * 0.9 or "\x00" in q:
        raise QuestionError("the question contains binary or control characters")
    return q


# A gene, protein or product code: capitals with a digit ("HOXA11", "RUNX1T1", "SNOT-22").
_SYMBOL = re.compile(r"\b(?=[A-Z0-9-]*[A-Z][A-Z0-9-]*[A-Z])(?=[A-Z0-9-]*\d)[A-Z][A-Z0-9]*(?:-\d+)?\b")


def _unknown_symbols(question: str, subjects: list[Entity], vocab: Vocabulary) -> list[str]:
    """Gene, protein or product codes no vocabulary knows ("HOXA11"): a question about one is about something
    the library does not name. (Plain acronyms are left alone: clinicians write ARI, DOAC, SSRI.)"""
    found = _SYMBOL.findall(question)
    seen = recognised_text(subjects)
    return [t for t in dict.fromkeys(found) if fold(t) not in seen and word_key(t) not in vocab.phrases
            and word_key(t).rstrip("s") not in vocab.phrases and fold(t) not in STOPWORDS]


def recognised_text(subjects: list[Entity]) -> str:
    return " ".join(fold(e.surface) for e in subjects)



def _affirmed_subjects(found: list[Entity], text: str) -> list[Entity]:
    """Subjects that the question does not deny ("without CKD", "no history of asthma")."""
    spans = negated_spans(text)
    out = []
    for e in found:
        m = re.search(r"\b" + r"\W+".join(re.escape(w) for w in raw_tokens(e.surface)) + r"\b", text)
        if m is None or not is_negated(spans, m.start(), m.end()):
            out.append(e)
    return out


def triage_question(text: str, ctx: PatientContext,
                    settings: TriageSettings | None = None) -> tuple[Urgent | None, str | None]:
    """The urgent banner for a question (with this patient context), and the safety note an information question
    about an emergency gets instead ("what are the signs of sepsis?", "how do you do seizure first aid?")."""
    urgent = detect_urgent(text, ctx, settings)
    if urgent is not None and not urgent.crisis and is_informational(text):
        return None, SAFETY_NOTE
    if urgent is None and names_emergency(text) and is_informational(text):
        return None, SAFETY_NOTE  # information, with a line for someone it is happening to
    return urgent, None


def understand(question: str, vocab: Vocabulary, known_drugs: set[str] | None = None,
               entities: EntityIndex | None = None, triage: TriageSettings | None = None) -> Query:
    """Normalise, expand vocabulary, correct typos, and extract subjects, aspect, context, intents and
    emergencies."""
    q = check_question(question)
    text = fold(q)
    tokens = raw_tokens(q)
    corrections: dict[str, str] = {}
    fixed: list[str] = []
    for tok in tokens:
        cand = vocab.correct(tok) if tok not in STOPWORDS else None
        if cand:
            corrections[tok] = cand
        fixed.append(cand or tok)
    expansions = vocab.expand(fixed)
    terms = [stem(t) for t in fixed if t not in STOPWORDS and len(t) > 1 and not t.isdigit()]
    for exp in expansions:
        terms.extend(stem(t) for t in raw_tokens(exp.adds) if t not in STOPWORDS)
    corrected_text = text
    for wrong, right in corrections.items():
        corrected_text = re.sub(rf"\b{re.escape(wrong)}\b", right, corrected_text)
    ctx = extract_context(corrected_text, known_drugs)
    if ctx.age_group in ("infant", "child") and "child" not in terms:
        terms.append("child")  # "my 2 yo ..." is a question about a child even without the word
    subjects = _affirmed_subjects(entities.find(corrected_text), corrected_text) if entities is not None else []
    aspect = classify_aspect(corrected_text, {e.kind for e in subjects}, sum(e.kind == "drug" for e in subjects))
    recognised = {w for e in subjects for w in raw_tokens(e.surface)}
    urgent, note = triage_question(corrected_text, ctx, triage)
    return Query(
        question=q,
        text=corrected_text,
        tokens=fixed,
        terms=terms,
        expansions=expansions,
        corrections=corrections,
        context=ctx,
        intents=detect_intents(corrected_text),
        urgent=urgent,
        safety_note=note,
        injection=bool(_INJECTION.search(text)),
        unknown_names=vocab.unknown_names([t for t in tokens if t not in corrections and t not in recognised]),
        subjects=subjects,
        aspect=aspect,
        unknown_symbols=_unknown_symbols(q, subjects, vocab),
    )
