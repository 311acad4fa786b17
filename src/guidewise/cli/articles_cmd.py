"""`guidewise articles …`: save answers as articles and move them through review (local, `--as USER`)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from guidewise.cli.common import err_console, get_engine
from guidewise.cli.staff_cmd import editorial_errors, store, when

AS = click.option("--as", "actor", required=True, help="The acting user (recorded in the audit trail).")


def _json(obj: Any) -> str:
    data = dataclasses.asdict(obj) if dataclasses.is_dataclass(obj) and not isinstance(obj, type) else obj
    return json.dumps(data, default=str, ensure_ascii=False)


def _said(info: Any, what: str) -> None:
    err_console().print(f"{info.slug}: {what} → {info.status_label} (version {info.current_version})",
                        highlight=False)


@click.group("articles")
def articles_group() -> None:
    """Articles: saved answers reviewed by the medical advisory board."""


@articles_group.command("list")
@click.option("--status", help="Only this displayed status (submitted, under_review, approved, review_overdue…).")
@click.option("--queue", is_flag=True, help="Only what awaits the advisory board.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def articles_list(status: str | None, queue: bool, fmt: str) -> None:
    """List articles, newest first."""
    from guidewise.editorial.articles import list_articles, review_queue

    items = review_queue(store()) if queue else list_articles(store(), status, limit=10_000)
    if fmt == "json":
        click.echo("[" + ",".join(_json(a) for a in items) + "]")
        return
    table = Table("slug", "status", "version", "approved", "review due", "updated")
    for a in items:
        table.add_row(a.slug, a.display_status, str(a.current_version),
                      f"v{a.approved_version}" if a.approved_version else "-", when(a.review_due)[:10],
                      when(a.updated_at))
    Console().print(table)


@articles_group.command("show")
@click.argument("slug")
@click.option("--audience", type=click.Choice(["clinician", "patient"]), default="clinician")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text")
@editorial_errors
def articles_show(slug: str, audience: str, fmt: str) -> None:
    """Show an article as readers see it, with its status, versions and reviews."""
    from guidewise.compose.answer import Answer
    from guidewise.editorial.articles import article_answer, get_article, reviews, versions

    s = store()
    info, answer = get_article(s, slug), article_answer(s, slug, audience)
    if fmt == "json":
        click.echo(json.dumps({"article": dataclasses.asdict(info), "answer": answer,
                               "versions": [dataclasses.asdict(v) for v in versions(s, slug)],
                               "reviews": [dataclasses.asdict(r) for r in reviews(s, slug)]},
                              default=str, ensure_ascii=False))
        return
    model = Answer.model_validate(answer)
    if fmt == "markdown":
        from guidewise.render.markdown import to_markdown

        click.echo(to_markdown(model))
    else:
        from guidewise.render.terminal import print_answer

        print_answer(model, Console())
    for r in reviews(s, slug):
        click.echo(f"{when(r.created_at)}  v{r.version}  {r.decision:<16} {r.reviewer_name}"
                   + (f": {r.comment}" if r.comment else ""))


@articles_group.command("create")
@click.argument("question")
@click.option("--slug", help="URL name; defaults to the topic's id.")
@click.option("--note", help="A note stored with version 1.")
@AS
@editorial_errors
def articles_create(question: str, slug: str | None, note: str | None, actor: str) -> None:
    """Save guidewise's answer to QUESTION (both audiences) as a submitted article."""
    from guidewise.editorial.articles import create_article

    info = create_article(get_engine(), question, actor, slug, note)
    click.echo(info.slug)
    _said(info, "created")


@articles_group.command("regenerate")
@click.argument("slug")
@click.option("--note", help="A note stored with the new version.")
@AS
@editorial_errors
def articles_regenerate(slug: str, note: str | None, actor: str) -> None:
    """Answer again with the current library and literature; a new version only if the content changed."""
    from guidewise.editorial.workflow import regenerate

    rev = regenerate(get_engine(), slug, actor, note)
    if not rev.changed:
        err_console().print(f"{slug}: no change (still version {rev.version})", highlight=False)
        return
    click.echo(rev.diff_approved if rev.diff_approved is not None else rev.diff_previous or "")
    _said(rev.article, "new version")


@articles_group.command("diff")
@click.argument("slug")
@click.option("--from", "from_version", type=int, help="Default: the last approved version, else the previous one.")
@click.option("--to", "to_version", type=int, help="Default: the current version.")
@editorial_errors
def articles_diff(slug: str, from_version: int | None, to_version: int | None) -> None:
    """Unified diff between two versions."""
    from guidewise.editorial.articles import diff, get_article

    info = get_article(store(), slug)
    start = from_version or info.approved_version or max(1, info.current_version - 1)
    click.echo(diff(store(), slug, start, to_version) or f"(versions {start} and "
               f"{to_version or info.current_version} read the same)")


def _transition(action: str) -> Any:
    @click.argument("slug")
    @click.option("--comment", help="A comment kept with the review (not in the audit trail).")
    @click.option("--version", "expected", type=int, help="Refuse if the current version is not this one.")
    @AS
    @editorial_errors
    def command(slug: str, comment: str | None, expected: int | None, actor: str) -> None:
        from guidewise.editorial.workflow import transition

        _said(transition(store(), slug, action, actor, comment, expected), action.replace("_", " "))

    return command


for _name, _action, _help in (
    ("submit", "submit", "Resubmit a revised (or retired) article for review (editor)."),
    ("review", "start_review", "Start reviewing an article (reviewer)."),
    ("approve", "approve", "Sign off the current version (reviewer; not its author or last reviser)."),
    ("request-changes", "request_changes", "Ask for changes; --comment says what (reviewer)."),
    ("retire", "retire", "Retire an article (editor)."),
):
    articles_group.command(_name, help=_help)(_transition(_action))
