import pytest

from plantext.outline import build_outline
from plantext.outline.sentences import paragraph_spans, runin_starts, sentence_spans

PLAN = """街道2024年平安建设工作计划
为进一步提升辖区平安建设水平，结合实际，制定本计划。
一、指导思想
坚持人民至上，统筹发展和安全。
二、主要任务
（一）加强治安防控。完善巡逻机制，一是加强夜间巡逻；二是推进视频监控全覆盖。
1.健全群防群治队伍
组织平安志愿者参与巡逻。
2.强化重点人群服务管理
（二）化解矛盾纠纷
推行“街道吹哨、部门报到”。
三、保障措施
落实专项经费。"""


def _headings(outline):
    out = []

    def walk(secs):
        for s in secs:
            out.append((s.marker, s.title, s.level, s.inline))
            walk(s.children)

    walk(outline.sections)
    return out


def test_outline_tree_levels_and_titles():
    o = build_outline(PLAN)
    assert o.title == "街道2024年平安建设工作计划"
    assert _headings(o) == [
        ("一、", "指导思想", 1, False),
        ("二、", "主要任务", 1, False),
        ("（一）", "加强治安防控", 2, True),
        ("1.", "健全群防群治队伍", 3, False),
        ("2.", "强化重点人群服务管理", 3, False),
        ("（二）", "化解矛盾纠纷", 2, False),
        ("三、", "保障措施", 1, False),
    ]


def test_segments_cover_text_without_overlap():
    o = build_outline(PLAN)
    last = -1
    for seg in o.segments:
        assert seg.start >= last and seg.end > seg.start
        last = seg.end
    kinds = {(PLAN[s.start:s.end][:4], s.kind) for s in o.segments}
    assert ("一是加强", "item") in kinds and ("二是推进", "item") in kinds
    assert ("（一）加", "heading") in kinds


def test_paths_follow_markers():
    o = build_outline(PLAN)
    paths = {PLAN[s.start:s.end][:6]: s.path for s in o.segments}
    assert paths["组织平安志愿"] == "二/（一）/1"
    assert paths["落实专项经费"] == "三"


def test_levels_follow_order_of_appearance():
    # a document that numbers 1. above （一）
    text = "1.总体要求\n（一）指导思想\n内容。\n2.主要任务\n（一）重点工作\n内容。"
    o = build_outline(text)
    assert [(s.marker, s.level) for s in o.sections] == [("1.", 1), ("2.", 1)]
    assert o.sections[0].children[0].level == 2


def test_flattened_report_paragraphs():
    text = ("各位代表：\u3000\u3000现在，我向大会报告工作。\u3000\u3000一、过去一年工作回顾 "
            "\u3000\u3000过去一年经济平稳。\u3000\u3000二、今年主要任务\u3000\u3000加快发展。" * 1)
    o = build_outline(text)
    assert [s.title for s in o.sections] == ["过去一年工作回顾", "今年主要任务"]


def test_heading_run_into_previous_line_is_split():
    text = "（一）加强研发\n加快攻关。（二）供给能力提升工程\n内容。"
    o = build_outline(text)
    assert [s.title for s in o.sections] == ["加强研发", "供给能力提升工程"]


def test_numbering_gap_and_mixed_style():
    text = "一、甲\n内容。\n二、乙\n内容。\n四、丁\n内容。\n（一）子\n1、x\n2.y"
    o = build_outline(text)
    codes = [i.code for i in o.issues]
    assert "numbering-gap" in codes
    assert "mixed-style" in codes


def test_plan_titles_reset_levels():
    text = "计划（一）\n一、目标\n内容。\n计划（二）\n1、任务\n内容。"
    starts = {text.index("计划（二）")}
    o = build_outline(text, plan_titles=starts)
    levels = [(s.title, s.level) for s in o.sections]
    assert levels == [("目标", 1), ("任务", 1)]


@pytest.mark.parametrize("text, expected", [
    ("甲。乙！丙？", ["甲。", "乙！", "丙？"]),
    ("他说：“好。”然后走了。", ["他说：“好。”", "然后走了。"]),
    ("（见附件。）继续。", ["（见附件。）继续。"]),
    ("第一；第二；", ["第一；", "第二；"]),
    ("没有标点", ["没有标点"]),
])
def test_sentences(text, expected):
    assert [text[a:b] for a, b in sentence_spans(text, 0, len(text))] == expected


@pytest.mark.parametrize("text, n", [
    ("一是建立制度；二是加强检查；三是编制简报。", 3),
    ("首先，要转变观念，其次，要提供培训，最后，要开发岗位。", 3),
    ("这是一是非问题。", 0),              # a lone 一是 in prose
    ("第一，统一思想；第二，明确责任。", 2),
])
def test_runin_items(text, n):
    assert len(runin_starts(text, 0, len(text))) == n


def test_paragraph_spans_trim_and_skip_blank():
    text = "\u3000\u3000第一段。\n\n   \n第二段。  "
    assert [text[a:b] for a, b in paragraph_spans(text)] == ["第一段。", "第二段。"]


def test_long_line_without_punctuation_is_chunked():
    text = "字" * 100_000
    spans = sentence_spans(text, 0, len(text))
    assert len(spans) == 50 and spans[-1][1] == len(text)


COVER = "为做好今年社区养老服务工作，我局制定了《{t}》，现印发给你们，请结合实际认真贯彻落实。\n{office}\n{t}\n一、工作目标\n到年底，助餐点覆盖全部小区。\n"


@pytest.mark.parametrize("text, title", [
    # a cover note, the issuing office, then the plan's own title
    (COVER.format(t="2024年社区养老服务工作要点", office="县民政局办公室"), "2024年社区养老服务工作要点"),
    # with the date line as well
    (COVER.format(t="2024年社区养老服务工作要点", office="县民政局\n2024年3月5日"), "2024年社区养老服务工作要点"),
    # an opening sentence that is no cover note: no title is guessed from later lines
    ("为做好今年社区养老服务工作，制定本计划。\n县民政局\n2024年社区养老服务工作要点\n一、工作目标\n到年底，助餐点覆盖全部小区。\n",
     None),
    # a cover note followed straight by the body: no title
    ("现将有关事项印发给你们，请认真落实。\n一、工作目标\n到年底，助餐点覆盖全部小区。\n", None),
    # the title on the first line, as usual
    ("2024年社区养老服务工作要点\n一、工作目标\n到年底，助餐点覆盖全部小区。\n", "2024年社区养老服务工作要点"),
])
def test_title_after_a_cover_note(text, title):
    assert build_outline(text).title == title


BODY = "\n为做好社区养老服务工作，制定本方案。\n一、工作目标\n到年底，助餐点覆盖全部小区。\n"


@pytest.mark.parametrize("second_line, title", [
    # a period or a draft status on the line under the title completes the title
    ("（2021-2025 年）", "社区养老服务行动计划（2021-2025 年）"),
    ("（2024—2026年）", "社区养老服务行动计划（2024—2026年）"),
    ("(试行)", "社区养老服务行动计划(试行)"),
    ("（征求意见稿）", "社区养老服务行动计划（征求意见稿）"),
    # a bracketed line that is something else stays body text
    ("（此件公开发布）", "社区养老服务行动计划"),
    ("（一）加强组织领导", "社区养老服务行动计划"),
])
def test_title_continued_on_the_next_line(second_line, title):
    text = "社区养老服务行动计划\n" + second_line + BODY
    out = build_outline(text)
    assert out.title == title
    a, b = out.title_span
    assert text[a:b].replace("\n", "") == title
    # the continuation is part of the title, not a heading or a body sentence
    assert [s.title for s in out.sections] == (["加强组织领导", "工作目标"] if "（一）" in second_line
                                               else ["工作目标"])
