"""A fresh PostgreSQL schema per test on the server named by PRACTICE_TEST_POSTGRES_URL (CI always sets it).

Tests that only need a running bot take an already migrated schema from this process's pool instead
(`pooled_schema`): creating and migrating one costs ~0.15 s of alembic and DDL, emptying one a few ms."""

from __future__ import annotations

import functools
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from storage import migrate
from storage.db import make_engine

ENV = "PRACTICE_TEST_POSTGRES_URL"


def server_url() -> str:
    url = os.environ.get(ENV, "")
    if not url:
        pytest.skip(f"no PostgreSQL server configured: set {ENV} (CI sets it) to run this test on PostgreSQL too")
    return url


def _url(base: str, schema: str, *, tagged: bool = False) -> str:
    """Connections see only `schema`; tagged ones also carry it as their application_name, so the pool can tell
    whether any is still open."""
    options = f"-csearch_path={schema}" + (f" -capplication_name={schema}" if tagged else "")
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options={quote(options)}"


@contextmanager
def postgres_schema(base: str | None = None, prefix: str = "test") -> Iterator[str]:
    """A URL whose connections see only a new, empty schema, dropped afterwards; tests can run in parallel.
    The benchmarks pass their own server URL."""
    base = base or server_url()
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield _url(base, schema)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


# This process's migrated schemas that no test holds, emptied; pytest runs one test at a time per process.
_pool: list[str] = []
# The tables of a migrated schema (alembic_version included), per server, read from the first one made.
_migrated_tables: dict[str, frozenset[str]] = {}
# How long the bot's closed connections may take to leave pg_stat_activity before the schema is dropped instead.
CLOSE_GRACE_SECONDS = 1.0


_head_revision = functools.cache(migrate.head_revision)


@functools.cache
def _admin(base: str) -> Engine:
    return create_engine(base, isolation_level="AUTOCOMMIT")


def _tables(connection: Connection, schema: str) -> frozenset[str]:
    return frozenset(
        connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = :schema"), {"schema": schema}
        ).scalars()
    )


def _new_migrated_schema(base: str) -> str:
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with _admin(base).connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(_url(base, schema))
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    with _admin(base).connect() as connection:
        _migrated_tables.setdefault(base, _tables(connection, schema))
    return schema


@contextmanager
def pooled_schema() -> Iterator[str]:
    """A schema at the newest migration with no rows and identities restarted (ids from 1, as in a new one),
    tagged so `_empty` can check nothing still uses it; returned to the pool afterwards, or dropped."""
    base = server_url()
    schema = _pool.pop() if _pool else _new_migrated_schema(base)
    try:
        yield _url(base, schema, tagged=True)
    finally:
        if _empty(base, schema):
            _pool.append(schema)
        else:
            with _admin(base).connect() as connection:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


def _empty(base: str, schema: str) -> bool:
    """Empty the schema for the next test, but only when no connection of this test is left (a late write would
    land in the next test) and its tables and migration are still the migrated ones; False means drop it."""
    with _admin(base).connect() as connection:
        deadline = time.monotonic() + CLOSE_GRACE_SECONDS
        while connection.execute(
            text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :schema"), {"schema": schema}
        ).scalar():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        tables = _tables(connection, schema)
        if tables != _migrated_tables[base]:
            return False
        version = connection.execute(text(f'SELECT version_num FROM "{schema}".alembic_version')).scalars().all()
        if version != [_head_revision()]:
            return False
        names = ", ".join(f'"{schema}"."{table}"' for table in sorted(tables - {"alembic_version"}))
        connection.execute(text("SET lock_timeout = '2s'"))
        try:
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY"))
        except OperationalError:
            return False
        finally:
            connection.execute(text("RESET lock_timeout"))
    return True


def drop_pool() -> None:
    """At the end of the session: drop this process's pooled schemas."""
    while _pool:
        schema = _pool.pop()
        with _admin(server_url()).connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
