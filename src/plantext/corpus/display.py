"""Research tables for people: codes shown by their Chinese names, columns named in Chinese.

The analyses return codes (``elderly``, ``work_plan``, ``safeguard``) so that
tables join and filter reliably; :func:`readable` is for showing them::

    readable(theme_prevalence(frame, by="year"))        # 主题: 养老服务 …, 年份, 占比
    readable(section_coverage(docs, by="doc_type"))     # rows 工作计划 …, columns 保障措施 …
"""

from __future__ import annotations

from typing import Any

from ..labels.names import ROLE_ZH, doc_type_names, theme_names

LEVEL_ZH = {"community": "社区", "village": "村", "street": "街道", "town": "镇", "township": "乡",
            "county": "县", "district": "区", "city": "市", "prefecture": "地级市", "province": "省",
            "national": "国家"}
COLUMN_ZH = {"year": "年份", "doc_type": "文档类型", "level": "层级", "doc_level": "层级", "region": "地区",
             "theme": "主题", "role": "部分", "share": "占比", "segments": "句子数", "chars": "字数",
             "n_docs": "文档数", "term": "词语", "group": "组", "z": "z 值", "count": "次数",
             "title": "标题", "doc_id": "文档", "unit": "单位", "themes": "主题", "main_themes": "主要主题"}


def name_of(value: Any) -> Any:
    """The Chinese name of a theme, role, document-type or level code; anything else as is."""
    if not isinstance(value, str):
        return value
    for table in (theme_names(), ROLE_ZH, doc_type_names(), LEVEL_ZH):
        if value in table:
            return table[value]
    return value


def readable(frame):
    """A copy of ``frame`` for display: code values, index labels and code columns in Chinese,
    column names in Chinese (lists of codes become 、-joined names)."""
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_object_dtype(out[col]) or pd.api.types.is_string_dtype(out[col]):
            out[col] = [("、".join(str(name_of(v)) for v in x if v != "none")
                         if isinstance(x, (list, tuple)) else name_of(x)) for x in out[col]]
    out = out.rename(columns=lambda c: name_of(c) if c in ROLE_ZH or c in theme_names() else COLUMN_ZH.get(c, c))
    if isinstance(out.index, pd.MultiIndex):
        out.index = pd.MultiIndex.from_tuples([tuple(name_of(v) for v in t) for t in out.index],
                                              names=[COLUMN_ZH.get(n, n) for n in out.index.names])
    else:
        out.index = pd.Index([name_of(v) for v in out.index], name=COLUMN_ZH.get(out.index.name, out.index.name))
    if out.columns.name:
        out.columns.name = COLUMN_ZH.get(out.columns.name, out.columns.name)
    return out
