"""Packages that are also the function they are named for: ``pt.audit(...)`` and ``plantext.audit.typos``.

The public API calls ``pt.audit``, ``pt.suggest`` and ``pt.draft`` as functions,
and the same names are subpackages. Binding the functions over the package
names broke ``import plantext.audit.typos`` (the import system reads the
``audit`` attribute of ``plantext`` and found a function). Instead, each of
these packages is a module whose class adds ``__call__``: ``plantext.audit``
stays the package, so its submodules import, and calling it calls its
function. ``inspect.signature`` and ``help`` follow ``__wrapped__`` to the function.
"""

from __future__ import annotations

import sys
import types


class CallableModule(types.ModuleType):
    """A package module that calls its function ``__call_name__`` when called."""

    def __call__(self, *args, **kwargs):
        return getattr(self, self.__call_name__)(*args, **kwargs)

    @property
    def __wrapped__(self):
        return getattr(self, self.__call_name__)


def make_callable(module_name: str, function: str) -> None:
    """Make the (already imported) module ``module_name`` call its ``function``."""
    module = sys.modules[module_name]
    module.__class__ = CallableModule
    module.__call_name__ = function
