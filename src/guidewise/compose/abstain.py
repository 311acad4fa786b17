"""Answers that do not answer: honest abstention, prompt-injection refusals and crisis responses."""

from __future__ import annotations

from guidewise.compose.answer import Answer, TopicRef
from guidewise.compose.wording import disclaimer, status_label
from guidewise.understand.query import Query

INJECTION_MESSAGE = (
    "This looks like an instruction to the system rather than a clinical question, so guidewise will not act on it. "
    "guidewise answers clinical questions only from its curated guideline library and ingested literature."
)


def abstention_message(covered: list[str], suggestion: TopicRef | None, has_literature: bool) -> str:
    """Say there is no guideline-backed answer, what is covered, and how to rephrase."""
    where = "its guideline library or the ingested literature" if has_literature else "its guideline library"
    text = (f"No guideline-backed answer: guidewise found nothing in {where} that answers this question with "
            "confidence, so it will not guess.")
    if suggestion is not None:
        text += f" Did you mean {suggestion.title}?"
    sample = ", ".join(covered[:12])
    text += (f" The library covers {len(covered)} common primary-care topics, including {sample}. Try naming the "
             "condition or medicine (for example 'first-line treatment for gout' or 'ibuprofen dose for back pain').")
    return text


def unknown_name_message(names: list[str], covered: list[str]) -> str:
    """Abstain on a medicine or condition guidewise does not know, instead of answering around it."""
    listed = ", ".join(f"'{n}'" for n in names[:3])
    return (f"No guideline-backed answer: guidewise does not recognise {listed} as a medicine or condition in its "
            f"guideline library or the ingested literature, so it will not guess. Check the spelling, or use the "
            f"generic name of the medicine. The library covers {len(covered)} common primary-care topics.")


def empty_answer(query: Query, audience: str, message: str, *, crisis: bool = False) -> Answer:
    """An answer with no sections: abstention, injection refusal, or crisis resources only."""
    return Answer(
        question=query.question,
        audience=audience,
        abstained=True,
        message=message,
        urgent=query.urgent,
        status="none",
        status_label=status_label("none"),
        disclaimer=disclaimer(audience, "none"),
        context={} if crisis else query.context.model_dump(exclude_defaults=True),
        considered=[] if crisis else query.context.describe(),
        intents=[i.value for i in query.intents],
        source="none",
    )
