"""Fixed-size pieces of a list of keys: a query built from a list works at any length on both databases.

SQLite refuses an expression more than 1,000 terms deep (one OR per key) and more than 32,766 bound
parameters; PostgreSQL plans a very long IN list slowly. Each piece is one query of bounded size."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

#: Keys per query: far below SQLite's limits even with several columns per key, large enough that a
#: fan-out to 100,000 people costs a few hundred queries, not one per person.
CHUNK = 500


def chunks(keys: Iterable[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """The keys in order, `size` at a time; duplicates are kept (callers pass sets where it matters)."""
    batch: list[T] = []
    for key in keys:
        batch.append(key)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
