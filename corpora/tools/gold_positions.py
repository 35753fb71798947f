"""Replace the titles of real-gold annotations by their positions in the shared text.

    python corpora/tools/gold_positions.py corpora/real-gold [--shared ../shared]

The project stores no text of the shared real documents: a heading's title
becomes ``"title_at": [start, end]`` (offsets into its line, or into the line
and the next joined when the title runs over the break), the document's title
``"title_at": [line, start, end]`` when it stands in the text.
``plantext.evaluate.load_gold`` reads the words back (``resolve_titles``).
A title that is in neither place was written by the annotator and stays.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys


def positions(data: dict, lines: list[str]) -> dict:
    headings = []
    for h in data.get("headings", []):
        title = h.get("title")
        line = h["line"]
        here = lines[line] if line < len(lines) else ""
        joined = here + (lines[line + 1].strip() if line + 1 < len(lines) else "")
        pos = here.find(title) if title else -1
        if pos < 0 and title:
            pos = joined.find(title)
        if title and pos >= 0:
            h = {k: v for k, v in h.items() if k != "title"}
            h["title_at"] = [pos, pos + len(title)]
        headings.append(h)
    out = dict(data, headings=headings)
    title = data.get("title")
    if title:
        for i, line in enumerate(lines):
            pos = line.find(title)
            if pos >= 0:
                out = {k: v for k, v in out.items() if k != "title"}
                out["title_at"] = [i, pos, pos + len(title)]
                break
    for key in ("notes",):
        if isinstance(out.get(key), str):
            out[key] = no_quotes(out[key], lines)
    return out


QUOTE_MIN = 12


def no_quotes(note: str, lines: list[str]) -> str:
    """``note`` with every run of ``QUOTE_MIN``+ characters quoted from the document
    replaced by a reference to its line (〔第N行〕)."""
    grams: dict[str, int] = {}
    for i, line in enumerate(lines):
        for j in range(len(line) - QUOTE_MIN + 1):
            grams.setdefault(line[j:j + QUOTE_MIN], i)
    out, i = [], 0
    while i < len(note):
        line = grams.get(note[i:i + QUOTE_MIN])
        if line is None:
            out.append(note[i])
            i += 1
            continue
        end = i + QUOTE_MIN
        while end < len(note) and note[i:end + 1] in lines[line]:
            end += 1
        out.append(f"〔第{line + 1}行〕")
        i = end
    return "".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=pathlib.Path)
    ap.add_argument("--shared", type=pathlib.Path, default=pathlib.Path("../shared"))
    args = ap.parse_args(argv)
    for path in sorted(args.folder.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        lines = (args.shared / data["file"]).read_text(encoding="utf-8").split("\n")
        new = positions(data, lines)
        if new != data:
            path.write_text(json.dumps(new, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
