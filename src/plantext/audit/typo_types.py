"""The typo record both typo checks return (the confusion set's and the statistical one)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Typo:
    """One suspected typo: ``text[start:end] == wrong``, to be written ``right``."""

    start: int
    end: int
    wrong: str
    right: str
    rule: str
    message: str = ""
    score: float | None = None
