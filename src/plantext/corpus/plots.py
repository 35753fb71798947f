"""Plots of corpus analyses (matplotlib, no pyplot: safe under Agg, in scripts and servers).

Each function returns a :class:`matplotlib.figure.Figure`; save it with
``fig.savefig("out.png")``. When a CJK font is installed (Noto Sans/Serif CJK,
Source Han, WenQuanYi, SimHei …) labels are Chinese; otherwise theme and role
names are English (from the taxonomy) and one :class:`PlanTextWarning` says
how to get Chinese labels.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from typing import Any

from ..errors import PlanTextWarning
from .display import COLUMN_ZH

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans SC",
             "Noto Serif CJK SC", "Noto Serif CJK JP", "Source Han Sans SC", "Source Han Sans CN",
             "Source Han Serif SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei",
             "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti",
             "AR PL UMing CN", "Droid Sans Fallback")
ROLE_NAMES = {"preamble": ("前言", "Preamble"), "review": ("回顾", "Review"),
              "guiding": ("指导思想", "Guiding thought"), "goal": ("目标", "Goals"),
              "measure": ("任务措施", "Tasks and measures"), "safeguard": ("保障", "Safeguards"),
              "schedule": ("步骤", "Schedule"), "requirement": ("工作要求", "Requirements"),
              "assessment": ("考核", "Assessment"), "other": ("其他", "Other")}
NO_FONT = ("No CJK font found: plot labels use English names and Chinese words may not "
           "render. Install one (e.g. `apt-get install fonts-noto-cjk`) for Chinese labels.")


@lru_cache(maxsize=1)
def find_cjk_font() -> str | None:
    """The family name of an installed CJK font matplotlib can use, or None."""
    from .._deps import require

    require("matplotlib", extra="plots", what="corpus plots")   # every plot starts here
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    found = next((n for n in CJK_FONTS if n in names), None)
    if found is None:
        found = next((n for n in sorted(names) if "CJK" in n or "Han Sans" in n), None)
    return found or _scan_system_fonts()


def _scan_system_fonts() -> str | None:
    """Register a CJK font installed after matplotlib built its font cache."""
    import re

    from matplotlib import font_manager

    pattern = re.compile(r"cjk|wqy|wenquanyi|simhei|sourcehan|msyh|droidsansfallback", re.I)
    for path in sorted(font_manager.findSystemFonts()):
        if pattern.search(path.rsplit("/", 1)[-1]):
            try:
                font_manager.fontManager.addfont(path)
                return font_manager.FontProperties(fname=path).get_name()
            except (OSError, RuntimeError, ValueError):
                continue
    return None


_WARNED = False


class _Labels:
    """Chinese or English names, and the font family to draw with."""

    def __init__(self):
        self.font = find_cjk_font()
        self.zh = self.font is not None
        global _WARNED
        if not self.zh and not _WARNED:   # once per process, not once per plot
            _WARNED = True
            warnings.warn(NO_FONT, PlanTextWarning, stacklevel=3)

    def theme(self, code: str) -> str:
        from ..labels import load_taxonomy

        theme = load_taxonomy().themes.get(code)
        if theme is None:
            return code
        return theme.zh if self.zh else theme.en

    def role(self, code: str) -> str:
        zh, en = ROLE_NAMES.get(code, (code, code))
        return zh if self.zh else en

    def name(self, value) -> str:
        """A group label: the Chinese name of a document type, level, theme or role code."""
        from .display import name_of

        return str(name_of(value)) if self.zh else str(value)

    def text(self, zh: str, en: str) -> str:
        return zh if self.zh else en

    def figure(self, figsize):
        """A new Figure whose text uses the CJK font (family fixed when the text is made)."""
        import matplotlib
        from matplotlib.figure import Figure

        family = [self.font, "DejaVu Sans"] if self.font else ["DejaVu Sans"]
        with matplotlib.rc_context({"font.family": family, "axes.unicode_minus": False}):
            fig = Figure(figsize=figsize, layout="constrained")
        return fig, family


def _rc(family):
    import matplotlib

    return matplotlib.rc_context({"font.family": family, "axes.unicode_minus": False})


def plot_theme_prevalence(data, *, by: str = "year", kind: str = "line", top: int = 8,
                          weight: str = "segments", figsize=(9, 5)):
    """Theme shares over ``by`` (e.g. year): lines, or a stacked area (``kind="area"``).

    ``data`` is the output of :func:`theme_prevalence` or a segment table. The
    ``top`` themes by overall share are drawn; in the area chart the rest are
    stacked on top as "other themes".
    """
    from .analysis import theme_prevalence

    if "themes" in data.columns:
        data = theme_prevalence(data, by=by, weight=weight)
    if data.empty:
        return _empty(_Labels(), figsize, "没有主题标签（需要已训练的模型）",
                      "No theme labels (a trained model is needed)")
    table = data.pivot_table(index=by, columns="theme", values="share", aggfunc="sum").fillna(0.0)
    keep = table.sum().sort_values(ascending=False).index[:top]
    rest = table.drop(columns=keep).sum(axis=1)
    table = table[keep]
    lab = _Labels()
    if kind == "area" and rest.any():   # stacked shares fill the whole height
        table = table.assign(**{"_rest": rest})
    names = [lab.text("其他主题", "other themes") if c == "_rest" else lab.theme(c) for c in table.columns]
    fig, family = lab.figure(figsize)
    with _rc(family):
        ax = fig.subplots()
        x = [str(v) for v in table.index]
        if kind == "area":
            ax.stackplot(range(len(x)), table.T.to_numpy(), labels=names, alpha=0.85)
        else:
            for col, name in zip(table.columns, names):
                ax.plot(range(len(x)), table[col].to_numpy(), marker="o", label=name)
        ax.set_xticks(range(len(x)), x, rotation=45 if len(x) > 12 else 0)
        ax.set_ylabel(lab.text("主题份额", "share of themed text"))
        ax.set_xlabel(lab.text(COLUMN_ZH.get(by, by), by))
        ax.set_title(lab.text("主题分布随时间变化", "Theme prevalence"))
        handles, labels = ax.get_legend_handles_labels()
        if kind == "area":   # legend top-down in the order of the stack
            handles, labels = handles[::-1], labels[::-1]
        ax.legend(handles, labels, loc="center left", bbox_to_anchor=(1.0, 0.5),
                  fontsize="small", frameon=False)
    return fig


def _empty(lab: _Labels, figsize, zh: str, en: str):
    fig, family = lab.figure(figsize)
    with _rc(family):
        ax = fig.subplots()
        ax.axis("off")
        ax.text(0.5, 0.5, lab.text(zh, en), ha="center", va="center")
    return fig


def plot_section_coverage(data, *, by: Any = ("doc_type",), figsize=(9, 4)):
    """A heatmap of the share of documents having each role, one row per group.

    ``data`` is the output of :func:`section_coverage` or a document table.
    """
    from .analysis import section_coverage

    if "n_docs" not in data.columns:
        data = section_coverage(data, by=by)
    roles = [c for c in data.columns if c in ROLE_NAMES]
    values = data[roles].to_numpy(dtype=float)
    lab = _Labels()
    fig, family = lab.figure(figsize)
    with _rc(family):
        ax = fig.subplots()
        image = ax.imshow(values, vmin=0.0, vmax=1.0, cmap="Blues", aspect="auto")
        ax.set_xticks(range(len(roles)), [lab.role(r) for r in roles], rotation=30, ha="right")
        rows = [" / ".join(map(lab.name, i)) if isinstance(i, tuple) else lab.name(i) for i in data.index]
        rows = [f"{r} (n={n})" for r, n in zip(rows, data["n_docs"])]
        ax.set_yticks(range(len(rows)), rows)
        for (i, j), v in _cells(values):
            ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=8,
                    color="white" if v > 0.6 else "black")
        fig.colorbar(image, ax=ax, label=lab.text("有此部分的文件比例", "share of documents"))
        ax.set_title(lab.text("各部分覆盖率", "Section coverage"))
    return fig


def _cells(values):
    import numpy as np

    for idx in np.ndindex(values.shape):
        if values[idx] == values[idx]:
            yield idx, float(values[idx])


def plot_distinctive_terms(terms, *, top: int = 15, figsize=(9, 6)):
    """Horizontal bars of z-scores: group a's words to the right, group b's to the left.

    ``terms`` is the output of :func:`distinctive_terms`.
    """
    import pandas as pd

    groups = list(dict.fromkeys(terms["group"]))
    lab = _Labels()
    parts = [terms[terms["group"] == g].head(top) for g in groups]
    # b's words at the bottom (most distinctive lowest), a's on top (most distinctive highest)
    rows = pd.concat(parts[1:] + [parts[0].iloc[::-1]], ignore_index=True) if parts else terms
    fig, family = lab.figure(figsize)
    with _rc(family):
        ax = fig.subplots()
        colors = ["#c0504d" if z < 0 else "#4f81bd" for z in rows["z"]]
        ax.barh(range(len(rows)), rows["z"], color=colors)
        ax.set_yticks(range(len(rows)), list(rows["term"]))
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlabel(lab.text("z 值（加权对数几率）", "z-score of the weighted log-odds"))
        names = " vs ".join(lab.name(g) for g in groups)
        ax.set_title(lab.text(f"区分性词语：{names}", f"Distinctive terms: {names}"))
    return fig
