"""`guidewise ingest`, `guidewise sources …` and `guidewise doctor`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from guidewise.cli.common import err_console, get_engine


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--quiet", is_flag=True, help="No progress bar; summary only.")
def ingest_cmd(paths: tuple[Path, ...], quiet: bool) -> None:
    """Ingest literature: MEDLINE/PubMed XML or text, PMC JATS, FDA SPL, guideline JSONL/XML, PubMedQA JSON,
    Markdown, HTML, text and PDF files or folders (.gz accepted). Re-running adds nothing new; an interrupted
    run is completed by the next one."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from guidewise.store.db import StoreError

    engine = get_engine()
    console = err_console()
    try:
        if quiet:
            report = engine.ingest(list(paths))
        else:
            with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                          TextColumn("files · {task.fields[docs]} documents · {task.fields[errors]} errors"),
                          TimeElapsedColumn(), console=console, transient=False) as bar:
                from guidewise.ingest.detect import iter_inputs

                total = sum(1 for _ in iter_inputs(list(paths)))
                task = bar.add_task("ingest", total=total, docs=0, errors=0)
                counts = {"document": 0, "error": 0}

                def progress(event: str, n: int) -> None:
                    if event == "file":
                        bar.advance(task, n)
                    else:
                        counts[event] = counts.get(event, 0) + n
                        bar.update(task, docs=counts["document"], errors=counts["error"])

                report = engine.ingest(list(paths), progress)
    except StoreError as e:
        console.print(f"[red]error:[/] {e}")
        sys.exit(1)
    for err in report.errors[:50]:
        console.print(f"[yellow]skipped[/] {err}", highlight=False)
    if len(report.errors) > 50:
        console.print(f"[yellow]… and {len(report.errors) - 50} more skipped records[/]")
    console.print(f"[bold green]done[/] {report.summary()}")


@click.group("sources")
def sources_group() -> None:
    """List, show and remove ingested sources."""


@sources_group.command("list")
def sources_list() -> None:
    from guidewise.ingest.sources import list_sources

    table = Table("id", "path", "status", "documents", "errors", "added")
    for s in list_sources(get_engine()):
        table.add_row(str(s["id"]), str(s["path"]), str(s["status"]), str(s["documents"]), str(s["errors"]),
                      str(s["added_at"])[:19])
    Console().print(table)


@sources_group.command("show")
@click.argument("source_id", type=int)
def sources_show(source_id: int) -> None:
    from guidewise.ingest.sources import show_source

    info = show_source(get_engine(), source_id)
    if info is None:
        err_console().print(f"[red]error:[/] no source with id {source_id}")
        sys.exit(2)
    console = Console()
    for key in ("id", "path", "format", "status", "documents", "errors", "added_at", "finished_at"):
        console.print(f"[bold]{key}[/]: {info[key]}", highlight=False)
    table = Table("id", "pmid", "year", "level", "title")
    for d in info["sample"]:
        table.add_row(str(d["id"]), d["pmid"] or "", str(d["year"] or ""), str(d["evidence_level"]), d["title"][:90])
    console.print(table)


@sources_group.command("remove")
@click.argument("source_id", type=int)
def sources_remove(source_id: int) -> None:
    n = get_engine().ingestor.remove_source(source_id)
    err_console().print(f"removed source {source_id} and {n} documents")


@click.command("doctor")
@click.option("--repair/--no-repair", default=True, show_default=True, help="Fix what can be fixed.")
def doctor_cmd(repair: bool) -> None:
    """Check the database and the search index agree; rebuild the index from the database if not."""
    from guidewise.doctor import run_doctor

    ok, lines = run_doctor(get_engine(), repair)
    console = err_console()
    for line in lines:
        console.print(line, highlight=False)
    sys.exit(0 if ok else 1)
