"""Write a corpus document from one annotated-lines file, or dump a document back to one.

    python corpora/tools/annotated_lines.py build SRC.txt [...] --out corpora/drafting-v1
    python corpora/tools/annotated_lines.py dump corpora/drafting-v1/annotations/dv1c01.json

An annotated-lines file is how the drafting corpus was written: a header of
``#key value`` lines (id, type, year, level, region, unit, main, title and
optional subject, missing, notes, spacing) and then one line per paragraph::

    M security,law|（二）化解矛盾纠纷。社区人民调解委员会每月排查一次……

The letter is the role (p preamble, r review, g guiding, o goal, m measure,
s safeguard, c schedule, q requirement, a assessment, x other); upper case
when the role comes from a heading (rule 1 of labels.md: the line is, or
stands under, a heading that names it), lower case when judged from the text.
Themes are the codes of labels.md (``-`` for none). ``build`` writes
``docs/<id>.txt`` (paragraphs separated by an empty line unless
``#spacing 0``) and ``annotations/<id>.json`` in the gold format, with the
headings read off the numbering (一、 > （一） > 1. > （1）, levels in the order
the marker kinds first occur). ``dump`` is the reverse, for editing.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys

ROLE_OF = {"p": "preamble", "r": "review", "g": "guiding", "o": "goal", "m": "measure",
           "s": "safeguard", "c": "schedule", "q": "requirement", "a": "assessment", "x": "other"}
LETTER = {v: k for k, v in ROLE_OF.items()}
MARKERS = [("cn", re.compile(r"^[一二三四五六七八九十]+、")),
           ("pcn", re.compile(r"^（[一二三四五六七八九十]+）")),
           ("num", re.compile(r"^\d+[.．、]")),
           ("pnum", re.compile(r"^（\d+）"))]
HEADER_KEYS = ("id", "type", "year", "level", "region", "unit", "main", "title")


def _heading(text: str) -> tuple[str, str, str, bool] | None:
    for kind, rx in MARKERS:
        m = rx.match(text)
        if m:
            rest = text[m.end():]
            cut = re.search(r"[。：；]", rest)
            title = (rest[:cut.start()] if cut else rest).strip()
            inline = bool(cut and rest[cut.end():].strip())
            return kind, m.group(0), title, inline
    return None


def parse_source(src: str) -> tuple[dict, list[tuple[str, list[str], str]]]:
    head, body = {}, []
    for n, raw in enumerate(src.split("\n"), 1):
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("#"):
            key, _, value = line[1:].partition(" ")
            head[key] = value.strip()
            continue
        m = re.match(r"^([prgomscqaxPRGOMSCQAX]) ([a-z,\-]+)\|(.+)$", line)
        if not m:
            raise SystemExit(f"line {n}: not 'R themes|text': {line[:40]}")
        themes = ["none"] if m.group(2) == "-" else m.group(2).split(",")
        body.append((m.group(1), themes, m.group(3)))
    missing = [k for k in HEADER_KEYS if k not in head]
    if missing:
        raise SystemExit(f"header lacks {missing}")
    return head, body


def build(src: str, out: pathlib.Path) -> str:
    head, body = parse_source(src)
    doc_id = head["id"]
    sep = "\n" if head.get("spacing") == "0" else "\n\n"
    text = sep.join(t for _, _, t in body) + "\n"
    lines = text.split("\n")
    kinds: list[str] = []
    headings, paragraphs = [], []
    i = 0
    for letter, themes, t in body:
        while lines[i] != t:
            i += 1
        h = _heading(t) if not head.get("noheadings") else None      # 三、参加人员 (other) is a heading too
        if h:
            kind, marker, title, inline = h
            if kind not in kinds:
                kinds.append(kind)
            headings.append({"line": i, "marker": marker, "level": kinds.index(kind) + 1,
                             "title": title, "inline": inline})
        paragraphs.append({"line": i, "role": ROLE_OF[letter.lower()],
                           "role_from": "heading" if letter.isupper() else "text", "themes": themes})
        i += 1
    rel = f"corpora/{out.name}/docs/{doc_id}.txt"
    meta = {"doc_type": head["type"], "year": int(head["year"]), "level": head["level"],
            "region": head["region"], "unit": head["unit"], "main_theme": head["main"]}
    if head.get("subject"):
        meta["subject"] = head["subject"]
    ann = {"file": rel, "doc_type": head["type"], "title": head["title"], "headings": headings,
           "paragraphs": paragraphs, "meta": meta,
           "missing_roles": head.get("missing", "").split() if head.get("missing") else [],
           "notes": head.get("notes", "")}
    (out / "docs").mkdir(parents=True, exist_ok=True)
    (out / "annotations").mkdir(parents=True, exist_ok=True)
    (out / "docs" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    (out / "annotations" / f"{doc_id}.json").write_text(
        json.dumps(ann, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return doc_id


def dump(ann_path: pathlib.Path, root: pathlib.Path) -> str:
    ann = json.loads(ann_path.read_text(encoding="utf-8"))
    lines = (root / ann["file"]).read_text(encoding="utf-8").split("\n")
    meta = ann["meta"]
    out = [f"#id {ann_path.stem}", f"#type {ann['doc_type']}", f"#year {meta['year']}",
           f"#level {meta['level']}", f"#region {meta['region']}", f"#unit {meta['unit']}",
           f"#main {meta['main_theme']}"]
    if meta.get("subject"):
        out.append(f"#subject {meta['subject']}")
    out.append(f"#title {ann['title']}")
    if ann.get("missing_roles"):
        out.append("#missing " + " ".join(ann["missing_roles"]))
    if ann.get("notes"):
        out.append("#notes " + ann["notes"])
    if not any(not l.strip() for l in lines[:-1]):
        out.append("#spacing 0")
    for p in ann["paragraphs"]:
        letter = LETTER[p["role"]]
        letter = letter.upper() if p["role_from"] == "heading" else letter
        themes = "-" if p["themes"] == ["none"] else ",".join(p["themes"])
        out.append(f"{letter} {themes}|{lines[p['line']]}")
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["build", "dump"])
    ap.add_argument("files", nargs="+", type=pathlib.Path)
    ap.add_argument("--out", type=pathlib.Path, default=pathlib.Path("corpora/drafting-v1"))
    ap.add_argument("--root", type=pathlib.Path, default=pathlib.Path("."))
    args = ap.parse_args(argv)
    for f in args.files:
        if args.command == "build":
            print(build(f.read_text(encoding="utf-8"), args.out))
        else:
            sys.stdout.write(dump(f, args.root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
