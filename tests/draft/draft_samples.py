"""Data of the drafting tests: a tiny annotated corpus and hand-written plans."""

from __future__ import annotations

import json
import pathlib

# (file stem, meta, text, {line: (role, themes)}); heading lines take their section's role
DOCS = [
    ("cva", {"doc_type": "work_plan", "year": 2023, "region": "城关街道阳光社区",
             "unit": "阳光社区居民委员会"}, """阳光社区2023年精神文明建设工作计划
为巩固文明社区创建成果，根据城关街道党工委年度工作安排，结合社区实际，制定本计划。
一、工作回顾
2022年，阳光社区评选文明家庭35户，组织道德讲堂活动12场，居民文明素质明显提高。
二、指导思想
以社会主义核心价值观为引领，坚持共建共享，不断提高居民文明素质和社区文明程度。
三、工作目标
到2025年，居民对社区文明程度的满意度达到90%以上，新评选文明家庭40户以上。
四、主要工作
（一）依托社区市民学校和道德讲堂，每月开展一次文明礼仪宣讲。
（二）持续开展文明家庭、文明楼院评选活动，每季度评选一批身边好人。
（三）组织志愿者开展文明劝导，引导居民自觉遵守社区文明公约。
五、时间安排
第一阶段为2023年3月，制定方案并召开动员会，广泛宣传发动。
第二阶段为4月至11月，全面组织实施各项创建活动。
六、保障措施
成立精神文明建设工作领导小组，由社区书记任组长，统筹推进各项任务。
从社区办公经费中安排专项资金，用于宣传阵地建设和评选表彰。
七、考核评估
将文明创建工作纳入网格年度考核，实行季度通报、年终评比。
八、工作要求
各网格要高度重视，明确责任人，确保各项任务按时完成。""",
     {1: "preamble", 2: "review", 3: "review", 4: "guiding", 5: "guiding", 6: "goal", 7: "goal",
      8: "measure", 9: "measure", 10: "measure", 11: "measure", 12: "schedule", 13: "schedule",
      14: "schedule", 15: "safeguard", 16: "safeguard", 17: "safeguard", 18: "assessment",
      19: "assessment", 20: "requirement", 21: "requirement"}, ["civility"]),
    ("cvb", {"doc_type": "implementation_plan", "year": 2022, "region": "青山镇",
             "unit": "青山镇人民政府"}, """青山镇2022年平安建设实施方案
为进一步提升群众安全感，根据县委政法委有关要求，结合我镇实际，制定本方案。
一、工作回顾
2021年，全镇刑事案件同比下降15%，调解各类矛盾纠纷210件，社会治安持续向好。
二、指导思想
坚持群防群治，以治安防控体系建设为抓手，推动平安建设向基层延伸。
三、工作目标
全镇刑事案件发案率同比下降10%，群众安全感达到95%以上，全年不发生重大治安案件。
四、主要任务
（一）组织治安巡逻队在重点时段开展巡逻，加强出租房屋和流动人口登记管理。
（二）推进视频监控全覆盖，在主要路口和小区出入口新增监控探头。
（三）发挥人民调解委员会作用，对邻里纠纷早发现、早介入、早化解。
五、实施步骤
第一阶段为2022年4月，开展摸底排查，建立治安隐患台账。
第二阶段为5月至10月，集中开展专项整治行动。
六、保障措施
镇财政安排平安建设专项资金，重点用于技防设施建设和巡防队伍补贴。
七、考核评估
将平安建设工作纳入村级年度目标考核，考核结果与评先评优挂钩。
八、工作要求
各村要落实属地责任，主要负责人亲自抓，确保措施落实到位。""",
     {1: "preamble", 2: "review", 3: "review", 4: "guiding", 5: "guiding", 6: "goal", 7: "goal",
      8: "measure", 9: "measure", 10: "measure", 11: "measure", 12: "schedule", 13: "schedule",
      14: "schedule", 15: "safeguard", 16: "safeguard", 17: "assessment", 18: "assessment",
      19: "requirement", 20: "requirement"}, ["security"]),
    ("cvc", {"doc_type": "work_summary", "year": 2021, "region": "西湖街道翠竹社区",
             "unit": "翠竹社区居民委员会"}, """翠竹社区2021年养老服务工作总结
2021年，翠竹社区在西湖街道党工委的领导下，扎实推进居家养老服务，现将全年工作总结如下。
一、主要工作及成效
全年为辖区186名高龄老人发放高龄津贴，为独居老人安装紧急呼叫设备52台。
依托居家养老服务站开展助餐服务，日均服务老年人80人次。
二、工作目标
居家养老服务覆盖率达到95%以上，独居老人每月至少走访一次。
三、下步工作打算
（一）依托社区居家养老服务站开展助餐、助洁、助医等服务。
（二）推动社区卫生服务机构与日间照料中心签约合作，为老年人建立健康档案。
（三）组织志愿者结对帮扶独居老人，开展陪伴聊天和健康讲座。
四、保障措施
积极争取街道和辖区单位在经费、场地等方面给予支持。""",
     {1: "preamble", 2: "review", 3: "review", 4: "review", 5: "goal", 6: "goal", 7: "measure",
      8: "measure", 9: "measure", 10: "measure", 11: "safeguard", 12: "safeguard"}, ["elderly"]),
    ("cve", {"doc_type": "work_plan", "year": 2023, "region": "春晖社区",
             "unit": "春晖社区居民委员会"}, """春晖社区2023年平安社区建设工作计划
为提升居民安全感，结合社区实际，制定本计划。
一、主要任务
组织楼栋长和志愿者开展夜间巡逻，重点排查消防通道堵塞和电动车违规充电问题。
二、保障措施
社区党委书记负总责，网格员分片包干，确保平安建设各项任务落实到人。
安排专人负责治安信息收集，发现隐患及时登记并跟踪整改。
三、考核评估
每季度对各网格平安建设情况进行检查，检查结果在社区公示栏公布。
四、工作要求
各网格要把平安建设摆上重要位置，加强协作配合，确保各项工作按时完成。""",
     {1: "preamble", 2: "measure", 3: "measure", 4: "safeguard", 5: "safeguard", 6: "safeguard",
      7: "assessment", 8: "assessment", 9: "requirement", 10: "requirement"}, ["security"]),
    ("cvd", {"doc_type": "work_plan", "year": 2020, "region": "××街道", "unit": "××街道办事处"},
     """××街道2020年双拥工作计划
为做好双拥工作，结合××街道实际，制定本计划。
一、主要工作
组织走访慰问驻地部队，联系人：【联系人】。""",
     {1: "preamble", 2: "measure", 3: "measure"}, ["veterans"]),
]


def write_corpus(root: pathlib.Path) -> pathlib.Path:
    """A corpus folder laid out like corpora/community-v1: docs/ and annotations/."""
    (root / "docs").mkdir(parents=True)
    (root / "annotations").mkdir()
    for stem, meta, text, roles, themes in DOCS:
        (root / "docs" / f"{stem}.txt").write_text(text, encoding="utf-8")
        paras = [{"line": i, "role": roles.get(i, "other"), "role_from": "text",
                  "themes": themes if i in roles else ["none"]}
                 for i, line in enumerate(text.split("\n")) if line.strip()]
        ann = {"file": f"docs/{stem}.txt", "doc_type": meta["doc_type"],
               "title": text.split("\n")[0], "headings": [], "paragraphs": paras,
               "meta": meta}
        (root / "annotations" / f"{stem}.json").write_text(json.dumps(ann, ensure_ascii=False),
                                                            encoding="utf-8")
    return root


# an implementation plan with every expected section but 保障措施
NO_SAFEGUARD = """和平社区2024年平安建设实施方案
为进一步提升社区平安建设水平，结合社区实际，制定本方案。
一、指导思想
以居民安全需求为导向，坚持群防群治，推动社区治理精细化。
二、工作目标
到2024年底，社区刑事案件发案率下降10%，居民安全感达到95%以上，全年不发生重大火灾事故。
三、主要任务
（一）加强治安巡逻。由社区居委会牵头，组建巡逻队，每周巡逻不少于3次。
（二）开展消防检查。社区网格员负责，6月底前完成全部楼栋消防通道清理。
四、实施步骤
1月至3月完成排查摸底，4月至11月全面实施，12月总结评比。
五、考核评估
将平安建设工作纳入网格年度考核，年终开展居民满意度测评。
六、工作要求
各网格要落实责任，主要负责人亲自抓，确保各项措施落实到位。"""

SAFEGUARD = "六、保障措施\n成立平安建设领导小组，由社区书记任组长，工作经费纳入社区年度预算。\n"


def intact_plan() -> str:
    """NO_SAFEGUARD with its 保障措施 in place (nothing missing)."""
    head, tail = NO_SAFEGUARD.split("五、考核评估")
    tail = "五、考核评估" + tail
    renumbered = tail.replace("六、工作要求", "七、工作要求").replace("五、考核评估", "六、考核评估")
    return head + SAFEGUARD.replace("六、", "五、") + renumbered


# four outline levels, for the writers
FOUR_LEVELS = """和平社区2024年文明创建工作方案
为巩固文明创建成果，结合社区实际，制定本方案。
一、总体要求
（一）指导思想
以社会主义核心价值观为引领，不断提高居民文明素质。
（二）工作目标
居民文明素质测评满意度达到90%以上。
二、主要任务
（一）加强宣传教育
1.开展文明宣讲
（1）进楼栋宣讲
每月组织一次文明礼仪进楼栋宣讲活动。
（2）进学校宣讲
每学期组织一次文明礼仪进校园活动。
2.评选身边好人
（一）落实责任。各网格要明确责任人，确保各项任务按时完成。
三、保障措施
成立文明创建工作领导小组，统筹推进各项任务。"""


# the body of an elderly-care plan, for a page holding two plans
ELDERLY_BODY = """一、指导思想
坚持以老年人需求为导向，完善居家养老服务体系，提高老年人生活质量。
二、工作目标
年内为辖区高龄老人建立健康档案，独居老人每月走访不少于一次。
三、主要任务
（一）依托居家养老服务站开展助餐、助洁服务。
（二）组织志愿者结对帮扶独居老人。
四、实施步骤
3月完成摸底，4月至11月组织实施，12月总结。
五、保障措施
争取辖区单位在场地和经费方面给予支持。
六、考核评估
将养老服务工作纳入网格年度考核。
七、工作要求
各网格要落实责任，确保各项服务落到实处。"""


def two_plan_page() -> str:
    """A template-site page: an intact elderly plan (一), then NO_SAFEGUARD's body (二)."""
    return ("和平社区工作方案（一）\n" + ELDERLY_BODY + "\n和平社区工作方案（二）\n"
            + NO_SAFEGUARD.split("\n", 1)[1])
