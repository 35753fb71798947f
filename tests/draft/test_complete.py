"""complete(): missing sections inserted in place, renumbered, nothing else changed."""

from __future__ import annotations

import re
import warnings

import pytest
from draft_samples import NO_SAFEGUARD, intact_plan, two_plan_page

from plantext import parse, parse_many
from plantext.errors import InputError
from plantext.audit import audit_plan
from plantext.draft import complete


def _complete(text, index, **kw):
    kw.setdefault("model", "none")
    return complete(text, corpus=index, **kw)


def _parse(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return parse(text, model="none")


def test_inserts_missing_safeguard_in_place(index):
    res = _complete(NO_SAFEGUARD, index, profile="implementation_plan")
    assert res.missing_roles == {"safeguard"}
    assert [(i.role, i.heading) for i in res.inserted] == [("safeguard", "五、保障措施")]
    ins = res.inserted[0]
    new = res.plan.text
    # before the insertion: the input unchanged; after it: unchanged but the renumbered markers
    assert ins.at == NO_SAFEGUARD.index("五、考核评估")
    assert new[:ins.start] == NO_SAFEGUARD[:ins.at]
    expected_tail = NO_SAFEGUARD[ins.at:].replace("六、工作要求", "七、工作要求").replace(
        "五、考核评估", "六、考核评估")
    assert new[ins.end:].lstrip("\n") == expected_tail
    assert new[ins.start:ins.end] == ins.text and ins.text.startswith("五、保障措施\n")
    assert [(r["old"], r["new"]) for r in res.renumbered] == [("五、", "六、"), ("六、", "七、")]
    for r in res.renumbered:
        assert new[r["start"]:r["end"]] == r["new"]
    outline = [s.marker + s.title for s in res.plan.sections]
    assert outline == ["一、指导思想", "二、工作目标", "三、主要任务", "四、实施步骤", "五、保障措施",
                       "六、考核评估", "七、工作要求"]
    assert res.plan.numbering_issues == []


def test_inserted_section_is_traced_and_restores_the_role(index):
    res = _complete(NO_SAFEGUARD, index, profile="implementation_plan")
    ins = res.inserted[0]
    assert ins.provenance
    assert all(ins.start <= p["start"] < p["end"] <= ins.end for p in ins.provenance)
    for p in ins.provenance:
        assert res.plan.text[p["start"]:p["end"]]
        assert p["source"].startswith(("cva#", "cvb#", "cvc#", "cve#"))
    assert res.plan.meta["inserted"][0]["role"] == "safeguard"
    report = audit_plan(res.plan, profile="implementation_plan", suggest=False, generalise=False)
    assert "safeguard" not in report.missing_roles
    assert "和平社区" not in ins.text or "阳光社区" not in ins.text
    assert not re.search(r"阳光社区|青山镇|翠竹社区", ins.text)


def test_intact_plan_gets_nothing(index):
    text = intact_plan()
    plan = _parse(text)
    res = _complete(plan, index, profile="implementation_plan")
    assert res.inserted == [] and res.renumbered == []
    assert res.plan is plan and res.text == text
    assert "没有缺少的部分" in res.summary()


def test_missing_first_section_renumbers_all(index):
    text = NO_SAFEGUARD.replace("一、指导思想\n以居民安全需求为导向，坚持群防群治，推动社区治理精细化。\n", "")
    for old, new in (("二、", "一、"), ("三、", "二、"), ("四、", "三、"), ("五、", "四、"),
                     ("六、", "五、")):
        text = text.replace(old, new, 1)
    res = _complete(text, index, profile="implementation_plan")
    assert [(i.role, i.heading) for i in res.inserted] == [("guiding", "一、指导思想"),
                                                          ("safeguard", "五、保障措施")]
    markers = [s.marker for s in res.plan.sections]
    assert markers == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    assert [s.role for s in res.plan.sections] == ["guiding", "goal", "measure", "schedule",
                                                   "safeguard", "assessment", "requirement"]
    assert res.plan.numbering_issues == []


def test_source_layout_is_kept(index):
    """Indentation and blank lines of the text as given survive; inserted text follows them."""
    lines = NO_SAFEGUARD.split("\n")
    given = lines[0] + "\n\n" + "\n\n".join("\u3000\u3000" + l for l in lines[1:]) + "\n"
    res = _complete(given, index, profile="implementation_plan")
    out = res.source_text
    at = out.index("\u3000\u3000五、保障措施")
    assert out[:at] == given[:given.index("\u3000\u3000五、考核评估")]
    assert out.endswith("\u3000\u3000七、工作要求\n\n\u3000\u3000" + lines[-1] + "\n")
    block = out[at:out.index("\u3000\u3000六、考核评估")]
    assert all(l.startswith("\u3000\u3000") for l in block.split("\n\n") if l)


def test_section_goes_before_a_closing_signature(index):
    from plantext.labels.profiles import data_json, parse_profile

    # a profile of the user's own that asks for 工作要求 (optional in the built-in one)
    raw = data_json("implementation_plan.json")
    raw["optional"] = [r for r in raw["optional"] if r != "requirement"]
    raw["recommended"] = raw["recommended"] + ["requirement"]
    text = intact_plan().replace(
        "\n七、工作要求\n各网格要落实责任，主要负责人亲自抓，确保各项措施落实到位。", "") + \
        "\n和平社区居民委员会\n2024年1月8日"
    res = _complete(text, index, profile=parse_profile(raw))
    assert [i.role for i in res.inserted] == ["requirement"]
    out = res.source_text
    assert out.startswith(text[:text.index("\n和平社区居民委员会")] + "\n七、工作要求\n")
    assert out.endswith("。\n和平社区居民委员会\n2024年1月8日")


def test_required_only(index):
    text = intact_plan().replace("四、实施步骤\n1月至3月完成排查摸底，4月至11月全面实施，12月总结评比。\n", "")
    res = _complete(text, index, profile="implementation_plan", tiers=("required",))
    assert res.inserted == [] and res.missing_roles == {"schedule"}


def test_complete_a_drafted_plan(make_draft, index):
    plan = make_draft("work_plan", ("civility",))
    at = plan.text.index("、保障措施")
    cut = plan.text[:plan.text.rindex("\n", 0, at) + 1]
    res = _complete(cut, index, profile="work_plan")
    assert [i.role for i in res.inserted] == ["safeguard"]
    assert res.plan.text.startswith(cut.rstrip("\n"))


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_complete_a_file(tmp_path, index, suffix):
    path = tmp_path / f"draft{suffix}"
    path.write_text(NO_SAFEGUARD, encoding="utf-8")
    res = _complete(str(path), index, profile="implementation_plan")
    assert [i.role for i in res.inserted] == ["safeguard"]
    assert res.plan.source == str(path)


def test_completion_holds_to_the_plans_level(index):
    """A community plan is not completed with a township's sentence (镇财政安排…)."""
    res = _complete(NO_SAFEGUARD, index, profile="implementation_plan")
    assert res.plan.meta["level"] == "community"
    assert "security" in res.plan.meta["themes"]
    ins = res.inserted[0]
    assert ins.provenance and "镇财政" not in ins.text
    assert all(not p["source"].startswith(("cva#", "cvc#")) for p in ins.provenance)  # off subject


def test_completion_uses_the_given_level(index):
    res = _complete(NO_SAFEGUARD, index, profile="implementation_plan", level="街道")
    assert res.plan.meta["level"] == "street"


def test_a_page_of_plans_is_never_completed_as_one(index):
    page = two_plan_page()
    with pytest.raises(InputError, match="2 份计划"):
        _complete(page, index, profile="implementation_plan")
    with pytest.raises(InputError, match="没有第 3 份"):
        _complete(page, index, profile="implementation_plan", part=3)
    with pytest.raises(InputError, match="part"):
        _complete(page, index, profile="implementation_plan", part=0)


def test_one_plan_of_a_page_is_completed_in_its_place(index):
    page = two_plan_page()
    res = _complete(page, index, profile="implementation_plan", part=2)
    second = page.index("和平社区工作方案（二）")
    out = res.source_text
    assert out[:second] == page[:second]                 # plan (一) untouched
    assert [(i.role, i.heading) for i in res.inserted] == [("safeguard", "五、保障措施")]
    assert out.index("五、保障措施", second) < out.index("六、考核评估", second)
    assert res.plan.title == "和平社区工作方案（二）" and "养老" not in res.plan.text
    assert "elderly" not in res.plan.meta["themes"]
    assert all(not p["source"].startswith("cvc#") for p in res.inserted[0].provenance)
    assert [e["kind"] for e in res.source_edits] == ["insert", "renumber", "renumber"]
    assert all(e["start"] > second for e in res.source_edits)
    # the same plan taken from parse_many is completed the same way
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plans = parse_many(page, model="none")
    again = _complete(plans[1], index, profile="implementation_plan")
    assert again.source_text == out
    first = _complete(page, index, profile="implementation_plan", part=1)
    assert [i.role for i in first.inserted] == ["preamble"]      # (一) has no opening
    tail = page[second:]
    assert first.source_text.endswith(tail) and len(first.source_text) > len(page)


def test_source_edits_rebuild_the_completed_text(index):
    res = _complete(NO_SAFEGUARD, index, profile="implementation_plan")
    text, shift = NO_SAFEGUARD, 0
    for e in res.source_edits:
        text = text[:e["start"] + shift] + e["text"] + text[e["end"] + shift:]
        shift += len(e["text"]) - (e["end"] - e["start"])
    assert text == res.source_text
