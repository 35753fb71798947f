"""Helpers of the audit tests: small hand-written plans and shared-data paths."""

from __future__ import annotations

import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
TEAM = ROOT / "corpora" / "community-v1"

FULL_PLAN = """阳光社区2024年平安建设工作计划
为进一步提升社区平安建设水平，结合社区实际，制定本计划。
一、指导思想
以居民安全需求为导向，坚持群防群治，推动社区治理精细化。
二、工作目标
到2024年底，社区刑事案件发案率下降10%，居民安全感达到95%以上，全年不发生重大火灾事故。
三、主要任务
（一）加强治安巡逻。由社区居委会牵头，组建巡逻队，每周巡逻不少于3次。
（二）开展消防检查。社区网格员负责，6月底前完成全部楼栋消防通道清理。
四、保障措施
成立平安建设领导小组，由社区书记任组长，工作经费纳入社区年度预算。
五、时间安排
1月至3月完成排查摸底，4月至11月全面实施，12月总结评比。
"""


def without(text: str, heading: str, next_heading: str | None) -> str:
    """``text`` without the section from ``heading`` up to ``next_heading``."""
    a = text.index(heading)
    b = text.index(next_heading) if next_heading else len(text)
    return text[:a] + text[b:]
