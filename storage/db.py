"""Engine and sessions. Built by functions, never at import time, so tests choose their own database."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event, text
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, create_engine

from storage import models  # noqa: F401  (registers the tables on SQLModel.metadata)

SessionFactory = Callable[[], Session]


def make_engine(url: str) -> Engine:
    """`hide_parameters`: a failed statement's error (logged, or in a traceback) must not carry the answer or
    feedback text it was writing."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10}, hide_parameters=True)
        _tune_sqlite(engine)
        return engine
    engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10, hide_parameters=True)
    _tune_postgresql(engine)
    return engine


def _tune_postgresql(engine: Engine) -> None:
    """JIT off: the summary's streak query (correlated subqueries) looks expensive enough to the planner to be
    JIT-compiled, which took 0.7 s of its 1.3 s on 100k answers (bench/summary_bench.py); no query here gains."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET jit = off")
        dbapi_connection.commit()


def _tune_sqlite(engine: Engine) -> None:
    """WAL, a busy timeout and BEGIN IMMEDIATE: the SQLite recipe that avoids SQLITE_BUSY on read-then-write."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=10000")
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            _switch_to_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    """Once per new database file. SQLite refuses the switch at once, ignoring busy_timeout, while another
    connection writes (replicas starting together on a fresh file), so wait for it here."""
    deadline = time.monotonic() + 10
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def session_factory(engine: Engine) -> SessionFactory:
    """expire_on_commit=False: objects stay readable after commit without a query per attribute."""
    return sessionmaker(bind=engine, class_=Session, expire_on_commit=False)


@contextmanager
def transaction(sessions: SessionFactory) -> Iterator[Session]:
    """One unit of work: committed together or not at all, so nothing is half-saved."""
    with sessions() as session:
        with session.begin():
            yield session


def database_reachable(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any driver error means "not reachable" for a health check
        return False
