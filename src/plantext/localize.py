"""Chinese names that the bottom layer (errors, document) shows, without importing the labels.

``plantext.labels.names`` knows the Chinese names of document types, roles and
themes (from the profiles and the taxonomy, which themselves raise plantext
errors and build documents). It registers its functions here when imported
(``import plantext`` does), so ``errors`` and ``document`` can name things in
Chinese without importing upward. Unregistered, the codes are shown as given.
"""

from __future__ import annotations

from typing import Callable, Iterable

_registered: dict[str, Callable] = {}


def register(**functions: Callable) -> None:
    """Called by :mod:`plantext.labels.names`: ``doc_type_zh=…, choices_zh=…``."""
    _registered.update(functions)


def doc_type_zh(code: str | None) -> str:
    fn = _registered.get("doc_type_zh")
    return fn(code) if fn else (code or "")


def choices_zh(codes: Iterable[str]) -> str:
    fn = _registered.get("choices_zh")
    return fn(codes) if fn else "、".join(codes)
