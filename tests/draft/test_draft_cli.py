"""``plantext draft`` and ``plantext complete`` through click's CliRunner."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from draft_samples import NO_SAFEGUARD, two_plan_page

from plantext.cli import main


@pytest.fixture
def runner():
    return CliRunner()


def _draft(runner, index_dir, *extra):
    return runner.invoke(main, ["draft", "--type", "work_plan", "--theme", "civility", "--theme",
                                "security", "--unit", "和平社区", "--year", "2026", "-k", "2",
                                "--corpus", str(index_dir), "--model", "none", *extra])


def test_draft_prints_markdown(runner, index_dir):
    res = _draft(runner, index_dir)
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("# 和平社区2026年精神文明与道德建设和社会治安工作计划\n")
    assert "## 一、指导思想" in res.stdout and "### （一）精神文明与道德建设" in res.stdout
    assert "句表述取自" in res.stderr


@pytest.mark.parametrize("suffix", [".docx", ".md", ".txt"])
def test_draft_writes_by_suffix(runner, index_dir, tmp_path, suffix):
    out = tmp_path / f"plan{suffix}"
    res = _draft(runner, index_dir, "-o", str(out))
    assert res.exit_code == 0, res.output
    assert out.is_file() and f"已写入 {out}" in res.stdout
    if suffix == ".docx":
        import docx

        assert docx.Document(str(out)).paragraphs[0].style.name == "Title"
    else:
        text = out.read_text(encoding="utf-8")
        assert "和平社区2026年" in text and ("# " in text) == (suffix == ".md")


def test_draft_rejects_bad_input(runner, index_dir, tmp_path):
    assert _draft(runner, index_dir, "-o", str(tmp_path / "plan.pdf")).exit_code == 2
    res = runner.invoke(main, ["draft", "--theme", "nope", "--corpus", str(index_dir)])
    assert res.exit_code == 1 and "未知的主题" in res.output and "养老服务（elderly）" in res.output


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_complete_prints_what_was_inserted(runner, index_dir, tmp_path, suffix):
    src = tmp_path / "draft.txt"
    src.write_text(NO_SAFEGUARD, encoding="utf-8")
    out = tmp_path / f"completed{suffix}"
    res = runner.invoke(main, ["complete", str(src), "-o", str(out), "--profile",
                               "implementation_plan", "--corpus", str(index_dir),
                               "--model", "none"])
    assert res.exit_code == 0, res.output
    assert "插入“五、保障措施”（保障措施）" in res.stdout
    assert "重新编号：五、 → 六、" in res.stdout
    if suffix == ".txt":
        text = out.read_text(encoding="utf-8")
        assert text.startswith(NO_SAFEGUARD[:NO_SAFEGUARD.index("五、考核评估")] + "五、保障措施\n")
    else:
        import docx

        names = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Heading 1"]
        assert names[4:] == ["五、保障措施", "六、考核评估", "七、工作要求"]


def test_complete_docx_to_stdout(runner, index_dir, tmp_path):
    from plantext import parse
    from plantext.draft import to_docx

    src = to_docx(parse(NO_SAFEGUARD, model="none"), tmp_path / "draft.docx")
    res = runner.invoke(main, ["complete", src, "--corpus", str(index_dir), "--model", "none",
                               "--profile", "implementation_plan"])
    assert res.exit_code == 0, res.output
    assert "## 五、保障措施" in res.stdout and "插入" in res.stderr


def test_complete_a_docx_into_the_authors_own_file(runner, index_dir, tmp_path):
    import docx
    from test_complete_docx import styled_docx

    src = styled_docx(tmp_path / "draft.docx", NO_SAFEGUARD.split("\n"))
    out = tmp_path / "completed.docx"
    res = runner.invoke(main, ["complete", src, "-o", str(out), "--corpus", str(index_dir),
                               "--model", "none", "--profile", "implementation_plan",
                               "--mark", "comment"])
    assert res.exit_code == 0, res.output
    done = docx.Document(str(out))
    heading = next(p for p in done.paragraphs if p.text == "五、保障措施")
    assert heading.style.name == "PT Level One"
    assert {c.author for c in done.comments} == {"张三", "plantext"}


def test_complete_a_page_of_plans_needs_part(runner, index_dir, tmp_path):
    src = tmp_path / "page.txt"
    src.write_text(two_plan_page(), encoding="utf-8")
    args = ["complete", str(src), "--corpus", str(index_dir), "--model", "none",
            "--profile", "implementation_plan"]
    res = runner.invoke(main, args)
    assert res.exit_code == 1 and "2 份计划" in res.output and "--part" in res.output
    out = tmp_path / "done.txt"
    res = runner.invoke(main, args + ["--part", "2", "-o", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith(two_plan_page()[:two_plan_page().index("和平社区工作方案（二）")])
    assert "五、保障措施" in text[text.index("和平社区工作方案（二）"):]
