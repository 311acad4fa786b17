"""Staff accounts and roles: create, authenticate (argon2, constant time), list, change role or state."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from guidewise.editorial import audit
from guidewise.editorial.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from guidewise.store.db import Store
from guidewise.store.models import User, utcnow

ROLES = ("reader", "editor", "reviewer", "admin")
SYSTEM_ACTOR = "system"  # local command-line administration (no web login involved)
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,63}$")
MIN_PASSWORD = 10


@lru_cache(maxsize=1)
def hasher() -> PasswordHasher:
    return PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified against when the user does not exist, so timing does not reveal valid usernames."""
    return hasher().hash("guidewise-not-a-real-password")


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: str
    credentials: str | None
    specialty: str | None
    active: bool
    has_password: bool
    created_at: dt.datetime
    last_login_at: dt.datetime | None

    @property
    def board_name(self) -> str:
        """How a reviewer is shown on an article: 'Jane Roe, MD, FACP (Internal medicine)'."""
        name = self.display_name + (f", {self.credentials}" if self.credentials else "")
        return name + (f" ({self.specialty})" if self.specialty else "")


def to_info(u: User) -> UserInfo:
    return UserInfo(id=u.id, username=u.username, display_name=u.display_name, role=u.role,
                    credentials=u.credentials, specialty=u.specialty, active=u.active,
                    has_password=bool(u.password_hash), created_at=u.created_at, last_login_at=u.last_login_at)


def normalise_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME_RE.match(name):
        raise ValidationFailed(f"username {username!r}: use 2-64 letters, digits, '.', '_' or '-', "
                               "starting with a letter or digit")
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise ValidationFailed(f"role {role!r}: must be one of {', '.join(ROLES)}")
    return role


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationFailed(f"password: must be at least {MIN_PASSWORD} characters")


def _check_reviewer_profile(display_name: str, credentials: str | None, specialty: str | None) -> None:
    missing = [f for f, v in (("full name", display_name), ("credentials", credentials),
                              ("specialty", specialty)) if not (v and v.strip())]
    if missing:
        raise ValidationFailed(f"a reviewer is an advisory-board member and needs: {', '.join(missing)}")


def user_row(s: Session, username: str) -> User:
    u = s.execute(select(User).where(User.username == username.strip().lower())).scalar_one_or_none()
    if u is None:
        raise NotFound(f"no user named {username!r}")
    return u


def acting_user(s: Session, actor: str | None, roles: tuple[str, ...], action: str) -> User | None:
    """The active user allowed to `action` (None for local system administration when actor is None)."""
    if actor is None:
        return None
    u = user_row(s, actor)
    if not u.active:
        raise PermissionDenied(f"user {u.username!r} is disabled")
    if u.role not in roles:
        raise PermissionDenied(f"{action} needs the role {' or '.join(roles)}; {u.username!r} is {u.role}")
    return u


def actor_name(u: User | None) -> str:
    return u.username if u is not None else SYSTEM_ACTOR


def create_user(store: Store, username: str, role: str, password: str | None = None,
                display_name: str | None = None, credentials: str | None = None,
                specialty: str | None = None, actor: str | None = None) -> UserInfo:
    """Add a user; `actor` must be an admin (None = local command-line administration)."""
    name = normalise_username(username)
    _check_role(role)
    if password is not None:
        _check_password(password)
    full_name = (display_name or "").strip() or name
    if role == "reviewer":
        _check_reviewer_profile((display_name or "").strip(), credentials, specialty)
    try:
        with store.session() as s:
            admin = acting_user(s, actor, ("admin",), "adding users")
            if s.execute(select(User.id).where(User.username == name)).first():
                raise Conflict(f"username {name!r} is already taken")
            u = User(username=name, display_name=full_name, role=role, credentials=credentials or None,
                     specialty=specialty or None, active=True,
                     password_hash=hasher().hash(password) if password else None, created_at=utcnow())
            s.add(u)
            s.flush()
            audit.record(s, actor_name(admin), "user.create", "user", u.username, details={"role": role})
            return to_info(u)
    except IntegrityError as e:
        raise Conflict(f"username {name!r} is already taken") from e


def authenticate(store: Store, username: str, password: str) -> UserInfo | None:
    """The active user with this password, or None. Always runs one argon2 verification; audited."""
    try:
        name = normalise_username(username)
    except ValidationFailed:
        name = ""
    with store.session() as s:
        u = s.execute(select(User).where(User.username == name)).scalar_one_or_none() if name else None
        stored = u.password_hash if u is not None and u.password_hash else _dummy_hash()
        try:
            ok = hasher().verify(stored, password) and u is not None and bool(u.password_hash)
        except (VerificationError, InvalidHashError):
            ok = False
        if u is None:  # never store what was typed: it may be a password entered in the wrong box
            audit.record(s, SYSTEM_ACTOR, "login.failure", "user", "(unknown)", details={"reason": "unknown user"})
            return None
        if not ok or not u.active:
            audit.record(s, u.username, "login.failure", "user", u.username,
                         details={"reason": "bad password" if not ok else "disabled"})
            return None
        if hasher().check_needs_rehash(u.password_hash or ""):
            u.password_hash = hasher().hash(password)
        u.last_login_at = utcnow()
        audit.record(s, u.username, "login.success", "user", u.username)
        return to_info(u)


def get_user(store: Store, username: str) -> UserInfo:
    with store.session() as s:
        return to_info(user_row(s, username))


def get_user_by_id(store: Store, user_id: int) -> UserInfo | None:
    with store.session() as s:
        u = s.get(User, user_id)
        return to_info(u) if u is not None else None


def list_users(store: Store, role: str | None = None, limit: int = 1000, offset: int = 0) -> list[UserInfo]:
    q = select(User).order_by(User.username).limit(limit).offset(offset)
    if role is not None:
        q = q.where(User.role == _check_role(role))
    with store.session() as s:
        return [to_info(u) for u in s.execute(q).scalars()]


def _other_active_admins(s: Session, u: User) -> int:
    return s.execute(select(func.count(User.id)).where(User.role == "admin", User.active.is_(True),
                                                       User.id != u.id)).scalar_one()


def set_role(store: Store, username: str, role: str, actor: str | None = None) -> UserInfo:
    """Change a user's role (admin only); a reviewer needs a full name, credentials and a specialty."""
    _check_role(role)
    with store.session() as s:
        admin = acting_user(s, actor, ("admin",), "changing roles")
        u = user_row(s, username)
        if u.role == role:
            return to_info(u)
        if u.role == "admin" and u.active and _other_active_admins(s, u) == 0:
            raise Conflict(f"{u.username!r} is the last active admin; make another admin first")
        if role == "reviewer":
            _check_reviewer_profile(u.display_name if u.display_name != u.username else "", u.credentials,
                                    u.specialty)
        old, u.role = u.role, role
        audit.record(s, actor_name(admin), "user.set_role", "user", u.username, details={"from": old, "to": role})
        return to_info(u)


def _self_or_admin(s: Session, actor: str | None, username: str, action: str) -> User | None:
    if actor is not None and actor.strip().lower() == username.strip().lower():
        return acting_user(s, actor, ROLES, action)
    return acting_user(s, actor, ("admin",), action)


def update_profile(store: Store, username: str, display_name: str | None = None, credentials: str | None = None,
                   specialty: str | None = None, actor: str | None = None) -> UserInfo:
    """Change the name, credentials or specialty shown for a user (admin, or the user themself)."""
    with store.session() as s:
        admin = _self_or_admin(s, actor, username, "editing another user's profile")
        u = user_row(s, username)
        new = {"display_name": (display_name or "").strip() or u.display_name,
               "credentials": credentials if credentials is not None else u.credentials,
               "specialty": specialty if specialty is not None else u.specialty}
        if u.role == "reviewer":
            _check_reviewer_profile(new["display_name"] or "", new["credentials"], new["specialty"])
        changed = [k for k, v in new.items() if getattr(u, k) != v]
        for k in changed:
            setattr(u, k, new[k])
        if changed:
            audit.record(s, actor_name(admin), "user.update", "user", u.username, details={"fields": ",".join(changed)})
        return to_info(u)


def set_active(store: Store, username: str, active: bool, actor: str | None = None) -> UserInfo:
    """Enable or disable a user (admin only); disabled users cannot log in or use their tokens."""
    with store.session() as s:
        admin = acting_user(s, actor, ("admin",), "disabling users")
        u = user_row(s, username)
        if u.active == active:
            return to_info(u)
        if not active and u.role == "admin" and _other_active_admins(s, u) == 0:
            raise Conflict(f"{u.username!r} is the last active admin and cannot be disabled")
        u.active = active
        audit.record(s, actor_name(admin), "user.enable" if active else "user.disable", "user", u.username)
        return to_info(u)


def set_password(store: Store, username: str, password: str, actor: str | None = None) -> None:
    """Set a password (admin, or the user themself)."""
    _check_password(password)
    with store.session() as s:
        admin = _self_or_admin(s, actor, username, "setting another user's password")
        u = user_row(s, username)
        u.password_hash = hasher().hash(password)
        audit.record(s, actor_name(admin), "user.set_password", "user", u.username)


def board_names(s: Session, user_ids: list[int | None]) -> list[str]:
    """How these users are shown on an article ('Jane Roe, MD, FACP (Internal medicine)')."""
    out = []
    for uid in user_ids:
        u = s.get(User, uid) if uid is not None else None
        if u is not None:
            out.append(to_info(u).board_name)
    return out
