"""Traditional script: detected, read through a conversion to simplified, offsets into the text as given."""

from __future__ import annotations

import subprocess
import sys
import warnings

import pytest

import plantext as pt
from plantext.clean import clean_text
from plantext.clean.script import is_traditional, to_simplified

# a plan written for these tests, in traditional script
PLAN_TRAD = """東湖社區2024年雙擁工作計劃

為進一步鞏固和發展軍政軍民團結，做好新時代擁軍優屬、擁政愛民工作，結合本社區實際，制定本計劃。

一、指導思想
以習近平新時代中國特色社會主義思想為指導，堅持服務國防和軍隊建設，推動雙擁工作與社區治理深度融合。

二、工作目標
全年走訪慰問轄區內優撫對象不少於四次，退役軍人服務站規範化建設達標率達到百分之百。

三、主要措施
（一）開展走訪慰問。在春節、八一建軍節期間，由社區黨委書記帶隊走訪轄區軍屬和退役軍人家庭。
（二）加強國防教育。利用宣傳欄、居民微信群開展國防知識宣傳，每季度組織一次專題講座。

四、保障措施
成立社區雙擁工作領導小組，由社區主任任組長，明確專人負責日常工作，所需經費列入社區年度預算。
"""


@pytest.mark.parametrize("trad, simple", [
    ("社區雙擁工作計劃", "社区双拥工作计划"),
    ("頭髮", "头发"),              # one character, two simplified readings: the phrase table decides
    ("發展經濟", "发展经济"),
    ("乾隆年間", "乾隆年间"),        # 乾 stays in a name
    ("關於進一步做好", "关于进一步做好"),
    ("瞭解情況", "了解情况"),
    ("檯面上", "台面上"),
    ("2024年3月，第1頁", "2024年3月，第1页"),
])
def test_conversion_is_character_for_character(trad, simple):
    out, changed = to_simplified(trad)
    assert out == simple
    assert len(out) == len(trad)
    assert changed == sum(1 for a, b in zip(trad, simple) if a != b)


@pytest.mark.parametrize("text, expected", [
    (PLAN_TRAD, True),
    ("為進一步鞏固和發展軍政軍民團結，做好擁軍優屬工作。", True),
    ("为进一步巩固和发展军政军民团结，做好拥军优属工作。", False),
    # a simplified plan quoting one traditional name is not traditional
    ("为进一步做好社区工作，学习“國泰”小区的经验，制定本计划。" * 3, False),
    ("乾坤朗朗，于是制定本计划，加强社区治理工作。", False),
    ("hello world 123", False),
])
def test_detection(text, expected):
    assert is_traditional(text) is expected


def test_parse_reads_traditional_text_as_simplified_with_offsets_into_the_input():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = pt.parse(PLAN_TRAD, model="sm")
    assert plan.title == "东湖社区2024年双拥工作计划"
    assert plan.doc_type == "work_plan"
    assert [s.title for s in plan.sections] == ["指导思想", "工作目标", "主要措施", "保障措施"]
    assert [s.role for s in plan.sections] == ["guiding", "goal", "measure", "safeguard"]
    assert any("繁体" in w for w in plan.warnings)
    assert "veterans" in {t for s in plan.segments for t in s.themes}
    for seg in plan.segments:
        a, b = plan.source_span(seg.start, seg.end)
        assert to_simplified(PLAN_TRAD[a:b])[0] == seg.text


def test_audit_findings_point_into_the_traditional_text():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = pt.audit(PLAN_TRAD, model="sm")
    assert "guiding" not in report.missing_roles and "measure" not in report.missing_roles
    assert any("繁体" in w for w in report.to_dict()["warnings"])
    located = [f for f in report.findings if f.start is not None]
    assert located
    for f in located:
        a, b = report.plan.source_span(f.start, f.end)
        assert to_simplified(PLAN_TRAD[a:b])[0] == report.plan.text[f.start:f.end]


def test_removals_keep_the_traditional_source_text():
    src = "當前位置：首頁 > 社區動態\n" + PLAN_TRAD + "\n\n\n第1頁\n"
    result = clean_text(src)
    assert result.warnings and result.text.startswith("东湖社区")
    reasons = {r.reason: r.text for r in result.removals}
    assert reasons["page furniture: breadcrumb"] == "當前位置：首頁 > 社區動態\n"    # found in the converted text
    assert reasons["page furniture: page number"] == "第1頁\n"
    for r in result.removals:
        assert src[r.start:r.end] == r.text


def test_clean_false_keeps_the_input_and_warns():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = pt.parse(PLAN_TRAD, clean=False, model="sm")
    assert plan.text == PLAN_TRAD
    assert any("clean=False" in w for w in plan.warnings)


def test_simplified_text_loads_no_converter():
    code = ("import sys, warnings; warnings.simplefilter('ignore'); import plantext as pt; "
            "pt.parse('社区工作计划\\n一、工作目标\\n加强社区治理，提升服务水平。', model='none'); "
            "print('opencc' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_traditional_share_counts_as_a_character_loop(shared):
    """The counts come from two regexes now; they equal counting character by character."""
    import re

    from plantext.clean.script import traditional_chars, traditional_share

    chars = traditional_chars()
    texts = ["", "這個計劃關於社區服務", "简体文本，没有繁体。", "𠀀𠀁 mixed 體 abc"]
    texts += [f.read_text(encoding="utf-8")[:3000] for f in sorted((shared / "corpora" / "real").rglob("*.txt"))[::40]]
    for text in texts:
        want = (sum(1 for c in text if c in chars), len(re.findall(r"[\u4e00-\u9fff]", text)))
        assert traditional_share(text) == want
