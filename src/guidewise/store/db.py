"""Database connection: SQLite (WAL, busy timeout) or PostgreSQL; schema kept at the Alembic head."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine as SAEngine
from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
HEAD = "0003"


class StoreError(RuntimeError):
    """The database cannot be used (locked, full disk, corrupt): the message says what to do."""


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_conn.isolation_level = None  # transactions are begun by _sqlite_begin, not by the driver
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=15000")
    cur.close()


def _sqlite_begin(conn) -> None:  # type: ignore[no-untyped-def]
    # IMMEDIATE takes the write lock up front (waiting up to busy_timeout), so a transaction that reads and
    # then writes can never fail with "database is locked" when another writer got in between.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> SAEngine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        eng = create_engine(url, connect_args={"timeout": 15, "check_same_thread": False})
        event.listen(eng, "connect", _sqlite_pragmas)
        event.listen(eng, "begin", _sqlite_begin)
        return eng
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def current_revision(eng: SAEngine) -> str | None:
    with eng.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(eng: SAEngine) -> None:
    """Run Alembic migrations to head (idempotent)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def ensure_schema(eng: SAEngine) -> None:
    """Migrate only when needed: the common case costs one small query."""
    try:
        if current_revision(eng) != HEAD:
            upgrade(eng)
    except OperationalError as e:
        raise StoreError(describe_db_error(e)) from e


def describe_db_error(e: Exception) -> str:
    msg = str(getattr(e, "orig", e)).lower()
    if "locked" in msg or "busy" in msg:
        return "the database is locked by another process; try again, or stop the other writer"
    if ("disk" in msg and ("full" in msg or "space" in msg)) or "no space" in msg:
        return "the disk is full: free some space, then run `guidewise doctor`"
    if "disk i/o error" in msg:
        return "the database could not be written (disk I/O error; is the disk full?): fix it, then run `guidewise doctor`"
    if "malformed" in msg or "not a database" in msg or "corrupt" in msg:
        return "the database file is corrupt: restore it from a backup, or move it away and re-ingest"
    if "readonly" in msg or "read-only" in msg:
        return "the database is read-only: check the permissions of GUIDEWISE_HOME"
    return f"database error: {str(getattr(e, 'orig', e)).splitlines()[0]}"


class Store:
    """Owns the SQLAlchemy engine and hands out sessions."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        ensure_schema(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on error."""
        s = self._sessions()
        try:
            yield s
            s.commit()
        except OperationalError as e:
            s.rollback()
            raise StoreError(describe_db_error(e)) from e
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()
