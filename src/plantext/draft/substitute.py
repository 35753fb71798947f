"""Adapting a retrieved phrasing to the plan being written: unit names, years, document words.

A phrasing taken from another plan names that plan's unit (青石街道, 阳光社区)
and years. :class:`Adapter` rewrites them for the target unit and year:

- a place name of the target's level (社区 for 阳光社区 when drafting for
  XX社区) becomes the target unit; a name of a higher level (城关街道) keeps
  only its level word (街道); a lower one becomes 辖区 + level;
- self-references of the source's level (我镇, 全镇) take the target's level;
- years shift by the same amount, so that relative years stay consistent
  (到2025年 in a 2023 plan → target year + 2);
- 本方案 / 本计划 … take the target document type's word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: level words, most senior first (same rank: same level)
LEVEL_RANK = {"省": 0, "市": 1, "区": 2, "县": 2, "街道": 3, "镇": 3, "乡": 3, "社区": 4, "村": 4}
#: level words a generic name may end with (省 and 市 are left to the gazetteer: 城市, 超市 …)
_SUFFIX = re.compile(r"社区|街道|镇|乡|村|县|区")
_ORG_TAIL = re.compile(r"(居民委员会|居委会|村民委员会|村委会|党委|党总支|党支部|人民政府|办事处|"
                       r"工作委员会|委员会|党工委|政府|办公室)$")
_ORG_HEAD = re.compile(r"^中共")
#: characters place names are made of (a name is two of them before a level word)
NAME_CHARS = frozenset(
    "东西南北中前后大新老长高青红白金银铜铁玉翠绿蓝紫黄丹山河湖江海水泉溪潭塘池湾滩洲岛岸滨浦港"
    "渡桥关门城堡寨屯庄营店坊林森松柏柳杨桃李梅兰竹菊荷莲桂枫槐杏花芳苑园田坪坡岭峰岗石岩沙源川"
    "平安宁康泰和顺兴旺隆昌盛福寿吉祥瑞庆丰裕富华荣光明阳春秋晨星月云霞虹龙凤鹤鹿马牛羊狮虎燕"
    "鹰望临里口头坝堤圩埠渠井嘉美盘岳泰汉唐宋湘江淮黎苗彝蒙藏回壮汇合鑫锦绣碧翔")
#: two-character words built of name characters that are not names (城市, 城乡, 老城 …)
STOP = frozenset({"城市", "城乡", "老城", "山区", "平安", "东部", "西部", "南部", "北部", "中部",
                  "明星", "星级", "平原", "园林", "花园", "田园", "新老", "大中", "东西", "南北"})
#: stems of names that are also ordinary words (阳光救助, 和平发展): never replaced alone
COMMON_STEMS = frozenset({"阳光", "和平", "光明", "幸福", "平安", "新华", "红星", "长安", "东方", "白云",
                          "金桥", "青山", "清水", "五里", "新城", "南山", "安平"})
_NOT_AFTER = {"乡": "村镇亲土愁音", "村": "民级庄落委务", "区": "域级分别间块位", "县": "城级域委",
              "镇": "级域"}

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?=\s*(?:年|[-—–~～至到]\s*20\d\d\s*年))")
_SELF = r"(我|本|全)({level})(?![道区])"
_DOC_WORDS = {"work_plan": "计划", "implementation_plan": "方案", "work_points": "要点",
              "gov_work_report": "报告", "work_summary": "总结", "opinion": "意见",
              "activity_plan": "方案", "other": "计划"}
_QUOTED = re.compile(r"[“\"「『][^”\"」』]{1,12}[”\"」』]")
_AS_FOLLOWS = re.compile(r"((?:特?制定|提出)如下)(?:实施方案|行动方案|工作方案|方案|工作计划|计划|工作要点|要点|实施意见|意见)")
_DOC_REF = re.compile(r"本(?:实施方案|行动方案|工作方案|方案|工作计划|计划|工作要点|要点|实施意见|意见)")


def unit_base(unit: str | None) -> str:
    """The place name inside an organisation's name: 和平社区居民委员会 → 和平社区."""
    if not unit:
        return ""
    base = re.split(r"[、，,/]", unit.strip())[0]
    base = _ORG_HEAD.sub("", base)
    while True:
        stripped = _ORG_TAIL.sub("", base)
        if stripped == base or not stripped:
            break
        base = stripped
    names = split_names(base)
    return names[-1] if names else base


def unit_level(unit: str | None) -> str | None:
    """The level word a unit ends with (社区, 街道, 镇 …), or None."""
    base = unit_base(unit)
    for level in sorted(LEVEL_RANK, key=len, reverse=True):
        if base.endswith(level) and len(base) > len(level):
            return level
    return None


def split_names(region: str) -> list[str]:
    """The place names of a region string: 城关街道阳光社区 → [城关街道, 阳光社区]."""
    out, start = [], 0
    for m in re.finditer("|".join(sorted(LEVEL_RANK, key=len, reverse=True)), region):
        if m.start() - start >= 2:
            out.append(region[start:m.end()])
            start = m.end()
    return out


def level_of(name: str) -> str:
    for level in sorted(LEVEL_RANK, key=len, reverse=True):
        if name.endswith(level):
            return level
    return ""


def find_names(text: str, known: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """Place names in ``text``: the ``known`` names, then name characters + a level word."""
    spans: list[tuple[int, int, str]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e, _ in spans)

    for name in sorted(set(known), key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            if free(m.start(), m.end()):
                spans.append((m.start(), m.end(), name))
    bounds = None
    for m in _SUFFIX.finditer(text):
        a = m.start() - 2
        if a < 0 or not free(a, m.end()) or not _name_like(text, a, m):
            continue
        bounds = _word_bounds(text) if bounds is None else bounds
        if a in bounds and m.end() in bounds:
            spans.append((a, m.end(), text[a:m.end()]))
    return sorted(spans)


def _name_like(text: str, a: int, m: re.Match) -> bool:
    prefix, nxt = text[a:m.start()], text[m.end():m.end() + 1]
    return (all(c in NAME_CHARS for c in prefix) and prefix not in STOP
            and not (nxt and nxt in _NOT_AFTER.get(m.group(), "")))


def _word_bounds(text: str) -> set[int]:
    """Offsets where a word (HMM on) starts or ends (a name must start and end at one)."""
    from ..suggest.tokens import tokenizer

    out = {0, len(text)}
    for _, start, end in tokenizer().tokenize(text, hmm=True):
        out.update((start, end))
    return out


@dataclass(frozen=True)
class SourceInfo:
    """What is known of the plan a phrasing came from."""

    year: int | None = None
    names: tuple[str, ...] = ()    # its place names (城关街道, 阳光社区)
    level: str | None = None       # its own unit's level


@dataclass
class Adapter:
    """Rewrites phrasings for the target ``unit``, ``year`` and ``doc_type``."""

    unit: str | None = None
    year: int | None = None
    doc_type: str = "work_plan"
    known: tuple[str, ...] = ()    # extra place names to recognise (a corpus gazetteer)

    def __post_init__(self):
        self.base = unit_base(self.unit)
        self.level = unit_level(self.unit)

    def adapt(self, text: str, source: SourceInfo = SourceInfo()) -> str:
        """``text`` with names, self-references, years and document words adapted."""
        out = self.names(text, source)
        out = self.self_refs(out, source)
        out = self.years(out, source)
        if self.doc_type in ("work_summary", "gov_work_report"):
            return out          # 本方案 in a summary is a quotation, not the summary itself
        word = _DOC_WORDS.get(self.doc_type, "计划")
        out = _AS_FOLLOWS.sub(lambda m: m.group(1) + word, out)
        return _DOC_REF.sub("本" + word, out)

    def names(self, text: str, source: SourceInfo = SourceInfo()) -> str:
        spans = find_names(text, tuple(source.names) + self.known)
        spans = sorted(spans + self._stems(text, spans, source))
        parts, pos = [], 0
        for i, (a, b, name) in enumerate(spans):
            followed = i + 1 < len(spans) and spans[i + 1][0] == b
            parts.append(text[pos:a])
            parts.append(self.replacement(name, followed, source))
            pos = b
        parts.append(text[pos:])
        return "".join(parts)

    def _stems(self, text: str, spans: list, source: SourceInfo) -> list[tuple[int, int, str]]:
        """The source's own names without their level word, inside a quoted brand (“健康枫林”).

        Outside quotation marks a bare stem is left alone: in 青河文明城区 it
        belongs to another compound, and replacing it would invent a place.
        """
        out = []
        quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
        for name in source.names:
            stem = name[:-len(level_of(name))] if level_of(name) else ""
            if len(stem) < 2 or stem in COMMON_STEMS:
                continue
            for m in re.finditer(re.escape(stem), text):
                inside = any(a <= m.start() and m.end() <= b for a, b in quoted)
                if inside and all(m.end() <= a or m.start() >= b for a, b, _ in spans + out):
                    out.append((m.start(), m.end(), stem))
        return out

    def foreign_stems(self, text: str, source: SourceInfo) -> list[str]:
        """The source's name stems still in ``text`` outside quotation marks (a place left behind)."""
        quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
        out = []
        for name in source.names:
            stem = name[:-len(level_of(name))] if level_of(name) else ""
            if len(stem) < 2 or stem in COMMON_STEMS or (self.base and stem in self.base):
                continue
            if any(not any(a <= m.start() and m.end() <= b for a, b in quoted)
                   for m in re.finditer(re.escape(stem), text)):
                out.append(stem)
        return out

    def replacement(self, name: str, followed: bool, source: SourceInfo) -> str:
        """What stands for the place ``name`` in the target plan."""
        level = level_of(name)
        if not level:           # a bare stem: the target's stem, when it has one
            mine = self.base[:-len(self.level)] if self.base and self.level else ""
            return mine or name
        if self.base and name == self.base:
            return name
        if followed:            # 城关街道阳光社区: the senior name goes, the next one is replaced
            return ""
        if self.level is None:
            return ("本" + level) if level == source.level else level
        rank, mine = LEVEL_RANK.get(level, 9), LEVEL_RANK[self.level]
        if rank == mine:
            return self.base or "本" + self.level
        return level if rank < mine else "辖区" + level

    def self_refs(self, text: str, source: SourceInfo) -> str:
        if not (source.level and self.level and source.level != self.level):
            return text
        rx = re.compile(_SELF.format(level=re.escape(source.level)))
        text = rx.sub(lambda m: m.group(1) + self.level, text)
        return re.sub(f"结合{re.escape(source.level)}实际", f"结合本{self.level}实际", text)

    def years(self, text: str, source: SourceInfo = SourceInfo()) -> str:
        if self.year is None:
            return text
        found = [int(y) for y in _YEAR.findall(text)]
        if not found:
            return text
        base = source.year if source.year else min(found)
        delta = self.year - base
        return _YEAR.sub(lambda m: str(int(m.group(1)) + delta), text)


def doc_word(doc_type: str) -> str:
    """The word a plan of ``doc_type`` calls itself: 计划, 方案, 要点 …"""
    return _DOC_WORDS.get(doc_type, "计划")
