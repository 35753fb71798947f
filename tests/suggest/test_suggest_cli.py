"""``plantext suggest`` and ``plantext corpus index`` through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from plantext.cli import main
from plantext.cli.suggest_cmd import corpus_index_cmd
from plantext.suggest import api


@pytest.fixture
def index_dir(corpus_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTEXT_CACHE", str(tmp_path / "cache"))
    api.clear_cache()
    out = tmp_path / "idx"
    result = CliRunner().invoke(corpus_index_cmd, [str(corpus_dir), "-o", str(out), "--no-dense"])
    assert result.exit_code == 0, result.output
    assert "仅关键词" in result.output
    yield out
    api.clear_cache()


def test_corpus_index_writes_a_loadable_index(index_dir):
    meta = json.loads((index_dir / "index.json").read_text(encoding="utf-8"))
    assert meta["entries"] > 5 and meta["documents"] == 2
    assert not (index_dir / "dense.npy").exists()


def test_suggest_prints_numbered_suggestions_with_sources(index_dir):
    result = CliRunner().invoke(main, ["suggest", "垃圾分类宣传", "-k", "2",
                                       "--corpus", str(index_dir)])
    assert result.exit_code == 0, result.output
    assert "1. 开展生活垃圾分类宣传" in result.output
    assert "pb#二/（一）" in result.output


def test_suggest_json_respects_role_theme_and_k(index_dir):
    result = CliRunner().invoke(main, ["suggest", "--role", "measure", "--theme", "elderly,urban",
                                       "-k", "3", "--corpus", str(index_dir), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["mode"].startswith("sparse") and "no dense vectors" in data["reason"]
    assert 1 <= len(data["suggestions"]) <= 3
    for s in data["suggestions"]:
        assert s["role"] == "measure" and {"elderly", "urban"} & set(s["themes"])
        assert {"text", "score", "role", "themes", "source"} <= set(s)   # spec/api.md fields, then provenance
        assert {"title", "doc_type", "level", "year", "unit", "file"} <= set(s)


@pytest.mark.parametrize("args,message", [
    (["suggest"], "请给出要参考的文字"),
    (["suggest", "养老", "--role", "goals"], "未知的角色"),
])
def test_suggest_usage_errors(index_dir, args, message):
    result = CliRunner().invoke(main, args + ["--corpus", str(index_dir)])
    assert result.exit_code != 0 and message in result.output


def test_corpus_index_refuses_a_folder_that_is_not_an_index(corpus_dir, tmp_path):
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(corpus_index_cmd, [str(corpus_dir), "-o", str(tmp_path),
                                                   "--no-dense"])
    assert result.exit_code != 0 and "not a plantext index" in result.output


def test_suggest_under_a_heading_keeps_to_its_role(index_dir):
    result = CliRunner().invoke(main, ["suggest", "落实经费", "--under", "三、保障措施", "-k", "2",
                                       "--corpus", str(index_dir), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["role_guess"] == {"role": "safeguard", "score": pytest.approx(0.99, abs=0.1),
                                  "source": "heading", "applied": True}
    assert data["suggestions"] and {s["role"] for s in data["suggestions"]} == {"safeguard"}
