"""Answers built around the question's subject: what an abstention offers, and a medicine's place in the library."""

from __future__ import annotations

from guidewise.compose.answer import Answer, BottomLine, Section, Statement, SubjectOut, TopicRef
from guidewise.compose.citations import CitationRegistry
from guidewise.compose.wording import disclaimer, dose_text, status_label
from guidewise.library.schema import Recommendation, Topic
from guidewise.understand.aspects import Aspect
from guidewise.understand.entities import Entity
from guidewise.understand.query import Query

ASPECT_WORDS: dict[Aspect, str] = {
    Aspect.WHAT_IS: "what it is", Aspect.SIDE_EFFECTS: "its side effects", Aspect.DOSE: "its dose",
    Aspect.INTERACTION: "interactions with other medicines", Aspect.PREGNANCY: "its use in pregnancy or breastfeeding",
    Aspect.HOW_TO_TAKE: "how to take it", Aspect.ONSET_DURATION: "how soon it works and for how long",
    Aspect.STOPPING: "stopping it", Aspect.COMPARE: "how it compares", Aspect.CONTROLLED: "whether it is controlled",
    Aspect.STORAGE: "how to store it", Aspect.CAUSE: "its causes", Aspect.SYMPTOMS: "its symptoms",
    Aspect.CONTAGION: "whether and how it spreads", Aspect.DIAGNOSIS: "tests and diagnosis",
    Aspect.PROGNOSIS: "its course and outlook", Aspect.PREVENTION: "prevention", Aspect.TREATMENT: "treatment",
}


def subjects_out(query: Query) -> list[SubjectOut]:
    return [SubjectOut(key=e.key, kind=e.category, name=e.name, surface=e.surface, mesh_id=e.mesh_id,
                       medline_id=e.medline_id, url=e.url) for e in query.subjects]


def _named(entities: list[Entity]) -> str:
    names = list(dict.fromkeys(e.label() for e in entities))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _links(entities: list[Entity]) -> str:
    links = [f"{e.name}: {e.url}" for e in entities if e.url]
    return f" Reliable public information: {'; '.join(dict.fromkeys(links))}." if links else ""


def subject_message(query: Query, uncovered: list[Entity], reason: str, used_in: list[TopicRef],
                    has_literature: bool) -> str:
    """The abstention for a recognised subject: what was recognised, that the library does not cover it (or not
    this aspect of it), and where to read more."""
    subjects = uncovered or query.subjects
    named = _named(subjects)
    where = "its guideline library or the ingested literature" if has_literature else "its guideline library"
    if reason == "population":
        text = (f"guidewise recognised {named}, but its article on it is written for a different group of patients "
                "than the one described, so it will not answer as if it applied.")
    elif reason in ("drug-facts", "ambiguous-drug") and not uncovered:
        asked = ASPECT_WORDS.get(query.aspect, "this question")
        text = (f"guidewise recognised {named}, but {where} has no drug monograph for it yet, so it cannot answer "
                f"questions about {asked} with confidence and will not guess.")
    else:
        text = (f"guidewise recognised {named}, but {where} does not cover it yet, so it will not guess.")
    if used_in:
        text += f" It appears in these guideline articles: {', '.join(t.title for t in used_in)}."
    return text + _links(subjects)


def _mentions(rec: Recommendation, drug: Entity) -> bool:
    names = {drug.name.lower(), drug.surface.lower()}
    hay = " ".join([rec.text, rec.label, *(d.drug for d in rec.dose)]).lower()
    return any(n and n in hay for n in names)


def drug_uses_answer(query: Query, audience: str, drug: Entity, topics: list[Topic],
                     cites: CitationRegistry[tuple[str, str]]) -> Answer | None:
    """'What is Valtrex?': the medicine's identity and where the library recommends it, each use cited.

    Returns None when no recommendation names the medicine (the caller abstains instead)."""
    patient = audience == "patient"
    statements: list[Statement] = []
    uses: list[tuple[Topic, Recommendation]] = []
    for topic in topics:
        for rec in topic.recommendations:
            if rec.kind.value == "drug" and _mentions(rec, drug):
                uses.append((topic, rec))
                break
    if not uses:
        return None
    for topic, rec in uses:
        keys = [(topic.id, k) for k in rec.cite]
        st = Statement(text=(rec.plain or rec.text) if patient else rec.text, citations=cites.cite(keys),
                       kind="drug", label=topic.title, source_id=rec.id)
        for d in rec.dose:
            if not d.problems() and drug.name.lower() in d.drug.lower():
                st.children.append(Statement(text=dose_text(d, audience, rec.duration, rec.population.value),
                                             citations=cites.cite((topic.id, k) for k in (d.cite or rec.cite)),
                                             kind="dose", source_id=rec.id))
        statements.append(st)
    titles = [t.title for t, _ in uses]
    other_name = not drug.fuzzy and drug.surface.lower() != drug.name.lower()
    identity = (f"{drug.surface[:1].upper() + drug.surface[1:]} is a brand name of {drug.name.lower()}."
                if other_name else f"{drug.name} is a medicine.")
    used = ("; ".join(titles[:-1]) + " and " + titles[-1]) if len(titles) > 1 else titles[0]
    bottom = f"{identity} In the guidewise library it is recommended in: {used}."
    all_cites = sorted({n for s in statements for n in s.citations})
    note = (f"This answer shows where guidewise's guideline articles use {drug.name.lower()}; the library has no "
            f"full drug monograph for it yet (side effects, interactions, warnings).{_links([drug])}")
    single = uses[0][0] if len({t.id for t, _ in uses}) == 1 else None
    return Answer(
        question=query.question, audience=audience,
        topic=TopicRef(id=single.id, title=single.title) if single else None,
        bottom_line=BottomLine(text=bottom, citations=all_cites),
        sections=[Section(id="uses", title="Where it is used" if patient else "Uses in the library",
                          statements=statements)],
        references=cites.references(), urgent=query.urgent, message=note,
        status="submitted", status_label=status_label("submitted"), disclaimer=disclaimer(audience, "submitted"),
        context=query.context.model_dump(exclude_defaults=True), considered=query.context.describe(),
        intents=[i.value for i in query.intents],
        related_topics=[TopicRef(id=t.id, title=t.title) for t, _ in uses], source="library",
        last_updated=max(t.review.last_updated for t, _ in uses).isoformat(),
        reviewers=sorted({r for t, _ in uses for r in t.review.reviewers}),
    )
