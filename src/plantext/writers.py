"""The formats a Plan can be written in, registered by the package that writes them.

``Plan.to_docx`` and ``Plan.to_markdown`` are conveniences over
:mod:`plantext.draft`'s writers; the draft package registers them here when it
is imported (``import plantext`` does), so the document model never imports
the drafting code back (and nothing the writers import can close a cycle).
"""

from __future__ import annotations

from typing import Any, Callable

_writers: dict[str, Callable[..., Any]] = {}


def register(fmt: str, writer: Callable[..., Any]) -> None:
    _writers[fmt] = writer


def write(fmt: str, plan: Any, *args: Any, **kwargs: Any) -> Any:
    """Write ``plan`` in ``fmt`` (``docx``, ``markdown``) with the registered writer."""
    return _writers[fmt](plan, *args, **kwargs)
