"""``complete()``: insert the sections the audit finds missing, changing nothing else.

Each missing section goes after the last top-level section whose role comes
before it in the profile's order, numbered in the plan's own style; the
top-level markers after it are renumbered. The text as given (not the
cleaned text) is edited, so indentation, blank lines and every word of the
draft stay as they were; ``CompletionResult.source_edits`` lists those edits,
and :mod:`.docx_complete` applies them to the user's own .docx.

The filled sections follow the rules of ``draft()``: the plan's
administrative level (read off its unit, or ``level=``) and its themes (as
parsed) choose the phrasings. A page holding several plans is never
completed as one: ``part=`` names the plan to complete, in its place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..document import Plan
from ..errors import InputError
from ..labels import load_profile, profile_for
from . import layout
from .coherence import plan_level
from .fill import Filler
from .new_plan import unit_word
from .scaffold import TextBuilder, format_marker, preamble_pieces, section_paragraphs
from .substitute import Adapter, find_names


@dataclass
class Insertion:
    """One inserted section: its role, heading, span in the completed text, and sources."""

    role: str
    heading: str                  # "四、保障措施" ("" for an opening paragraph)
    start: int                    # span of the section in the completed plan.text
    end: int
    text: str
    at: int                       # offset in the input plan.text it was inserted before
    provenance: list[dict] = field(default_factory=list)
    markers: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(eq=False)
class CompletionResult:
    """The completed plan, what was inserted, and which markers were renumbered."""

    plan: Plan
    inserted: list[Insertion]
    renumbered: list[dict]        # {"old", "new", "start", "end"} (span in the completed text)
    original: Plan
    missing_roles: set[str]       # what the audit found missing before completion
    source_text: str = ""         # the completed text as given (indentation and blank lines kept)
    #: the edits made to the input as given: {"kind": "insert"|"renumber", "start", "end",
    #: "text", and "index" (into ``inserted``) or "old"/"new"}, offsets into the input source text
    source_edits: list[dict] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.plan.text

    def summary(self) -> str:
        """One line per insertion, in plain Chinese."""
        from ..labels.names import role_zh

        if not self.inserted:
            return "没有缺少的部分，未作插入。"
        lines = []
        for ins in self.inserted:
            name = ins.heading or "开头段落"
            line = self.plan.source_line(ins.start) + 1
            lines.append(f"插入“{name}”（{role_zh(ins.role)}），第{line}行起，{len(ins.provenance)}句来自语料"
                         + (f"，{len(ins.markers)}处待补充" if ins.markers else "") + "。")
        for r in self.renumbered:
            lines.append(f"重新编号：{r['old']} → {r['new']}")
        return "\n".join(lines)

    def to_markdown(self) -> str:
        from .markdown import to_markdown

        return to_markdown(self.plan)

    def to_docx(self, path, *, mark: str = "track", date=None) -> str:
        """Write the completed plan as .docx: into a copy of the user's own .docx when the plan
        was read from one (styles, tables, headers and comments kept; each inserted section
        marked, see :func:`.docx_complete.complete_docx`), else as a new GB/T 9704 document."""
        from .docx_complete import complete_docx, from_docx

        if from_docx(self):
            return complete_docx(self, path, mark=mark, date=date)
        from .docx_writer import to_docx

        return to_docx(self.plan, path)

    def to_dict(self) -> dict[str, Any]:
        return {"missing_roles": sorted(self.missing_roles), "text": self.plan.text,
                "inserted": [i.to_dict() for i in self.inserted],
                "renumbered": list(self.renumbered)}

    def __repr__(self) -> str:
        return (f"CompletionResult({self.plan.plan_id!r}, inserted="
                f"{[(i.role, i.heading) for i in self.inserted]})")


def complete(plan_or_source: Any, *, profile: Any = None, corpus: Any = None, k: int = 3,
             model: str | None = None, unit: str | None = None, year: int | None = None,
             tiers: tuple[str, ...] = ("required", "recommended"), level: str | None = None,
             part: int | None = None) -> CompletionResult:
    """Insert a filled section for each section the audit finds missing.

    ``plan_or_source`` is a :class:`Plan`, plan text or a path. The result's
    ``plan`` is the completed plan (``meta["inserted"]`` and
    ``meta["provenance"]`` list what was added and where it came from);
    ``inserted`` lists each section (role, heading, span, text). ``unit`` and
    ``year`` default to what the plan's title and meta say; ``tiers=("required",)``
    inserts only the sections the profile requires. A plan the audit finds
    complete comes back unchanged, with nothing inserted.

    As in ``draft()``, phrasings are chosen for the plan's administrative
    level (``level``, else read off the unit) and its themes. A page holding
    several plans raises :class:`InputError` unless ``part`` (from 1) names
    the one to complete; that plan (or a Plan from ``parse_many``) is
    completed in its place on the page, the others left as they are.
    """
    from ..audit import audit_plan

    plan = _one_plan(plan_or_source, part, model)
    prof = profile_for(plan.doc_type) if profile is None else load_profile(profile)
    report = audit_plan(plan, profile=prof, suggest=False, generalise=False)
    missing = [r for r in prof.order if r in report.missing_roles and prof.tier(r) in tiers]
    if not missing:
        return CompletionResult(plan, [], [], plan, set(report.missing_roles),
                                layout.source_text(plan))
    filler = _filler(plan, corpus, unit, year, level, report.themes)
    blocks = _blocks(plan, prof, missing, report.themes, filler, k)
    new_text, placed, renumbered, edits = _edit(plan, blocks)
    done = _reparse(new_text, plan, model, placed)
    inserted = [_insertion(done, b, src) for b, src in zip(blocks, placed)]
    renum = [_renumbered(done, r) for r in renumbered]
    done.meta.update(inserted=[i.to_dict() for i in inserted],
                     provenance=[p for i in inserted for p in i.provenance],
                     markers=[m for i in inserted for m in i.markers],
                     level=filler.tier, themes=list(report.themes))
    return CompletionResult(done, inserted, renum, plan, set(report.missing_roles), new_text,
                            edits)


def _one_plan(source: Any, part: int | None, model: str | None) -> Plan:
    """The plan to complete: never several plans of one page taken as one."""
    from ..clean.split import plan_starts
    from ..defaults import pipeline_for

    if part is not None and (isinstance(part, bool) or not isinstance(part, int) or part < 1):
        raise InputError(f"part 应为从 1 开始的整数，收到的是 {part!r}。 / part must be a whole "
                         f"number from 1, not {part!r}.")
    nlp = pipeline_for(model)
    plan = nlp.as_plan(source, warn=False)
    if "page_start" in plan.meta:
        return plan                            # one plan of a page (parse_many): its own
    starts = plan_starts(plan.text)
    if len(starts) < 2:
        if part not in (None, 1):
            raise InputError(f"这份文件只有一份计划，没有第 {part} 份。 / The page holds one "
                             f"plan; there is no part {part}.")
        return plan
    titles = "；".join(f"{i}.{plan.text[a:b].strip()}" for i, (a, b) in enumerate(starts, 1))
    if part is None:
        raise InputError(
            f"这份文件包含 {len(starts)} 份计划（{titles}），补全时不会把它们混在一起："
            f"请用 part=（命令行 --part）指定补全第几份。 / The page holds {len(starts)} "
            "plans; give part= (command line: --part) to complete one of them in its place.")
    if isinstance(source, Plan):
        raise InputError("这个 Plan 包含一页上的几份计划；请用 parse_many() 分开后补全其中一份。"
                         " / This Plan spans several plans: split it with parse_many().")
    plans = nlp.parse_many(source, warn=False)
    if part > len(plans):
        raise InputError(f"这份文件只有 {len(plans)} 份计划，没有第 {part} 份。 / The page holds "
                         f"{len(plans)} plans; there is no part {part}.")
    return plans[part - 1]


@dataclass
class _Block:
    slot: layout.Slot
    heading: str
    number: int | None
    build: TextBuilder
    sep: str = "\n"     # the plan's paragraph separator
    lead: str = ""      # text added before the block (a line end when inserting at the text end)


def _filler(plan: Plan, corpus: Any, unit: str | None, year: int | None, level: str | None,
            themes: list[str]) -> Filler:
    """A filler held to the plan's unit, year, level and themes, as ``draft()`` holds its own."""
    if unit is None:
        unit = plan.meta.get("unit") if isinstance(plan.meta.get("unit"), str) else None
        names = [n for _, _, n in find_names(plan.title or "")]
        unit = unit or (names[-1] if names else None)
    year = year if year is not None else layout.plan_year(plan)
    filler = Filler(Adapter(unit, year, plan.doc_type), corpus=corpus, doc_type=plan.doc_type,
                    unit_word=unit_word(unit), tier=plan_level(unit, level),
                    themes=[t for t in themes if t != "none"])
    filler.avoid(s.text for s in plan.segments if s.kind != "heading")
    return filler


def _blocks(plan: Plan, prof, missing: list[str], themes: list[str], filler: Filler,
            k: int) -> list[_Block]:
    """The text of every section to insert, numbered where it will stand."""
    style = layout.Style.of(layout.source_text(plan))
    numbering = layout.numbering_of(plan)
    slots = layout.slots(plan, prof, missing)
    numbers = _numbers(slots, layout.numbered_tops(plan) or list(plan.sections))
    blocks: list[_Block] = []
    for slot, number in zip(slots, numbers):
        if number is None:
            paras = [preamble_pieces(prof, themes, filler) or [filler.marker("preamble")]]
        else:
            paras = section_paragraphs(slot.role, number, profile=prof, themes=themes,
                                       filler=filler, k=k, numbering=numbering,
                                       year=filler.adapter.year)
        build = TextBuilder()
        for para in paras:
            build.add([style.indent, *para], end=style.sep)
        heading = paras[0][0] if number is not None and isinstance(paras[0][0], str) else ""
        blocks.append(_Block(slot, heading, number, build, sep=style.sep))
    return blocks


def _numbers(slots: list[layout.Slot], tops: list) -> list[int | None]:
    """Each inserted section's number: the one before it + the insertions before it + 1."""
    def key(j: int) -> tuple[int, int]:
        after = slots[j].after
        return (-1 if after is None else after, j)

    out: list[int | None] = []
    numbered = [j for j, s in enumerate(slots) if s.role != "preamble"]
    for j, slot in enumerate(slots):
        if slot.role == "preamble":
            out.append(None)
            continue
        prev = 0 if slot.after is None else (tops[slot.after].number or slot.after + 1)
        out.append(prev + sum(1 for i in numbered if key(i) < key(j)) + 1)
    return out


def _edit(plan: Plan, blocks: list[_Block]) -> tuple[str, list[int], list[dict], list[dict]]:
    """The edited source text, each block's source offset in it, the renumbered markers, and
    the edits in offsets of the input source text."""
    src = layout.source_text(plan)
    tops = layout.numbered_tops(plan)
    edits: list[tuple[int, int, str, Any]] = []   # (start, end, replacement, block or marker info)
    led: set[int] = set()      # the first of several blocks appended at one place opens a line
    for b in blocks:
        at = layout.to_source(plan, b.slot.at)
        lead = "" if at == 0 or src[at - 1] == "\n" or at in led else b.sep
        led.add(at)
        edits.append((at, at, lead + b.build.text, b))
        b.lead = lead
    for i, sec in enumerate(tops):
        shift = sum(1 for b in blocks if b.number is not None and _before(b, i))
        if shift:
            new = format_marker(sec.marker, sec.number + shift)
            pos = _marker_pos(plan, src, sec)
            if pos is not None:
                edits.append((pos, pos + len(sec.marker), new, {"old": sec.marker, "new": new}))
    edits.sort(key=lambda e: (e[0], 0 if isinstance(e[3], _Block) else 1))
    out, pos, delta, placed, renum, done = [], 0, 0, {}, [], []
    index = {id(b): i for i, b in enumerate(blocks)}
    for a, b, repl, info in edits:
        out.append(src[pos:a])
        if isinstance(info, _Block):
            placed[id(info)] = a + delta + len(info.lead)
            done.append({"kind": "insert", "start": a, "end": b, "text": repl,
                         "index": index[id(info)]})
        else:
            renum.append(dict(info, src=a + delta))
            done.append({"kind": "renumber", "start": a, "end": b, "text": repl, **info})
        out.append(repl)
        delta += len(repl) - (b - a)
        pos = b
    out.append(src[pos:])
    return "".join(out), [placed[id(b)] for b in blocks], renum, done


def _before(block: _Block, top_index: int) -> bool:
    """True when ``block`` is inserted before top-level section ``top_index``."""
    after = block.slot.after
    return after is None or after < top_index


def _marker_pos(plan: Plan, src: str, sec) -> int | None:
    pos = layout.source_offset(plan, sec.heading_start)
    if src.startswith(sec.marker, pos):
        return pos
    start = layout.line_start(src, pos)
    end = src.find("\n", start)
    found = src.find(sec.marker, start, len(src) if end == -1 else end)
    return None if found == -1 else found


def _reparse(text: str, plan: Plan, model: str | None, placed: list[int]) -> Plan:
    """The completed plan; for one plan of a page, the page's plan that holds the insertions."""
    from ..defaults import pipeline_for

    nlp = pipeline_for(model or plan.model or "none")
    if _page_part(plan):
        plans = nlp.parse_many(text, doc_type=plan.doc_type, warn=False)
        done = next((p for p in plans if _holds(p, placed[0])), plans[-1])
        done.plan_id = plan.plan_id
    else:
        done = nlp.parse(text, doc_type=plan.doc_type, plan_id=plan.plan_id, warn=False)
    done.source = plan.source
    # offsets into the old text, and page facts that no longer hold
    stale = {"provenance", "markers", "inserted", "drafted", "page_plans", "page_plan_count",
             "page_start"}
    done.meta.update({k: v for k, v in plan.meta.items() if k not in done.meta and k not in stale})
    return done


def _page_part(plan: Plan) -> bool:
    """True for one plan of a page of several (from ``parse_many``)."""
    return "page_start" in plan.meta and plan.meta.get("page_plans", 1) > 1


def _holds(plan: Plan, src: int) -> bool:
    """True when source offset ``src`` falls within ``plan`` (one plan of a page)."""
    if not plan.text:
        return False
    return plan.source_offset(0) <= src <= plan.source_offset(len(plan.text) - 1)


def _insertion(done: Plan, block: _Block, src: int) -> Insertion:
    length = len(block.build.text.rstrip("\n"))
    start = layout.plan_offset(done, src)
    end = layout.plan_offset(done, src + length)
    while start < end and done.text[start].isspace():
        start += 1
    while end > start and done.text[end - 1].isspace():
        end -= 1

    def span(rec: dict) -> dict:
        a = layout.plan_offset(done, src + rec["start"])
        b = layout.plan_offset(done, src + rec["end"])
        return dict(rec, start=a, end=b)

    return Insertion(block.slot.role, block.heading, start, end, done.text[start:end],
                     block.slot.at, [span(p) for p in block.build.provenance],
                     [span(m) for m in block.build.markers])


def _renumbered(done: Plan, rec: dict) -> dict:
    start = layout.plan_offset(done, rec["src"])
    return {"old": rec["old"], "new": rec["new"], "start": start, "end": start + len(rec["new"])}
