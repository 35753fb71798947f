"""Rebuild the audit's data files (maintainers only; not used at run time).

``python -m plantext.audit.build_data chars`` writes ``data/typo_chars.json``:
the pinyin of the common characters (from jieba's dictionary, read with
pypinyin, a build-time tool only) and a hand list of near-form pairs.
``python -m plantext.audit.build_data attested DIR…`` writes
``data/typo_attested.txt``: character pairs that the statistical typo check
would question but that real documents attest (in at least two documents).
"""

from __future__ import annotations

import collections
import json
import pathlib
import sys

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
N_CHARS = 6000

#: visually similar characters that official drafts confuse (形近字); each string a group
NEAR_FORMS = [
    "冶治", "拨拔", "簿薄", "候侯", "己已巳", "戊戌戍", "未末", "折拆", "汩汨", "栗粟", "崇祟",
    "赢嬴羸", "券卷", "茶荼", "裁载栽", "辨辩瓣辫", "析折", "徽微", "侍待", "诗侍", "梁粱",
    "贷货", "淤於", "象像", "竞竟", "刺剌", "祗祇", "盲肓", "拆折", "恃持", "锻煅", "暇瑕",
    "汆氽", "凋调", "晴睛", "惋婉", "瞻赡", "诀决", "籍藉", "辑缉", "隶录", "陷馅", "峻竣",
    "跋拔", "酌灼", "俭检捡验", "练炼", "纲网", "拔拨", "彰障", "密蜜", "遍偏篇", "洽恰",
    "坚竖", "历厉励", "凛禀", "祥详", "娱误", "侯喉", "苛荷", "崖涯", "浙淅", "慕幕墓暮募",
    "缮膳", "治冶", "卒率", "迄讫", "援缓", "墩礅", "僚缭燎", "筹畴", "筒简", "矢失",
]


def build_chars(out: pathlib.Path = DATA / "typo_chars.json") -> None:
    """Write the pinyin table of the most frequent characters of jieba's dictionary."""
    import jieba
    from pypinyin import Style, pinyin

    tok = jieba.Tokenizer()
    tok.initialize()
    weight: collections.Counter[str] = collections.Counter()
    for word, freq in tok.FREQ.items():
        if freq and all("\u4e00" <= c <= "\u9fff" for c in word):
            for c in word:
                weight[c] += freq
    chars = [c for c, _ in weight.most_common(N_CHARS)]
    table = {c: sorted(set(pinyin(c, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]))
             for c in chars}
    doc = {"version": 1,
           "description": ("Pinyin (with tone number) of the 6000 most frequent characters of "
                           "jieba's dictionary, by pypinyin with heteronyms; near_forms: groups "
                           "of visually similar characters. Built by plantext.audit.build_data."),
           "pinyin": table, "near_forms": NEAR_FORMS}
    out.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def build_attested(dirs: list[str], out: pathlib.Path = DATA / "typo_attested.txt") -> None:
    """Write the pairs the typo generaliser questions that ≥ 2 documents of ``dirs`` attest."""
    from .typo_stats import candidate_pairs

    docs: collections.Counter[str] = collections.Counter()
    for d in dirs:
        for path in sorted(pathlib.Path(d).rglob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            docs.update(set(candidate_pairs(text)))
    keep = sorted(p for p, n in docs.items() if n >= 2)
    header = ("# character pairs attested in >= 2 real documents: the statistical typo check "
              "leaves them alone (built by plantext.audit.build_data)\n")
    out.write_text(header + "\n".join(keep) + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    if sys.argv[1:2] == ["chars"]:
        build_chars()
    elif sys.argv[1:2] == ["attested"]:
        build_attested(sys.argv[2:])
    else:
        sys.exit("usage: python -m plantext.audit.build_data chars | attested DIR…")
