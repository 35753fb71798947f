"""The labeller: applies a trained role model and theme model to a Plan."""

from __future__ import annotations

import pathlib

from ..document import Plan


class Labeller:
    """Role and theme models of one variant (``sm`` or ``trf``), applied together."""

    def __init__(self, name: str, roles=None, themes=None):
        self.name = name
        self.roles = roles
        self.themes = themes

    @classmethod
    def load(cls, name: str, root: pathlib.Path) -> "Labeller | None":
        from .artifacts import load_model

        roles = load_model(root / f"roles-{name}") if (root / f"roles-{name}").is_dir() else None
        themes = load_model(root / f"themes-{name}") if (root / f"themes-{name}").is_dir() else None
        if roles is None and themes is None:
            return None
        return cls(name, roles, themes)

    def label(self, plan: Plan) -> Plan:
        """Label roles, then themes; both read the same paragraph units (features built once)."""
        from .units import plan_units

        units = plan_units(plan)
        if self.roles is not None:
            self.roles.label(plan, units)
        if self.themes is not None:
            self.themes.label(plan, units)
        return plan
