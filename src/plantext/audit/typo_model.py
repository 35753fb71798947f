"""The typo model: a character n-gram LM plus a table of confusable characters.

``plantext train typos`` builds it into ``models/typos-lm/``:

- ``ngrams.npz``: the hashed 1–5-gram counts of the training text (:mod:`.charlm`);
- ``confusables.npz``: for each character of the training text, up to
  ``MAX_CANDIDATES`` characters a writer may put in its place — same pinyin
  (same tone, other tone), near pinyin (zh/z, ch/c, sh/s, n/l, in/ing, en/eng,
  an/ang), or similar shape (``data/typo_shapes.txt``) — and which kind;
- ``meta.json``: what it was trained on and its figures.

pypinyin is needed to build the table, never to use it. Loading is array
reads only and happens on the first typo check, not at ``import plantext``.
"""

from __future__ import annotations

import collections
import json
import pathlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from .charlm import CharLM

MODEL_NAME = "typos-lm"
MAX_CANDIDATES = 48
MAX_FORM = 16             # at most this many of them shape-similar
MIN_CANDIDATE_COUNT = 20  # a correction must be a character the genre uses
GLYPH_FILE = "typo_glyphs.txt"   # shape pairs from glyph images, beside the hand-written groups
KINDS = ("tone", "toneless", "form", "near")     # index = kind code, best first
_HAN = re.compile(r"[\u4e00-\u9fff]")
# characters the LM neither questions nor proposes: 的/地/得 are the rules' business
NOT_QUESTIONED = set("的地得")


@dataclass
class TypoModel:
    lm: CharLM
    chars: np.ndarray      # sorted character codes that have candidates (uint64)
    cand: np.ndarray       # [V, K] candidate codes, 0 = none (uint64)
    kind: np.ndarray       # [V, K] kind index into KINDS (int8)
    meta: dict

    @classmethod
    def load(cls, folder: pathlib.Path) -> "TypoModel":
        """Load a model folder after checking its meta.json (hashes, versions); ModelError if it fails."""
        from ..learn.artifacts import read_meta

        meta = read_meta(folder, kind=MODEL_NAME)
        lm = CharLM.load(folder)
        lm.meta = meta
        with np.load(folder / "confusables.npz") as z:
            chars, cand, kind = z["chars"].astype(np.uint64), z["cand"].astype(np.uint64), z["kind"]
        return cls(lm, chars, cand, kind, meta)

    def save(self, folder: pathlib.Path) -> None:
        """Write the arrays, meta.json (with file hashes) and a model card into ``folder``."""
        from ..learn.artifacts import write_meta

        folder.mkdir(parents=True, exist_ok=True)
        self.lm.save(folder)
        np.savez_compressed(folder / "confusables.npz", chars=self.chars.astype(np.uint32),
                            cand=self.cand.astype(np.uint32), kind=self.kind)
        write_meta(folder, self.meta, _card(self.meta))


def _card(meta: dict) -> str:
    cal = meta.get("calibration", {}).get("fit", {})
    lines = [f"# {MODEL_NAME}", "", "plantext typo model, version " + meta.get("version", "?") + ".", "",
             meta.get("description", ""), "",
             "Built with `plantext train typos` from the real corpus (`../shared/corpora/real`) and the team "
             "corpus (its annotated slips written right first).", "",
             f"- {meta.get('ngrams', '?')} n-grams (orders 1-5; orders 3-5 seen twice or more), "
             f"{meta.get('characters_trained', '?')} characters of training text",
             f"- {meta.get('confusable_characters', '?')} characters with confusable candidates "
             "(pinyin by pypinyin; shapes from plantext/data/typo_shapes.txt)"]
    if cal:
        lines.append(f"- decision calibrated on {meta['calibration'].get('dev_documents', '?')} dev documents "
                     f"at {cal.get('target_alarms_per_100k')} alarms per 100,000 characters "
                     f"(recall on its own injected substitutions {cal.get('recall_on_fit_positives')})")
    lines += ["", "Held-out figures: README, \"Typo check\" (`python benchmarks/typo_eval.py`).", "",
              "Arrays are plain .npz (no pickle); `meta.json` records file hashes and is checked on load.", ""]
    return "\n".join(lines)


def shape_groups(name: str = "typo_shapes.txt") -> list[str]:
    """The groups of shape-similar characters: ``data/typo_shapes.txt`` (written by hand) or
    ``data/typo_glyphs.txt`` (pairs whose glyph images look alike, ``benchmarks/glyph_shapes.py``)."""
    text = (resources.files("plantext") / "data" / name).read_text(encoding="utf-8")
    return [g for line in text.splitlines() if not line.startswith("#") for g in line.split()]


def _fuzzy(syllable: str) -> str:
    """A toneless syllable with the common regional confusions merged."""
    s = re.sub(r"^(zh|ch|sh)", lambda m: m.group(1)[0], syllable)
    s = re.sub(r"^n", "l", s)
    return re.sub(r"(in|en|an)g$", r"\1", s)


def build_table(char_counts: collections.Counter) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The confusable-character table of the characters in ``char_counts``."""
    from pypinyin import Style, pinyin

    # every character pypinyin reads gets a row: a slip is often a character the corpus never uses
    every = (chr(x) for x in range(0x4E00, 0xA000))
    chars = [c for c in every if c not in NOT_QUESTIONED]
    readings = {c: {r for r in pinyin(c, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]
                    if r.isascii() and r[:1].isalpha()} for c in chars}
    chars = [c for c in chars if readings[c]]
    by = [collections.defaultdict(set) for _ in range(3)]     # tone, toneless, near
    for c, rs in readings.items():
        if char_counts[c] < MIN_CANDIDATE_COUNT:
            continue
        for r in rs:
            bare = r.rstrip("012345")
            by[0][r].add(c)
            by[1][bare].add(c)
            by[2][_fuzzy(bare)].add(c)
    shapes = collections.defaultdict(set)
    for g in shape_groups() + (shape_groups(GLYPH_FILE) if GLYPH_FILE else []):
        for c in g:
            shapes[c].update(x for x in g if x != c and char_counts[x] >= MIN_CANDIDATE_COUNT)
    rows_c, rows_k = [], []
    for c in chars:
        kinds: dict[str, int] = {}
        for r in readings[c]:
            bare = r.rstrip("012345")
            for k, key in ((3, _fuzzy(bare)), (1, bare), (0, r)):
                for x in by[{0: 0, 1: 1, 3: 2}[k]][key]:
                    kinds[x] = min(kinds.get(x, 9), k)
        for x in shapes[c]:
            kinds[x] = min(kinds.get(x, 9), 2)
        kinds.pop(c, None)
        for x in NOT_QUESTIONED:
            kinds.pop(x, None)
        # shape-similar characters first (few, and the only way to reach 己/已 from among the many
        # homophones of yi), then same sound and tone, other tone, near sound; commonest first in each
        form = sorted((x for x in kinds if kinds[x] == 2), key=lambda x: (-char_counts[x], x))[:MAX_FORM]
        sound = sorted((x for x in kinds if kinds[x] != 2), key=lambda x: (kinds[x], -char_counts[x], x))
        best = (form + sound)[:MAX_CANDIDATES]
        rows_c.append([ord(x) + 1 for x in best] + [0] * (MAX_CANDIDATES - len(best)))
        rows_k.append([kinds[x] for x in best] + [0] * (MAX_CANDIDATES - len(best)))
    has = [k for k, r in enumerate(rows_c) if r[0]]
    return (np.array([ord(chars[k]) + 1 for k in has], dtype=np.uint64),
            np.array([rows_c[k] for k in has], dtype=np.uint64).reshape(len(has), MAX_CANDIDATES),
            np.array([rows_k[k] for k in has], dtype=np.int8).reshape(len(has), MAX_CANDIDATES))


def train_model(texts: list[str], *, meta: dict | None = None) -> TypoModel:
    """An LM and confusable table trained on ``texts``."""
    lm = CharLM.train(texts)
    counts = collections.Counter(c for t in texts for c in _HAN.findall(t))
    chars, cand, kind = build_table(counts)
    info = {"name": MODEL_NAME, "kind": MODEL_NAME, "version": "1.0.0", "task": "typos",
            "description": ("Character 1-5-gram counts and fan-outs (32-bit hashes; interpolated absolute "
                            "discounting) and a table of confusable characters (pinyin and shape) for the "
                            "audit's typo check."),
            "order": 5, "ngrams": int(len(lm.keys)), "characters_trained": lm.total,
            "confusable_characters": int(len(chars))}
    info.update(meta or {})
    lm.meta = info
    return TypoModel(lm, chars, cand, kind, info)


def training_texts(shared: pathlib.Path | None, team: pathlib.Path | None,
                   exclude: set[str] = frozenset()) -> tuple[list[str], list[str]]:
    """(ids, texts) of the real corpus under ``shared/corpora/real`` and the team corpus docs."""
    ids, texts = [], []
    if shared is not None:
        root = shared / "corpora" / "real"
        for p in sorted(root.rglob("*.txt")):
            rel = str(p.relative_to(root))
            if rel not in exclude:
                ids.append(rel)
                texts.append(p.read_text(encoding="utf-8", errors="replace"))
    if team is not None:
        fixes = _annotated_typos(team)
        for p in sorted((team / "docs").glob("*.txt")):
            if p.name not in exclude:
                ids.append("team/" + p.name)
                texts.append(_corrected(p.read_text(encoding="utf-8", errors="replace"), fixes.get(p.name, [])))
    return ids, texts


def _annotated_typos(team: pathlib.Path) -> dict[str, list[dict]]:
    """file name → the typos its annotation marks (the team corpus carries deliberate slips)."""
    out: dict[str, list[dict]] = {}
    for ann in sorted((team / "annotations").glob("*.json")):
        gold = json.loads(ann.read_text(encoding="utf-8"))
        if gold.get("typos"):
            out[pathlib.Path(gold["file"]).name] = gold["typos"]
    return out


def _corrected(text: str, typos: list[dict]) -> str:
    """``text`` with its annotated slips written right, so that the LM does not learn them."""
    for t in typos:
        text = text.replace(t["wrong"], t["right"])
    return text


def model_path() -> pathlib.Path:
    from ..learn.registry import models_dir

    return models_dir() / MODEL_NAME


@lru_cache(maxsize=2)
def _load(path: str) -> TypoModel | None:
    p = pathlib.Path(path)
    if not (p / "ngrams.npz").is_file() or not (p / "confusables.npz").is_file():
        return None
    return TypoModel.load(p)


def default_model() -> TypoModel | None:
    """The trained typo model (loaded once), or None when none is trained."""
    return _load(str(model_path()))
