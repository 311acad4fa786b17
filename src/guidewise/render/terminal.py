"""Answer -> rich terminal output."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from guidewise.compose.answer import Answer, Statement
from guidewise.render.markdown import cite_marks, reference_line


def _statement(st: Statement, depth: int, audience: str) -> list[Text]:
    line = Text("  " * depth + ("• " if depth == 0 else "– "))
    if st.lead_in:
        line.append(f"{st.lead_in}: ", style="bold")
    line.append(st.text)
    if st.citations:
        line.append(" " + cite_marks(st.citations), style="cyan")
    if st.evidence and audience == "clinician":
        line.append(f" ({st.evidence})", style="dim italic")
    lines = [line]
    for child in st.children:
        lines.extend(_statement(child, depth + 1, audience))
    return lines


def render_answer(a: Answer) -> RenderableType:
    parts: list[RenderableType] = []
    if a.urgent:
        body = Text()
        if a.urgent.suspected and not a.urgent.crisis:
            body.append(a.urgent.suspected + "\n", style="bold")
        body.append(a.urgent.message + "\n", style="bold")
        for act in a.urgent.actions:
            body.append(("Do not: " if act.avoid else "• ") + act.text)
            body.append((" " + cite_marks(act.citations)) if act.citations else "", style="cyan")
            body.append("\n")
        for r in a.urgent.reasons:
            body.append(f"Why: {r}\n", style="dim")
        parts.append(Panel(body, title="URGENT", border_style="bold red"))
    head = Text(a.question, style="bold")
    if a.topic:
        head.append(f"\n{a.topic.title} · {a.status_label} · Last updated {a.last_updated}", style="dim")
    parts.append(head)
    if a.subjects:
        named = ", ".join(f"{s.name} ({s.kind})" for s in a.subjects)
        parts.append(Text(f"Recognised: {named}" + (f" · asked about: {a.aspect.replace('_', ' ')}" if a.aspect else ""),
                          style="italic"))
    if a.considered:
        parts.append(Text("Considered: " + ", ".join(a.considered), style="italic"))
    if a.message:
        parts.append(Panel(Text(a.message), border_style="yellow" if a.abstained else "blue"))
    if a.bottom_line:
        bl = Text(a.bottom_line.text)
        bl.append(" " + cite_marks(a.bottom_line.citations), style="cyan")
        parts.append(Panel(bl, title="Bottom line", border_style="green"))
    shown_more = False
    for sec in sorted(a.sections, key=lambda x: x.more):
        if sec.more and not shown_more:
            parts.append(Text(f"More about {a.topic.title if a.topic else 'this topic'}", style="bold"))
            shown_more = True
        parts.append(Text(sec.title, style="bold underline"))
        for st in sec.statements:
            parts.extend(_statement(st, 0, a.audience))
    if a.references:
        parts.append(Text("References", style="bold underline"))
        for ref in a.references:
            parts.append(Text(f"{ref.n}. {reference_line(ref)}"))
    if a.follow_ups:
        parts.append(Text("Follow-up questions", style="bold underline"))
        parts.extend(Text(f"• {q}") for q in a.follow_ups)
    parts.append(Text(a.disclaimer, style="dim italic"))
    return Group(*parts)


def print_answer(a: Answer, console: Console) -> None:
    console.print(render_answer(a), highlight=False)
