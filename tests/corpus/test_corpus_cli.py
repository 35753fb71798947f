"""``plantext corpus build`` and ``plantext corpus stats`` through click's CliRunner."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from plantext.cli import main


def test_build_writes_segments_and_documents(mixed_dir, tmp_path):
    out = tmp_path / "out.parquet"
    result = CliRunner().invoke(main, ["corpus", "build", str(mixed_dir), "-o", str(out),
                                       "--workers", "1", "--model", "none", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "共6份文档（0份取自缓存，新分析6份，失败2份）" in result.output
    segs = pd.read_parquet(out)
    docs = pd.read_parquet(tmp_path / "out.documents.parquet")
    assert len(docs) == 6 and segs["doc_id"].nunique() == 4
    assert "失败：b/broken.docx" in result.output


def test_build_pattern_csv_and_cache(mixed_dir, tmp_path):
    args = ["corpus", "build", str(mixed_dir), "-o", str(tmp_path / "o.csv"), "--workers", "1",
            "--model", "none", "--pattern", "a/**/*", "--quiet"]
    first = CliRunner().invoke(main, args)
    second = CliRunner().invoke(main, args)
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "共2份文档（2份取自缓存，新分析0份，失败0份）" in second.output
    assert (tmp_path / "o.documents.csv").exists()


def test_build_empty_folder_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(main, ["corpus", "build", str(tmp_path), "-o", str(tmp_path / "x.parquet")])
    assert result.exit_code == 1 and "下没有符合" in result.output


def _table(path):
    pd.DataFrame({
        "doc_id": ["a", "a", "b", "c"], "year": [2020, 2020, 2021, 2021],
        "text": ["养老助餐", "学校", "养老服务", "社区"], "start": 0, "end": [4, 2, 4, 2],
        "themes": [["elderly"], ["education"], ["elderly"], ["governance"]],
    }).to_parquet(path)


def test_stats_prints_theme_prevalence_by_year(tmp_path):
    _table(tmp_path / "t.parquet")
    result = CliRunner().invoke(main, ["corpus", "stats", str(tmp_path / "t.parquet"), "--by", "year"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].split()[:2] == ["年份", "句子数"]
    rows = {l.split()[0]: l.split()[1:] for l in lines[1:]}
    assert rows["2020年"] == ["2", "教育与未成年人", "50.0%、养老服务", "50.0%"]   # ties: by code
    assert rows["2021年"] == ["2", "养老服务", "50.0%、基层治理与自治", "50.0%"]
    assert max(len(l) for l in lines) < 80 and "elderly" not in result.output


def test_stats_by_chars_and_bad_column(tmp_path):
    _table(tmp_path / "t.parquet")
    ok = CliRunner().invoke(main, ["corpus", "stats", str(tmp_path / "t.parquet"), "--weight", "chars"])
    assert ok.exit_code == 0 and "字数" in ok.output
    bad = CliRunner().invoke(main, ["corpus", "stats", str(tmp_path / "t.parquet"), "--by", "region"])
    assert bad.exit_code == 1 and "没有 'region' 列" in bad.output


def test_stats_without_themes_says_what_to_do(tmp_path):
    pd.DataFrame({"year": [2020], "text": ["x"], "themes": [[]]}).to_parquet(tmp_path / "n.parquet")
    result = CliRunner().invoke(main, ["corpus", "stats", str(tmp_path / "n.parquet")])
    assert result.exit_code == 1 and "训练好的模型" in result.output


def test_index_command_is_registered_when_available():
    from plantext.cli.corpus_cmd import corpus_cmd

    try:
        from plantext.cli.suggest_cmd import corpus_index_cmd
    except ImportError:
        pytest.skip("plantext corpus index is not written yet")
    assert corpus_cmd.commands["index"] is corpus_index_cmd


def test_build_makes_the_output_folder_before_parsing(mixed_dir, tmp_path):
    out = tmp_path / "new" / "folder" / "out.parquet"
    result = CliRunner().invoke(main, ["corpus", "build", str(mixed_dir), "-o", str(out),
                                       "--workers", "1", "--model", "none", "--quiet"])
    assert result.exit_code == 0, result.output
    assert out.is_file() and (out.parent / "out.documents.parquet").is_file()


def test_stats_by_an_empty_column_says_so(tmp_path):
    _table(tmp_path / "t.parquet")
    frame = pd.read_parquet(tmp_path / "t.parquet").assign(region=None)
    frame.to_parquet(tmp_path / "r.parquet")
    result = CliRunner().invoke(main, ["corpus", "stats", str(tmp_path / "r.parquet"), "--by", "region"])
    assert result.exit_code == 1 and "没有任何取值" in result.output and "训练好的模型" not in result.output


def test_stats_of_a_csv_with_a_missing_year_shows_whole_years(tmp_path):
    frame = pd.DataFrame({"doc_id": ["a", "b", "c"], "year": [2020, None, 2021], "text": ["x", "y", "z"],
                          "start": 0, "end": 1, "themes": ['["elderly"]', '["elderly"]', '["party"]']})
    frame.to_csv(tmp_path / "t.csv", index=False)
    result = CliRunner().invoke(main, ["corpus", "stats", str(tmp_path / "t.csv")])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "2020年" in out and "2021年" in out and "2020.0" not in out
