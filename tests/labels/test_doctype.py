"""Document types from the title, or from how an untitled plan speaks of itself."""

from __future__ import annotations

import pytest

from plantext.labels.doctype import detect_doc_type


@pytest.mark.parametrize("title, text, code", [
    ("阳光社区2024年工作计划", "", "work_plan"),
    ("关于推进社区养老服务的实施方案", "", "implementation_plan"),
    ("2024年社区治理工作要点", "", "work_points"),
    (None, "为提升服务水平，特制定本方案。", "implementation_plan"),
    (None, "结合实际，制定本年度工作计划。", "work_plan"),
    (None, "各位代表：现在，我代表市人民政府向大会报告工作，请予审议。", "gov_work_report"),
    # a prefecture's report to its standing committee
    (None, "各位主任、委员：\n下面，我代表行署作工作报告，请提出意见。", "gov_work_report"),
    # an untitled plan that says it was drawn up as work points
    (None, "为推动标准体系建设，司里组织编制了2024年社区服务标准化工作要点。主要内容如下：", "work_points"),
    (None, "现将2024年社区治理工作要点印发给你们。", "work_points"),
    # a work-points document it only cites is not what it is
    (None, "为落实《2023年社区治理工作要点》，结合实际，制定本方案。", "implementation_plan"),
    (None, "社区工作人员认真学习了各项制度。", "other"),
    # opens with "制定本计划" and later, past the opening, calls itself an action plan
    (None, "为推进社区适老化改造，制定本计划。\n" + "各街道要细化任务。" * 400 + "\n各单位按照本行动计划分工落实。",
     "implementation_plan"),
    (None, "为推进社区适老化改造，制定本计划。\n" + "各街道要细化任务。" * 400, "work_plan"),
    # an untitled report that addresses the deputies only past its opening
    (None, "2023年是三年行动的开局之年。" + "我们推进城市更新。" * 400 + "\n各位代表，奋斗饱含艰辛。",
     "gov_work_report"),
    # the address on a line of its own
    (None, "各位代表\n现在，我代表市政府报告工作。", "gov_work_report"),
    # "各位代表" inside a phrase is no address
    (None, "为推进社区适老化改造，制定本计划。\n" + "各街道要细化任务。" * 400 + "\n邀请各位代表委员参加。",
     "work_plan"),
])
def test_detect_doc_type(title, text, code):
    assert detect_doc_type(title, text) == code
