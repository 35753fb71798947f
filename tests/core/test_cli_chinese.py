"""Staff read the command line in Chinese: help texts, click's own errors, names for codes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from plantext.cli import COMMANDS, main
from plantext.cli.zh import english_runs, wrap, width

SAMPLE = "corpora/samples/draft-plan.docx"


def _help(*args):
    res = CliRunner().invoke(main, [*args, "--help"], prog_name="plantext")
    assert res.exit_code == 0, res.output
    return res.output


@pytest.mark.parametrize("args", [(), *[(c,) for c in sorted(COMMANDS)],
                                  ("corpus", "build"), ("corpus", "stats"), ("corpus", "index")])
def test_every_help_text_is_chinese(args):
    text = _help(*args)
    assert "用法：" in text and "选项：" in text and "显示本说明并退出" in text
    assert english_runs(text) == [], english_runs(text)
    assert "Usage" not in text and "Options" not in text and "[OPTIONS]" not in text


def test_the_english_check_finds_english_prose():
    assert english_runs("Show this message and exit.") == ["Show this message and exit"]
    assert english_runs("--theme 平安 [sm|trf|none] plantext corpus build") == []


@pytest.mark.parametrize("args, expected", [
    (["audit", "nothing-here.txt"], "文件 'nothing-here.txt' 不存在"),
    (["parse", "--model", "xx", "x"], "'xx' 不是可选值"),
    (["suggest", "--bogus"], "没有选项 '--bogus'"),
    (["bogus"], "没有命令 'bogus'"),
    (["draft", "-k", "99"], "不在 1<=x<=20 范围内"),
    (["suggest"], "请给出要参考的文字"),
    (["draft", "--theme", "不存在的主题"], "未知的主题“不存在的主题”"),
])
def test_clicks_own_errors_are_chinese(args, expected):
    res = CliRunner().invoke(main, args)
    assert res.exit_code != 0
    assert expected in res.output and "错误：" in res.output
    assert english_runs(res.output) == [], res.output


def test_an_unknown_theme_lists_the_chinese_names():
    res = CliRunner().invoke(main, ["draft", "--theme", "不存在的主题"])
    assert "社会治安（security）" in res.output and "养老服务（elderly）" in res.output


def test_click_speaks_english_again_after_a_command():
    import click

    CliRunner().invoke(main, ["--help"])
    from click.core import _ as after

    assert after("Usage:") == "Usage:" and click.Context.formatter_class is click.HelpFormatter


@pytest.mark.parametrize("value, code", [("平安", "security"), ("消防", "safety"), ("党建", "party"),
                                         ("养老", "elderly")])
def test_themes_by_keyword(value, code):
    from plantext.labels.names import theme_code

    assert theme_code(value) == code


@pytest.mark.parametrize("value, code", [("实施方案", "implementation_plan"), ("活动方案", "activity_plan"),
                                         ("工作要点", "work_points"), ("work_plan", "work_plan")])
def test_audit_profile_takes_chinese_names(value, code):
    res = CliRunner().invoke(main, ["audit", SAMPLE, "--profile", value, "--format", "json", "--no-suggest"])
    assert res.exit_code == 0, res.output
    import json

    assert json.loads(res.output)["profile"] == code


def test_an_ambiguous_profile_name_lists_the_types():
    res = CliRunner().invoke(main, ["audit", SAMPLE, "--profile", "方案"])
    assert res.exit_code == 2 and "未知的文档类型“方案”" in res.output
    assert "实施方案（implementation_plan）" in res.output and "活动方案（activity_plan）" in res.output


def test_chinese_lines_wrap_by_terminal_width():
    lines = wrap("主题：养老、党建、平安……（中文名或代码，满足其一即可）。" * 3, 40)
    assert all(width(line) <= 40 for line in lines) and len(lines) > 2


def test_the_api_takes_chinese_names_too():
    import plantext as pt
    from plantext.labels import load_profile

    assert load_profile("实施方案").doc_type == "implementation_plan"
    assert load_profile("工作要点").doc_type == "work_points"
    with pytest.raises(pt.PlanTextError):
        load_profile("不存在的类型")
    hits = pt.suggest(theme="平安", role="保障措施", k=2, mode="sparse")
    assert hits and all(h.role == "safeguard" and "security" in h.themes for h in hits)
    assert hits[0].title and hits[0].to_dict()["title"] == hits[0].title
