"""Research tables shown to people name themes, roles, types and levels in Chinese."""

from __future__ import annotations

import pandas as pd

from plantext.corpus import readable, section_coverage, theme_prevalence


def test_prevalence_table_reads_in_chinese():
    frame = pd.DataFrame({"year": [2020, 2020, 2021], "text": ["a", "b", "c"],
                          "themes": [["elderly"], ["party"], ["elderly", "security"]]})
    prev = theme_prevalence(frame, by="year")
    table = readable(prev.pivot_table(index="theme", columns="year", values="share"))
    assert set(table.index) == {"养老服务", "党的建设", "社会治安"}
    assert table.index.name == "主题" and table.columns.name == "年份"
    long = readable(prev)
    assert {"年份", "主题", "占比"} <= set(long.columns) and "elderly" not in long.to_string()
    assert prev["theme"].iloc[0] in ("elderly", "party")          # the analysis itself keeps codes


def test_coverage_rows_and_columns_in_chinese():
    from plantext.labels import SECTION_ROLES

    has = {"a": {"goal", "measure"}, "b": {"goal", "safeguard"}}
    docs = pd.DataFrame({"doc_id": ["a", "b"], "doc_type": ["work_plan", "implementation_plan"],
                         "level": ["community", "street"],
                         **{f"has_{r}": [r in has["a"], r in has["b"]] for r in SECTION_ROLES}})
    cov = section_coverage(docs, by=("doc_type", "level"))
    shown = readable(cov).to_string()
    assert "工作计划" in shown and "实施方案" in shown and "社区" in shown and "街道" in shown
    assert "工作目标" in shown and "work_plan" not in shown and "safeguard" not in shown
