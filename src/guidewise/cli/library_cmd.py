"""`guidewise library ...`: inspect and validate the curated guideline library."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table


@click.group("library")
def library_group() -> None:
    """Inspect and validate the curated guideline library."""


@library_group.command("check")
@click.option("--dir", "dirs", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Extra topic directory to check with the bundled library.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check_cmd(dirs: tuple[Path, ...], strict: bool) -> None:
    """Validate every topic: citations, reference fields, doses against maximums, unique ids."""
    from guidewise.library.check import check_library
    from guidewise.settings import Settings
    from guidewise.understand.entities import EntityIndex
    from guidewise.understand.rules_check import check_rules

    console = Console(stderr=True)
    topics, problems = check_library(dirs)
    settings = Settings()
    problems += check_rules(EntityIndex(settings.entities_dir, mesh_tree=settings.mesh_tree), topics)
    errors = [p for p in problems if p.severity == "error" or strict]
    warnings = [p for p in problems if p not in errors]
    for p in errors:
        console.print(f"[bold red]error[/] {p.file}: [cyan]{p.location}[/]: {p.message}", highlight=False)
    for p in warnings:
        console.print(f"[yellow]warning[/] {p.file}: [cyan]{p.location}[/]: {p.message}", highlight=False)
    recs = sum(len(t.recommendations) for t in topics)
    refs = sum(len(t.references) for t in topics)
    from guidewise.library.peds.loader import parse_peds

    peds, _ = parse_peds()
    paeds = (f"; paediatric data: {len(peds.drugs)} drugs, {len(peds.limits)} age limits, "
             f"{len(peds.growth.points)} growth-chart ages" if peds else "")
    from guidewise.library.emergencies.loader import parse_catalogue
    from guidewise.understand.urgent_rules import load_rules

    catalogue, _ = parse_catalogue()
    if catalogue is not None:
        paeds += (f"; emergency catalogue: {len(catalogue.emergencies)} emergencies, "
                  f"{len(load_rules().emergencies)} with recognition rules")
    summary = (f"{len(topics)} topics, {recs} recommendations, {refs} references{paeds}: {len(errors)} errors, "
               f"{len(warnings)} warnings")
    if errors:
        console.print(f"[bold red]FAILED[/] {summary}")
        raise SystemExit(1)
    console.print(f"[bold green]OK[/] {summary}")


@library_group.command("list")
def list_cmd() -> None:
    """List the topics in the library with their review status."""
    from guidewise.library.loader import load_topics

    table = Table("id", "title", "recs", "refs", "status", "last updated")
    for t in load_topics():
        table.add_row(t.id, t.title, str(len(t.recommendations)), str(len(t.references)),
                      t.review.status.value, t.review.last_updated.isoformat())
    Console().print(table)
