"""Typos: confusion set, context rules, patterns and the statistical generaliser."""

from __future__ import annotations

import json

import pytest

from plantext.audit.typo_stats import statistical_typos
from plantext.audit.typos import find_typos, load_confusions

from audit_fixtures import SHARED, TEAM


@pytest.mark.parametrize("text, wrong, right", [
    ("协调解块创建中的重大问题", "解块", "解决"),
    ("二是切买抓好帮教对象的转化工作", "切买", "切实"),
    ("提高居民的幸富指数", "幸富", "幸福"),
    ("认真贯切落实上级决策部署", "贯切", "贯彻"),
    ("扩展到精神籍慰等方面", "籍慰", "慰藉"),
    ("开展丰富多彩、离教于乐的活动", "离教于乐", "寓教于乐"),
    ("形成良好风尚的二个支撑点", "二个", "两个"),
    ("广泛传播自愿者理念", "自愿者", "志愿者"),
    ("截止2023年底，社区已建成", "截止", "截至"),
    ("定期或不定期的进行检查", "不定期的", "不定期地"),
    ("用坚定地理想信念主导", "坚定地", "坚定的"),
    ("加强形式政策教育", "形式政策", "形势政策"),
    ("召开劳动法规坐谈会", "坐谈会", "座谈会"),
    ("社区将再接再励", "再接再励", "再接再厉"),
    ("修复“7?5”事件造成的创伤", "7?5", "7·5"),
    ("二、指导思想\n科学发展观为指导，推进工作", "科学发展观为指导", "以科学发展观为指导"),
])
def test_typo_found_with_correction(text, wrong, right):
    typos = find_typos(text)
    assert [(t.wrong, t.right) for t in typos] == [(wrong, right)]
    t = typos[0]
    assert text[t.start:t.end] == wrong


@pytest.mark.parametrize("text", [
    "协调解决创建中的重大问题",
    "切实抓好帮教对象的转化工作",
    "一切买卖活动必须依法进行",
    "按排放标准进行处理，按排名先后录取",
    "第二个阶段，十二个社区",
    "自愿者报名参加体检",                       # 自愿 in a non-volunteering context
    "报名截止日期为5月10日",                     # deadline sense of 截止
    "通过广泛深入的宣传教育",
    "以习近平新时代中国特色社会主义思想为指导，全面贯彻",
    "创建全国文明城市，新建全民健身中心",
    "健全体制机制，促进社会平安祥和",
    "预防犯罪，企业积极参与，形成积极氛围",
    "场地面积2×3米，9?吗",
    "长×宽×高不超过1米",
])
def test_correct_text_not_flagged(text):
    assert find_typos(text) == []


def test_generaliser_finds_an_error_beyond_the_list():
    text = "落实已建农田设施的管护主体和管护经费，巩故建设成果。"
    assert "巩故" in {t.wrong for t in statistical_typos(text)}
    cs = load_confusions()
    empty = type(cs)((), (), (), None)
    assert [(t.wrong, t.right) for t in find_typos(text, confusions=empty)] == [("巩故", "巩固")]


def test_generaliser_leaves_names_and_slogans_alone():
    text = ("开展“一企一策”精准帮扶，做到应改尽改、乱搭乱建全面整治，"
            "通过微信群和楼道广播宣传，推进弘润石化转型升级。")
    assert statistical_typos(text) == []


def test_confusion_set_is_large_and_consistent():
    cs = load_confusions()
    assert len(cs.pairs) >= 150
    assert all(p.wrong != p.right for p in cs.pairs)


@pytest.mark.skipif(not (SHARED / "gold" / "seeds__000_416a0e5637168323.json").is_file(),
                    reason="seed gold absent")
def test_seed_typos_recall_and_false_alarms():
    gold = json.loads((SHARED / "gold" / "seeds__000_416a0e5637168323.json").read_text("utf-8"))
    text = (SHARED / gold["file"]).read_text(encoding="utf-8")
    found = find_typos(text)
    hit, used = 0, set()
    for g in gold["typos"]:
        for k, t in enumerate(found):
            if k not in used and (g["wrong"] in t.wrong or t.wrong in g["wrong"]):
                hit, _ = hit + 1, used.add(k)
                break
    assert hit / len(gold["typos"]) >= 0.9
    assert len(found) - len(used) <= 2


@pytest.mark.skipif(not (TEAM / "annotations").is_dir(), reason="team corpus absent")
def test_team_corpus_typos_and_no_alarm_on_clean_docs():
    total = hit = alarms = 0
    for ann in sorted((TEAM / "annotations").glob("*.json")):
        gold = json.loads(ann.read_text(encoding="utf-8"))
        text = (TEAM.parents[1] / gold["file"]).read_text(encoding="utf-8")
        found = find_typos(text)
        wanted = [g["wrong"] for g in gold.get("typos") or []]
        total += len(wanted)
        hit += sum(any(w in t.wrong or t.wrong in w for t in found) for w in wanted)
        alarms += sum(not any(w in t.wrong or t.wrong in w for w in wanted) for t in found)
    assert hit / total >= 0.9
    assert alarms <= 2
