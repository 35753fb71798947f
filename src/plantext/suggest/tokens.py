"""Words for retrieval: a private jieba tokenizer that knows the plan vocabulary.

The vocabulary (theme keywords of the taxonomy, role heading words and a few
fixed plan phrases) is added to the tokenizer so that 三会一课 or 垃圾分类
stay whole; a stop list drops function words. Nothing global of jieba is
touched: each thread gets its own ``jieba.Tokenizer``.
"""

from __future__ import annotations

import re
import threading
from functools import cache

_local = threading.local()
_SKIP = re.compile(r"^[\W\d_a-zA-Z]*$")  # punctuation, numbers, latin noise

PLAN_PHRASES = (
    "党建引领", "网格化管理", "网格员", "三会一课", "主题党日", "志愿服务", "垃圾分类",
    "居家养老", "日间照料", "老旧小区", "雪亮工程", "矛盾纠纷", "社区矫正", "安置帮教",
    "文明创建", "新时代文明实践", "乡村振兴", "人居环境", "营商环境", "放管服",
    "一网通办", "河长制", "双报到", "安全生产", "消防安全", "应急管理", "扫黑除恶",
    "平安建设", "法治宣传", "普法教育", "困难群众", "低保", "特困供养", "留守儿童",
    "退役军人", "双拥", "民族团结", "全民健身", "家庭医生", "核心价值观", "组织领导",
    "经费保障", "督查督办", "考核评估", "责任清单", "工作台账", "长效机制",
)

STOP_WORDS = frozenset("""
的 地 得 了 着 过 和 与 及 以及 或 或者 等 等等 在 对 对于 为 为了 把 被 将 从 向 于 以 并 并且 而 而且
且 也 又 就 都 是 有 这 那 其 之 中 上 下 内 外 各 每 个 要 可 能 会 则 即 由 因 因此 所 所有 其中
我们 我 你 他 她 它 们 一 二 三 四 五 六 七 八 九 十 一是 二是 三是 四是 五是 六是 首先 其次 再次 最后
同时 此外 另外 通过 按照 根据 结合 围绕 进行 一个 一些 一批 一系列 有关 相关 方面 工作 以上 以下
不 没有 已 已经 还 更 较 很 最 使 让 该 本 此 这些 那些 如 如下 下列 及时 同 好 年 月 日 个月
""".split())


def plan_vocabulary() -> tuple[str, ...]:
    """Words the tokenizer must keep whole: theme keywords, role heading words, plan phrases."""
    return _vocabulary()


@cache
def _vocabulary() -> tuple[str, ...]:
    from ..labels import load_taxonomy
    from ..labels.profiles import ALIAS_FILE, data_json

    words = list(PLAN_PHRASES)
    for theme in load_taxonomy().themes.values():
        words.extend(theme.keywords)
        for sub in theme.subcodes:
            words.extend(sub.keywords)
    for spec in data_json(ALIAS_FILE).get("roles", {}).values():
        words.extend(spec.get("titles", ()))
        words.extend(spec.get("exact_only", ()))
    return tuple(w for w in dict.fromkeys(words) if 2 <= len(w) <= 8)


def tokenizer():
    """This thread's private jieba tokenizer, with the plan vocabulary added."""
    tok = getattr(_local, "jieba", None)
    if tok is None:
        from ..segmentation import new_jieba_tokenizer

        tok = new_jieba_tokenizer()
        for word in _vocabulary():
            tok.add_word(word, freq=max(tok.FREQ.get(word, 0), 2000))
        _local.jieba = tok
    return tok


def pos_tokenizer():
    """This thread's part-of-speech tokenizer over :func:`tokenizer`."""
    pos = getattr(_local, "posseg", None)
    if pos is None:
        import jieba.posseg

        pos = _local.posseg = jieba.posseg.POSTokenizer(tokenizer())
    return pos


def tokens(text: str) -> list[str]:
    """Search tokens of ``text``: jieba words and their sub-words, stop words dropped."""
    out = []
    for word in tokenizer().cut_for_search(text, HMM=False):
        if word in STOP_WORDS or _SKIP.match(word):
            continue
        out.append(word)
    return out


def char_bigrams(text: str) -> frozenset[str]:
    """The set of character bigrams of ``text`` without punctuation, spaces or digits."""
    core = _NON_CJK.sub("", text)
    if len(core) < 2:
        return frozenset([core]) if core else frozenset()
    return frozenset(core[i:i + 2] for i in range(len(core) - 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


_NON_CJK = re.compile(r"[^\u4e00-\u9fff]+")
