"""The research-only dependencies are extras; without them, the parts that need them say which extra."""

import pathlib
import tomllib

import pandas as pd
import pytest

import plantext as pt

ROOT = pathlib.Path(__file__).resolve().parents[2]
RESEARCH_ONLY = ("matplotlib", "pyarrow", "dask")


def _project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]


def test_research_packages_are_not_core_dependencies():
    core = " ".join(_project()["dependencies"])
    assert [p for p in RESEARCH_ONLY if p in core] == []
    extras = _project()["optional-dependencies"]
    for extra, package in (("plots", "matplotlib"), ("parquet", "pyarrow"), ("dask", "dask")):
        assert any(d.startswith(package) for d in extras[extra])


def test_a_plot_without_matplotlib_names_the_extra(monkeypatch):
    from plantext.corpus import plots

    monkeypatch.setitem(__import__("sys").modules, "matplotlib", None)   # import matplotlib fails
    plots.find_cjk_font.cache_clear()
    with pytest.raises(pt.DependencyError, match=r"plantext\[plots\]"):
        plots.plot_distinctive_terms(pd.DataFrame({"term": ["养老"], "z": [2.0], "group": ["a"]}))
    plots.find_cjk_font.cache_clear()


def test_a_parquet_table_without_pyarrow_names_the_extra(monkeypatch, tmp_path):
    from plantext.corpus.frames import export_frame

    monkeypatch.setitem(__import__("sys").modules, "pyarrow", None)
    with pytest.raises(pt.DependencyError, match=r"plantext\[parquet\]"):
        export_frame(pd.DataFrame({"a": [1]}), tmp_path / "t.parquet", "parquet")
    export_frame(pd.DataFrame({"a": [1]}), tmp_path / "t.csv", "csv")       # CSV needs nothing more
    assert (tmp_path / "t.csv").is_file()
