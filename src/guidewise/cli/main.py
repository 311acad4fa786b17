"""The `guidewise` command line: a thin layer over guidewise.engine.Engine."""

from __future__ import annotations

import click

from guidewise.cli.articles_cmd import articles_group
from guidewise.cli.ask_cmd import ask_cmd
from guidewise.cli.chat_cmd import chat_cmd
from guidewise.cli.common import setup_logging
from guidewise.cli.db_cmd import db_group
from guidewise.cli.ingest_cmd import doctor_cmd, ingest_cmd, sources_group
from guidewise.cli.library_cmd import library_group
from guidewise.cli.serve_cmd import serve_cmd
from guidewise.cli.staff_cmd import audit_group, tokens_group, users_group


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="guidewise")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (never includes questions).")
def cli(verbose: int) -> None:
    """guidewise: guideline-backed, cited clinical answers, offline."""
    setup_logging(verbose)


for command in (ask_cmd, chat_cmd, ingest_cmd, sources_group, doctor_cmd):
    cli.add_command(command)
cli.add_command(library_group)
cli.add_command(serve_cmd)
for group in (users_group, tokens_group, articles_group, audit_group, db_group):
    cli.add_command(group)


def main() -> None:
    from guidewise.retrieve.lexical import IndexError_
    from guidewise.store.db import StoreError

    try:
        cli()
    except (StoreError, IndexError_) as e:  # locked or corrupt database, full disk, broken index: say so plainly
        from guidewise.cli.common import err_console

        err_console().print(f"[red]error:[/] {e}", highlight=False)
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
