"""Phrasings bound to their source's context: an epidemic, a case, a named campaign, a list.

A sentence lifted from another plan can only be reused when it stands on its
own. These are the genre's ways of not standing alone, as general rules:

- an epidemic or outbreak (疫情, 确诊, 新冠 …) belongs to a health plan, and
  the measures of the COVID years (核酸检测, 健康码, 封控 …) to none after 2022;
- 确诊患者 / 确诊病例 without the disease named is about a case of the source;
- a named facility or project (县第二实验幼儿园, 县一中, 二期工程) is the source's;
- a numbered edition (第四届…) or a quoted campaign name (“…基层行”, “…行动”,
  “…工程”) is an event of the source's year and place;
- a reference to a list or amount set out elsewhere (以下三类服务, 下列事项：,
  超出补助标准的部分) has nothing to point to once taken alone.

:func:`context_bound` names what binds a sentence (empty: it travels).
"""

from __future__ import annotations

import re

#: themes whose plans may speak of epidemics and outbreaks
HEALTH_THEMES = frozenset({"health"})
_EPIDEMIC = re.compile(r"疫情|确诊|新冠|新型冠状|疑似病例|密切接触|密接|隔离观察|流调|传染源")
#: the measures of 2020–2022 (the national COVID measures ended in January 2023)
_COVID_YEARS = re.compile(r"新冠|新型冠状|核酸检测|核酸采样|健康码|行程码|场所码|封控|静默管理|"
                          r"疫情防控常态化|常态化疫情防控|外防输入")
COVID_LAST_YEAR = 2022
#: a case of the source: 确诊患者 without a disease named in the sentence
_CASE = re.compile(r"确诊(?:患者|病例|病人|人员|对象)")
_DISEASE = re.compile(r"高血压|糖尿病|结核|肺结核|精神障碍|精神病|严重精神|肿瘤|癌|艾滋|肝炎|"
                      r"慢阻肺|脑卒中|冠心病|慢性病|尘肺|手足口|流感|传染病")
#: a numbered edition of an event (第四届运动会, 第二期培训班 is a course, not an event)
_EDITION = re.compile(r"第[一二三四五六七八九十百\d]+届")
#: a quoted campaign or project name: “文化志愿者基层行” “清风行动” “强基工程”
_CAMPAIGN = re.compile(r"[“\"「]([^”\"」]{2,14}?(?:基层行|行动|工程|大讲堂|擂台赛|大赛|杯|文化节|艺术节|"
                       r"宣传月|宣传周|攻坚战|百日会战|会战))[”\"」]")
#: a named facility or project of the source: 县第二实验幼儿园, 县一中, 新校区二期工程
_NAMED = re.compile(r"第[一二三四五六七八九十]+(?:实验|人民|中心|中医)?(?:幼儿园|小学|中学|医院)|"
                    r"[县区市][一二三四五六七八九]中(?![心学华国])|[一二三四五六七八九\d]期(?:工程|项目)")
#: a reference to a list or an amount set out elsewhere in the source
_POINTER = re.compile(r"(?:以下|下列|如下)(?:[一二三四五六七八九十几两\d]+(?:类|项|种|个|条|点|方面))|"
                      r"(?:以下|下列)[^，。；]{0,8}[：:]\s*$|^[^，。]{0,14}的部分[，,]")


#: ties that hold whatever the plan's themes and year: (kind, pattern, group quoted)
_TIES = (("edition", _EDITION, 0), ("campaign", _CAMPAIGN, 1), ("named", _NAMED, 0),
         ("pointer", _POINTER, 0))


def context_bound(text: str, themes=(), year: int | None = None) -> list[str]:
    """What ties ``text`` to its source's context, for a plan of ``themes`` and ``year``."""
    out = []
    if not HEALTH_THEMES & set(themes or ()):
        m = _EPIDEMIC.search(text)
        if m:
            out.append(f"epidemic: {m.group(0)}")
    if year is not None and year > COVID_LAST_YEAR:
        m = _COVID_YEARS.search(text)
        if m:
            out.append(f"covid years: {m.group(0)}")
    m = _CASE.search(text)
    if m and not _DISEASE.search(text):
        out.append(f"case: {m.group(0)}")
    for kind, pattern, group in _TIES:
        m = pattern.search(text)
        if m:
            out.append(f"{kind}: {m.group(group)}")
    return out
