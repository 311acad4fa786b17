"""`guidewise users …`, `guidewise tokens …` and `guidewise audit …`: local staff administration."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from guidewise.cli.common import err_console

if TYPE_CHECKING:
    from guidewise.store.db import Store

F = TypeVar("F", bound=Callable[..., Any])
AS_HELP = "Act as this user (recorded in the audit trail); omit for local administration."


@functools.lru_cache(maxsize=1)
def store() -> Store:
    """The database alone (no engine, library or index): keeps staff commands quick to start."""
    from guidewise.settings import Settings
    from guidewise.store.db import Store

    settings = Settings()
    settings.home.mkdir(parents=True, exist_ok=True)
    return Store(settings.db_url)


def editorial_errors(fn: F) -> F:
    """Turn refused editorial requests into a one-line error and exit status 1."""
    from guidewise.editorial.errors import EditorialError

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except EditorialError as e:
            raise click.ClickException(str(e)) from e

    return wrapper  # type: ignore[return-value]


def when(t: Any) -> str:
    return f"{t:%Y-%m-%d %H:%M}" if t else "-"


# -- users --------------------------------------------------------------------------------------------
@click.group("users")
def users_group() -> None:
    """Staff accounts: readers, editors, reviewers (the advisory board) and admins."""


@users_group.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["reader", "editor", "reviewer", "admin"]), required=True)
@click.option("--name", "display_name", help="Full name (required for reviewers).")
@click.option("--credentials", help='Reviewer credentials, e.g. "MD, FACP".')
@click.option("--specialty", help="Reviewer specialty, e.g. 'Internal medicine'.")
@click.option("--password", "ask_password", is_flag=True, help="Prompt for a password (needed for web login).")
@click.option("--as", "actor", help=AS_HELP)
@editorial_errors
def users_add(username: str, role: str, display_name: str | None, credentials: str | None, specialty: str | None,
              ask_password: bool, actor: str | None) -> None:
    """Add a user."""
    from guidewise.editorial.users import create_user

    password = click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True) if ask_password \
        else None
    u = create_user(store(), username, role, password, display_name, credentials, specialty, actor)
    err_console().print(f"added {u.username} ({u.role}){': ' + u.board_name if u.role == 'reviewer' else ''}",
                        highlight=False)


@users_group.command("list")
@click.option("--role", type=click.Choice(["reader", "editor", "reviewer", "admin"]))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def users_list(role: str | None, fmt: str) -> None:
    """List users."""
    from guidewise.editorial.users import list_users

    users = list_users(store(), role)
    if fmt == "json":
        click.echo(json.dumps([{"username": u.username, "name": u.display_name, "role": u.role,
                                "credentials": u.credentials, "specialty": u.specialty, "active": u.active}
                               for u in users]))
        return
    table = Table("username", "name", "role", "credentials", "specialty", "active", "last login")
    for u in users:
        table.add_row(u.username, u.display_name, u.role, u.credentials or "", u.specialty or "",
                      "yes" if u.active else "no", when(u.last_login_at))
    Console().print(table)


@users_group.command("set-role")
@click.argument("username")
@click.argument("role", type=click.Choice(["reader", "editor", "reviewer", "admin"]))
@click.option("--as", "actor", help=AS_HELP)
@editorial_errors
def users_set_role(username: str, role: str, actor: str | None) -> None:
    """Change a user's role."""
    from guidewise.editorial.users import set_role

    u = set_role(store(), username, role, actor)
    err_console().print(f"{u.username} is now {u.role}", highlight=False)


@users_group.command("disable")
@click.argument("username")
@click.option("--enable", is_flag=True, help="Enable the user again instead.")
@click.option("--as", "actor", help=AS_HELP)
@editorial_errors
def users_disable(username: str, enable: bool, actor: str | None) -> None:
    """Disable a user (no login, tokens refused), or --enable them again."""
    from guidewise.editorial.users import set_active

    u = set_active(store(), username, enable, actor)
    err_console().print(f"{u.username} is {'enabled' if u.active else 'disabled'}", highlight=False)


@users_group.command("set-password")
@click.argument("username")
@click.option("--as", "actor", help=AS_HELP)
@editorial_errors
def users_set_password(username: str, actor: str | None) -> None:
    """Set a user's password (prompted)."""
    from guidewise.editorial.users import set_password

    set_password(store(), username, click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True),
                 actor)
    err_console().print(f"password set for {username}", highlight=False)


# -- tokens -------------------------------------------------------------------------------------------
@click.group("tokens")
def tokens_group() -> None:
    """API tokens for the REST API (stored hashed; the secret is shown once)."""


@tokens_group.command("create")
@click.argument("username")
@click.option("--name", required=True, help="What the token is for, e.g. 'ci-ingest'.")
@click.option("--as", "actor", help=AS_HELP)
@editorial_errors
def tokens_create(username: str, name: str, actor: str | None) -> None:
    """Create a token for USERNAME and print it (only this once) on stdout."""
    from guidewise.editorial.tokens import create_token

    secret, info = create_token(store(), username, name, actor)
    err_console().print(f"token {info.id} '{info.name}' for {info.username}; store it now, it is not shown again:",
                        highlight=False)
    click.echo(secret)


@tokens_group.command("list")
@click.argument("username", required=False)
@editorial_errors
def tokens_list(username: str | None) -> None:
    """List tokens (never their secrets)."""
    from guidewise.editorial.tokens import list_tokens

    table = Table("id", "user", "name", "created", "last used", "revoked")
    for t in list_tokens(store(), username):
        table.add_row(str(t.id), t.username, t.name, when(t.created_at), when(t.last_used_at),
                      "yes" if t.revoked else "no")
    Console().print(table)


@tokens_group.command("revoke")
@click.argument("token_id", type=int)
@click.option("--as", "actor", help=AS_HELP)
@editorial_errors
def tokens_revoke(token_id: int, actor: str | None) -> None:
    """Revoke a token by id."""
    from guidewise.editorial.tokens import revoke_token

    t = revoke_token(store(), token_id, actor)
    err_console().print(f"token {t.id} '{t.name}' revoked", highlight=False)


# -- audit --------------------------------------------------------------------------------------------
@click.group("audit")
def audit_group() -> None:
    """The hash-chained audit trail."""


@audit_group.command("verify")
def audit_verify() -> None:
    """Check the chain; exit status 1 and one line per problem when rows were edited, deleted or reordered."""
    from guidewise.editorial.audit import entry_count, verify_audit

    s = store()
    problems = verify_audit(s)
    for p in problems:
        err_console().print(f"[red]TAMPERED[/] {p}", highlight=False)
    if problems:
        raise SystemExit(1)
    err_console().print(f"[green]OK[/] audit trail intact ({entry_count(s)} rows checked)")


@audit_group.command("list")
@click.option("--limit", default=50, show_default=True)
@click.option("--action", help="Only this action, e.g. login.failure or article.approve.")
def audit_list(limit: int, action: str | None) -> None:
    """Show the newest entries."""
    from guidewise.editorial.audit import list_entries

    table = Table("id", "time (UTC)", "actor", "action", "object", "version", "details")
    for e in list_entries(store(), limit=limit, action=action):
        table.add_row(str(e.id), f"{e.ts:%Y-%m-%d %H:%M:%S}", e.actor, e.action, f"{e.object_type} {e.object_id}",
                      "" if e.version is None else str(e.version), json.dumps(e.details, sort_keys=True))
    Console().print(table)
