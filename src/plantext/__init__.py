"""plantext: read, outline, label, audit and draft Chinese work plans.

>>> import plantext as pt
>>> plan = pt.parse("draft.docx")          # doctest: +SKIP
>>> plan.to_frame()                         # doctest: +SKIP

Importing plantext is cheap: no dictionary, model or torch is loaded until a
function needs it.
"""

from .document import Finding, NumberingIssue, Plan, Removal, Section, Segment, Suggestion
from .errors import (CorruptFileError, DataError, DecodeError, DependencyError, InputError,
                     ModelError, PlanTextError, PlanTextWarning, UnsupportedFormatError)
from .pipeline import Pipeline, load, parse, parse_many
from .labels import names as _names  # noqa: E402,F401  (registers the Chinese names errors show)

# plantext.audit, .draft and .suggest are packages that share their names with
# their main functions: each package is callable (see _callable.py), so
# ``pt.audit(...)`` runs the audit and ``import plantext.audit.typos`` works.
from . import audit, draft, suggest  # noqa: E402
from .audit import AuditReport  # noqa: E402
from .draft import complete  # noqa: E402

from .version import __version__  # noqa: E402

__all__ = [
    "parse", "parse_many", "load", "Pipeline", "read", "audit", "suggest", "draft", "complete", "Corpus",
    "Plan", "Section", "Segment", "Finding", "Suggestion", "Removal", "NumberingIssue",
    "AuditReport", "RoleClassifier", "ThemeClassifier", "PlanTextError", "InputError", "UnsupportedFormatError", "DecodeError",
    "CorruptFileError", "ModelError", "DataError", "DependencyError", "PlanTextWarning",
    "__version__",
]

_LAZY = {
    "read": ("plantext.io", "read"),
    "Corpus": ("plantext.corpus", "Corpus"),
    "RoleClassifier": ("plantext.learn.estimators", "RoleClassifier"),
    "ThemeClassifier": ("plantext.learn.estimators", "ThemeClassifier"),
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'plantext' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
