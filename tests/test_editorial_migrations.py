"""Migration 0002 upgrades a populated 0001 database (SQLite or PostgreSQL) without losing rows."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError

from guidewise.settings import Settings
from guidewise.store.db import HEAD, MIGRATIONS, Store, current_revision, make_engine


def database_at(revision: str) -> tuple[str, Engine]:
    """A fresh database migrated to `revision` (not the head)."""
    url = Settings().db_url
    eng = make_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    assert current_revision(eng) == revision
    return url, eng


def test_0001_database_upgrades_with_its_data() -> None:
    url, eng = database_at("0001")
    with eng.begin() as c:
        c.execute(text("INSERT INTO users (username, display_name, role, active, created_at) "
                       "VALUES ('ed', 'Ed', 'editor', true, CURRENT_TIMESTAMP)"))
        c.execute(text("INSERT INTO articles (slug, question, status, current_version, created_at, updated_at, "
                       "lock_version) VALUES ('a1', 'q', 'submitted', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)"))
    eng.dispose()

    store = Store(url)  # opening the store migrates to the head
    assert current_revision(store.engine) == HEAD == "0003"
    cols = {c["name"] for c in inspect(store.engine).get_columns("articles")}
    assert {"revised_by", "retired_at"} <= cols
    assert "last_login_at" in {c["name"] for c in inspect(store.engine).get_columns("users")}
    with store.engine.connect() as c:
        assert c.execute(text("SELECT slug FROM articles")).scalar() == "a1"
        assert c.execute(text("SELECT username FROM users")).scalar() == "ed"
    # the chain cannot fork: two rows may not share a previous hash
    row = ("INSERT INTO audit_log (ts, actor, action, object_type, object_id, details, prev_hash, hash) "
           "VALUES (CURRENT_TIMESTAMP, 'a', 'x', 'y', 'z', '{}', :p, :h)")
    with store.engine.begin() as c:
        c.execute(text(row), {"p": "0" * 64, "h": "1" * 64})
    with pytest.raises(IntegrityError), store.engine.begin() as c:
        c.execute(text(row), {"p": "0" * 64, "h": "2" * 64})


def test_0002_database_with_threads_upgrades_to_remember_subjects() -> None:
    url, eng = database_at("0002")
    with eng.begin() as c:
        c.execute(text("INSERT INTO threads (id, created_at, updated_at, topic_id, context, turn_count) "
                       "VALUES ('t1', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'gout', '{}', 1)"))
        c.execute(text("INSERT INTO turns (thread_id, n, question, topic_id, intents, audience, created_at) "
                       "VALUES ('t1', 1, 'q', 'gout', '[]', 'patient', CURRENT_TIMESTAMP)"))
    eng.dispose()
    store = Store(url)
    assert current_revision(store.engine) == HEAD
    assert {"subjects", "aspect"} <= {c["name"] for c in inspect(store.engine).get_columns("turns")}
    from guidewise.store.threads import ThreadStore

    threads = ThreadStore(store)
    state = threads.get("t1")
    assert state.topic_id == "gout" and state.subjects == () and state.aspect is None
    threads.record("t1", "q2", "gout", [], "patient", state.context, ["cond:gout"], "treatment")
    assert threads.get("t1").subjects == ("cond:gout",)
    assert threads.turns("t1")[1]["aspect"] == "treatment"
