"""The parsing stages: source → read → clean → split → outline → roles → themes → Plan.

Each stage is a function of a :class:`ParseState`; :class:`plantext.pipeline.Pipeline`
runs them in order (``nlp.stages``), and a user may replace or add stages.
"""

from __future__ import annotations

import os
import pathlib
import re
import warnings
from typing import Any, Union

from .clean import clean_text, furniture_lines, plan_starts
from .clean.normalize import SURROGATE
from .document import OffsetMap, Plan, Removal
from .errors import InputError, PlanTextWarning, error
from .labels.doctype import DOC_TYPES, detect_doc_type
from .outline import build_outline

Source = Union[str, os.PathLike, bytes]
MAX_CHARS = 5_000_000   # parsing holds about 1 KB per character: 5 M characters ≈ 5 GB at peak
MIN_HAN = 8          # fewer Chinese characters than this, outnumbered by Latin letters: a warning
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_PATH_MAX = 4096


def load_source(source: Source) -> tuple[str, str | None, list[str]]:
    """The text of ``source`` (a path, text, or bytes), its path, and reader warnings.

    What the file reader left out (an HTML page's navigation and hidden elements,
    a .docx's hidden text …) is kept for the plan's removals: see :func:`reader_removals`.
    """
    from .io import SourceText, read, read_bytes

    if isinstance(source, SourceText):
        path = str(source.path) if source.path else None
        return _text_of(source), path, list(source.warnings)
    if isinstance(source, (bytes, bytearray)):
        src = read_bytes(bytes(source), suffix=".txt")
        return _text_of(src), None, list(src.warnings)
    if isinstance(source, os.PathLike):
        src = read(source)
        return _text_of(src), str(source), list(src.warnings)
    if not isinstance(source, str):
        raise InputError(f"parse() takes text, a path or bytes, not {type(source).__name__}.")
    if _names_file(source) or _names_folder(source) or _looks_like_path(source):
        src = read(source)     # a folder (E014) or a missing file (E006) is a clear error
        return _text_of(src), source, list(src.warnings)
    return source, None, []


def _looks_like_path(s: str) -> bool:
    """One short line ending in a suffix plantext reads (plan.docx, D:/plans/a.txt)."""
    from .io import FORMATS

    if "\n" in s or len(s) > 260:
        return False
    return pathlib.PurePath(s.strip()).suffix.lower() in FORMATS


class _ReadText(str):
    """The text a file reader produced, carrying what the reader left out."""

    removed: tuple = ()   # replaced per instance by _text_of


def _text_of(src) -> str:
    out = _ReadText(str(src))
    out.removed = [Removal(a, b, f"reader: {reason}", text) for a, b, reason, text in src.removed]
    return out


def reader_removals(text: str) -> list[Removal]:
    """What the file reader left out of ``text`` (zero-width spans where it stood)."""
    return list(getattr(text, "removed", []))


def _names_folder(s: str) -> bool:
    """A one-line string naming an existing folder: a path given by mistake, never plan text."""
    if not s or len(s) > _PATH_MAX or "\n" in s:
        return False
    try:
        return os.path.isdir(s)
    except (OSError, ValueError):
        return False


def _names_file(s: str) -> bool:
    if not s or len(s) > _PATH_MAX or "\n" in s:
        return False
    try:
        return os.path.isfile(s)
    except (OSError, ValueError):
        return False


def _check_text(text: str, max_chars: int) -> None:
    if not text.strip():
        raise error(InputError, "E001")
    if len(text) > max_chars:
        raise error(InputError, "E013", size=len(text), limit=max_chars)
    sample = text[:20000]
    bad = sum(1 for c in sample if c < " " and c not in "\n\r\t\f\v")
    if bad > 0.1 * len(sample):
        raise error(InputError, "E002", reason=f"{bad} control characters in the first {len(sample)}")


class ParseState:
    """What the stages of one parse read and write, in order.

    ``read`` fills ``text``/``path``/``notes``; ``clean`` the ``page``;
    ``split`` the plan ``starts``; ``outline`` the ``plans``; ``roles`` and
    ``themes`` label them (``units``: the model inputs, read once for both).
    """

    def __init__(self, nlp: Any, source: Any, *, many: bool, doc_type: str | None,
                 clean: bool, plan_id: str | None, max_chars: int, taxonomy):
        self.nlp, self.source, self.many = nlp, source, many
        self.doc_type, self.clean, self.plan_id = doc_type, clean, plan_id
        self.max_chars, self.taxonomy = max_chars, taxonomy
        self.text: str = ""
        self.path: str | None = None
        self.notes: list[str] = []
        self.page: _Page | None = None
        self.starts: list[tuple[int, str]] = []
        self.plans: list[Plan] = []
        self.labellers: dict[int, Any] = {}
        self.units: dict[int, Any] = {}


def read_stage(state: ParseState) -> None:
    """Source (text, path or bytes) → text, with the reader's notes; bad input raises here."""
    state.taxonomy = _load_taxonomy(state.taxonomy)     # errors before any reading
    state.text, state.path, state.notes = load_source(state.source)
    _check_doc_type(state.doc_type)
    _check_text(state.text, state.max_chars)


def clean_stage(state: ParseState) -> None:
    """Text → cleaned page text, its map back to the source and what was removed."""
    state.page = _prepare(state.text, state.clean)


def split_stage(state: ParseState) -> None:
    """Where each plan of a page that holds several starts (计划(一)、计划(二)…)."""
    state.starts = plan_starts(state.page.text, ignore=state.page.furniture)


def outline_stage(state: ParseState) -> None:
    """Page → Plans with title, sections and segments (one Plan, or one per plan with ``many``)."""
    page, starts, path, doc_type = state.page, state.starts, state.path, state.doc_type
    if not state.many:
        plan = _build(page, 0, len(page.text), state.plan_id or _default_id(path), path, doc_type,
                      plan_titles={a for a, _ in starts})
        plan.warnings[:0] = state.notes
        if len(starts) >= 2:
            plan.meta["page_plans"] = len(starts)
            plan.warnings.append(f"这一页包含{len(starts)}份计划；用 parse_many() 可逐份分开分析。"
                                 f" (The page holds {len(starts)} plans; parse_many() splits them.)")
        state.plans = [plan]
        return
    base = _default_id(path)
    if len(starts) < 2:
        plans = [_build(page, 0, len(page.text), base, path, doc_type)]
        bounds = [0]
    else:
        bounds = [a for a, _ in starts] + [len(page.text)]
        plans = [_build(page, a, b, f"{base}-{k + 1}", path, doc_type)
                 for k, (a, b) in enumerate(zip(bounds, bounds[1:]))]
        _note_page_header(page, plans[0], bounds[0], len(plans))
    for plan, start in zip(plans, bounds):
        plan.warnings[:0] = state.notes
        plan.meta["page_plans"] = len(plans)
        plan.meta["page_start"] = start
    state.plans = plans


def roles_stage(state: ParseState) -> None:
    """Section and segment roles: heading rules, then the pipeline's role model."""
    from .labels.assign import label_roles

    for plan in state.plans:
        labeller, zero_shot = state.nlp.labeller_for(state.taxonomy)
        state.labellers[id(plan)] = labeller
        state.units[id(plan)] = label_roles(plan, labeller, taxonomy=state.taxonomy,
                                            zero_shot=zero_shot, use_models=state.nlp.uses_models)


def themes_stage(state: ParseState) -> None:
    """Segment themes: the pipeline's theme model (zero-shot for another taxonomy)."""
    from .labels.assign import label_themes

    for plan in state.plans:
        label_themes(plan, state.labellers.get(id(plan)), state.units.get(id(plan)))


STAGES = (("read", read_stage), ("clean", clean_stage), ("split", split_stage),
          ("outline", outline_stage), ("roles", roles_stage), ("themes", themes_stage))


class _Page:
    """A source text after cleaning, with its map back and what cleaning found."""

    def __init__(self, source: str, text: str, omap: OffsetMap | None, removals: list[Removal],
                 furniture: set[int], warnings: list[str] = ()):
        self.source, self.text, self.omap = source, text, omap
        self.removals, self.furniture = removals, furniture
        self.warnings = list(warnings)       # what every plan of the page carries


def _prepare(text: str, clean: bool) -> _Page:
    read_out = reader_removals(text)
    text = str(text)
    if clean:
        cr = clean_text(text)
        if not cr.text.strip():
            raise error(InputError, "E007", reason="everything was page furniture or whitespace")
        return _Page(text, cr.text, cr.offset_map, _merged(read_out, cr.removals), set(), cr.warnings)
    from .clean.script import is_traditional, unconverted_warning

    furniture = {a for a, _, _ in furniture_lines(text)}
    return _Page(text, text, None, read_out, furniture,
                 [unconverted_warning()] if is_traditional(text) else [])


def _merged(first: list[Removal], second: list[Removal]) -> list[Removal]:
    return sorted(first + second, key=lambda r: (r.start, r.end)) if first else second


def _build(page: _Page, a: int, b: int, plan_id: str, path: str | None, doc_type: str | None,
           plan_titles: set[int] = frozenset()) -> Plan:
    sub = page.text[a:b] if (a, b) != (0, len(page.text)) else page.text
    if page.omap is not None:
        omap = page.omap.shifted(a, b) if a or b != len(page.text) else page.omap
    else:
        omap = OffsetMap([(0, a)], length=b - a) if a else None
    furniture = {f - a for f in page.furniture if a <= f < b}
    titles = {t - a for t in plan_titles if a <= t < b}
    outline = build_outline(sub, furniture=furniture, plan_titles=titles)
    lo, hi = (omap(0), omap(len(sub))) if omap else (0, len(sub))
    plan = Plan(
        text=sub, title=outline.title, sections=outline.sections, segments=outline.segments,
        plan_id=plan_id, source=path, source_text=page.source if (omap or sub is not page.text) else None,
        removals=_removals_of(page.removals, lo, hi, first=a == 0, last=b == len(page.text)),
        numbering_issues=outline.issues, paragraphs=outline.paragraphs, offset_map=omap)
    for seg in plan.segments:
        seg.plan = plan
    plan.warnings.extend(page.warnings)
    plan.doc_type = doc_type or detect_doc_type(plan.title, sub, [s.title for s in plan.sections])
    if not any(s.role_from not in ("furniture",) for s in plan.segments):
        plan.warnings.append("没有找到计划正文。 (No plan content was found.)")
        return plan
    lone = len(SURROGATE.findall(sub))
    if lone:
        plan.warnings.append(f"文本含有{lone}个无效字符（孤立的代理码位，多见于按 surrogateescape 解码的输入），"
                             f"分析时按 � 处理。 (The text holds {lone} lone surrogate code point(s), not valid "
                             "Unicode; the models read them as U+FFFD.)")
    if _hardly_chinese(sub):
        plan.warnings.append(f"文本中几乎没有汉字（{len(_HAN.findall(sub))}个），不像一份中文工作计划，"
                             "分析结果可能没有意义。 (The text holds almost no Chinese characters: "
                             "it does not look like a Chinese work plan, so the labels may mean nothing.)")
    return plan


def _removals_of(removals: list[Removal], lo: int, hi: int, *, first: bool, last: bool) -> list[Removal]:
    """The removals of the plan spanning source ``[lo, hi)``: the first plan of a page also
    owns what cleaning dropped before its first kept character, the last what followed
    its last one, so that nothing removed goes unreported."""
    return [r for r in removals
            if lo <= r.start < hi or (first and r.start < lo) or (last and r.start >= hi)]


def _hardly_chinese(text: str) -> bool:
    """Fewer than MIN_HAN Chinese characters, and fewer than the Latin letters beside them."""
    han = 0
    for _ in _HAN.finditer(text):      # stops at the MIN_HAN-th: a plan is not scanned through
        han += 1
        if han >= MIN_HAN:
            return False
    return han <= len(_LATIN.findall(text))


def _note_page_header(page: _Page, first: Plan, first_start: int, n: int) -> None:
    head = page.text[:first_start].strip()
    if head:
        lines = [l.strip() for l in head.split("\n") if l.strip()]
        first.meta["page_title"] = lines[0]
        src0 = page.omap(0) if page.omap else 0
        src1 = page.omap(first_start) if page.omap else first_start
        first.removals.insert(0, Removal(src0, src1, "page header outside the plans",
                                         page.source[src0:src1]))
    first.meta["page_plan_count"] = n


def _load_taxonomy(taxonomy):
    """The taxonomy given by name or path, loaded once (errors before any parsing)."""
    from .labels.taxonomy import as_taxonomy

    return None if taxonomy is None else as_taxonomy(taxonomy)


def _emit(plan: Plan, stacklevel: int) -> None:
    for w in plan.warnings:
        warnings.warn(w, PlanTextWarning, stacklevel=stacklevel)


def _check_doc_type(doc_type: str | None) -> None:
    if doc_type is not None and doc_type not in DOC_TYPES:
        raise error(InputError, "E009", what="doc_type", value=doc_type, choices=", ".join(DOC_TYPES))


def _default_id(path: str | None) -> str:
    return pathlib.Path(path).stem if path else "plan"
