"""`guidewise ask`: answer one question, or a batch file of questions."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from guidewise.cli.common import err_console, get_engine
from guidewise.compose.answer import Answer


def _emit(answer: Answer, fmt: str, one_line: bool = False) -> None:
    if fmt == "json":
        data = answer.model_dump(mode="json")
        click.echo(json.dumps(data, ensure_ascii=False) if one_line else json.dumps(data, indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        from guidewise.render.markdown import to_markdown

        click.echo(to_markdown(answer))
    else:
        from rich.console import Console

        from guidewise.render.terminal import print_answer

        print_answer(answer, Console(soft_wrap=False))


@click.command("ask")
@click.argument("question", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("--audience", type=click.Choice(["clinician", "patient"]), default="clinician", show_default=True,
              help="Language of the answer: terse with evidence grades, or plain words.")
@click.option("--batch", "batch", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File with one question per line ('-' for stdin is not supported); answers in input order.")
@click.option("--thread", "thread_id", help="Continue an existing thread (follow-up question).")
def ask_cmd(question: str | None, fmt: str, audience: str, batch: Path | None, thread_id: str | None) -> None:
    """Answer a clinical QUESTION from the guideline library (and ingested literature)."""
    from guidewise.understand.query import QuestionError

    if (question is None) == (batch is None):
        raise click.UsageError("give either a QUESTION or --batch FILE")
    engine = get_engine()
    if batch is not None:
        lines = [ln.strip() for ln in batch.read_text(encoding="utf-8", errors="replace").splitlines()]
        for n, q in enumerate(lines, 1):
            if not q:
                continue
            try:
                answer = engine.ask(q, audience=audience)
            except QuestionError as e:
                err_console().print(f"[red]line {n}:[/] {e}")
                if fmt == "json":
                    click.echo(json.dumps({"question": q[:200], "error": str(e)}))
                continue
            _emit(answer, fmt, one_line=True)
        return
    assert question is not None
    try:
        answer = engine.ask(question, audience=audience, thread_id=thread_id)
    except QuestionError as e:
        err_console().print(f"[red]error:[/] {e}")
        sys.exit(2)
    except LookupError as e:
        err_console().print(f"[red]error:[/] {e.args[0] if e.args else e}")
        sys.exit(2)
    _emit(answer, fmt)
