"""Optional dependencies: import one, or say which plantext extra brings it.

``pip install plantext`` gives parsing, auditing, suggestions and drafting.
The research workflow's parts come with extras: ``plots`` (matplotlib),
``parquet`` (pyarrow), ``dask``, ``trf`` (torch …), or ``research`` for the
first three together.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import DependencyError, error


def require(module: str, *, extra: str, what: str) -> ModuleType:
    """``import module``, or raise E008 naming ``what`` needs it and the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise error(DependencyError, "E008", name=what, package=module.split(".")[0],
                    install=f"'plantext[{extra}]'") from None
