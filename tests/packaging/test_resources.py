"""Models and the team corpus are found the way package data is, and $PLANTEXT_MODELS at load time."""

import fnmatch
import pathlib
import tomllib

import pytest

import plantext as pt
from plantext import resources

ROOT = pathlib.Path(__file__).resolve().parents[2]
TEXT = "一、工作目标\n到2027年，社区养老服务覆盖率达到90%。\n二、主要措施\n加强社区养老服务设施建设。\n"


def _package_data() -> dict[str, list[str]]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]


@pytest.mark.parametrize("package, folder, subdir", [
    ("plantext_models", "models", ""),
    ("plantext_corpora", "corpora", "community-v1"),
    ("plantext_corpora", "corpora", "drafting-v1"),
])
def test_every_shipped_resource_file_is_in_the_wheel(package, folder, subdir):
    """A file a model or the corpus needs and no package-data pattern names would be left out."""
    base = ROOT / folder
    assert (base / "__init__.py").is_file(), f"{folder}/ needs __init__.py to be the {package} package"
    patterns = _package_data()[package]
    files = [p.relative_to(base).as_posix() for p in (base / subdir).rglob("*")
             if p.is_file() and p.name != "__init__.py" and "__pycache__" not in p.parts]
    assert files
    left_out = [f for f in files if not any(fnmatch.fnmatch(f, pat) for pat in patterns)]
    assert left_out == []


def test_models_env_is_read_at_load_time_not_at_first_use(tmp_path, monkeypatch):
    monkeypatch.delenv(resources.MODELS_ENV, raising=False)
    assert pt.parse(TEXT, plan_id="a").model == "sm"
    monkeypatch.setenv(resources.MODELS_ENV, str(tmp_path))          # an empty models folder
    assert resources.models_dir() == tmp_path
    with pytest.warns(pt.PlanTextWarning, match="No trained model"):
        plan = pt.parse(TEXT, plan_id="b")
    assert plan.model is None
    monkeypatch.delenv(resources.MODELS_ENV)
    assert pt.parse(TEXT, plan_id="c").model == "sm"


def test_corpus_env_is_read_at_each_call(tmp_path, monkeypatch):
    monkeypatch.setenv(resources.CORPUS_ENV, str(tmp_path))
    assert resources.team_corpus_dir() == tmp_path
    monkeypatch.delenv(resources.CORPUS_ENV)
    assert (resources.team_corpus_dir() / "annotations").is_dir()


def test_installed_data_package_is_found_through_importlib_resources(tmp_path, monkeypatch):
    """Outside a checkout the folders come from the installed data packages."""
    pkg = tmp_path / resources.MODELS_PACKAGE
    (pkg / "roles-sm").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv(resources.MODELS_ENV, raising=False)
    monkeypatch.setattr(resources, "checkout_root", lambda: None)
    assert resources.models_dir() == pkg


def test_drafting_corpus_is_found_in_the_checkout_and_in_the_installed_package(tmp_path, monkeypatch):
    assert resources.drafting_corpus_dir() == ROOT / "corpora" / "drafting-v1"
    assert (resources.drafting_corpus_dir() / "annotations").is_dir()
    pkg = tmp_path / resources.CORPORA_PACKAGE
    (pkg / "drafting-v1" / "annotations").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(resources, "checkout_root", lambda: None)
    assert resources.drafting_corpus_dir() == pkg / "drafting-v1"
