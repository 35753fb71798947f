"""Numbering counters straight from numbering.xml: restarts, overrides, links, legal style."""

from __future__ import annotations

from lxml import etree

from plantext.io.numbering import Numbering

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _lvl(ilvl, fmt, text, *extra):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{"".join(extra)}</w:lvl>')


def _numbering(*parts):
    return etree.fromstring(f"<w:numbering {NS}>{''.join(parts)}</w:numbering>")


def _markers(numbering, steps):
    return [numbering.next_marker(num, ilvl) for num, ilvl in steps]


def test_deeper_levels_restart_unless_lvl_restart_is_zero():
    root = _numbering(
        '<w:abstractNum w:abstractNumId="1">', _lvl(0, "chineseCounting", "%1、"),
        _lvl(1, "decimal", "%2.", '<w:lvlRestart w:val="0"/>'), "</w:abstractNum>",
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    steps = [("1", 0), ("1", 1), ("1", 1), ("1", 0), ("1", 1)]
    assert _markers(Numbering(root), steps) == ["一、", "1.", "2.", "二、", "3."]


def test_legal_numbering_shows_every_level_as_decimal():
    root = _numbering(
        '<w:abstractNum w:abstractNumId="1">', _lvl(0, "chineseCounting", "第%1章"),
        _lvl(1, "decimal", "%1.%2", "<w:isLgl/>"), "</w:abstractNum>",
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    assert _markers(Numbering(root), [("1", 0), ("1", 1), ("1", 1)]) == ["第一章", "1.1", "1.2"]


def test_level_override_replaces_the_definition_for_one_num():
    root = _numbering(
        '<w:abstractNum w:abstractNumId="1">', _lvl(0, "decimal", "%1."), "</w:abstractNum>",
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>',
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
        '<w:startOverride w:val="3"/>', _lvl(0, "decimalEnclosedCircle", "%1"),
        "</w:lvlOverride></w:num>")
    assert _markers(Numbering(root), [("1", 0), ("2", 0), ("2", 0), ("1", 0)]) == \
        ["1.", "③", "④", "5."]


def test_num_style_link_and_style_levels():
    root = _numbering(
        '<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="PlanList"/>',
        _lvl(0, "chineseCounting", "%1、", '<w:pStyle w:val="H1"/>'),
        _lvl(1, "chineseCounting", "（%2）", '<w:pStyle w:val="H2"/>'), "</w:abstractNum>",
        '<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="PlanList"/></w:abstractNum>',
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>',
        '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>')
    styles = etree.fromstring(
        f'<w:styles {NS}>'
        '<w:style w:styleId="PlanList" w:type="numbering"><w:pPr><w:numPr><w:numId w:val="1"/>'
        '</w:numPr></w:pPr></w:style>'
        '<w:style w:styleId="H1" w:type="paragraph"><w:pPr><w:numPr><w:numId w:val="2"/>'
        '</w:numPr></w:pPr></w:style>'
        '<w:style w:styleId="H2" w:type="paragraph"><w:basedOn w:val="H1"/><w:pPr><w:numPr>'
        '<w:ilvl w:val="1"/></w:numPr></w:pPr></w:style></w:styles>')
    numbering = Numbering(root, styles)
    assert numbering.resolve(None, "H1") == ("2", 0)
    assert numbering.resolve(None, "H2") == ("2", 1)
    assert numbering.resolve(None, "Normal") is None
    assert _markers(numbering, [("2", 0), ("2", 1), ("2", 1), ("2", 0)]) == \
        ["一、", "（一）", "（二）", "二、"]


def test_num_id_zero_switches_numbering_off():
    root = _numbering('<w:abstractNum w:abstractNumId="1">', _lvl(0, "decimal", "%1."),
                      "</w:abstractNum>", '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    ppr = etree.fromstring(f'<w:pPr {NS}><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>')
    assert Numbering(root).resolve(ppr, None) is None


def test_bullets_render_nothing():
    root = _numbering('<w:abstractNum w:abstractNumId="1">', _lvl(0, "bullet", "\uf06c"),
                      "</w:abstractNum>", '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    assert Numbering(root).next_marker("1", 0) == ""
