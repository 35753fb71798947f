"""Staff may type Chinese names on the command line: 养老 for elderly, 工作计划 for work_plan."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from plantext.cli import main
from plantext.cli.names import doc_type_code, role_code, theme_code


@pytest.mark.parametrize("value, code", [
    ("elderly", "elderly"), ("养老服务", "elderly"), ("养老", "elderly"), ("文明", "civility"),
    ("精神文明与道德建设", "civility"), ("治安", "security"), ("elderly.care", "elderly.care"),
    ("服务", "服务"),            # part of several names: left for the library's error
    ("通知", "通知"),
])
def test_theme_names(value, code):
    assert theme_code(value) == code


@pytest.mark.parametrize("value, code", [("保障措施", "safeguard"), ("目标", "goal"), ("measure", "measure")])
def test_role_names(value, code):
    assert role_code(value) == code


@pytest.mark.parametrize("value, code", [("工作计划", "work_plan"), ("实施方案", "implementation_plan"),
                                         ("工作要点", "work_points"), ("政府工作报告", "gov_work_report"),
                                         ("opinion", "opinion"), ("通知", "通知")])
def test_doc_type_names(value, code):
    assert doc_type_code(value) == code


def test_draft_takes_chinese_type_and_themes_with_a_chinese_comma():
    res = CliRunner().invoke(main, ["draft", "--type", "工作计划", "--theme", "文明，志愿", "--model", "none"])
    assert res.exit_code == 0, res.output
    assert "精神文明与道德建设和志愿服务工作计划" in res.output


def test_suggest_takes_chinese_theme_and_section_names():
    res = CliRunner().invoke(main, ["suggest", "--theme", "养老", "--role", "保障措施", "-k", "2",
                                    "--mode", "sparse", "--json"])
    assert res.exit_code == 0, res.output
    import json

    hits = json.loads(res.output[res.output.index("{"):])["suggestions"]
    assert hits and all(h["role"] == "safeguard" and "elderly" in h["themes"] for h in hits)


def test_an_unknown_name_gets_the_librarys_error_with_the_codes():
    res = CliRunner().invoke(main, ["draft", "--type", "通知"])
    assert res.exit_code == 1 and "work_plan" in res.output and "未知" in res.output
