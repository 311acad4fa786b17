"""The `guidewise` command line: a thin layer over guidewise.engine.Engine."""

from __future__ import annotations

import click

from guidewise.cli.ask_cmd import ask_cmd
from guidewise.cli.common import setup_logging
from guidewise.cli.library_cmd import library_group


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="guidewise")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (never includes questions).")
def cli(verbose: int) -> None:
    """guidewise: guideline-backed, cited clinical answers, offline."""
    setup_logging(verbose)


cli.add_command(ask_cmd)
cli.add_command(library_group)


def main() -> None:
    cli()
