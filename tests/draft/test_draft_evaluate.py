"""evaluate_drafting over a one-document gold set and the tiny corpus."""

from __future__ import annotations

import json

from draft_samples import intact_plan

from plantext.draft.evaluate import evaluate_drafting


def _gold(tmp_path):
    text = intact_plan()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "p.txt").write_text(text, encoding="utf-8")
    lines = text.split("\n")
    roles, heads, role = {}, [], "preamble"
    names = {"指导思想": "guiding", "工作目标": "goal", "主要任务": "measure", "实施步骤": "schedule",
             "保障措施": "safeguard", "考核评估": "assessment", "工作要求": "requirement"}
    for i, line in enumerate(lines[1:], 1):
        if line[1:2] == "、":
            role = names[line[2:]]
            heads.append({"line": i, "marker": line[:2], "level": 1, "title": line[2:],
                          "inline": False})
        roles[i] = role
    gold = {"file": "docs/p.txt", "doc_type": "implementation_plan", "headings": heads,
            "paragraphs": [{"line": i, "role": r, "themes": ["security"]}
                           for i, r in roles.items()]}
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "p.json").write_text(json.dumps(gold, ensure_ascii=False),
                                              encoding="utf-8")
    return tmp_path / "gold"


def test_evaluate_drafting(tmp_path, index, monkeypatch):
    from plantext.draft import evaluate as ev

    monkeypatch.setattr(ev, "DOC_TYPES", ("work_plan", "work_summary"))
    monkeypatch.setattr(ev, "THEME_SETS", (("civility", "security"),))
    res = evaluate_drafting(_gold(tmp_path), tmp_path, corpus=index, model="none")
    assert res["n_drafts"] == 2 and res["drafts_clean"] == 2
    # the gold plan's sections that the implementation-plan profile asks for (assessment and
    # requirement are optional there)
    assert {c["role"] for c in res["cases"]} == {"guiding", "goal", "measure", "schedule",
                                                 "safeguard"}
    assert res["restore_rate"] == 1.0
    assert res["intact"][0]["inserted"] == [] and res["false_insertions"] == 0


def test_evaluate_completion_through_docx(tmp_path, index, monkeypatch):
    from plantext.draft import evaluate as ev

    monkeypatch.setattr(ev, "DOC_TYPES", ())
    res = evaluate_drafting(_gold(tmp_path), tmp_path, corpus=index, model="none", docx=True)
    rows = res["docx"]
    assert len(rows) == len(res["cases"]) + len(res["intact"])
    assert sum(r["inserted"] > 0 for r in rows) == len(res["cases"])
    assert all(r["same_words"] for r in rows)
