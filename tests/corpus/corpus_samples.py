"""Small plans and paths shared by the corpus tests."""

from __future__ import annotations

import pathlib

REPO = pathlib.Path(__file__).resolve().parents[2]
COMMUNITY = REPO / "corpora" / "community-v1"

PLAN_A = """社区2024年养老服务工作计划
为进一步做好辖区养老服务工作，结合社区实际，制定本计划。
一、指导思想
坚持以人民为中心，完善居家养老服务体系。
二、工作目标
到年底，老年人助餐服务覆盖率达到百分之九十。
三、主要任务
（一）开展助餐服务。依托日间照料中心为老年人提供助餐。
（二）开展健康服务。组织家庭医生为老年人上门体检。
四、保障措施
社区成立工作领导小组，落实经费保障。
"""

PLAN_B = """街道2023年教育关爱工作方案
一、工作目标
关爱未成年人健康成长，做好课后托管服务。
二、工作措施
（一）开设四点半课堂，组织志愿者辅导学生功课。
（二）开展家庭教育讲座，提升家长育儿能力。
三、工作要求
各社区要高度重视，确保各项工作落到实处。
"""
