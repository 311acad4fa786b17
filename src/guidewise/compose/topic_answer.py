"""Compose a structured, cited answer from a curated topic, ordered by the question's intents and context."""

from __future__ import annotations

from guidewise.compose.answer import Answer, BottomLine, Section, Statement, TopicRef
from guidewise.compose.citations import CitationRegistry
from guidewise.compose.followups import suggest_follow_ups
from guidewise.compose.glossary import Glossary
from guidewise.compose.sections import LEAD_SECTION, home_section, section_order, title
from guidewise.compose.wording import disclaimer, dose_text, evidence_text, status_label
from guidewise.library.schema import (
    POPULATION_LABELS,
    Dose,
    Intent,
    Kind,
    Population,
    Recommendation,
    Topic,
)
from guidewise.understand.query import Query

PATIENT_POPULATION_LABELS = {
    Population.OLDER_ADULTS: "If you are an older adult",
    Population.HEPATIC: "If you have liver disease",
    Population.RENAL: "If you have kidney disease",
    Population.PREGNANCY: "If you are pregnant",
    Population.BREASTFEEDING: "If you are breastfeeding",
    Population.CHILDREN: "For children",
}
POPULATION_WORDS = {
    Population.OLDER_ADULTS: ("older", "elderly", "aged 65", "over 65", "frail"),
    Population.HEPATIC: ("liver", "hepatic", "cirrhosis"),
    Population.RENAL: ("kidney", "renal", "egfr", "dialysis", "creatinine clearance"),
    Population.PREGNANCY: ("pregnan", "gestation", "trimester"),
    Population.BREASTFEEDING: ("breastfeed", "breast-feed", "lactat", "nursing"),
    Population.CHILDREN: ("child", "infant", "kid", "paediatric", "pediatric", "toddler", "adolescent", "baby"),
}
MAX_BOTTOM_LINE_ITEMS = 3
PULLED_INTENTS = (Intent.DIAGNOSIS, Intent.DURATION, Intent.PROGNOSIS, Intent.RED_FLAGS)


def _join(items: list[str], conj: str = "and") -> str:
    items = list(dict.fromkeys(i for i in items if i))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]


def _first_sentence(text: str) -> str:
    cut = text.find(". ")
    return text if cut < 0 else text[: cut + 1]


def _mentions(text: str, pop: Population) -> bool:
    """Whether the opening of a statement already names its population (so no label prefix is needed)."""
    head = text[:70].lower()
    return any(w in head for w in POPULATION_WORDS.get(pop, ()))


def _lower_first(s: str) -> str:
    return s[0].lower() + s[1:] if len(s) > 1 and not s[1].isupper() else s


class TopicComposer:
    """Builds one Answer; creation order equals display order, so citation numbers follow first use."""

    def __init__(self, topic: Topic, query: Query, audience: str, cites: CitationRegistry[tuple[str, str]]):
        self.topic, self.query, self.audience, self.cites = topic, query, audience, cites
        self.patient = audience == "patient"
        self.glossary = Glossary()
        self.populations = [p for p in query.context.populations
                            if any(r.population == p for r in topic.recommendations)]
        self.adjusted: dict[str, tuple[Dose, Recommendation]] = {}
        for rec in topic.recommendations:
            if rec.population in self.populations:
                for d in rec.dose:
                    self.adjusted.setdefault(d.drug.lower(), (d, rec))

    def _cite(self, keys: list[str]) -> list[int]:
        return self.cites.cite((self.topic.id, k) for k in keys)

    def _text(self, rec: Recommendation) -> str:
        if not self.patient:
            return rec.text
        text = self.glossary.explain(rec.plain or rec.text)
        if rec.rx_only and "doctor" not in text.lower() and rec.kind == Kind.DRUG:
            text = "Your doctor may suggest this: " + text[0].lower() + text[1:]
        return text

    def _label(self, rec: Recommendation) -> str:
        return (rec.label_plain or rec.label) if self.patient else rec.label

    def _pop_label(self, pop: Population) -> str:
        return PATIENT_POPULATION_LABELS[pop] if self.patient else POPULATION_LABELS[pop]

    def _dose_statement(self, dose: Dose, rec: Recommendation) -> Statement | None:
        label = None
        if dose.problems():  # never render a dose that contradicts its own maximum
            return None
        adjusted = self.adjusted.get(dose.drug.lower())
        if adjusted and adjusted[1] is not rec and rec.population == Population.ALL:
            dose, rec = adjusted
            label = "Adjusted for " + POPULATION_LABELS[rec.population].lower()
        return Statement(text=dose_text(dose, self.audience, rec.duration if not label else None,
                                        rec.population.value),
                         citations=self._cite(dose.cite or rec.cite), kind="dose", label=label,
                         source_id=rec.id)

    def statement(self, rec: Recommendation, *, with_doses: bool = True, label: str | None = None) -> Statement:
        """A recommendation with its doses and notes as children."""
        st = Statement(text=self._text(rec), citations=self._cite(rec.cite),
                       evidence=evidence_text(rec.evidence, self.audience), kind=rec.kind.value,
                       label=label, source_id=rec.id)
        if with_doses:
            st.children.extend(s for d in rec.dose if (s := self._dose_statement(d, rec)) is not None)
            if rec.duration and not rec.dose:
                text = f"Use for {rec.duration}." if self.patient else f"Duration: {rec.duration}."
                st.children.append(Statement(text=text, citations=self._cite(rec.cite), kind="duration",
                                             source_id=rec.id))
        for note in rec.notes:
            text = self.glossary.explain(note.plain or note.text) if self.patient else note.text
            st.children.append(Statement(text=text, citations=self._cite(note.cite), kind="note",
                                         source_id=rec.id))
        return st

    # -- bottom line -----------------------------------------------------------------------------
    def bottom_line(self, lead: Intent) -> BottomLine:
        """Authored leads first (emergency steps, high-risk patients), then the lines of therapy, the patient's
        own populations and the recommendation that answers the lead intent."""
        leads = [x for x in self.topic.bottom_line_leads if x.applies(self.query.context.age_years)]
        parts = [self.glossary.explain(x.plain or x.text) if self.patient else x.text for x in leads]
        keys = [k for x in leads for k in x.cite]
        used: list[Recommendation] = []
        if not any(x.replaces_template for x in leads):
            template, used = self._template()
            parts.extend(template)
            for pop in self.populations:
                pop_recs = [r for r in self.topic.recommendations if r.population == pop][:2]
                if pop_recs:
                    first = _first_sentence(self._text(pop_recs[0]))
                    parts.append(first if _mentions(first, pop) else f"{self._pop_label(pop)}: {_lower_first(first)}")
                    used.append(pop_recs[0])
        lead_rec = self._lead_rec(lead)
        if lead_rec is not None and lead_rec not in used:
            parts.append(self._text(lead_rec))
            used.append(lead_rec)
        keys.extend(k for r in used for k in r.cite)
        return BottomLine(text=" ".join(parts), citations=self._cite(keys))

    def _template(self) -> tuple[list[str], list[Recommendation]]:
        """The generic summary of first- and second-line options, and the recommendations it drew on."""
        general = [r for r in self.topic.recommendations if r.population == Population.ALL]
        nd = [r for r in general if home_section(r) == "first_line_non_drug"][:MAX_BOTTOM_LINE_ITEMS]
        dr = [r for r in general if home_section(r) == "first_line_drug"][:MAX_BOTTOM_LINE_ITEMS]
        sl = [r for r in general if home_section(r) == "second_line"][:MAX_BOTTOM_LINE_ITEMS]
        name = _lower_first(self.topic.title.split(":")[0])
        parts: list[str] = []
        if self.patient:
            if nd:
                parts.append(f"For {name}, the first steps are {_join([self._label(r) for r in nd])}.")
            if dr:
                parts.append(f"{'If you need medicine, ' if nd else f'For {name}, '}"
                             f"{_join([self._label(r) for r in dr], 'or')} can help.")
            if sl:
                parts.append(f"If that is not enough, your doctor may suggest {_join([self._label(r) for r in sl], 'or')}.")
        else:
            if nd and dr:
                parts.append(f"For {name}, start with {_join([r.label for r in nd])}; if a medication is needed, "
                             f"use {_join([r.label for r in dr], 'or')}.")
            elif nd or dr:
                parts.append(f"For {name}, first-line management is {_join([r.label for r in nd or dr], 'or')}.")
            if sl:
                parts.append(f"If the response is inadequate, consider {_join([r.label for r in sl], 'or')}.")
        used = nd + dr + sl
        if not parts:  # a topic without lines of therapy: lead with its first recommendations
            used = general[:2]
            parts = [self._text(r) for r in used]
        return parts, used

    def _lead_rec(self, lead: Intent) -> Recommendation | None:
        wanted = {Intent.DURATION: "duration", Intent.RED_FLAGS: "red_flags", Intent.PROGNOSIS: "course",
                  Intent.DIAGNOSIS: "diagnosis"}.get(lead)
        if wanted is None:
            return None
        return next((r for r in self.topic.recommendations
                     if home_section(r) == wanted or (wanted == "duration" and Intent.DURATION in r.intents)), None)

    # -- sections ----------------------------------------------------------------------------------
    def sections(self) -> list[Section]:
        t = self.topic
        buckets: dict[str, list[Recommendation]] = {}
        lead = self.query.lead_intent
        pull = LEAD_SECTION.get(lead) if lead in PULLED_INTENTS else None
        for rec in t.recommendations:
            # A question about e.g. imaging gathers every recommendation tagged with that intent up front.
            home = pull if pull and lead in rec.intents and rec.population == Population.ALL else home_section(rec)
            buckets.setdefault(home, []).append(rec)
        out: list[Section] = []
        if self.populations:
            mine = [r for p in self.populations for r in t.recommendations if r.population == p]
            out.append(Section(id="for_this_patient", title=title("for_this_patient", self.audience),
                               statements=[self.statement(r, label=self._pop_label(r.population)) for r in mine]))
        for sid in section_order(self.query.intents):
            if sid == "rationale":
                stmts = [Statement(text=(n.plain or n.text) if self.patient else n.text,
                                   citations=self._cite(n.cite), kind="rationale") for n in t.rationale]
            elif sid == "dosing":
                stmts = [s for r in t.recommendations if r.population in (Population.ALL, *self.populations)
                         for d in r.dose if (s := self._dose_statement(d, r)) is not None]
            elif sid == "duration":
                recs = list(buckets.get("duration", []))
                stmts = [self.statement(r) for r in recs]
                for r in t.recommendations:  # duration stated on drug recommendations
                    if r.duration and r not in recs and r.population == Population.ALL:
                        name = self._label(r)
                        stmts.append(Statement(text=f"{name[0].upper() + name[1:]}: {r.duration}.",
                                               citations=self._cite(r.cite), kind="duration", source_id=r.id))
            elif sid == "special_populations":
                recs = [r for r in buckets.get(sid, []) if r.population not in self.populations]
                stmts = [self.statement(r, label=self._pop_label(r.population)) for r in recs]
            else:
                stmts = [self.statement(r) for r in buckets.get(sid, [])]
            if stmts:
                out.append(Section(id=sid, title=title(sid, self.audience), statements=stmts))
        return out


def compose_topic_answer(topic: Topic, query: Query, audience: str, related: list[TopicRef],
                         cites: CitationRegistry[tuple[str, str]], note: str | None = None,
                         lead_recs: list[Recommendation] | None = None) -> Answer:
    """The full answer for a matched topic; `cites` may already hold numbers (dose warnings come first).
    `note` opens the bottom line (e.g. that the article does not cover the aspect asked); `lead_recs` are
    recommendations that answer the aspect asked, stated first in the bottom line with their citations."""
    composer = TopicComposer(topic, query, audience, cites)
    lead = [composer._text(r) for r in lead_recs or []]
    lead_cites = composer._cite([k for r in lead_recs or [] for k in r.cite])
    bottom = composer.bottom_line(query.lead_intent)
    if lead:
        bottom.text = " ".join([*lead, bottom.text])
        bottom.citations = sorted(set(lead_cites) | set(bottom.citations))
    if note:
        bottom.text = f"{note} {bottom.text}"
    sections = composer.sections()
    status = topic.review.status.value
    return Answer(
        question=query.question,
        audience=audience,
        topic=TopicRef(id=topic.id, title=topic.title),
        bottom_line=bottom,
        sections=sections,
        references=cites.references(),
        urgent=query.urgent,
        abstained=False,
        status=status,
        status_label=status_label(status),
        reviewers=list(topic.review.reviewers),
        last_updated=topic.review.last_updated.isoformat(),
        disclaimer=disclaimer(audience, status),
        follow_ups=suggest_follow_ups(topic, query, audience),
        context=query.context.model_dump(exclude_defaults=True),
        considered=query.context.describe(),
        intents=[i.value for i in query.intents],
        related_topics=related,
        source="library",
    )


def has_kind(topic: Topic, kind: Kind) -> bool:
    return any(r.kind == kind for r in topic.recommendations)
