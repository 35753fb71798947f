"""Data for the suggest tests: a tiny hand-written corpus and an encoder without torch."""

from __future__ import annotations

import zlib

import numpy as np

from plantext.suggest import Entry

# (text, role, themes, doc_id, path)
ROWS = [
    ("开展生活垃圾分类宣传，组织志愿者在小区投放点值守督导。", "measure", ["environment", "volunteer"], "d1", "三/（一）"),
    ("推进老旧小区改造，完善排水、照明和无障碍设施。", "measure", ["urban"], "d1", "三/（二）"),
    ("依托居家养老服务站，为独居老人提供助餐、助洁、助医服务。", "measure", ["elderly"], "d1", "三/（三）"),
    ("到年底，社区居家养老服务覆盖率达到百分之九十以上。", "goal", ["elderly"], "d1", "二"),
    ("成立工作领导小组，由社区书记任组长，统筹推进各项任务。", "safeguard", ["none"], "d1", "四/（一）"),
    ("坚持党建引领，以居民需求为导向，推动共建共治共享。", "guiding", ["party", "governance"], "d2", "一"),
    ("规范落实三会一课制度，每月开展一次主题党日活动。", "measure", ["party"], "d2", "三/（一）"),
    ("到年底，垃圾分类示范小区达到四个，居民知晓率明显提高。", "goal", ["environment"], "d2", "二"),
    ("加强消防安全检查，每季度组织一次应急疏散演练。", "measure", ["safety"], "d2", "三/（二）"),
    ("落实专项经费，保障养老服务站日常运转和人员补贴。", "safeguard", ["elderly"], "d2", "四/（二）"),
    ("组织开展全民健身活动，举办社区运动会和广场舞比赛。", "measure", ["culture"], "d3", "三/（一）"),
    ("开展法治宣传进社区活动，为居民提供免费法律咨询。", "measure", ["law"], "d3", "三/（二）"),
]

# near-copies of one phrasing, and unrelated filler
NEAR = [
    "开展禁毒宣传教育进社区活动，提高居民识毒防毒拒毒能力。",
    "开展禁毒宣传教育进社区活动，提高居民识毒防毒拒毒的能力。",
    "开展禁毒宣传教育进社区活动，切实提高居民识毒防毒拒毒能力。",
    "深入开展禁毒宣传进校园活动，增强青少年识毒防毒拒毒意识。",
    "建立吸毒人员排查台账，落实社区戒毒社区康复帮扶措施。",
]


class FakeEncoder:
    """Unit vectors from hashed character bigrams: deterministic, no torch."""

    name = "fake-bigram-encoder"
    dim = 512

    def __init__(self):
        self.calls = 0

    def encode(self, texts, *, kind="query"):
        self.calls += 1
        texts = [texts] if isinstance(texts, str) else list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for a, b in zip(t, t[1:]):
                out[i, zlib.crc32((a + b).encode()) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)


def make_entries(rows=ROWS) -> list[Entry]:
    return [Entry(t, r, list(th), d, p, "work_plan") for t, r, th, d, p in rows]


PLAN_A = """阳光社区2024年养老服务工作计划

为提升社区养老服务水平，结合本社区实际，制定本计划。

一、工作目标

到年底，社区居家养老服务覆盖率达到百分之九十以上。

二、主要任务

（一）依托居家养老服务站，为独居老人提供助餐、助洁、助医服务。

（二）组织志愿者每月走访慰问高龄老人，开展陪伴聊天和健康讲座。

（三）在__社区设立助餐点，联系人：________。

三、保障措施

落实专项经费，保障养老服务站日常运转和人员补贴。
"""

PLAN_B = """翠竹社区2024年环境整治工作方案

一、指导思想

坚持以人民为中心，以垃圾分类和环境整治为抓手，建设美丽宜居社区。

二、重点任务

（一）开展生活垃圾分类宣传，组织志愿者在小区投放点值守督导。

（二）推进老旧小区改造，完善排水、照明和无障碍设施。

三、组织保障

成立环境整治工作领导小组，由社区书记任组长，统筹推进各项任务。
"""


def annotation(name: str, text: str, roles: dict[int, tuple[str, list[str]]]) -> dict:
    lines = text.split("\n")
    paras = []
    for i, line in enumerate(lines):
        if line.strip():
            role, themes = roles.get(i, ("other", ["none"]))
            paras.append({"line": i, "role": role, "role_from": "text", "themes": themes})
    return {"file": f"docs/{name}", "doc_type": "work_plan", "title": lines[0],
            "headings": [], "paragraphs": paras}
