"""Users (admin): list, show, create, change role/profile/state/password; tokens; and `me`."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from guidewise.editorial import tokens as tok
from guidewise.editorial import users as eu
from guidewise.store.models import User
from guidewise.web.api.pagination import PageDep, paged
from guidewise.web.deps import EngineDep, SignedIn, require
from guidewise.web.security import Principal

router = APIRouter(tags=["users"])
Admin = Annotated[Principal, Depends(require("users:admin"))]
Role = Literal["reader", "editor", "reviewer", "admin"]


def user_json(u: eu.UserInfo) -> dict[str, Any]:
    out = dataclasses.asdict(u)
    for k in ("created_at", "last_login_at"):
        out[k] = out[k].isoformat() if out[k] else None
    out["board_name"] = u.board_name
    return out


class UserIn(BaseModel):
    username: str = Field(min_length=2, max_length=64)
    role: Role
    password: str | None = Field(default=None, max_length=1000)
    display_name: str | None = Field(default=None, max_length=200)
    credentials: str | None = Field(default=None, max_length=200)
    specialty: str | None = Field(default=None, max_length=200)


class UserPatch(BaseModel):
    role: Role | None = None
    active: bool | None = None
    password: str | None = Field(default=None, max_length=1000)
    display_name: str | None = Field(default=None, max_length=200)
    credentials: str | None = Field(default=None, max_length=200)
    specialty: str | None = Field(default=None, max_length=200)


class TokenIn(BaseModel):
    name: str = Field(min_length=1, max_length=100, description="What the token is for, e.g. 'ci-ingest'.")


@router.get("/me", summary="The signed-in user (session or token)")
def me(engine: EngineDep, who: SignedIn) -> dict[str, Any]:
    return user_json(eu.get_user(engine.store, who.username)) | {"via": who.via}


@router.get("/users", summary="List users (admin)")
def list_users(engine: EngineDep, _admin: Admin, p: PageDep) -> dict[str, Any]:
    with engine.store.session() as s:
        total = s.scalar(select(func.count()).select_from(User)) or 0
    rows = eu.list_users(engine.store, limit=p.per_page, offset=p.offset)
    return paged([user_json(u) for u in rows], total, p)


@router.post("/users", status_code=201, summary="Add a user (admin)")
def create_user(body: UserIn, engine: EngineDep, admin: Admin) -> dict[str, Any]:
    u = eu.create_user(engine.store, body.username, body.role, body.password, body.display_name,
                       body.credentials, body.specialty, actor=admin.username)
    return user_json(u)


@router.get("/users/{username}", summary="One user (admin)")
def get_user(username: str, engine: EngineDep, _admin: Admin) -> dict[str, Any]:
    return user_json(eu.get_user(engine.store, username))


@router.patch("/users/{username}", summary="Change a user's role, profile, state or password (admin)")
def update_user(username: str, body: UserPatch, engine: EngineDep, admin: Admin) -> dict[str, Any]:
    store, actor = engine.store, admin.username
    if body.display_name is not None or body.credentials is not None or body.specialty is not None:
        eu.update_profile(store, username, body.display_name, body.credentials, body.specialty, actor=actor)
    if body.role is not None:
        eu.set_role(store, username, body.role, actor=actor)
    if body.active is not None:
        eu.set_active(store, username, body.active, actor=actor)
    if body.password is not None:
        eu.set_password(store, username, body.password, actor=actor)
    return user_json(eu.get_user(store, username))


@router.post("/users/{username}/tokens", status_code=201,
             summary="Create an API token (admin, or the user themself); the secret is shown once")
def create_token(username: str, body: TokenIn, engine: EngineDep, who: SignedIn) -> dict[str, Any]:
    secret, info = tok.create_token(engine.store, username, body.name, actor=who.username)
    return {"token": secret, "id": info.id, "name": info.name, "username": info.username,
            "created_at": info.created_at.isoformat()}
