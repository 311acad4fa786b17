"""`guidewise chat`: an interactive thread with follow-up questions."""

from __future__ import annotations

import click
from rich.console import Console
from rich.prompt import Prompt

from guidewise.cli.common import get_engine


@click.command("chat")
@click.option("--audience", type=click.Choice(["clinician", "patient"]), default="clinician", show_default=True)
@click.option("--thread", "thread_id", help="Resume an existing thread.")
def chat_cmd(audience: str, thread_id: str | None) -> None:
    """Ask questions in one thread: follow-ups ('and in pregnancy?') keep the topic and patient context.
    Commands: /patient, /clinician, /new, /quit."""
    from guidewise.render.terminal import print_answer
    from guidewise.understand.query import QuestionError

    console = Console()
    engine = get_engine()
    console.print("[bold]guidewise chat[/] — /patient, /clinician, /new, /quit", highlight=False)
    while True:
        try:
            q = Prompt.ask(f"[cyan]{audience}[/]" + (f" [dim]{thread_id}[/]" if thread_id else ""))
        except (EOFError, KeyboardInterrupt):
            break
        q = q.strip()
        if q in ("/quit", "/exit", "/q"):
            break
        if q in ("/patient", "/clinician"):
            audience = q[1:]
            continue
        if q == "/new":
            thread_id = None
            continue
        if not q:
            continue
        try:
            answer = engine.ask(q, audience=audience, thread_id=thread_id)
        except (QuestionError, LookupError) as e:
            console.print(f"[red]error:[/] {e}")
            continue
        thread_id = answer.thread_id
        print_answer(answer, console)
