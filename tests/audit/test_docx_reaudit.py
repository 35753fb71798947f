"""A Word report audited again carries one set of plantext's comments; the author's own stay."""

from __future__ import annotations

import re
import zipfile

import docx

import plantext as pt

PLAN = ["__社区2024年工作计划", "一、工作目标", "进一步提升服务水平。", "二、主要措施", "要要加强巡逻防控。"]


def _comments(path):
    d = docx.Document(str(path))
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    return ([c.author for c in d.comments], len(re.findall(r"<w:commentReference ", xml)),
            len(re.findall(r"<w:commentRangeStart ", xml)))


def test_auditing_a_commented_copy_again_does_not_double_the_comments(tmp_path):
    src = tmp_path / "draft.docx"
    d = docx.Document()
    for line in PLAN:
        d.add_paragraph(line)
    d.add_comment(d.paragraphs[2].runs, text="请领导审阅", author="张三", initials="ZS")
    d.save(str(src))

    once = tmp_path / "once.docx"
    pt.audit(src, suggest=False, model="none").to_docx(once, src)
    twice = tmp_path / "twice.docx"
    pt.audit(once, suggest=False, model="none").to_docx(twice, once)

    authors_once, refs_once, ranges_once = _comments(once)
    authors_twice, refs_twice, ranges_twice = _comments(twice)
    mine = authors_once.count("plantext")
    assert mine >= 2 and authors_once.count("张三") == 1
    assert authors_twice.count("plantext") == mine and authors_twice.count("张三") == 1
    assert refs_twice == refs_once == ranges_twice == mine + 1
