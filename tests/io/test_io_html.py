"""HTML pages: charset, furniture removed and recorded, block structure kept."""

from __future__ import annotations

import pytest

from plantext.io import read_bytes

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}">
<title>某区2024年工作要点_某区人民政府门户网站</title>
<style>.x {{ color: red }}</style></head>
<body><header><div>网站首页 政务公开</div></header>
<div class="breadcrumb">首页 &gt; 政策文件</div>
<nav><ul><li>导航一</li><li>导航二</li></ul></nav>
<div id="content">
<h1>某区2024年工作要点</h1>
<p>　　为深入贯彻落实上级部署，
结合本区实际，制定本要点。</p>
<script>var tracker = 1;</script>
<p><strong>一、总体要求</strong></p>
<p>坚持<span>稳中求进</span>工作总基调。<br>全面深化改革。</p>
<div class="bdsharebuttonbox"><a>分享到微信</a></div>
<ul><li><p>（一）加强组织领导。</p></li><li>（二）强化督查考核。</li></ul>
<p style="display:none">草稿备注</p>
</div>
<div id="comment-list">网友评论：很好</div>
<footer>版权所有 某区人民政府</footer></body></html>"""

EXPECTED = ["某区2024年工作要点",
            "为深入贯彻落实上级部署，结合本区实际，制定本要点。",
            "一、总体要求",
            "坚持稳中求进工作总基调。",
            "全面深化改革。",
            "（一）加强组织领导。",
            "（二）强化督查考核。"]


@pytest.mark.parametrize("charset, codec", [("utf-8", "utf-8"), ("gbk", "gbk"),
                                            ("gb2312", "gb2312"), ("GB18030", "gb18030")])
def test_page_text_in_any_declared_charset(charset, codec):
    src = read_bytes(PAGE.format(charset=charset).encode(codec), suffix=".html")
    assert src.split("\n") == EXPECTED
    assert src.format == "html" and src.title == "某区2024年工作要点"
    assert src.encoding in ("utf-8", "gb18030")


def test_furniture_is_dropped_and_recorded_where_it_was():
    src = read_bytes(PAGE.format(charset="utf-8").encode(), suffix=".htm")
    reasons = {reason: text for _, _, reason, text in src.removed}
    assert reasons["html <header>"] == "网站首页 政务公开"
    assert reasons["html <nav>"] == "导航一 导航二"
    assert reasons["html <script>"] == "var tracker = 1;"
    assert reasons["html hidden element"] == "草稿备注"
    assert reasons["html <footer>"] == "版权所有 某区人民政府"
    assert {"html furniture (breadcrumb)", "html furniture (share)",
            "html furniture (comment)"} <= set(reasons)
    share = next(r for r in src.removed if r[2] == "html furniture (share)")
    assert share[0] == share[1] == src.index("全面深化改革。") + len("全面深化改革。")
    assert all(0 <= start == end <= len(src) for start, end, _, _ in src.removed)


def test_blocks_carry_kind_and_tag():
    src = read_bytes(PAGE.format(charset="utf-8").encode(), suffix=".html")
    blocks = [(src[b.start:b.end], b.kind, b.ref) for b in src.blocks]
    assert blocks[0] == ("某区2024年工作要点", "heading", "h1")
    assert ("（一）加强组织领导。", "list_item", "p") in blocks
    assert ("（二）强化督查考核。", "list_item", "li") in blocks
    assert len(blocks) == len(EXPECTED)


def test_title_falls_back_to_the_title_tag_without_the_site_name():
    page = "<html><head><title>某区实施方案 - 某区人民政府</title></head><body><p>正文。</p></body></html>"
    assert read_bytes(page.encode(), suffix="html").title == "某区实施方案"


def test_undeclared_charset_is_detected():
    page = "<html><body><p>一、总体要求</p><p>坚持稳中求进。</p></body></html>"
    src = read_bytes(page.encode("gb18030"), suffix=".html")
    assert src == "一、总体要求\n坚持稳中求进。" and src.encoding == "gb18030"


@pytest.mark.parametrize("declared", ["iso-8859-1", "gb2312", "gbk", "big5"])
def test_a_wrong_declaration_gives_way_to_utf8(declared):
    page = f'<html><head><meta charset="{declared}"></head><body><p>坚持稳中求进。</p></body></html>'
    src = read_bytes(page.encode("utf-8"), suffix=".html")
    assert src == "坚持稳中求进。" and src.encoding == "utf-8"
    assert "declares charset" in src.warnings[0]


def test_http_equiv_declaration_and_a_utf8_page_that_is_really_gbk():
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            '</head><body><p>坚持稳中求进。</p></body></html>')
    src = read_bytes(page.encode("gbk"), suffix=".html")
    assert src == "坚持稳中求进。" and src.encoding == "gb18030"
    assert src.warnings[-1] == "the page declares charset utf-8 but is gb18030"


@pytest.mark.parametrize("body, expected", [
    ("<p>第一行<br>第二行<br><br><br><br>第三行</p>", "第一行\n第二行\n\n第三行"),
    ("<div>甲<div>乙</div>丙</div>", "甲\n乙\n丙"),
    ("<p>中文\n   中文</p><p>word\nwrap</p>", "中文中文\nword wrap"),
    ("<p>A&nbsp;&nbsp;B　C</p>", "A B　C"),
    ("<pre>a  b\nc</pre>", "a  b\nc"),
    ("<p>前<!-- 注释 -->后</p>", "前后"),
    ("<p>可见</p><p hidden>不可见</p><p aria-hidden=\"true\">图标</p>", "可见"),
])
def test_block_structure(body, expected):
    assert read_bytes(f"<html><body>{body}</body></html>".encode(), suffix=".html") == expected


def test_data_table_gives_one_line_per_row_and_a_block_per_cell():
    body = ("<table><tr><th>序号</th><th>任务</th><th>责任单位</th></tr>"
            "<tr><td>1</td><td><p>加强</p><p>统筹</p></td><td>区发改委</td></tr>"
            "<tr><td>2</td><td></td><td>区财政局</td></tr></table>")
    src = read_bytes(f"<html><body>{body}</body></html>".encode(), suffix=".html")
    assert src == "序号\t任务\t责任单位\n1\t加强 统筹\t区发改委\n2\t\t区财政局"
    assert [(src[b.start:b.end], b.kind) for b in src.blocks][3:5] == [
        ("1", "table_cell"), ("加强 统筹", "table_cell")]


def test_layout_table_is_read_like_divs():
    inner = "<table><tr><td>菜单</td></tr></table>"
    body = (f"<table><tr><td>{inner}</td><td><p>一、总体要求</p><p>坚持稳中求进。</p>"
            "</td></tr></table>")
    src = read_bytes(f"<html><body>{body}</body></html>".encode(), suffix=".html")
    assert src == "菜单\n一、总体要求\n坚持稳中求进。"


def test_a_page_without_text_raises_e001():
    from plantext.errors import InputError

    with pytest.raises(InputError) as info:
        read_bytes(b"<html><body><nav>menu</nav><script>x</script></body></html>", suffix=".html")
    assert info.value.code == "E001"
