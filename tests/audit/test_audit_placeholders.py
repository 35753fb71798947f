"""Placeholders: every template slot found with its exact span, ordinary text left alone."""

from __future__ import annotations

import json

import pytest

from plantext.audit.placeholders import find_placeholders

from audit_fixtures import SHARED, TEAM


@pytest.mark.parametrize("text, slot", [
    ("为__社区居民营造良好环境", "__社区"),
    ("20__年工作计划", "20__年"),
    ("于__月__日前报送", "__月__日"),
    ("××街道办事处", "××"),
    ("×××同志任组长", "×××"),
    ("由XX单位负责", "XX"),
    ("奖补____万元", "____万元"),
    ("联系人：＿＿＿＿", "＿＿＿＿"),
    ("由【单位名称】牵头", "【单位名称】"),
    ("负责人：【负责人】", "【负责人】"),
    ("实施“×”工程", "×"),
    ("第×条", "×"),
    # open years
    ("20xx年社区工作计划", "20xx"),
    ("20XX年度志愿服务安排", "20XX"),
    ("20××年重点工作", "20××"),
    ("二〇XX年春节慰问", "二〇XX"),
    ("20_年争取完成改造", "20_"),
    ("20  年社区消防演练方案", "20  "),
    ("20○○年工作要点", "20○○"),
    # dates whose numbers were left blank
    ("阳光社区居委会\n2023年  月  日", "2023年  月  日"),
    ("请于  月  日前报送社区办", "  月  日"),
    ("落款：年 月 日", "年 月 日"),
    ("定于X月X日召开动员会", "X"),
    # names masked with asterisks
    ("由社区书记张**任组长", "张**"),
    ("联络员：李*，负责信息报送", "李*"),
    ("网格员王＊＊负责登记", "王＊＊"),
    # 某某 in place of a unit's name
    ("由某某社区居委会牵头", "某某"),
    # labelled fields left empty
    ("活动地点：\n二、活动内容\n组织居民包饺子。", "活动地点："),
    ("牵头领导：\n责任单位：社区居委会", "牵头领导："),
    ("主办单位：    \n", "主办单位："),
    ("活动时间：2024年3月5日    活动地点：    \n", "活动地点："),
    ("负责人：______\n", "负责人：______"),
    ("时　间：\n地点：社区活动室", "时　间："),
    ("参加人员：", "参加人员："),
    ("三、演练地点：\n\n四、参演人员：社区居民", "演练地点："),
    # slots of one underscore, or of spaces after 第
    ("这是社区连续第_年举办邻里节", "第_"),
    ("于第  季度完成验收", "第  "),
    ("全年共组织_次培训", "_"),
    ("共有_人报名参加", "_"),
    ("评出“文明家庭”_户", "_"),
    # four X for a year, a single X for a place, a number left out before its counter
    ("如XXXX年3月", "XXXX"),
    ("X镇第三届村委会换届", "X"),
    ("今年计划新建文化活动室 个", " 个"),
    ("建成率达到 %以上", " %"),
    # an ellipsis in brackets where a model text took a number out
    ("投资〔…〕万元建设文化广场", "〔…〕"),
    ("在【……】村建成示范基地", "【……】"),
])
def test_placeholder_found_with_exact_span(text, slot):
    found = find_placeholders(text)
    assert len(found) == 1
    p = found[0]
    assert text[p.start:p.end] == p.text
    assert slot in p.text


@pytest.mark.parametrize("text", [
    "场地面积为2×3米",
    "12 × 4 = 48",
    "XX世纪初",
    "下载XXL尺寸文件",
    "【典型案例】社区开展文明创建",
    "长×宽×高不超过1米",
    "**重点工作**",
    # years and dates written out, and PDF spacing between digits and Chinese
    "2023年工作计划",
    "二〇〇〇年以来",
    "近20 年来，社区面貌发生很大变化",
    "于 2024 年 3 月 5 日召开",
    "2024年3月5日",
    "自3月至12月",
    # an anonymised person in a case, a masked phone number, bold markup ending in a surname-like character
    "社区居民王某某因邻里纠纷来访，经调解达成协议。",
    "咨询电话：138****0000",
    "**持续提高**服务质量",
    "**社区书记：王**",
    # an underscore inside a file name or an identifier, and 第 with its number spaced out
    "附件：plan_2024.docx",
    "登录账号为sq_admin",
    "于第 3 季度完成验收",
    # PDF line joins and numeral words before a counter, X-ray
    "全年减税降费34亿 元",
    "打造新能源电池 名城",
    "共建成两 个服务站",
    "扎实推进国 家级示范区建设",
    "开展X光检查",
    # fields whose value follows on the next line, or on the same line
    "活动时间：\n2024年3月2日上午9时",
    "时 间：\n3月2日",
    "参加人员：\n社区全体党员、志愿者代表",
    "活动地点：社区文化广场",
    "组长：\n（一）社区书记张明",
    "参加人员：\n社区全体党员、志愿者代表及辖区单位职工约一百人。",
    # a colon that introduces a list is not a field
    "重点做好以下工作：\n（一）加强巡逻。",
    "各位代表：\n现在，我代表市人民政府作报告。",
])
def test_ordinary_text_has_no_placeholder(text):
    assert find_placeholders(text) == []


def _gold_docs():
    docs = []
    seed = SHARED / "gold" / "seeds__000_416a0e5637168323.json"
    if seed.is_file():
        docs.append((seed, SHARED))
    if (TEAM / "annotations").is_dir():
        docs += [(p, TEAM.parents[1]) for p in sorted((TEAM / "annotations").glob("*.json"))]
    return docs


@pytest.mark.skipif(not _gold_docs(), reason="gold files absent")
def test_gold_placeholders_all_found_and_none_on_clean_docs():
    for path, root in _gold_docs():
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (root / gold["file"]).read_text(encoding="utf-8")
        found = find_placeholders(text)
        wanted = gold.get("placeholders") or []
        if not wanted:
            assert found == [], path.name
        pos = 0
        for slot in wanted:
            i = text.find(slot, pos)
            assert i >= 0
            pos = i + len(slot)
            assert any(p.start < i + len(slot) and i < p.end for p in found), (path.name, slot)


def test_findings_say_what_to_fill_in():
    from plantext.audit.placeholders import placeholder_findings

    msgs = {f.data["kind"]: f.message for f in placeholder_findings("活动地点：\n二、活动内容\n20XX年由张**负责。")}
    assert msgs["field"] == "“活动地点”一栏没有填写，请填入实际内容。"
    assert "年份" in msgs["year"] and "张**" in msgs["name"]


def test_every_pattern_has_a_note_and_a_message():
    import json
    from importlib import resources

    data = json.loads(resources.files("plantext").joinpath("data/placeholders.json").read_text(encoding="utf-8"))
    for row in data["patterns"]:
        assert row["note"] and row["message"] and row["kind"]


def test_a_field_followed_by_a_sentence_of_several_clauses_is_empty():
    found = find_placeholders("演练总指挥：\n联系人：\n演练前检查疏散通道；演练中安排专人维持秩序。")
    assert [p.text for p in found] == ["演练总指挥：", "联系人："]
