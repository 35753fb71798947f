"""Placeholders: every template slot found with its exact span, ordinary text left alone."""

from __future__ import annotations

import json

import pytest

from plantext.audit.placeholders import find_placeholders

from audit_fixtures import SHARED, TEAM


@pytest.mark.parametrize("text, slot", [
    ("为__社区居民营造良好环境", "__社区"),
    ("20__年工作计划", "20__年"),
    ("于__月__日前报送", "__月__日"),
    ("××街道办事处", "××"),
    ("×××同志任组长", "×××"),
    ("由XX单位负责", "XX"),
    ("奖补____万元", "____万元"),
    ("联系人：＿＿＿＿", "＿＿＿＿"),
    ("由【单位名称】牵头", "【单位名称】"),
    ("负责人：【负责人】", "【负责人】"),
    ("实施“×”工程", "×"),
    ("第×条", "×"),
])
def test_placeholder_found_with_exact_span(text, slot):
    found = find_placeholders(text)
    assert len(found) == 1
    p = found[0]
    assert text[p.start:p.end] == p.text
    assert slot in p.text


@pytest.mark.parametrize("text", [
    "场地面积为2×3米",
    "12 × 4 = 48",
    "XX世纪初",
    "下载XXL尺寸文件",
    "【典型案例】社区开展文明创建",
    "长×宽×高不超过1米",
    "**重点工作**",
])
def test_ordinary_text_has_no_placeholder(text):
    assert find_placeholders(text) == []


def _gold_docs():
    docs = []
    seed = SHARED / "gold" / "seeds__000_416a0e5637168323.json"
    if seed.is_file():
        docs.append((seed, SHARED))
    if (TEAM / "annotations").is_dir():
        docs += [(p, TEAM.parents[1]) for p in sorted((TEAM / "annotations").glob("*.json"))]
    return docs


@pytest.mark.skipif(not _gold_docs(), reason="gold files absent")
def test_gold_placeholders_all_found_and_none_on_clean_docs():
    for path, root in _gold_docs():
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (root / gold["file"]).read_text(encoding="utf-8")
        found = find_placeholders(text)
        wanted = gold.get("placeholders") or []
        if not wanted:
            assert found == [], path.name
        pos = 0
        for slot in wanted:
            i = text.find(slot, pos)
            assert i >= 0
            pos = i + len(slot)
            assert any(p.start < i + len(slot) and i < p.end for p in found), (path.name, slot)
