"""`plantext audit|draft|complete -o …`: folders are made, the input is never overwritten,
and errors reach staff in Chinese first."""

from __future__ import annotations

import hashlib
import pathlib
import re
import shutil
import string

import pytest
from click.testing import CliRunner

from plantext.cli import main
from plantext.errors import Errors, ErrorsZh, InputError, chinese_message, error

SAMPLE = pathlib.Path(__file__).resolve().parents[2] / "corpora" / "samples"


@pytest.fixture
def drafts(tmp_path):
    for name in ("draft-plan.docx", "draft-plan.txt"):
        shutil.copy(SAMPLE / name, tmp_path / name)
    return tmp_path


def _md5(path):
    return hashlib.md5(pathlib.Path(path).read_bytes()).hexdigest()


@pytest.mark.parametrize("args, out", [
    (["--format", "json"], "新 目录/子目录/报告.json"),
    (["--format", "html"], "a/b/r.html"),
    ([], "reports/r.txt"),
    (["--format", "docx"], "批注/审读.docx"),
])
def test_a_report_goes_into_a_folder_that_did_not_exist(drafts, args, out):
    res = CliRunner().invoke(main, ["audit", str(drafts / "draft-plan.docx"), "--no-suggest", *args,
                                    "-o", str(drafts / out)])
    assert res.exit_code == 0, res.output
    assert (drafts / out).is_file() and (drafts / out).stat().st_size > 0


@pytest.mark.parametrize("cmd", [
    ["audit", "{d}/draft-plan.docx", "--no-suggest", "--format", "docx", "-o", "{d}/draft-plan.docx"],
    ["audit", "{d}/draft-plan.txt", "--no-suggest", "--format", "json", "-o", "{d}/draft-plan.txt"],
    ["complete", "{d}/draft-plan.txt", "--model", "none", "-o", "{d}/draft-plan.txt"],
])
def test_the_input_file_is_never_overwritten(drafts, cmd):
    name = re.search(r"draft-plan\.\w+", cmd[1]).group()
    before = _md5(drafts / name)
    res = CliRunner().invoke(main, [c.format(d=drafts) for c in cmd])
    assert res.exit_code != 0 and "不会覆盖原文件" in res.output
    assert _md5(drafts / name) == before


def test_a_word_report_of_a_text_file_says_to_use_another_format(drafts):
    res = CliRunner().invoke(main, ["audit", str(drafts / "draft-plan.txt"), "--format", "docx",
                                    "-o", str(drafts / "x.docx")])
    assert res.exit_code != 0 and "--format html" in res.output and "Unsupported" not in res.output


def test_a_drafted_plan_goes_into_a_folder_that_did_not_exist(tmp_path):
    out = tmp_path / "草稿 目录" / "计划.md"
    res = CliRunner().invoke(main, ["draft", "--type", "work_plan", "--theme", "elderly", "--model", "none",
                                    "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").strip()


def test_errors_reach_the_command_line_in_chinese_with_the_english_after_v(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    res = CliRunner().invoke(main, ["audit", str(tmp_path / "empty.txt")])
    assert res.exit_code == 1
    assert "输入为空" in res.output and "[E001]" in res.output and "The input is empty" not in res.output
    res = CliRunner().invoke(main, ["-v", "audit", str(tmp_path / "empty.txt")])
    assert res.output.index("输入为空") < res.output.index("[E001] The input is empty")


def _fields(template):
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("code", [c for c in vars(Errors) if re.fullmatch(r"E\d{3}", c)])
def test_every_error_has_a_chinese_message_with_the_same_fields(code):
    english, chinese = getattr(Errors, code), getattr(ErrorsZh, code)
    assert _fields(chinese) == _fields(english)
    fields = {f: "x" for f in _fields(english)}
    assert chinese_message(error(InputError, code, **fields)) == chinese.format(**fields)


def test_an_error_built_without_the_catalogue_has_no_chinese_message():
    assert chinese_message(InputError("plain")) is None


SEED = pathlib.Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture
def page(tmp_path):
    body = "一、工作目标\n到年底，辖区独居老人探访覆盖率达到100%。\n二、主要措施\n为__社区独居老人提供助餐服务。\n"
    text = f"社区养老工作计划(一)\n{body}社区养老工作计划(二)\n{body}"
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_page_of_several_plans_is_audited_plan_by_plan(page):
    import json

    res = CliRunner().invoke(main, ["audit", str(page), "--no-suggest", "--model", "none", "--format", "json"])
    assert res.exit_code == 0, res.output
    reports = json.loads(res.output[res.output.index("["):])
    assert [r["title"] for r in reports] == ["社区养老工作计划(一)", "社区养老工作计划(二)"]
    assert all(any(f["code"] == "placeholder" for f in r["findings"]) for r in reports)


def test_html_report_of_a_page_is_one_document_with_linked_plans(page, tmp_path):
    res = CliRunner().invoke(main, ["audit", str(page), "--no-suggest", "--model", "none", "--format", "html",
                                    "-o", str(tmp_path / "out" / "r.html")])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["r.html"]
    html = (tmp_path / "out" / "r.html").read_text(encoding="utf-8")
    assert html.count("<!DOCTYPE html>") == 1 and html.count("</html>") == 1
    assert 'href="#p1"' in html and 'href="#p2"' in html and 'id="p1"' in html and 'id="p2"' in html
    assert "下一份" in html and "上一份" in html and 'href="#top"' in html
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids))                      # the plans' anchors do not collide
    for ref in set(re.findall(r'href="#([^"]+)"', html)):
        assert ref in ids, ref                             # every link lands


def test_html_of_a_page_on_stdout_is_one_document(page):
    res = CliRunner().invoke(main, ["audit", str(page), "--no-suggest", "--model", "none", "--format", "html"])
    assert res.exit_code == 0, res.output
    assert res.stdout.count("<!DOCTYPE html>") == 1


def test_whole_audits_the_page_as_one_text(page):
    import json

    res = CliRunner().invoke(main, ["audit", str(page), "--no-suggest", "--model", "none", "--format", "json",
                                    "--whole"])
    assert res.exit_code == 0, res.output
    assert isinstance(json.loads(res.output[res.output.index("{"):]), dict)


@pytest.mark.skipif(not SEED.is_dir(), reason="needs ../shared/seeds")
def test_the_seed_page_gets_three_reports_from_the_command_line():
    import json

    seed = sorted(SEED.glob("*.txt"))[0]
    res = CliRunner().invoke(main, ["audit", str(seed), "--no-suggest", "--format", "json"])
    assert res.exit_code == 0, res.output
    reports = json.loads(res.output[res.output.index("["):])
    assert len(reports) == 3 and all(r["title"].startswith("社区精神文明建设") for r in reports)
