"""The default pipelines, made on first use: what ``pt.parse`` and friends run on.

Downstream packages (audit, suggest, draft, corpus, learn) take a pipeline
(``nlp=``) and, when given none, ask here for the default one. This module
never imports :mod:`plantext.pipeline`: the pipeline module registers its
loader when it is imported (``import plantext`` does), so no package below
the pipeline imports it back, at module level or inside a function.

One default pipeline is kept per model name and models folder, so that a
``$PLANTEXT_MODELS`` set later is honoured by the next call.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

_loader: Callable[[str], Any] | None = None
_pipelines: dict[tuple[str, str], Any] = {}
_lock = threading.Lock()


def register_loader(loader: Callable[[str], Any]) -> None:
    """Called once by :mod:`plantext.pipeline`: how a named pipeline is made."""
    global _loader
    _loader = loader


def pipeline_for(model: Any = None):
    """The default pipeline for ``model`` (None: ``"sm"``; a pipeline is returned as given)."""
    if model is not None and not isinstance(model, (str, bytes)) and hasattr(model, "parse"):
        return model
    if _loader is None:   # importing any plantext module runs plantext/__init__, which registers it
        raise RuntimeError("plantext.pipeline has not registered its loader")
    from .resources import models_dir

    name = str(model or "sm")
    key = (name, str(models_dir()))
    with _lock:
        nlp = _pipelines.get(key)
        if nlp is None:
            nlp = _pipelines[key] = _loader(name)
        return nlp


def clear() -> None:
    """Forget the default pipelines (the next call makes new ones)."""
    with _lock:
        _pipelines.clear()
