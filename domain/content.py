"""What the banks hold, as every layer sees it: prompts and quotes (loaded and checked by prompts/bank.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Prompt:
    id: str
    skill: str
    text: str


@dataclass(frozen=True)
class Quote:
    id: str
    text: str
    author: str
    source: str | None = None
