"""General rules of written Chinese: repeats, doubled punctuation, 的/地/得, dates, usage pairs.

Each rule states something true of the written language, not of a document:
a clause-ending mark is never doubled, ``的`` does not join an adverbial to
its verb, no month has a 32nd day. Reduplication is part of Chinese (天天,
常常, 人人, 踏踏实实), so a doubled character is flagged only when the
genre never doubles it (the typo model's counts, when one is trained).
"""

from __future__ import annotations

import calendar
import json
import re
from functools import cache
from importlib import resources

from .typo_types import Typo

# -- repeats -------------------------------------------------------------------
_DOUBLE_CHAR = re.compile(r"([\u4e00-\u9fff])\1")
_DOUBLE_WORD = re.compile(r"([\u4e00-\u9fff]{2,6})\1")
# characters Chinese reduplicates freely (measure words and adverbs: 个个, 天天, 常常, 人人 …),
# used when no typo model is at hand
_REDUPLICATING = set("人天年月日时处事个家户层步件条样种点村面刻次回声片句字位项代辈世常往渐刚偏仅")
MIN_DOUBLE_COUNT = 2      # a doubling the genre writes this often with these neighbours is right
COMMON_WORD = 100         # jieba frequency from which a string is a word (its dictionary lists rare junk too)
_FUNCTION = set("的地得了着过和与及或在是对把被从向为于以之而也都就又要将并")   # one-character function words

# -- punctuation ---------------------------------------------------------------
_PUNCT = re.compile(r"([，。、；：？！,;])\1+|[，、；：][。；]|[。；][，、]|，、|、，")

# -- 的/地/得 ------------------------------------------------------------------
_ADVERBIAL = ("认真|积极|深入|扎实|切实|主动|广泛|全面|有序|稳步|不断|持续|逐步|大力|严格|充分|"
              "有效|高效|精准|科学|依法|及时|不定期|定期|集中|统筹|系统|协调|坚决|努力|自觉|"
              "严肃|稳妥|彻底|精心|周密|妥善|合理|规范")
# verbs that are hardly ever nouns, followed by an object (not 下/中/的 …: 在各方积极的推动下)
_VERB = "进行|开展|推进|做好|抓好|贯彻|推动|加快|抓实|促进"
_DE_BEFORE_VERB = re.compile(rf"(?<![的地得])({_ADVERBIAL})的(?=({_VERB})[\u4e00-\u9fff])"
                             rf"(?!(?:{_VERB})(?:[下中上之的者]|作用|力量|效应|工作))")
_ATTRIBUTIVE = "坚定|坚强|正确|明确|牢固|崇高|远大|良好|浓厚|坚实|强大|鲜明|优良|扎实"
_NOUN = "理想|信念|立场|方向|决心|信心|意志|基础|保障|氛围|局面|态势|作风|传统|政治方向|组织保证"
_DI_BEFORE_NOUN = re.compile(rf"({_ATTRIBUTIVE})地(?=({_NOUN}))")
_COMPLEMENT_VERB = "做|搞|办|干|抓|管|完成|落实|开展|推进|执行|变|讲|写"
_DEGREE = "很|非常|十分|更加|特别|相当|越来越"
_DE_COMPLEMENT = re.compile(rf"(?<![所])({_COMPLEMENT_VERB})的(?=({_DEGREE})(?!多|少)[\u4e00-\u9fff])")

# -- usage pairs from public usage guides ----------------------------------------
# 必须 (must) before a verb or adverbial; 必需 (needed) is an adjective: 必需品, 所必需的
_BIXU = re.compile(r"必需(?=(坚持|加强|做好|落实|严格|按照|遵守|遵循|确保|及时|认真|高度|进一步|全面|立即|依法|"
                   r"把|将|要|以|从|在|由|经|有|对|与|同|始终|切实|注重|牢固|深入|充分|重视|服从|符合))")
_BIXU_NOUN = re.compile(r"必须(?=品)")
# 两, not 二, counts before a measure word (after 第, 十 or another numeral 二 is part of a number)
_ER_MEASURE = re.compile(r"(?<![〇零一二三四五六七八九十百千万亿两第点0-9０-９.])二(?=[个项位名条种件家支所座])")
# 账 for money and accounts (通用规范汉字表): 帐户, 帐目, 台帐 …
_ZHANG = re.compile(r"帐(?=[户目号本单款务])|(?<=[台记对查转结报挂做销])帐")
# (norm id, wrong, right, why, characters that before it make another word: 合作好, 工作好坏,
#  a word that after it in the same clause keeps it: 作好…准备)
_FIXED_USAGE = (("qianding", "签定", "签订", "合同、协议用“签订”", "", ""),
                ("zuohao", "作好", "做好", "“做好”表示把事情办好", "工合协创动操写制著耕运大", "准备"))
_CLAUSE_END = re.compile(r"[，。；：！？,;:!?\n]")
# the document's own date: the latest year of its first lines (title, date line)
_HEAD_CHARS = 300
_HEAD_YEAR = re.compile(r"(?<![0-9０-９])((?:19|20)[0-9]{2})(?=\s?年)")

# -- dates -----------------------------------------------------------------------
_DATE = re.compile(r"(?<![0-9０-９])([12][0-9]{3})年([0-9]{1,2})月([0-9]{1,2})日")
_MONTH = re.compile(r"(?<![0-9０-９年])([0-9]{1,2})月([0-9]{1,2})日")
_BAD_MONTH = re.compile(r"(?<![0-9０-９.])(1[3-9]|[2-9][0-9]|0)月(?![0-9龄份])")   # (24月龄 is an age)
_YEAR_ODD = re.compile(r"(?<![0-9０-９.\-/])([0-9]{5,}|0[0-9]{3})年(?![0-9])")
_RANGE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?:年)?\s*(?:[—\-–－~～至到])\s*((?:19|20)[0-9]{2})年")


def rule_typos(text: str, model=None) -> list[Typo]:
    """Every rule finding of ``text`` (possibly overlapping; the caller keeps one per place)."""
    return (_repeats(text, model) + _punctuation(text) + _de_di_de(text) + _usage(text)
            + _dates(text))


@cache
def usage_norms() -> dict[str, dict]:
    """norm id → {wrong, right, since, norm} (``data/usage_norms.json``)."""
    raw = (resources.files("plantext") / "data" / "usage_norms.json").read_text(encoding="utf-8")
    return json.loads(raw)["norms"]


def document_year(text: str) -> int | None:
    """The year a document is dated, from its title or date line (the latest year there), or None."""
    years = [int(y) for y in _HEAD_YEAR.findall(text[:_HEAD_CHARS])]
    return max(years) if years else None


def _in_force(norm_id: str, year: int | None) -> bool:
    """Whether the usage norm applies to a document of ``year`` (an undated one is held to today's norms)."""
    return year is None or year >= usage_norms()[norm_id]["since"]


def _double_ok(text: str, a: int, model) -> bool:
    """Whether the genre writes the doubled character at ``a`` with these neighbours (天天向上 …)."""
    if model is not None:
        from .charlm import codes, finish, raw_hashes

        gram = text[max(0, a - 1):a + 3]
        n = len(gram)
        if model.lm.count(finish(raw_hashes(codes(gram))[n - 1, n - 1:], n))[0] >= MIN_DOUBLE_COUNT:
            return True
    return text[a] in _REDUPLICATING


def _in_short_quote(text: str, a: int) -> bool:
    """Whether ``a`` lies inside a quoted term of at most 10 characters."""
    left = max(text.rfind(q, max(0, a - 10), a) for q in "“\"‘「《")
    if left < 0:
        return False
    right = min((x for x in (text.find(q, a, a + 10) for q in "”\"’」》") if x >= 0), default=-1)
    return right >= 0 and right - left <= 11


def _freq() -> dict[str, int]:
    from ..segmentation import jieba_tokenizer

    return jieba_tokenizer().FREQ


def _stray_copy(text: str, a: int) -> bool:
    """Whether the doubled character at ``a`` is one Chinese never writes twice in a row.

    A one-character function word (在在, 要要, 的的) or the plural suffix 们.
    A doubled content character is left alone: it is a name or a term
    (顺丰丰泰, 骑楼城城市) or a word meeting a one-character verb (工作作如下安排,
    主任任组长) far more often than a slip.
    """
    return text[a] in _FUNCTION or text[a] == "们"


def _two_words(text: str, a: int) -> bool:
    """Whether ``text[a]`` and ``text[a+1]`` belong to two words (保持|持续, 目的|的, 和|和平)."""
    from ..segmentation import jieba_tokenizer

    freq = jieba_tokenizer().FREQ
    ends = any(freq.get(text[a - n + 1:a + 1]) for n in (2, 3, 4) if a - n + 1 >= 0)
    starts = any(freq.get(text[a + 1:a + 1 + n]) for n in (2, 3, 4) if a + n < len(text) + 1)
    single = text[a] in _FUNCTION            # a one-character word
    return (ends or single) and (starts or single) and (ends or starts)


def _in_word(text: str, a: int) -> bool:
    """Whether the doubled pair at ``a`` is inside a dictionary word (帮帮团, 班班通 …)."""
    from ..segmentation import jieba_tokenizer

    freq = jieba_tokenizer().FREQ
    return any(freq.get(text[s:s + n]) for n in (2, 3, 4) for s in range(a + 2 - n, a + 1) if s >= 0)


def _repeats(text: str, model) -> list[Typo]:
    out = []
    freq = _freq()
    for m in _DOUBLE_WORD.finditer(text):
        w = m.group(1)
        # the unit must be a word of its own: 企业创业创新 repeats 业创, 共建共治 建共, neither a word
        # (two-character units repeat for emphasis: 很多很多, 研究研究; three and more do not)
        if len(w) < 3 or freq.get(w, 0) < 1:
            continue
        out.append(Typo(m.start(), m.end(), m.group(), w, "rule:repeat",
                        f"“{w}”重复了一次，应删去一个。"))
    for m in _DOUBLE_CHAR.finditer(text):
        pair = m.group()
        before, after = text[max(0, m.start() - 2):m.start()], text[m.end():m.end() + 2]
        aabb = (len(after) == 2 and after[0] == after[1]) or (len(before) == 2 and before[0] == before[1])
        if _in_short_quote(text, m.start()):                   # “支支串飞”: a coined name
            continue
        near = text[max(0, m.start() - 8):m.start()] + "\0" + text[m.end():m.end() + 8]
        parallel = any(d.group(1) != pair[0] for d in _DOUBLE_CHAR.finditer(near))
        if (aabb or parallel or pair[0] in before + after      # AABB, ABAB, 季季…月月 forms
                or before[-1:] == "一"                           # 一张张, 一个个
                or _double_ok(text, m.start(), model) or _two_words(text, m.start()) or _in_word(text, m.start())
                or not _stray_copy(text, m.start())):
            continue
        out.append(Typo(m.start(), m.end(), pair, pair[0], "rule:repeat",
                        f"“{pair[0]}”重复了一次，应删去一个。"))
    return out


def _punctuation(text: str) -> list[Typo]:
    out = []
    for m in _PUNCT.finditer(text):
        keep = m.group()[-1] if m.group()[-1] in "。；" and m.group()[0] != m.group()[-1] else m.group()[0]
        out.append(Typo(m.start(), m.end(), m.group(), keep, "rule:punctuation",
                        f"标点“{m.group()}”重复，应只用“{keep}”。"))
    return out


def _de_di_de(text: str) -> list[Typo]:
    out = []
    for rx, right, msg in ((_DE_BEFORE_VERB, "地", "修饰动词用“地”"), (_DI_BEFORE_NOUN, "的", "修饰名词用“的”"),
                           (_DE_COMPLEMENT, "得", "引出补语用“得”")):
        for m in rx.finditer(text):
            wrong = m.group()
            fixed = m.group(1) + right
            out.append(Typo(m.start(), m.end(), wrong, fixed, "rule:de-di-de",
                            f"“{wrong}{m.group(2)}”{msg}，应写作“{fixed}{m.group(2)}”。"))
    return out


def _usage(text: str) -> list[Typo]:
    year = document_year(text)
    out = []
    for m in _BIXU.finditer(text):
        out.append(Typo(m.start(), m.end(), "必需", "必须", "rule:usage",
                        "表示“一定要”用“必须”；“必需”指不可缺少（必需品）。"))
    for m in _BIXU_NOUN.finditer(text):
        out.append(Typo(m.start(), m.end(), "必须", "必需", "rule:usage", "“必需品”用“必需”。"))
    for m in _ER_MEASURE.finditer(text) if _in_force("er-measure", year) else ():
        out.append(Typo(m.start(), m.end() + 1, text[m.start():m.end() + 1], "两" + text[m.end()], "rule:usage",
                        f"量词前用“两”：应写作“两{text[m.end()]}”。"))
    for m in _ZHANG.finditer(text) if _in_force("zhang-account", year) else ():
        out.append(Typo(m.start(), m.end(), "帐", "账", "rule:usage", "与钱财、账目有关的用“账”。"))
    for norm_id, wrong, right, why, not_after_char, keeps in _FIXED_USAGE:
        if not _in_force(norm_id, year):
            continue
        for m in re.finditer(wrong, text):
            end = _CLAUSE_END.search(text, m.end())
            clause = text[m.end():end.start() if end else len(text)]
            if (m.start() and text[m.start() - 1] in not_after_char) or (keeps and keeps in clause):
                continue
            out.append(Typo(m.start(), m.end(), wrong, right, "rule:usage", f"{why}：应写作“{right}”。"))
    return out


def _dates(text: str) -> list[Typo]:
    out = []
    for m in _DATE.finditer(text):
        y, mo, d = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and not 1 <= d <= calendar.monthrange(y, mo)[1]:
            out.append(Typo(m.start(), m.end(), m.group(), m.group(), "rule:date",
                            f"日期“{m.group()}”不存在：{y}年{mo}月只有{calendar.monthrange(y, mo)[1]}天。"))
    for m in _MONTH.finditer(text):
        mo, d = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12 and not 1 <= d <= (29 if mo == 2 else calendar.monthrange(2001, mo)[1]):
            out.append(Typo(m.start(), m.end(), m.group(), m.group(), "rule:date",
                            f"日期“{m.group()}”不存在。"))
    for m in _BAD_MONTH.finditer(text):
        out.append(Typo(m.start(), m.end(), m.group(), m.group(), "rule:date", f"“{m.group()}”不是有效的月份。"))
    for m in _YEAR_ODD.finditer(text):
        out.append(Typo(m.start(), m.end(), m.group(), m.group(), "rule:date", f"年份“{m.group()}”位数不对。"))
    for m in _RANGE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if b < a:
            out.append(Typo(m.start(), m.end(), m.group(), m.group(), "rule:date",
                            f"年份范围“{m.group()}”起止颠倒。"))
    return out
