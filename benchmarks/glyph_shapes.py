"""Build ``data/typo_glyphs.txt``: pairs of characters whose printed glyphs look alike.

    python benchmarks/glyph_shapes.py [--font PATH] [--min-sim 0.60] [--per-char 3]

Every character of GB 2312 (6,763, the common and the less common ones a
writer may slip into) is drawn in a CJK font at 32×32 pixels, blurred a
little (a pen is not a printer), less the mean glyph, and compared with the 3,755 characters of
GB 2312 level 1 (the common characters a correction may be) by the cosine of
the two images. For each character the ``--per-char`` most similar common
characters at ``--min-sim`` or more are kept as pairs. Nothing here reads a
corpus: it is knowledge of the script only (how glyphs look), and the output
is written once and shipped; ``plantext train typos`` reads it beside the
hand-written ``typo_shapes.txt``. Needs Pillow and a CJK font (Noto Sans CJK).
"""

from __future__ import annotations

import argparse
import pathlib
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
FONTS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
         "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
SIZE = 32
BLUR = 0.7


def gb2312(level: int | None = None) -> list[str]:
    """Characters of GB 2312 (level 1: rows 16–55, the 3,755 common ones; level 2: rows 56–87)."""
    rows = {1: range(0xB0, 0xD8), 2: range(0xD8, 0xF8), None: range(0xB0, 0xF8)}[level]
    out = []
    for hi in rows:
        for lo in range(0xA1, 0xFF):
            try:
                c = bytes([hi, lo]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            out.append(c)
    return out


def render(chars: list[str], font_path: str) -> np.ndarray:
    """[N, SIZE*SIZE] glyph images, blurred a little, less the mean glyph, unit norm."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    font = ImageFont.truetype(font_path, SIZE - 2, index=2 if font_path.endswith(".ttc") else 0)
    out = np.zeros((len(chars), SIZE * SIZE), dtype=np.float32)
    for k, c in enumerate(chars):
        img = Image.new("L", (SIZE, SIZE), 0)
        ImageDraw.Draw(img).text((SIZE // 2, SIZE // 2), c, fill=255, font=font, anchor="mm")
        out[k] = np.asarray(img.filter(ImageFilter.GaussianBlur(BLUR)), dtype=np.float32).ravel()
    out -= out.mean(axis=0)          # what every glyph has (a square of ink) says nothing
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)


def similar_pairs(min_sim: float, per_char: int, font_path: str) -> list[tuple[str, str, float]]:
    sources, targets = gb2312(), set(gb2312(1))
    S = render(sources, font_path)
    cols = [k for k, c in enumerate(sources) if c in targets]
    T, targets = S[cols], [sources[k] for k in cols]
    out = []
    for a in range(0, len(sources), 1024):
        sim = S[a:a + 1024] @ T.T
        for k, row in enumerate(sim):
            src = sources[a + k]
            best = np.argsort(-row)[:per_char + 1]
            out += [(src, targets[j], float(row[j])) for j in best if targets[j] != src and row[j] >= min_sim][:per_char]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--font", default=next((f for f in FONTS if pathlib.Path(f).is_file()), FONTS[0]))
    ap.add_argument("--min-sim", type=float, default=0.60)
    ap.add_argument("--per-char", type=int, default=3)
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "src" / "plantext" / "data" / "typo_glyphs.txt")
    args = ap.parse_args(argv)
    pairs = similar_pairs(args.min_sim, args.per_char, args.font)
    seen, lines = set(), []
    for a, b, _ in pairs:
        key = "".join(sorted(a + b))
        if key not in seen:
            seen.add(key)
            lines.append(a + b)
    header = ("# 形近字 from glyph images: pairs of characters whose printed glyphs look alike, built by\n"
              f"# benchmarks/glyph_shapes.py (font {pathlib.Path(args.font).name}, {SIZE}px, blurred, mean glyph removed, cosine >= "
              f"{args.min_sim}, at most {args.per_char} common characters per character of GB 2312).\n"
              "# Knowledge of the script only; no corpus is read. One pair per group, 16 groups a line.\n")
    body = "\n".join(" ".join(lines[k:k + 16]) for k in range(0, len(lines), 16))
    args.out.write_text(header + body + "\n", encoding="utf-8")
    print(f"{len(lines)} pairs -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
