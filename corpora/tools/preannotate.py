"""Pre-annotate a real document in the gold format, for an annotator to correct.

    python corpora/tools/preannotate.py ../shared/corpora/real/gh-xvshiting-central-policies/150.txt \
        -o corpora/real-gold/gh-xvshiting-central-policies__150.json [--show]

The output follows ``shared/spec/gold-format.md``: lines are numbered from 0
over ``text.split("\\n")`` of the file as stored. Every heading and paragraph
comes from the current sm models, so every label is a guess: the annotator
reads the document whole and corrects each one, then sets
``"annotator"`` and ``"pass"`` (``"pre"`` until corrected). ``--show`` prints
one line per paragraph (line, role, themes, heading marker, text) to read
beside the JSON.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
from collections import Counter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))


def preannotate(path: pathlib.Path, shared_root: pathlib.Path) -> dict:
    import plantext as pt

    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    plan = pt.parse(raw, clean=False)

    def line_of(offset: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    headings = []
    for sec in plan.walk():
        if sec.heading_end <= sec.heading_start:
            continue
        s = plan.source_offset(sec.heading_start)
        headings.append({"line": line_of(s), "marker": sec.marker, "level": sec.level,
                         "title": sec.title, "inline": bool(sec.inline)})

    per_line: dict[int, list] = {}
    for seg in plan.segments:
        s = plan.source_offset(seg.start)
        per_line.setdefault(line_of(s), []).append(seg)
    heading_lines = {h["line"] for h in headings}
    paragraphs = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        segs = per_line.get(i, [])
        roles = Counter(seg.role for seg in segs)
        role = roles.most_common(1)[0][0] if roles else "other"
        theme_votes = Counter(t for seg in segs for t in seg.themes if t != "none")
        themes = [t for t, _ in theme_votes.most_common(3)] or ["none"]
        from_heading = any(seg.role_from == "heading" for seg in segs) or i in heading_lines
        paragraphs.append({"line": i, "role": role,
                           "role_from": "heading" if from_heading else "text",
                           "themes": themes})
    try:
        rel = path.resolve().relative_to(shared_root.resolve())
    except ValueError:
        rel = path
    from gold_positions import positions     # titles by position: no text of the document kept

    return positions({"file": str(rel), "doc_type": plan.doc_type, "title": plan.title or "",
                      "headings": headings, "paragraphs": paragraphs,
                      "annotator": "", "pass": "pre", "notes": ""}, lines)


def show(doc: dict, path: pathlib.Path, width: int = 80) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    marks = {h["line"]: h for h in doc["headings"]}
    lines = path.read_text(encoding="utf-8").split("\n")
    out = []
    for p in doc["paragraphs"]:
        h = marks.get(p["line"])
        head = f"H{h['level']}{h['marker']}" if h else ""
        out.append(f"{p['line']:>4} {p['role']:<11} {','.join(p['themes']):<24} {head:<8} "
                   f"{lines[p['line']][:width]}")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", type=pathlib.Path)
    ap.add_argument("-o", "--output", type=pathlib.Path)
    ap.add_argument("--shared", type=pathlib.Path, default=pathlib.Path("../shared"))
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args(argv)
    doc = preannotate(args.file, args.shared)
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    if args.show:
        print(show(doc, args.file), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
