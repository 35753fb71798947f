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


@pytest.mark.parametrize("title, text, headings, code", [
    # activity plans by their title
    ("翠湖社区重阳节敬老活动方案", "", (), "activity_plan"),
    ("关于开展学雷锋志愿服务月活动的实施方案", "", (), "activity_plan"),
    ("2024年春节文体活动计划", "", (), "activity_plan"),
    ("全市安全生产专项行动方案", "", (), "implementation_plan"),
    # no title: the preamble names what it is
    (None, "为丰富居民文化生活，经社区两委研究，特制定本次中秋游园活动方案。", (), "activity_plan"),
    (None, "为贯彻落实上级部署，结合我街道实际，制定本实施意见。", (), "implementation_plan"),
    (None, "为做好全年工作，现制订如下计划。", (), "work_plan"),
    (None, "为规范社区议事协商，提出本意见。", (), "opinion"),
    # no title and no self-naming: the headings tell
    (None, "端午节将至。", ("一、活动主题", "二、活动时间", "三、活动地点", "四、活动内容"), "activity_plan"),
    (None, "今年以来，社区各项工作稳步推进。",
     ("一、主要做法", "二、存在的问题", "三、下一步工作打算"), "work_summary"),
    # one activity-like heading is not enough, nor problems without a next step
    (None, "社区工作人员认真学习。", ("一、活动内容", "二、保障措施"), "other"),
    (None, "社区工作人员认真学习。", ("一、存在的问题", "二、整改措施"), "other"),
])
def test_detect_doc_type_without_title(title, text, headings, code):
    assert detect_doc_type(title, text, headings) == code
