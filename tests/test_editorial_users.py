"""Users, roles, password login and API tokens against the real store."""

from __future__ import annotations

import time

import pytest

from guidewise.editorial import audit
from guidewise.editorial.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from guidewise.editorial.tokens import create_token, list_tokens, revoke_token, verify_token
from guidewise.editorial.users import (
    authenticate,
    create_user,
    get_user,
    list_users,
    set_active,
    set_password,
    set_role,
    update_profile,
)
from guidewise.settings import Settings
from guidewise.store.db import Store

PW = "a long enough password"


@pytest.fixture
def store() -> Store:
    s = Store(Settings().db_url)
    create_user(s, "root", "admin", password=PW, display_name="Site Admin")
    return s


def test_create_and_list_users_with_reviewer_profile(store: Store) -> None:
    create_user(store, "Ed", "editor", password=PW, actor="root")
    rev = create_user(store, "jroe", "reviewer", password=PW, display_name="Jane Roe", credentials="MD, FACP",
                      specialty="Internal medicine", actor="root")
    assert rev.board_name == "Jane Roe, MD, FACP (Internal medicine)"
    assert [u.username for u in list_users(store)] == ["ed", "jroe", "root"]
    assert [u.username for u in list_users(store, role="reviewer")] == ["jroe"]
    with pytest.raises(ValidationFailed, match="credentials, specialty"):
        create_user(store, "quack", "reviewer", display_name="Doctor Quack", actor="root")
    with pytest.raises(Conflict, match="already taken"):
        create_user(store, "ED", "reader", actor="root")
    with pytest.raises(ValidationFailed, match="role 'boss'"):
        create_user(store, "x1", "boss", actor="root")
    with pytest.raises(ValidationFailed, match="username"):
        create_user(store, "has space", "reader", actor="root")
    with pytest.raises(ValidationFailed, match="at least 10"):
        create_user(store, "shorty", "reader", password="short", actor="root")


def test_only_admins_manage_users(store: Store) -> None:
    create_user(store, "ed", "editor", password=PW, actor="root")
    with pytest.raises(PermissionDenied, match="admin"):
        create_user(store, "eve", "admin", password=PW, actor="ed")
    with pytest.raises(PermissionDenied):
        set_role(store, "ed", "admin", actor="ed")
    with pytest.raises(NotFound):
        set_role(store, "nobody", "editor", actor="root")
    assert get_user(store, "ed").role == "editor"


def test_authenticate(store: Store) -> None:
    create_user(store, "ed", "editor", password=PW, actor="root")
    user = authenticate(store, "ed", PW)
    assert user is not None and user.username == "ed" and user.last_login_at is not None
    assert authenticate(store, "ED ", PW) is not None
    assert authenticate(store, "ed", PW + "x") is None
    assert authenticate(store, "ghost", PW) is None
    assert authenticate(store, "", "") is None
    actions = [(e.action, e.object_id) for e in reversed(audit.list_entries(store)) if e.action.startswith("login")]
    assert actions == [("login.success", "ed"), ("login.success", "ed"), ("login.failure", "ed"),
                       ("login.failure", "(unknown)"), ("login.failure", "(unknown)")]
    assert all(PW not in str(e.details) and PW not in e.object_id for e in audit.list_entries(store))


def test_unknown_user_costs_a_real_hash_verification(store: Store) -> None:
    authenticate(store, "ghost", PW)  # warm the dummy hash
    t0 = time.perf_counter()
    authenticate(store, "ghost", PW)
    unknown = time.perf_counter() - t0
    t0 = time.perf_counter()
    authenticate(store, "root", "wrong password!!")
    known = time.perf_counter() - t0
    assert unknown > known / 4  # same order of magnitude: an argon2 verification ran in both cases


def test_disabled_users_cannot_log_in_or_use_tokens(store: Store) -> None:
    create_user(store, "ed", "editor", password=PW, actor="root")
    secret, _ = create_token(store, "ed", "laptop", actor="root")
    assert verify_token(store, secret) is not None
    set_active(store, "ed", False, actor="root")
    assert authenticate(store, "ed", PW) is None
    assert verify_token(store, secret) is None
    assert audit.list_entries(store, action="login.failure")[0].details == {"reason": "disabled"}
    set_active(store, "ed", True, actor="root")
    assert authenticate(store, "ed", PW) is not None


def test_last_admin_is_protected(store: Store) -> None:
    with pytest.raises(Conflict, match="last active admin"):
        set_role(store, "root", "editor", actor="root")
    with pytest.raises(Conflict, match="last active admin"):
        set_active(store, "root", False)
    create_user(store, "root2", "admin", password=PW, actor="root")
    assert set_role(store, "root", "editor", actor="root2").role == "editor"


def test_role_change_to_reviewer_needs_profile_and_is_audited(store: Store) -> None:
    create_user(store, "amy", "editor", password=PW, actor="root")
    with pytest.raises(ValidationFailed, match="full name"):
        set_role(store, "amy", "reviewer", actor="root")
    update_profile(store, "amy", display_name="Amy Lee", credentials="PharmD", specialty="Pharmacy", actor="amy")
    assert set_role(store, "amy", "reviewer", actor="root").board_name == "Amy Lee, PharmD (Pharmacy)"
    entry = audit.list_entries(store, action="user.set_role")[0]
    assert (entry.actor, entry.object_id, entry.details) == ("root", "amy", {"from": "editor", "to": "reviewer"})


def test_passwords_are_argon2_hashed_and_changeable(store: Store) -> None:
    from sqlalchemy import select

    from guidewise.store.models import User

    with store.session() as s:
        stored = s.execute(select(User.password_hash).where(User.username == "root")).scalar_one()
    assert stored and stored.startswith("$argon2") and PW not in stored
    create_user(store, "ed", "editor", password=PW, actor="root")
    set_password(store, "ed", "a brand new password", actor="ed")
    assert authenticate(store, "ed", PW) is None and authenticate(store, "ed", "a brand new password")
    with pytest.raises(PermissionDenied):
        set_password(store, "root", "hijacked password", actor="ed")


def test_tokens_shown_once_stored_hashed_and_revocable(store: Store) -> None:
    from sqlalchemy import select

    from guidewise.store.models import ApiToken

    create_user(store, "ed", "editor", password=PW, actor="root")
    secret, info = create_token(store, "ed", "ci-ingest", actor="ed")
    assert secret.startswith("gw_") and len(secret) > 40 and info.name == "ci-ingest"
    with store.session() as s:
        hashes = list(s.execute(select(ApiToken.token_hash)).scalars())
    assert secret not in hashes and len(hashes[0]) == 64
    user = verify_token(store, secret)
    assert user is not None and user.username == "ed"
    assert verify_token(store, secret[:-1] + ("A" if secret[-1] != "A" else "B")) is None
    assert verify_token(store, "") is None and verify_token(store, "not-a-token") is None
    assert list_tokens(store, "ed")[0].last_used_at is not None
    with pytest.raises(PermissionDenied):
        create_token(store, "root", "sneaky", actor="ed")
    with pytest.raises(ValidationFailed, match="token name"):
        create_token(store, "ed", "  ", actor="ed")
    revoke_token(store, info.id, actor="ed")
    assert verify_token(store, secret) is None
    entry = audit.list_entries(store, action="token.create")[0]
    assert entry.details == {"user": "ed"} and secret not in str(entry)
    assert audit.verify_audit(store) == []
