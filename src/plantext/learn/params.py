"""``set_params`` beside the models' ``get_params``: the scikit-learn parameter contract without
importing scikit-learn (so ``sklearn.base.clone`` and grid searches work on the models)."""

from __future__ import annotations

from typing import Any


class ParamsMixin:
    """For a class whose ``get_params(deep=True)`` lists its ``__init__`` parameters."""

    def set_params(self, **params: Any):
        valid = self.get_params(deep=False)
        for key, value in params.items():
            if key not in valid:
                from ..errors import InputError

                raise InputError(f"{type(self).__name__} has no parameter {key!r}; "
                                 f"it has {', '.join(sorted(valid))}.")
            setattr(self, key, value)
        return self
