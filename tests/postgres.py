"""A fresh PostgreSQL schema per test on the server named by PRACTICE_TEST_POSTGRES_URL (CI always sets it)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

ENV = "PRACTICE_TEST_POSTGRES_URL"


def server_url() -> str:
    url = os.environ.get(ENV, "")
    if not url:
        pytest.skip(f"no PostgreSQL server configured: set {ENV} (CI sets it) to run this test on PostgreSQL too")
    return url


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
        separator = "&" if "?" in base else "?"
        yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
