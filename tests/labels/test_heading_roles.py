"""The heading → role matcher, checked against the gold annotations and by tables."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from plantext.errors import InputError
from plantext.labels import DOC_TYPES, match_heading_role, normalize_heading, profile_for
from plantext.labels.heading_roles import SCORE_EXACT, _forms, _match, _spec

GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "gold"


def _gold_headings() -> tuple[list, list]:
    """(naming, other): gold headings whose title names a role, and the rest.

    A heading names a role when its own paragraph has ``role_from == "heading"``
    and it is a level-1 heading or its role differs from its parent heading's.
    """
    naming, other = [], []
    for path in sorted(GOLD.glob("*.json")) if GOLD.is_dir() else []:
        doc = json.loads(path.read_text(encoding="utf-8"))
        paras = {p["line"]: p for p in doc["paragraphs"]}
        stack: list[tuple[int, str]] = []
        for h in doc["headings"]:
            while stack and stack[-1][0] >= h["level"]:
                stack.pop()
            para = paras[h["line"]]
            parent = stack[-1][1] if stack else None
            stack.append((h["level"], para["role"]))
            row = pytest.param(h["title"], doc["doc_type"], para["role"],
                               id=f"{path.stem[:24]}:{h['line']}")
            names = para["role_from"] == "heading" and (parent is None or para["role"] != parent)
            (naming if names else other).append(row)
    return naming, other


GOLD_NAMING, GOLD_OTHER = _gold_headings()


@pytest.mark.parametrize("title, doc_type, role", GOLD_NAMING)
def test_gold_role_naming_heading(title, doc_type, role):
    hit = match_heading_role(title, doc_type=doc_type)
    assert hit is not None and hit[0] == role, f"{title!r}: gold {role}, got {hit}"


@pytest.mark.parametrize("title, doc_type, role", GOLD_OTHER)
def test_gold_other_heading_never_contradicts(title, doc_type, role):
    """A heading that inherits its role may match nothing, or only its own role."""
    hit = match_heading_role(title, doc_type=doc_type)
    assert hit is None or hit[0] == role, f"{title!r}: gold {role}, got {hit}"


def test_gold_accuracy_per_role():
    if not GOLD_NAMING:
        pytest.skip("no gold annotations beside the checkout")
    total, right = Counter(), Counter()
    for param in GOLD_NAMING:
        title, doc_type, role = param.values
        total[role] += 1
        hit = match_heading_role(title, doc_type=doc_type)
        right[role] += bool(hit and hit[0] == role)
    accuracy = {r: right[r] / total[r] for r in total}
    assert sum(right.values()) / sum(total.values()) >= 0.95, accuracy
    assert min(accuracy.values()) >= 0.8, accuracy


@pytest.mark.parametrize("title", [
    "坚持扩大内需，推动经济持续健康发展",
    "繁荣社区文化,丰富精神生活",
    "（三）繁荣社区文化",
    "（二）狠抓环境建设,优化社区形象",
    "聚焦稳增长、提质效，经济运行稳中向好",
    "全面加强政府效能建设",
    "加强政府自身建设",
    "厘清思路、重点重抓，产业支撑更加有力",
    "更加高效落实政策措施，着力巩固经济持续向上向好发展态势",
    "网络安全保障体系",
    "1、做好老龄服务工作",
    "2、完善创建工作机制",
    "加强统筹协调，强化落地实施",
    "着力保障和改善民生，扎实推动共同富裕",
    "创新工作思路",
    "明确目标，落实责任",
    "专栏一 智慧健养老产品供给工程",
    "2021年社区工作计划",
    "",
    "。",
])
def test_theme_only_heading_names_no_role(title):
    assert match_heading_role(title) is None


@pytest.mark.parametrize("title, doc_type, role, score", [
    ("一、指导思想", None, "guiding", 0.99),
    ("（二）工作目标。到2025年，全面建成……", None, "goal", 0.99),
    ("2023年工作回顾", "gov_work_report", "review", 0.99),
    ("“十四五”时期和2025年工作回顾", None, "review", 0.99),
    ("“十五五”时期主要目标任务", None, "goal", 0.99),
    ("总体目标（2013-2025年）", None, "goal", 0.99),
    ("存在的问题", None, "review", 0.99),
    ("主要工作", None, "measure", 0.99),
    ("主要工作", "work_plan", "measure", 0.99),
    ("主要工作", "work_summary", "review", 0.99),
    ("三、下一步工作打算", "work_summary", "measure", 0.99),
    ("附件", None, "other", 0.99),
    ("工作思路和主要目标", None, "guiding", 0.8),
    ("产业发展的原则、总体思路、目标及任务", None, "guiding", 0.8),
    ("组织领导与经费保障", None, "safeguard", 0.8),
    ("工作目标和任务", None, "goal", 0.8),
    ("2024年主要目标和重点任务", None, "goal", 0.8),
    ("2025年工作回顾和“十四五”时期发展成就", None, "review", 0.8),
    ("(一)加强领导,健全组织机构", "work_plan", "safeguard", 0.9),
    ("加强组织领导", None, "safeguard", 0.9),
    ("强化组织实施", None, "safeguard", 0.9),
    ("完善支持政策", None, "safeguard", 0.9),
    ("实行监督考核", None, "assessment", 0.9),
    ("第一阶段：动员部署（3月）", None, "schedule", 0.9),
    ("动员部署（2022年3月）", None, "schedule", 0.9),
    ("启动期（2024年5—6月）", None, "schedule", 0.9),
    ("总结验收阶段", None, "schedule", 0.9),
    ("近期目标（2013-2015年）", None, "goal", 0.99),
    ("智慧林业建设目标", None, "goal", 0.9),
    ("智慧林业基本原则", None, "guiding", 0.9),
    ("智慧林业产生背景", None, "preamble", 0.9),
    ("2024年重点工作安排", None, "measure", 0.9),
    ("2024年工作总体要求和主要目标", None, "guiding", 0.8),
    ("2023年重点工作完成情况", "work_summary", "review", 0.9),
    ("明年工作计划", "work_summary", "measure", 0.9),
    ("智慧林业保障措施", None, "safeguard", 0.8),
    ("切实加强组织领导，确保工作落到实处", None, "safeguard", 0.8),
    ("智慧林业推进路线图", None, "schedule", 0.8),
])
def test_match_table(title, doc_type, role, score):
    assert match_heading_role(title, doc_type=doc_type) == (role, score)


@pytest.mark.parametrize("title, key", [
    ("一、2024年工作目标。", "工作目标"),
    ("（一）指导思想：", "指导思想"),
    ("①存在的问题", "存在问题"),
    ("第三章 保障措施", "保障措施"),
    ("1.2 总体要求", "总体要求"),
    ("“十四五”时期和2025年工作回顾", "工作回顾"),
    ("二〇二四年工作安排", "工作安排"),
    ("总体目标（2013-2025年）", "总体目标"),
    ("指导思想 ........", "指导思想"),
    ("（ 三 ）繁荣社区文化", "繁荣社区文化"),
])
def test_normalize_heading(title, key):
    assert normalize_heading(title) == key


def test_every_alias_matches_its_own_role():
    for role, spec in _spec()["roles"].items():
        for alias in spec["titles"] + spec["exact_only"]:
            assert match_heading_role(alias) == (role, SCORE_EXACT), alias


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_profile_display_headings_match_their_role(doc_type):
    profile = profile_for(doc_type)
    for role, heading in profile.headings.items():
        hit = match_heading_role(heading, doc_type=doc_type)
        assert hit is not None and hit[0] == role, (heading, role, hit)


def test_unknown_doc_type_is_an_input_error():
    with pytest.raises(InputError, match="E009") as info:
        match_heading_role("指导思想", doc_type="plan")
    assert "work_plan" in str(info.value)


