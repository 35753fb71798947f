"""Labelled training data: annotated plans (team corpus, gold) and silver labels.

An annotated document becomes a list of :class:`~plantext.learn.units.Unit`
with the gold role and themes of each unit's line. Silver labels come from
real documents whose headings name roles (labels.md rule 1).
"""

from __future__ import annotations

import hashlib
import pathlib
import re
from dataclasses import dataclass, field
from typing import Iterable

from ..document import Plan
from ..evaluate import GoldDoc, LineIndex, load_gold
from .units import Unit, UnitList, plan_units



@dataclass
class LabelledDoc:
    """One document's units and their gold labels (None where gold has none)."""

    doc_id: str
    units: list[Unit]
    roles: list[str | None]
    themes: list[list[str] | None]
    role_from: list[str | None] = field(default_factory=list)
    source: str = ""

    def labelled(self, *, themes: bool = False) -> tuple[list[Unit], list]:
        keep = [i for i, r in enumerate(self.themes if themes else self.roles) if r is not None]
        return [self.units[i] for i in keep], [(self.themes if themes else self.roles)[i] for i in keep]


def parse_headings_only(text: str, doc_type: str | None = None) -> Plan:
    from ..defaults import pipeline_for

    return pipeline_for("none").parse(text, clean=False, doc_type=doc_type, warn=False)


def labelled_from_gold(doc: GoldDoc, *, text: str | None = None,
                       line_map: list[int] | None = None, source: str = "gold") -> LabelledDoc:
    """Units of an annotated document with their gold labels.

    ``text``/``line_map`` give a derived text (headings stripped) and, for each
    of its lines, the gold line it came from.
    """
    text = doc.text if text is None else text
    plan = parse_headings_only(text, doc.data.get("doc_type"))
    units = plan_units(plan)
    index = LineIndex(text)
    gold = doc.paragraphs()
    roles, themes, frm = [], [], []
    for u in units:
        line = index.line(u.start)
        if line_map is not None:
            line = line_map[line]
        p = gold.get(line)
        roles.append(p["role"] if p else None)
        themes.append(list(p.get("themes") or ["none"]) if p else None)
        frm.append(p.get("role_from") if p else None)
    return LabelledDoc(doc.doc_id, units, roles, themes, frm, source)


_INLINE_END = "。：:；;"


def strip_headings(doc: GoldDoc) -> tuple[str, list[int]]:
    """The document without its headings: heading lines dropped, inline heading parts cut.

    Returns the new text and, for each of its lines, the original line number.
    """
    heads = doc.headings()
    out, line_map = [], []
    for i, line in enumerate(doc.lines):
        h = heads.get(i)
        if h is None:
            out.append(line)
            line_map.append(i)
            continue
        if not h.get("inline"):
            continue
        pos = line.find(h["title"]) if h["title"] else -1
        cut = pos + len(h["title"]) if pos >= 0 else 0
        while cut < len(line) and line[cut] in _INLINE_END + "”’":
            cut += 1
        rest = line[cut:].strip()
        if rest:
            out.append(rest)
            line_map.append(i)
    return "\n".join(out), line_map


def team_docs(folder: pathlib.Path | None = None) -> list[GoldDoc]:
    """The annotated team corpus (default: its ``annotations/``, see :mod:`plantext.resources`).

    Annotation ``file`` paths (``corpora/community-v1/docs/…``) resolve against
    the folder two levels above the corpus.
    """
    if folder is None:
        from ..resources import team_corpus_dir

        folder = team_corpus_dir() / "annotations"
    folder = pathlib.Path(folder)
    return load_gold(folder, folder.resolve().parents[2])


def silver_docs(root: pathlib.Path, *, exclude: set[str] = frozenset(),
                per_folder: int | None = 30) -> list[LabelledDoc]:
    """Silver role labels from real documents: paragraphs under role-naming headings.

    At most ``per_folder`` documents from each source folder (evenly spaced),
    so that one kind of document (city reports) does not drown the others.
    """
    out = []
    files = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        found = sorted(folder.glob("*.txt"))
        step = max(1, len(found) // per_folder) if per_folder else 1
        files += found[::step][:per_folder]
    for path in files:
        key = f"{path.parent.name}__{path.stem}"
        if key in exclude:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if not text.strip():
            continue
        plan = parse_headings_only(text)
        units = plan_units(plan)
        roles = [u.fixed_role for u in units]
        if sum(r is not None for r in roles) < 3:
            continue
        out.append(LabelledDoc(key, units, roles, [None] * len(units), ["heading"] * len(units), "silver"))
    return out


def silver_stripped(doc: LabelledDoc) -> LabelledDoc:
    """A silver document with its headings removed (the model must manage without them)."""
    keep = [i for i, u in enumerate(doc.units) if u.kind != "heading" and doc.roles[i] is not None]
    units = [doc.units[i] for i in keep]
    stripped = UnitList()
    for u in units:
        v = Unit(**{k: getattr(u, k) for k in ("para", "start", "end", "text", "kind", "position",
                                               "doc_type")}, headings=[])
        v.text = _drop_inline_title(u.text) if u.inline else u.text
        stripped.append(v)
    return LabelledDoc(doc.doc_id + "#stripped", stripped, [doc.roles[i] for i in keep],
                       [None] * len(keep), ["heading"] * len(keep), "silver")


def _drop_inline_title(text: str) -> str:
    m = re.search(r"[。：:；;]", text)
    return text[m.end():].strip() if m else text


def fingerprint(paths: Iterable[pathlib.Path]) -> str:
    """sha256 over the contents of ``paths`` (sorted), for meta.json."""
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()
