"""Does a phrasing fit the plan being drafted? Administrative level, subject and figures.

A phrasing retrieved from another plan speaks with that plan's voice: a
street office writes 各社区要…, a township 镇财政安排…, a county 全县.
Copied into a community plan these read as a collage. The checks here are
what a reader of Chinese plans knows of the genre, not lists of any corpus:

- :func:`plan_level` files a unit under one of four tiers (社区/村,
  街道/乡镇, 县/区, 市及以上), from its name or as given;
- :func:`voice_levels` names the tiers a sentence speaks as (全镇, 各社区 →
  the street tier, 县城 → the county tier …); :func:`fits_level` is True when
  none contradicts the plan's tier;
- :func:`scale_problems` finds figures beyond what a tier can hold
  (a community does not 突破2万亿元);
- :func:`unknown_figures` finds the absolute figures a drafted review or goal
  would borrow from its source, which become 【待补充：…】 markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .substitute import unit_level

#: the four tiers, lowest first
TIERS = ("community", "street", "county", "city")
TIER_ZH = {"community": "社区/村", "street": "街道/乡镇", "county": "县/区", "city": "市及以上"}
_WORD_TIER = {"社区": "community", "村": "community", "居委会": "community",
              "街道": "street", "镇": "street", "乡": "street", "乡镇": "street",
              "县": "county", "区": "county", "县区": "county", "县市区": "county",
              "市": "city", "州": "city", "盟": "city", "地区": "city",
              "省": "city", "自治区": "city", "国": "city"}
#: accepted spellings of a tier given by hand
TIER_NAMES = {"community": "community", "社区": "community", "村": "community",
              "street": "street", "街道": "street", "乡镇": "street", "镇": "street", "乡": "street",
              "county": "county", "县": "county", "区": "county", "县区": "county",
              "city": "city", "市": "city", "省": "city"}

# Who speaks. Each pattern names the tier of the office that writes such a sentence.
_SELF = re.compile(r"(?:我|本|全)(省|自治区|市|州|县|区|街道|镇|乡|社区|村)(?![道级域委长])")
#: plural or selective reference to units one tier down: 各社区 is written by a street office
_SUBORDINATE = [
    (re.compile(r"(?:各|每个|所有|试点|部分|其他|其余|相关)(?:社区|村|居委会|村居|村（社区）)"), "street"),
    (re.compile(r"(?:各|每个|所有|试点|部分|其他|其余)(?:街道|乡镇|镇|乡|镇街|街镇)"), "county"),
    (re.compile(r"(?:各|每个|所有|部分)(?:县|区|县区|县市区|区县)(?![城域])"), "city"),
    (re.compile(r"的(?:社区|村)[，,]?(?:给予|进行|予以|通报|约谈|扣减|扣除|在评|优先)"), "street"),
    (re.compile(r"约谈.{0,6}(?:社区|村)(?:党支部|党组织|党委)?(?:书记|主任)"), "street"),
    (re.compile(r"\d+个(?:社区|村|行政村|村（社区）|居委会)"), "street"),
    (re.compile(r"\d+个(?:街道|乡镇|镇|乡)"), "county"),
    (re.compile(r"\d+个(?:县|区|县区|县市区)(?![城域])"), "city"),
]
#: a unit speaking of its own work (社区将…, 配合街道…): the voice of the tier it names
_ACTOR = r"(?:还|将|要|已|先后|共|今年|全年|计划|坚持|积极|主动|每年|每月|每季度|成立|建立|组建|的目标)"
_SPEAKER = [
    (re.compile(r"(?:^|[。；，])\s*(?:今年|全年)?(?:本|我)?(?:社区|村|居委会|村委会)" + _ACTOR), "community"),
    (re.compile(r"配合(?:街道|镇|乡|乡镇)|楼栋长|楼道长|单元长|社区\d+个小区"), "community"),
    (re.compile(r"(?:街道|镇|乡)(?:组织|指导|督促|要求)(?:各)?(?:社区|村)"), "street"),
    (re.compile(r"(?:区|县)(?:组织|指导|督促|要求)(?:各)?(?:街道|乡镇|镇)"), "county"),
    (re.compile(r"(?:^|[。；，])\s*(?:今年|全年)?(?:本|我)?(?:街道|镇|乡)" + _ACTOR), "street"),
    (re.compile(r"(?:县长|区长|县委书记|区委书记)(?:任|担任)(?:组长|双组长|第一责任人)"), "county"),
    (re.compile(r"(?:^|[。；])\s*(?:镇|乡)(?:卫生院|敬老院|综合文化站|文化站|派出所|中心校|应急救援队)"),
     "street"),
]
#: within a tier, the words of a sibling level: a 街道 does not write 镇级, a 社区 not 村两委
_SIBLING = {
    "街道": re.compile(r"(?<![乡城重市])镇(?!化)|乡镇党委"),
    "镇": re.compile(r"街道(?:级|财政|党工委|办事处)|全街道|我街道|本街道"),
    "乡": re.compile(r"街道(?:级|财政|党工委|办事处)|全街道|我街道|本街道|(?<!乡)镇(?:级|财政|党委|政府)|全镇|我镇"),
    "社区": re.compile(r"村级|全村|我村|本村|村两委|村民委员会|村委会"),
    "村": re.compile(r"社区居委会|居民委员会|全社区|我社区|本社区|社区两委|街道|社区(?:党委|书记|卫生)"),
}
#: a 县 does not speak of its 区委 or 全区, nor a 区 of its 县委 (社区, 小区, 城区 … are not 区)
_SIBLING["县"] = re.compile(r"(?<![社小城街园景辖片新市校营库矿山郊湖省])区(?:委|政府|人大|政协|财政|级|直|长|[一二三四五六七八九十]+届)|"
                           r"(?:全|本|我)区(?!域|间)")
_SIBLING["区"] = re.compile(r"县(?:委|政府|人大|政协|财政|级|直|长|城|域|[一二三四五六七八九十]+届)|(?:全|本|我)县")
_SIBLING["村"] = re.compile(_SIBLING["村"].pattern + r"|(?:^|[。；，])\s*(?:今年|全年)?(?:本|我)?社区" + _ACTOR)
_SIBLING["镇"] = re.compile(r"街道|社区(?:党委|书记|两委|“两委”)")    # a township has no 街道 of its own
_SIBLING["乡"] = re.compile(r"街道|(?<![城乡重市])镇(?!化)|社区(?:党委|书记|两委|“两委”)")
#: a plan citing its own tier as if it were its superior (根据街道…安排 in a street's own plan)
_SELF_CITE = {w: re.compile(rf"(?:根据|按照){w}(?!党工委|党委|党组织)[^，。]{{0,8}}(?:安排|要求|部署)")
              for w in ("街道", "社区")}
#: a higher tier's office or budget running the plan's own work (its leading group, its funds)
_RUNS = [
    (re.compile(r"(?:街道|镇|乡)(?:办事处|党工委|党委|政府)?(?:书记|主任|镇长|乡长)(?:任|担任)(?:组长|双组长|第一责任人)"),
     "street"),
    (re.compile(r"(?:列入|纳入)(?:街道|镇|乡)(?:年度)?(?:财政)?预算"), "street"),
    (re.compile(r"(?:列入|纳入)(?:区|县)(?:级)?(?:年度)?(?:财政)?预算|[区县]直(?:机关|部门|单位)|"
                r"[县区][、—\-](?:街道|乡镇|镇)[^三，。]{0,6}[、—\-](?:社区|村)[^三，。]{0,6}三级"), "county"),
    (re.compile(r"各地(?!区)|本级(?:财政|预算)|各级财政|省级财政|市级财政"), "city"),
]
#: budgets, assessments and places that only the office of one tier speaks of as its own
#: (a plan may well name its superiors: 根据街道党工委安排, 争创市级文明社区)
_OWN = [
    (re.compile(r"(?:街道|镇|乡)财政"), "street"),
    (re.compile(r"村级|村（社区）级|社区级"), "street"),      # 纳入村级考核: the township assesses
    (re.compile(r"县财政|县城|县域"), "county"),
    (re.compile(r"(?:市|州)财政|全市|全省|各地市|各省"), "city"),
]


#: town and country: a 街道 or 社区 has no villages and fields, a 村 or 乡 no estates and lifts
RURAL = re.compile(r"农村|村庄|乡村|村民|农民|农户|各村|镇村|村级|村组|村内|乡风|美丽乡村|村容村貌|秸秆|畜禽|耕地|"
                   r"庭院经济|村集体|行政村|自然村|河塘|集镇")
URBAN = re.compile(r"小区|楼栋|楼道|电梯|物业|居民楼|单元长|楼长|街道办|城区|写字楼|楼宇|商圈")
_URBAN_UNITS, _RURAL_UNITS = {"街道", "社区"}, {"村", "乡"}


def setting_fits(text: str, word: str | None) -> bool:
    """False for country matters in a town unit's plan (农村 in a 街道) and the reverse (小区 in a 村)."""
    if word in _URBAN_UNITS:
        return not RURAL.search(text)
    if word in _RURAL_UNITS:
        return not URBAN.search(text)
    return True


#: periods and campaigns that closed in a given year (five-year plans, party congresses, 脱贫攻坚 …)
_PERIODS = [
    (re.compile(r"十[一二]五"), 2010), (re.compile(r"十三五"), 2020), (re.compile(r"十四五"), 2025),
    (re.compile(r"(?:党的)?十[五六七]大|十[五六七]届"), 2012), (re.compile(r"(?:党的)?十八大|十八届"), 2017),
    (re.compile(r"(?:党的)?十九大|十九届"), 2022),
    (re.compile(r"脱贫攻坚|精准扶贫|全面建成小康社会|决胜全面小康|小康社会全面建成"), 2020),
]


def out_of_date(text: str, year: int | None) -> list[str]:
    """Periods named in ``text`` that had closed before ``year`` (十三五 in a 2026 plan)."""
    if year is None:
        return []
    return [m.group(0) for rx, last in _PERIODS if last < year for m in [rx.search(text)] if m]


def plan_level(unit: str | None = None, level: str | None = None) -> str | None:
    """The plan's tier: ``level`` as given (community/社区 …), else read off the unit's name."""
    if level:
        tier = TIER_NAMES.get(str(level).strip())
        if tier is None:
            from ..errors import InputError

            raise InputError(f"未知的行政层级：{level!r}（可用：社区、街道、县、市 / "
                             "community, street, county, city）")
        return tier
    word = unit_level(unit)
    return _WORD_TIER.get(word) if word else None


def voice_levels(text: str) -> set[str]:
    """The tiers ``text`` speaks as: 全镇 → street, 各社区 → street, 县城 → county …"""
    found = {_WORD_TIER[m.group(1)] for m in _SELF.finditer(text) if m.group(1) in _WORD_TIER}
    for rx, tier in _SUBORDINATE + _SPEAKER + _RUNS + _OWN:
        if rx.search(text):
            found.add(tier)
    return found


def fits_level(text: str, tier: str | None, *, source_level: str | None = None,
               source_names: tuple[str, ...] = (), word: str | None = None) -> bool:
    """True when nothing in ``text`` speaks for another tier than ``tier`` (None: anything fits).

    With what is known of the source (its own level word and place names),
    a sentence that names the source's own unit of another tier fails too:
    adapting 青山镇 to 镇 would still leave a township speaking. With the plan's
    own level ``word`` (街道, 镇, 社区 …), the words of a sibling level of the
    same tier fail as well (镇级 in a 街道 plan, 村两委 in a 社区 plan).
    """
    if tier is None:
        return True
    if not voice_levels(text) <= {tier}:
        return False
    if word in _SIBLING and _SIBLING[word].search(text):
        return False
    if word in _SELF_CITE and _SELF_CITE[word].search(text):
        return False
    if not setting_fits(text, word):
        return False
    own = _WORD_TIER.get(source_level or "")
    if own and own != tier:
        from .substitute import level_of

        return not any(name in text for name in source_names if level_of(name) == source_level)
    return True


# Figures -----------------------------------------------------------------------
_NUM = r"(\d+(?:\.\d+)?)"
_AMOUNT = re.compile(_NUM + r"\s*(万亿|亿|万)?\s*(元|美元)")
_PEOPLE = re.compile(_NUM + r"\s*(万|亿)?\s*(?:余|多)?\s*(人次|人|户|名|家|个村|个社区|个|所|座|套|间|张|场次|场|期|处|支|份|部|栋|辆|台|"
                     r"平方米|亩|公里|千米|吨)")
_MAGNITUDE = {None: 1, "": 1, "万": 1e4, "亿": 1e8, "万亿": 1e12}
#: the largest money amount (元) and head count a plan of each tier plausibly names
SCALE = {"community": (5e6, 1e5), "street": (5e8, 1e6), "county": (5e11, 5e7), "city": (None, None)}


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str
    value: float
    kind: str           # money, count


def figures(text: str) -> list[Figure]:
    """Absolute figures in ``text``: money amounts and counts of people, households, places, area."""
    out = []
    for rx, kind in ((_AMOUNT, "money"), (_PEOPLE, "count")):
        for m in rx.finditer(text):
            if text[m.end():m.end() + 1] in ("%", "％"):
                continue
            value = float(m.group(1)) * _MAGNITUDE[m.group(2)]
            out.append(Figure(m.start(), m.end(), m.group(0), value, kind))
    return sorted(out, key=lambda f: f.start)


def scale_problems(text: str, tier: str | None) -> list[Figure]:
    """Figures of ``text`` beyond what a plan of ``tier`` can hold."""
    if tier is None or tier not in SCALE:
        return []
    money, count = SCALE[tier]
    return [f for f in figures(text)
            if (f.kind == "money" and money is not None and f.value > money)
            or (f.kind == "count" and count is not None and f.value > count)]


def unknown_figures(text: str, *, keep_small: int = 50) -> list[Figure]:
    """Figures a draft would borrow as facts: money at any size, counts above ``keep_small``.

    Small counts of activities or teams (3支队伍, 每月1次) are targets any unit can
    set and stay; amounts of money and larger counts are facts of the source.
    """
    return [f for f in figures(text) if f.kind == "money" or f.value > keep_small]


def mark_figures(text: str) -> str:
    """``text`` with every :func:`unknown_figures` figure replaced by 【待补充：…】 (unit kept).

    40万元 → 【待补充：金额】万元, 420余场 → 【待补充：数量】场.
    """
    out, pos = [], 0
    for f in unknown_figures(text):
        rx = _AMOUNT if f.kind == "money" else _PEOPLE
        m = rx.match(text, f.start)
        what = "金额" if f.kind == "money" else "数量"
        out.append(text[pos:f.start])
        out.append(f"【待补充：{what}】" + (m.group(2) or "") + m.group(3))
        pos = f.end
    out.append(text[pos:])
    return "".join(out)
