import pytest

from plantext.outline.markers import cn_to_int, find_marker, int_to_cn


@pytest.mark.parametrize("text, style, number, written", [
    ("一、总体要求", "cn_dun", 1, "一、"),
    ("十二、其他", "cn_dun", 12, "十二、"),
    ("一、2023年工作回顾", "cn_dun", 1, "一、"),
    ("（三）加强领导", "cn_paren", 3, "（三）"),
    ("(三)加强领导", "cn_paren", 3, "(三)"),
    ("三）改革开放持续深化", "cn_paren", 3, "三）"),
    ("1.完善标准", "ar_dot", 1, "1."),
    ("1．完善标准", "ar_dot", 1, "1．"),
    ("2、积极开展", "ar_dot", 2, "2、"),
    ("12. 建设完善", "ar_dot", 12, "12."),
    ("（2）组织实施", "ar_paren", 2, "（2）"),
    ("③民族团结教育专题", "circled", 3, "③"),
    ("第三章 保障措施", "chapter", 3, "第三章"),
    ("第十二条 本办法", "tiao", 12, "第十二条"),
    ("专栏2 智能化装备", "box", 2, "专栏2"),
    ("专栏一 智慧养老", "box", 1, "专栏一"),
    ("1.2 近期目标", "ar_multi", 2, "1.2"),
])
def test_markers_found(text, style, number, written):
    m = find_marker(text)
    assert m is not None
    assert (m.style, m.number, m.text) == (style, number, written)


@pytest.mark.parametrize("text", [
    "1.5倍以上",          # a quantity
    "2023年工作回顾",      # a year
    "3.2%的增长",
    "一是建立例会制度",     # a run-in item, not a heading
    "十四五时期",
    "2、",                 # a marker with nothing after it
    "10%的居民",
    "2.5亿元投资",
])
def test_not_markers(text):
    assert find_marker(text) is None


@pytest.mark.parametrize("cn, n", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23),
                                   ("一百零五", 105), ("两", 2)])
def test_chinese_numerals(cn, n):
    assert cn_to_int(cn) == n


@pytest.mark.parametrize("n", [1, 9, 10, 11, 19, 20, 21, 99])
def test_int_to_cn_roundtrip(n):
    assert cn_to_int(int_to_cn(n)) == n
