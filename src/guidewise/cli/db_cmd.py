"""`guidewise db upgrade|current`: migrate the SQLite or PostgreSQL schema with Alembic."""

from __future__ import annotations

import click

from guidewise.cli.common import err_console


@click.group("db")
def db_group() -> None:
    """Database schema: show the revision, migrate to the latest."""


def _url() -> str:
    from guidewise.settings import Settings

    return Settings().db_url


def _where(url: str) -> str:
    """The URL without a password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@db_group.command("upgrade")
def db_upgrade() -> None:
    """Migrate the database (GUIDEWISE_DATABASE_URL, or SQLite in GUIDEWISE_HOME) to the latest schema."""
    from sqlalchemy.exc import OperationalError

    from guidewise.store.db import HEAD, current_revision, describe_db_error, make_engine, upgrade

    url = _url()
    eng = make_engine(url)
    try:
        before = current_revision(eng)
        upgrade(eng)
        after = current_revision(eng)
    except OperationalError as e:
        raise click.ClickException(f"{_where(url)}: {describe_db_error(e)}") from e
    finally:
        eng.dispose()
    if after != HEAD:
        raise click.ClickException(f"{_where(url)}: at revision {after}, expected {HEAD}")
    if before == after:
        err_console().print(f"{_where(url)}: already at revision {after}", highlight=False)
    else:
        err_console().print(f"{_where(url)}: migrated {before or 'empty'} -> {after}", highlight=False)


@db_group.command("current")
def db_current() -> None:
    """Print the schema revision of the database (or 'empty')."""
    from guidewise.store.db import current_revision, make_engine

    eng = make_engine(_url())
    try:
        click.echo(current_revision(eng) or "empty")
    finally:
        eng.dispose()
