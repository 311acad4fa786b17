"""`guidewise serve`: the web pages and REST API under uvicorn."""

from __future__ import annotations

import click


@click.command("serve")
@click.option("--host", default=None, help="Interface to bind (default: settings.server.host, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: settings.server.port, 8000).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes; use PostgreSQL (GUIDEWISE_DATABASE_URL) for more than one.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info",
              show_default=True)
def serve_cmd(host: str | None, port: int | None, workers: int, log_level: str) -> None:
    """Serve the web pages and the REST API (/api/v1, OpenAPI at /docs)."""
    import uvicorn

    from guidewise.settings import Settings

    settings = Settings()
    if workers > 1 and not (settings.database_url or "").startswith("postgresql"):
        click.echo("note: several workers on SQLite work, but PostgreSQL is recommended for concurrent writes",
                   err=True)
    from guidewise.engine import Engine

    # Migrate the database and build the library and vocabulary caches once, before the workers start.
    warm = Engine(settings)
    _ = warm.store, warm.library
    warm.entities.find("warm up")
    warm.store.engine.dispose()
    host = host or settings.server.host
    port = port or settings.server.port
    click.echo(f"guidewise: serving on http://{host}:{port} ({workers} worker{'s' if workers > 1 else ''})", err=True)
    # access_log=False: uvicorn's access log prints query strings, which hold question text.
    uvicorn.run("guidewise.web.app:app_factory", factory=True, host=host, port=port, workers=workers,
                log_level=log_level, access_log=False, proxy_headers=False)
