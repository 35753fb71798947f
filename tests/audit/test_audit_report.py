"""The report: score, JSON, HTML page, Word comments and the CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile

import pytest
from click.testing import CliRunner

from plantext.audit import audit
from plantext.cli import main

from audit_fixtures import FULL_PLAN, without

DRAFT = without(FULL_PLAN, "四、保障措施", "五、时间安排").replace(
    "由社区居委会牵头", "由__社区居委会牵头").replace("组建巡逻队", "要要组建巡逻队")


@pytest.fixture(scope="module")
def report():
    return audit(DRAFT, model="none", suggest=False)


def test_score_is_explained(report):
    clean = audit(FULL_PLAN, model="none", suggest=False)
    assert 0 <= report.score < clean.score <= 100
    assert sum(r["points"] for r in report.breakdown) == pytest.approx(100 - report.score)
    assert "得分" in report.explain() and "扣" in report.explain()


def test_to_dict_is_json_serialisable(report):
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["missing_roles"] == ["safeguard"]
    codes = {f["code"] for f in data["findings"]}
    assert {"missing-section", "placeholder", "typo"} <= codes
    typo = next(f for f in data["findings"] if f["code"] == "typo")
    assert typo["data"] == {"wrong": "要要", "right": "要", "rule": "rule:repeat"}
    assert typo["text"] == "要要"
    assert DRAFT[typo["source_start"]:typo["source_end"]] == "要要"
    line = DRAFT.split("\n")[typo["line"] - 1]
    assert line[typo["col"] - 1:].startswith("要要")


def test_html_is_a_complete_page_with_every_finding(report):
    page = report.to_html()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and "http" not in page
    for f in report.findings:
        assert f.message.replace("“", "&ldquo;") in page or f.message in page
    assert '<mark class="warning"' in page and "要要</mark>" in page


def _ids_and_links(page):
    return set(re.findall(r'id="([^"]+)"', page)), set(re.findall(r'href="#([^"]+)"', page))


def test_html_numbers_every_finding_in_the_text_and_the_list_linked_both_ways(report):
    from plantext.audit.html import group_findings

    page = report.to_html()
    ids, links = _ids_and_links(page)
    assert links <= ids                                        # every link lands
    groups = group_findings(report.findings, report.plan.text)
    assert len(groups) == len(report.findings) >= 4
    doc = page[page.index('<div class="doc">'):]
    for g in groups:
        n = g.number
        assert f'id="f{n}"' in page and f'href="#m{n}-1"' in page   # list → text
        assert f'id="m{n}-1"' in doc                                 # the place is in the text …
        assert re.search(rf'<a class="badge [a-z]+" href="#f{n}"[^>]*>{n}</a>', doc)   # … numbered, → list
    missing = next(g for g in groups if g.first.code == "missing-section")
    assert "此处缺少“保障措施”部分" in doc and f'href="#f{missing.number}"' in doc


def test_html_groups_identical_findings_with_a_count():
    text = FULL_PLAN.replace("组建巡逻队", "要要组建巡逻队").replace("每周", "要要每周").replace(
        "成立", "要要成立")
    rep = audit(text, model="none", suggest=False)
    typos = [f for f in rep.findings if f.code == "typo" and rep.plan.text[f.start:f.end] == "要要"]
    assert len(typos) >= 3
    page = rep.to_html()
    listed = re.findall(r'<li id="f(\d+)">(.*?)</li>', page)
    entries = [body for _, body in listed if "要要" in body and "重复" in body]
    assert len(entries) == 1 and f"共{len(typos)}处" in entries[0]
    assert page.count("要要</mark>") == len(typos)
    n = next(i for i, body in listed if body is entries[0])
    assert all(f'href="#m{n}-{k}"' in entries[0] for k in range(1, len(typos) + 1))


def test_html_styles_headings_and_flags_a_vague_goal_on_its_sentence():
    text = FULL_PLAN.replace("到2024年底，社区刑事案件发案率下降10%，居民安全感达到95%以上，全年不发生重大火灾事故。",
                             "进一步提升社区平安建设水平，不断增强居民的获得感。")
    rep = audit(text, model="none", suggest=False)
    page = rep.to_html()
    assert '<p class="title">' in page and '<p class="h1">' in page
    assert any(f.code == "vague-goal" for f in rep.findings)
    lines = page[page.index('<div class="doc">'):].splitlines()
    heading = next(i for i, line in enumerate(lines) if "工作目标" in line)
    assert 'class="h1"' in lines[heading] and "badge" not in lines[heading]
    assert "badge" in lines[heading + 1] and "进一步提升" in lines[heading + 1]   # on the sentence


def test_html_escapes_plan_text():
    rep = audit(FULL_PLAN + "\n满意度<90%的楼栋&小区要整改。", model="none", suggest=False)
    assert "<90%" in rep.plan.text
    page = rep.to_html()
    assert "满意度<90%" not in page and "满意度&lt;90%的楼栋&amp;小区" in page


def _page_of_two():
    first = FULL_PLAN.replace("阳光社区2024年平安建设工作计划", "阳光社区2024年平安建设工作计划(一)")
    second = DRAFT.replace("阳光社区2024年平安建设工作计划", "阳光社区2024年平安建设工作计划(二)")
    return audit(first + second, model="none", suggest=False)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["audit-report", "audit-report-page"])
def test_html_renders_in_headless_chromium(report, tmp_path, artefacts, name):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium absent")
    rep = report if name == "audit-report" else _page_of_two()
    if name == "audit-report-page":
        assert len(rep.reports) == 2 and 'href="#p2"' in rep.to_html()
    page = artefacts / f"{name}.html"
    page.write_text(rep.to_html(), encoding="utf-8")
    png = artefacts / f"{name}.png"
    png.unlink(missing_ok=True)
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
                    "--window-size=1000,1400", f"--screenshot={png}", page.as_uri()],
                   check=True, timeout=120, capture_output=True)
    assert png.is_file() and png.stat().st_size > 20_000


def _draft_docx(path):
    import docx

    d = docx.Document()
    for line in DRAFT.strip().split("\n"):
        if "要要" in line:
            p = d.add_paragraph()
            a, b = line.split("要要")
            p.add_run(a)
            p.add_run("要要" + b)      # the typo starts a run: the comment must split it
        else:
            d.add_paragraph(line)
    d.save(str(path))


def _comment_ranges(path):
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    out = {}
    for m in re.finditer(r'<w:commentRangeStart w:id="(\d+)"/>(.*?)<w:commentRangeEnd w:id="\1"/>',
                         xml, re.S):
        out[m.group(1)] = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", m.group(2)))
    return out


def test_cli_docx_report_anchors_comments(tmp_path):
    src, out = tmp_path / "draft.docx", tmp_path / "out.docx"
    _draft_docx(src)
    result = CliRunner().invoke(main, ["audit", str(src), "--model", "none", "--no-suggest",
                                       "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = zipfile.ZipFile(out).namelist()
    assert "word/comments.xml" in names
    comments = zipfile.ZipFile(out).read("word/comments.xml").decode("utf-8")
    assert "重复" in comments and "保障措施" in comments
    anchored = set(_comment_ranges(out).values())
    assert "要要" in anchored and "__社区" in anchored


def test_docx_missing_section_is_commented_where_it_belongs_with_one_line_per_suggestion(tmp_path):
    import docx

    from plantext.document import Suggestion

    src, out = tmp_path / "draft.docx", tmp_path / "out.docx"
    _draft_docx(src)
    rep = audit(src, model="none", suggest=False)
    missing = next(f for f in rep.findings if f.code == "missing-section")
    missing.suggestions = [Suggestion("成立工作领导小组，统筹推进各项工作。", 1.0, "safeguard", [], "x#四",
                                      title="某社区平安建设工作计划", year=2023, unit="某社区"),
                           Suggestion("落实工作经费，保障各项任务顺利运行。", 0.9, "safeguard", [], "y#五")]
    rep.to_docx(out, src)
    ranges = _comment_ranges(out)
    d = docx.Document(str(out))
    by_id = {str(c.comment_id): c for c in d.comments}
    cid = next(i for i, c in by_id.items() if "保障措施" in c.text)
    anchored = ranges[cid]
    assert anchored == "1月至3月完成排查摸底，4月至11月全面实施，12月总结评比。"   # after 五、时间安排, not the title
    lines = [p.text for p in by_id[cid].paragraphs]
    assert lines[0].startswith("【") and "应补在本段之后" in lines[0]
    assert lines[1:] == ["参考：成立工作领导小组，统筹推进各项工作。",
                         "出处：《某社区平安建设工作计划》（某社区，2023年）［x#四］",
                         "参考：落实工作经费，保障各项任务顺利运行。", "出处：y#五"]


@pytest.mark.parametrize("fmt, marker", [("json", '"missing_roles"'), ("html", "<!DOCTYPE html>"),
                                         ("text", "审读报告")])
def test_cli_formats(tmp_path, fmt, marker):
    src = tmp_path / "draft.txt"
    src.write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(src), "--model", "none", "--no-suggest",
                                       "--format", fmt])
    assert result.exit_code == 0, result.output
    assert marker in result.output


@pytest.mark.parametrize("text, flag, code", [
    (DRAFT, [], 0),
    (DRAFT, ["--fail-on-error"], 1),            # a placeholder is an error
    (FULL_PLAN, ["--fail-on-error"], 0),
])
def test_cli_fail_on_error(tmp_path, text, flag, code):
    src = tmp_path / "plan.txt"
    src.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(src), "--model", "none", "--no-suggest",
                                       "--format", "json", *flag])
    assert result.exit_code == code, result.output


def test_cli_docx_needs_a_docx(tmp_path):
    src = tmp_path / "plan.txt"
    src.write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(src), "--model", "none", "--no-suggest",
                                       "--format", "docx", "-o", str(tmp_path / "x.docx")])
    assert result.exit_code != 0 and ".docx" in result.output
