"""Packaging beside pyproject.toml: which folders become which import packages.

The library is ``src/plantext``. The trained models and the team corpus stay
where the project keeps them (``models/``, ``corpora/``) and ship in the same
wheel as the data packages ``plantext_models`` and ``plantext_corpora``,
found at run time through ``importlib.resources`` (see ``plantext.resources``).
The files they carry are listed under ``[tool.setuptools.package-data]``.
"""

from setuptools import find_namespace_packages, setup

DATA_PACKAGES = {"plantext_models": "models", "plantext_corpora": "corpora"}

setup(package_dir={"": "src", **DATA_PACKAGES},
      packages=find_namespace_packages("src", include=["plantext", "plantext.*"]) + sorted(DATA_PACKAGES))
