"""Users, roles, passwords and sessions.

Local mode has one user with full rights and no login. Server mode needs a login: users live in
the ``app_user`` table with a role (``admin`` > ``coder`` > ``viewer``) and an Argon2id password
hash; the session is a signed, HttpOnly, SameSite cookie (Starlette's ``SessionMiddleware``, which
signs with itsdangerous) holding the user id and a mark: a fingerprint of the password hash and
the user's ``session_version``, checked on every request. A new password ends old sessions;
logout (or :func:`end_user_sessions`) raises the version, so every cookie issued before — on
any device — stops being a login, even though its signature is still valid.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Request

from indsigt.errors import IndsigtError
from indsigt.records import is_machine_coder
from indsigt.store import Store, schema
from indsigt.store.store import insert_returning_id, now
from indsigt.web.config import web_state
from indsigt.web.i18n import N_
from indsigt.web.problems import Forbidden, LoginRequired

ROLES = ("admin", "coder", "viewer")
_RANK = {"viewer": 0, "coder": 1, "admin": 2}
_NAME = re.compile(r"^[\w.@-]{1,100}$")
MIN_PASSWORD = 8

_hasher = PasswordHasher()


@dataclass(frozen=True)
class User:
    """Who is asking. ``name`` is the coder name stored with their codings."""

    name: str
    role: str
    id: int | None = None

    def can(self, role: str) -> bool:
        """Whether this user has ``role`` or a higher one."""
        return _RANK[self.role] >= _RANK[role]


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def _session_mark(row: Any) -> str:
    """What a session must carry to stay valid: changes with the password and at logout."""
    return f"{_fingerprint(row.password_hash)}.{int(row.session_version or 0)}"


# -- managing users (the CLI calls these) ----------------------------------------------------


def add_user(store: Store, username: str, password: str, *, role: str, actor: str = "cli") -> int:
    """Create a web user; returns the id. Raises :class:`IndsigtError` for a bad name, role or
    password, or a name that is taken."""
    if role not in ROLES:
        raise IndsigtError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    if not _NAME.match(username):
        raise IndsigtError(
            f"{username!r}: a user name is 1–100 letters, digits or . _ @ - (no spaces)"
        )
    if is_machine_coder(username):
        raise IndsigtError(f"{username!r}: names ending in .vN are kept for coding components")
    if len(password) < MIN_PASSWORD:
        raise IndsigtError(f"the password needs at least {MIN_PASSWORD} characters")
    with store.begin() as connection:
        taken = connection.scalar(
            sa.select(schema.app_user.c.id).where(schema.app_user.c.username == username)
        )
        if taken is not None:
            raise IndsigtError(f"user {username!r} exists already")
        user_id = insert_returning_id(
            connection,
            schema.app_user.insert().values(
                username=username,
                password_hash=hash_password(password),
                role=role,
                created_at=now(),
            ),
        )
        store.log(
            connection,
            "user.added",
            entity="app_user",
            entity_id=user_id,
            actor=actor,
            payload={"username": username, "role": role},
        )
    return user_id


def remove_user(store: Store, username: str, *, actor: str = "cli") -> None:
    with store.begin() as connection:
        deleted = connection.execute(
            schema.app_user.delete().where(schema.app_user.c.username == username)
        ).rowcount
        if not deleted:
            raise IndsigtError(f"no user {username!r}")
        store.log(
            connection,
            "user.removed",
            entity="app_user",
            entity_id=username,
            actor=actor,
            payload={"username": username},
        )


def list_users(store: Store) -> list[dict[str, Any]]:
    table = schema.app_user
    with store.connect() as connection:
        rows = connection.execute(
            sa.select(table.c.id, table.c.username, table.c.role, table.c.created_at).order_by(
                table.c.username
            )
        ).all()
    return [
        {"id": r.id, "username": r.username, "role": r.role, "created_at": r.created_at}
        for r in rows
    ]


def count_users(store: Store, *, role: str | None = None) -> int:
    query = sa.select(sa.func.count()).select_from(schema.app_user)
    if role is not None:
        query = query.where(schema.app_user.c.role == role)
    with store.connect() as connection:
        return int(connection.scalar(query) or 0)


# -- sessions ---------------------------------------------------------------------------------


def authenticate(store: Store, username: str, password: str) -> tuple[User, str] | None:
    """The user and their session mark when the password matches, else None."""
    table = schema.app_user
    with store.connect() as connection:
        row = connection.execute(sa.select(table).where(table.c.username == username)).first()
    if row is None:
        verify_password(_dummy_hash(), password)  # same work whether or not the user exists
        return None
    if not verify_password(row.password_hash, password):
        return None
    return User(row.username, row.role, row.id), _session_mark(row)


@functools.cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def start_session(request: Request, user: User, mark: str) -> None:
    """Log in: a fresh session (new id, so a new CSRF token) for ``user``."""
    request.session.clear()
    request.session.update(sid=secrets.token_urlsafe(24), uid=user.id, pv=mark)
    request.state.user = user


def end_session(request: Request) -> None:
    """Log out: this cookie is cleared, and (server mode) every session of the user ends."""
    user = optional_user(request)
    state = web_state(request)
    if user is not None and user.id is not None and state.config.server:
        _raise_session_version(state.store, user.name, actor=user.name, action="user.logout")
    request.session.clear()
    request.state.user = None


def end_user_sessions(store: Store, username: str, *, actor: str) -> None:
    """End every session of ``username`` (e.g. a lost laptop); they log in again."""
    if not _raise_session_version(store, username, actor=actor, action="user.sessions_ended"):
        raise IndsigtError(f"no user {username!r}")


def _raise_session_version(store: Store, username: str, *, actor: str, action: str) -> bool:
    table = schema.app_user
    with store.begin() as connection:
        changed = connection.execute(
            table.update()
            .where(table.c.username == username)
            .values(session_version=table.c.session_version + 1)
        ).rowcount
        if changed:
            store.log(
                connection,
                action,
                entity="app_user",
                entity_id=username,
                actor=actor,
                payload={"username": username},
            )
    return bool(changed)


def optional_user(request: Request) -> User | None:
    """The signed-in user (local mode: the local user), or None."""
    if hasattr(request.state, "user"):
        cached: User | None = request.state.user
        return cached
    state = web_state(request)
    user: User | None = None
    if not state.config.server:
        user = User(state.config.local_user, "admin")
    else:
        uid = request.session.get("uid")
        if isinstance(uid, int):
            table = schema.app_user
            with state.store.connect() as connection:
                row = connection.execute(sa.select(table).where(table.c.id == uid)).first()
            if row is not None and request.session.get("pv") == _session_mark(row):
                user = User(row.username, row.role, row.id)
    request.state.user = user
    return user


def current_user(request: Request) -> User:
    """Dependency: the user, or :class:`LoginRequired`."""
    user = optional_user(request)
    if user is None:
        raise LoginRequired(N_("please log in"))
    return user


def require(user: User, role: str, doing: str) -> None:
    """Raise :class:`Forbidden` unless ``user`` has ``role`` (or a higher one)."""
    if not user.can(role):
        raise Forbidden(
            N_("%(doing)s needs the %(role)s role; you are %(current)s"),
            doing=doing,
            role=role,
            current=user.role,
        )
