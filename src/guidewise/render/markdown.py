"""Answer -> Markdown (also the basis of the plain-text rendering)."""

from __future__ import annotations

from guidewise.compose.answer import Answer, ReferenceOut, Statement


def cite_marks(citations: list[int]) -> str:
    return "".join(f"[{n}]" for n in citations)


def reference_line(r: ReferenceOut) -> str:
    """'Title. Source, 2017. Guideline. PMID 123. doi:10/x.'"""
    parts = [f"{r.title.rstrip('.')}.", f"{r.source}, {r.year}." if r.year else f"{r.source}.", f"{r.label}."]
    if r.authors:
        parts.insert(0, ", ".join(r.authors[:3]) + (" et al." if len(r.authors) > 3 else "."))
    if r.pmid:
        parts.append(f"PMID {r.pmid}.")
    if r.doi:
        parts.append(f"doi:{r.doi}")
    elif r.url:
        parts.append(r.url)
    return " ".join(parts)


def _statement_md(st: Statement, depth: int, audience: str) -> list[str]:
    lead = f"**{st.lead_in}:** " if st.lead_in else ""
    ev = f" *({st.evidence})*" if st.evidence and audience == "clinician" else ""
    lines = [f"{'  ' * depth}- {lead}{st.text} {cite_marks(st.citations)}{ev}".rstrip()]
    for child in st.children:
        lines.extend(_statement_md(child, depth + 1, audience))
    return lines


def to_markdown(a: Answer) -> str:
    out: list[str] = [f"# {a.question}", ""]
    if a.urgent:
        head = f"{a.urgent.suspected}. " if a.urgent.suspected and not a.urgent.crisis else ""
        out += [f"> **URGENT: {head}{a.urgent.message}**", ">"]
        out += [f"> - {'Do not: ' if x.avoid else ''}{x.text} {cite_marks(x.citations)}".rstrip() for x in a.urgent.actions]
        out += [f"> - Why: {r}" for r in a.urgent.reasons] + [""]
    if a.topic:
        out += [f"*Topic: {a.topic.title} · Status: {a.status_label} · Last updated: {a.last_updated}*", ""]
    if a.subjects:
        named = ", ".join(f"[{s.name}]({s.url})" if s.url else s.name for s in a.subjects)
        out += [f"*Recognised: {named}" + (f" · asked about: {a.aspect.replace('_', ' ')}*" if a.aspect else "*"), ""]
    if a.considered:
        out += [f"*Considered: {', '.join(a.considered)}*", ""]
    if a.message:
        out += [a.message, ""]
    if a.bottom_line:
        out += ["## Bottom line", "", f"{a.bottom_line.text} {cite_marks(a.bottom_line.citations)}".rstrip(), ""]
    shown_more = False
    for sec in sorted(a.sections, key=lambda x: x.more):
        if sec.more and not shown_more:
            out += [f"## More about {a.topic.title if a.topic else 'this topic'}", ""]
            shown_more = True
        out += [f"## {sec.title}", ""]
        for st in sec.statements:
            out += _statement_md(st, 0, a.audience)
        out.append("")
    if a.references:
        out += ["## References", ""]
        out += [f"{r.n}. {reference_line(r)}" for r in a.references] + [""]
    if a.related_topics:
        out += ["Related topics: " + ", ".join(t.title for t in a.related_topics), ""]
    if a.follow_ups:
        out += ["## Follow-up questions", ""] + [f"- {q}" for q in a.follow_ups] + [""]
    out += ["---", "", f"*{a.disclaimer}*", ""]
    return "\n".join(out)
