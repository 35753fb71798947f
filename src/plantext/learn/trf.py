"""The ``trf`` models: multilingual-e5-small embeddings read by small trained heads.

Roles: BiGRUs over a document's paragraph embeddings (text and nearest
heading) with the same context features as ``sm``, so each paragraph's role
is read in the light of its neighbours. Themes: one logistic regression per
theme over the ``sm`` n-gram features and the embeddings, with thresholds
calibrated on out-of-fold scores. Only the heads are trained and saved (no
pickle); the encoder is converted once into the user cache.
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import sqlite3
import threading
import warnings
from typing import Any, Sequence

import numpy as np

from ..document import ROLES, Plan
from ..errors import DependencyError, InputError, ModelError, PlanTextWarning, error
from .params import ParamsMixin
from .sm import ThemeModelSM, _save_linear
from .units import Unit, apply_roles, merge_docs, merge_wrapped, plan_units

STYLES = ("", "cn_dun", "cn_paren", "ar_dot", "ar_paren", "circled", "chapter", "jie", "tiao",
          "ar_multi", "ar_rparen", "box", "plain", "label")
DOC_TYPES = ("work_plan", "implementation_plan", "work_points", "gov_work_report", "work_summary",
             "opinion", "other")
MAX_CHARS = 200


def _torch():
    try:
        import torch
    except ImportError:
        raise error(DependencyError, "E008", name="the trf models", package="torch",
                    install="plantext[trf]") from None
    return torch


class EmbeddingStore:
    """Embeddings cached by text hash in a SQLite file in the user cache (one file per encoder
    name: float32 and int8 embeddings never mix).

    One SQLite connection per thread is opened on first use and kept (not one per
    call); at most ``max_memory`` embeddings stay in memory, the oldest dropped
    first (the SQLite file keeps them all).
    """

    _lock = threading.Lock()
    _shared: "EmbeddingStore | None" = None       # set to force one store on every model (benchmarks, tests)
    _stores: dict[Any, "EmbeddingStore"] = {}

    def __init__(self, encoder=None, path: pathlib.Path | None = None, *, persist: bool = True,
                 max_memory: int = 100_000):
        from .encoder import cache_root, get_encoder

        self.encoder = encoder or get_encoder(quantize="auto")   # $PLANTEXT_ENCODER_QUANTIZE, else float32
        safe = hashlib.sha1(self.encoder.name.encode()).hexdigest()[:12]
        self.persist = persist
        self.path = path or cache_root() / "embeddings" / f"{safe}.sqlite"
        if persist:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._mem: dict[str, np.ndarray] = {}
        self.max_memory = max_memory
        self._local = threading.local()

    @classmethod
    def shared(cls, trained_on: str | None = None) -> "EmbeddingStore":
        """The process-wide store the trf models use by default.

        ``trained_on`` (the encoder name a model recorded) picks the form of the
        embeddings: :func:`plantext.learn.encoder.runtime_quantize` (the form a
        model was trained on, and for a float32-trained model the fast ONNX int8
        form unless ``$PLANTEXT_ENCODER_QUANTIZE=none``); None (training) takes
        ``quantize="auto"`` (``$PLANTEXT_ENCODER_QUANTIZE``, else float32).
        """
        if cls._shared is not None:
            return cls._shared
        from .encoder import get_encoder, resolve_quantize, runtime_quantize

        quantize = resolve_quantize("auto") if not trained_on else runtime_quantize(trained_on)
        with cls._lock:
            if quantize not in cls._stores:
                cls._stores[quantize] = cls(get_encoder(quantize=quantize))
            return cls._stores[quantize]

    def _db(self) -> sqlite3.Connection:
        """This thread's connection to the store's file, opened once."""
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, timeout=60)
            con.execute("CREATE TABLE IF NOT EXISTS emb (k TEXT PRIMARY KEY, v BLOB)")
            self._local.con = con
        return con

    def _shrink(self, keep: set[str]) -> None:
        """Drop the oldest in-memory embeddings beyond ``max_memory`` (never those in ``keep``)."""
        extra = len(self._mem) - max(self.max_memory, len(keep))
        if extra > 0:
            for k in [k for k in self._mem if k not in keep][:extra]:
                del self._mem[k]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised ``query:`` embeddings of ``texts`` (empty text → zeros)."""
        dim = self.encoder.dim
        keys = [hashlib.sha1(t.encode()).hexdigest() if t else "" for t in texts]
        need = [k for k in dict.fromkeys(keys) if k and k not in self._mem]
        if need and self.persist:
            with self._lock, self._db() as con:
                for k in need:
                    row = con.execute("SELECT v FROM emb WHERE k=?", (k,)).fetchone()
                    if row:
                        self._mem[k] = np.frombuffer(row[0], dtype=np.float16).astype(np.float32)
        missing = [k for k in need if k not in self._mem]
        if missing:
            by_key = {k: t for k, t in zip(keys, texts) if k}
            vecs = self.encoder.encode([by_key[k] for k in missing], kind="query")
            if self.persist:
                with self._lock, self._db() as con:
                    con.executemany("INSERT OR REPLACE INTO emb VALUES (?, ?)",
                                    [(k, v.astype(np.float16).tobytes()) for k, v in zip(missing, vecs)])
            for k, v in zip(missing, vecs):
                self._mem[k] = v.astype(np.float32)
        out = np.zeros((len(texts), dim), dtype=np.float32)
        for i, k in enumerate(keys):
            if k:
                out[i] = self._mem[k]
        self._shrink(set(keys))
        return out


def unit_inputs(units: Sequence[Unit], store: EmbeddingStore, *, with_fixed: bool = True) -> np.ndarray:
    """Per-unit input vectors: text and heading embeddings plus context features."""
    texts = [u.text[:MAX_CHARS] for u in units]
    heads = [(u.headings[-1] if u.kind != "heading" else (u.headings[-2] if len(u.headings) > 1 else ""))
             if u.headings else "" for u in units]
    e_text = store.embed(texts)
    e_head = store.embed([h[:60] for h in heads])
    cats = np.zeros((len(units), N_CAT), dtype=np.float32)
    for i, u in enumerate(units):
        cats[i, 0] = u.kind == "heading"
        cats[i, 1] = u.inline
        cats[i, 2] = u.position
        cats[i, 3] = min(len(u.text), 800) / 800
        cats[i, 4 + min(u.level, 4)] = 1
        cats[i, 9 + (STYLES.index(u.style) if u.style in STYLES else 0)] = 1
        cats[i, 9 + len(STYLES) + (DOC_TYPES.index(u.doc_type) if u.doc_type in DOC_TYPES else 6)] = 1
        if with_fixed and u.fixed_role in ROLES:
            cats[i, 9 + len(STYLES) + len(DOC_TYPES) + ROLES.index(u.fixed_role)] = 1
    return np.hstack([e_text, e_head, cats])


N_CAT = 9 + len(STYLES) + len(DOC_TYPES) + len(ROLES)


def _role_net(torch, dim_in: int, hidden: int, n_out: int):
    nn = torch.nn

    class RoleNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.inp = nn.Sequential(nn.Dropout(0.2), nn.Linear(dim_in, hidden), nn.ReLU())
            self.gru = nn.GRU(hidden, hidden // 2, batch_first=True, bidirectional=True)
            self.out = nn.Linear(hidden * 2, n_out)

        def forward(self, x, lengths=None):
            h = self.inp(x)
            if lengths is None:
                g, _ = self.gru(h)
            else:
                packed = nn.utils.rnn.pack_padded_sequence(h, lengths, batch_first=True, enforce_sorted=False)
                g, _ = self.gru(packed)
                g, _ = nn.utils.rnn.pad_packed_sequence(g, batch_first=True, total_length=h.shape[1])
            return self.out(torch.cat([h, g], dim=-1))

    return RoleNet()


class RoleModelTRF(ParamsMixin):
    """BiGRU heads over paragraph embeddings (multilingual-e5-small), combined with an ``sm`` model.

    ``heads`` BiGRUs (seeds ``seed``, ``seed + 1`` …) read a document's
    paragraph embeddings; their mean probabilities are combined log-linearly
    with the ``sm`` role model's (weight ``sm_weight``; 0 turns it off): the
    GRUs see meaning, the n-gram model the wording, and averaging steadies a
    head trained on few documents. As in the ``sm`` model, the loss weighs
    each role inversely to its frequency (``balance=1``), so that the rare
    background and safeguard paragraphs count.

    ``plantext train`` then fits a :class:`~plantext.learn.stacking.Stacker`
    (regularisation ``stack_C``) on the cross-validation's held-out
    predictions: it learns, role by role, how far to trust the heads, the
    ``sm`` part and the ``sm`` part before smoothing, in place of the one
    weight. A model fitted without it (``fit`` alone) uses the weight.
    """

    kind = "roles-trf"
    version = "1.1.0"  # 1.1: the stacker

    def __init__(self, hidden: int = 128, epochs: int = 30, lr: float = 3e-3, seed: int = 0,
                 balance: float = 1.0, batch_docs: int = 16, heads: int = 3, sm_weight: float = 0.5,
                 sm_params: dict[str, Any] | None = None, stack_C: float = 0.1):
        self.hidden = hidden
        self.epochs = epochs
        self.lr = lr
        self.seed = seed
        self.balance = balance
        self.batch_docs = batch_docs
        if not (isinstance(heads, int) and heads >= 1):
            raise error(InputError, "E017", what="heads", allowed="a whole number of at least 1", value=heads)
        if not 0 <= sm_weight <= 1:
            raise error(InputError, "E017", what="sm_weight", allowed="between 0 and 1", value=sm_weight)
        from .sm import RoleModelSM

        known = RoleModelSM().get_params()
        unknown = sorted(set(sm_params or {}) - set(known))
        if unknown:
            raise error(InputError, "E017", what="sm_params",
                        allowed=f"settings of RoleModelSM ({', '.join(known)})", value=unknown)
        self.heads = heads
        self.sm_weight = sm_weight
        self.sm_params = dict(sm_params or {})
        if not stack_C > 0:
            raise error(InputError, "E017", what="stack_C", allowed="a number above 0", value=stack_C)
        self.stack_C = stack_C
        self.stack_ = None

    def fit(self, docs: Sequence[Sequence[Unit]], labels: Sequence[Sequence[str | None]],
            store: EmbeddingStore | None = None) -> "RoleModelTRF":
        store = store or EmbeddingStore.shared()
        docs, labels = merge_docs(docs, labels)
        self.classes_ = list(ROLES)
        xs = [unit_inputs(d, store) for d in docs]
        ys = [np.array([self.classes_.index(r) if r is not None else -100 for r in seq]) for seq in labels]
        self.nets_ = [self._train(xs, ys, self.seed + h) for h in range(self.heads)]
        self.dim_in_ = int(xs[0].shape[1])
        self.embedding_ = {"encoder": store.encoder.name, "dim": int(store.encoder.dim)}
        self.sm_ = None
        if self.sm_weight:
            from .sm import RoleModelSM

            self.sm_ = RoleModelSM(**{"seed": self.seed, **self.sm_params}).fit(docs, labels)
        self.stack_ = None
        return self

    def stack_inputs(self, units: Sequence[Unit], store: EmbeddingStore | None = None,
                     parts: tuple[np.ndarray | None, ...] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The stacker's input rows (log-probabilities of the heads, the sm part and the sm part
        unsmoothed) and the weighted mix it starts from. ``parts`` (from :meth:`parts`, best with
        ``unsmoothed=True``) saves recomputing them."""
        from .stacking import log_features

        if parts is None or len(parts) == 2:
            parts = self.parts(units, store, unsmoothed=True) if parts is None else \
                (*parts, None if parts[1] is None else self._sm_parts(units, parts[0])[0])
        p, p_sm, p_raw = parts
        return log_features([p, p_sm, p_raw]), self.mix(p, p_sm, self.sm_weight)

    def _sm_parts(self, units: Sequence[Unit], p: np.ndarray) -> tuple[np.ndarray | None, np.ndarray | None]:
        """The sm part's probabilities before and after smoothing, in ``classes_`` columns (``p``'s shape)."""
        if getattr(self, "sm_", None) is None or not len(p):
            return None, None
        cols = [self.classes_.index(c) for c in self.sm_.classes_]
        out = []
        for q in self.sm_.proba_before_and_after_smoothing(units):
            full = np.full_like(p, 1e-6)
            full[:, cols] = q
            out.append(full)
        return out[0], out[1]

    def fit_stack(self, rows: Sequence[tuple[np.ndarray, Sequence[str | None]]]) -> "RoleModelTRF":
        """Fit the stacker on held-out rows: (:meth:`stack_inputs` rows, gold roles or None) per document."""
        from .stacking import Stacker

        x = [r[i] for r, labels in rows for i, g in enumerate(labels) if g is not None]
        y = [self.classes_.index(g) for _, labels in rows for g in labels if g is not None]
        self.stack_ = Stacker(self.stack_C, self.seed).fit(np.array(x), y, len(self.classes_)) if y else None
        return self

    def _train(self, xs: list[np.ndarray], ys: list[np.ndarray], seed: int):
        torch = _torch()
        torch.manual_seed(seed)
        rng = np.random.default_rng(seed)
        xs = [torch.from_numpy(x) for x in xs]
        ys = [torch.from_numpy(y) for y in ys]
        counts = np.bincount(np.concatenate([y[y >= 0].numpy() for y in ys]), minlength=len(self.classes_)) + 1
        w = (counts.sum() / (len(counts) * counts)) ** self.balance
        net = _role_net(torch, xs[0].shape[1], self.hidden, len(self.classes_))
        opt = torch.optim.AdamW(net.parameters(), lr=self.lr, weight_decay=1e-4)
        loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(w, dtype=torch.float32), ignore_index=-100)
        keep = [i for i in range(len(xs)) if (ys[i] >= 0).any()]
        net.train()
        for _ in range(self.epochs):
            order = rng.permutation(keep)
            for b in range(0, len(order), self.batch_docs):
                idx = order[b:b + self.batch_docs]
                x = torch.nn.utils.rnn.pad_sequence([xs[i] for i in idx], batch_first=True)
                y = torch.nn.utils.rnn.pad_sequence([ys[i] for i in idx], batch_first=True, padding_value=-100)
                lengths = torch.tensor([len(xs[i]) for i in idx])
                opt.zero_grad()
                logits = net(x, lengths)
                loss = loss_fn(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
                loss.backward()
                opt.step()
        net.eval()
        return net

    def head_proba(self, units: Sequence[Unit], store: EmbeddingStore | None = None) -> np.ndarray:
        """The BiGRU heads' mean probabilities; the lines of a wrapped paragraph share the paragraph's."""
        torch = _torch()
        if not units:
            return np.zeros((0, len(self.classes_)))
        store = store or EmbeddingStore.shared(self.embedding_.get("encoder"))
        _check_encoder(self.embedding_, store.encoder, getattr(self, "_source", None))
        merged, where = merge_wrapped(units)
        x = torch.from_numpy(unit_inputs(merged, store))[None]
        with torch.inference_mode():
            probs = np.mean([torch.softmax(net(x)[0], dim=-1).numpy() for net in self.nets_], axis=0)
        return probs[where] if merged is not units else probs

    def parts(self, units: Sequence[Unit], store: EmbeddingStore | None = None, *,
              unsmoothed: bool = False) -> tuple[np.ndarray | None, ...]:
        """The heads' and the sm part's probabilities (``None`` without an sm part), ``classes_``
        columns; with ``unsmoothed``, also the sm part's before its smoothing (one reading of its features)."""
        p = self.head_proba(units, store)
        p_raw, p_sm = self._sm_parts(units, p)
        return (p, p_sm, p_raw) if unsmoothed else (p, p_sm)

    @staticmethod
    def mix(p: np.ndarray, p_sm: np.ndarray | None, w: float) -> np.ndarray:
        """Log-linear mix of the two parts, weight ``w`` on the sm part."""
        if p_sm is None:
            return p
        z = w * np.log(p_sm + 1e-9) + (1 - w) * np.log(p + 1e-9)
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)

    def predict_proba(self, units: Sequence[Unit], store: EmbeddingStore | None = None) -> np.ndarray:
        """Role probabilities, columns in ``classes_`` order."""
        if getattr(self, "stack_", None) is None:
            return self.mix(*self.parts(units, store), self.sm_weight)
        return self.stack_.predict_proba(*self.stack_inputs(units, store))

    def predict(self, units: Sequence[Unit], **kw) -> list[str]:
        p = self.predict_proba(units, **kw)
        return [self.classes_[i] for i in p.argmax(axis=1)] if len(units) else []

    def label(self, plan: Plan, units: Sequence[Unit] | None = None) -> Plan:
        units = plan_units(plan) if units is None else units
        if units:
            apply_roles(units, self.predict_proba(units), self.classes_)
        return plan

    def save(self, folder: pathlib.Path) -> None:
        torch = _torch()
        tensors = {f"h{h}.{k}": v for h, net in enumerate(self.nets_) for k, v in net.state_dict().items()}
        if getattr(self, "stack_", None) is not None:
            tensors |= {f"stack.{k}": torch.from_numpy(np.ascontiguousarray(v))
                        for k, v in self.stack_.arrays().items()}
        _save_heads(self, folder, tensors)

    @classmethod
    def load(cls, folder: pathlib.Path, meta: dict[str, Any] | None = None) -> "RoleModelTRF":
        torch = _torch()
        model, tensors = _load_heads(cls, folder)
        model.nets_ = []
        for h in range(model.heads):
            net = _role_net(torch, model.dim_in_, model.hidden, len(model.classes_))
            net.load_state_dict({k.split(".", 1)[1]: v for k, v in tensors.items() if k.startswith(f"h{h}.")})
            net.eval()
            model.nets_.append(net)
        model.sm_ = None
        if model.sm_weight:
            from .sm import RoleModelSM

            model.sm_ = RoleModelSM.load(folder, prefix="sm_")
        model.stack_ = None
        if "stack.coef" in tensors:
            from .stacking import Stacker

            model.stack_ = Stacker.from_arrays({k[6:]: v.numpy() for k, v in tensors.items()
                                                if k.startswith("stack.")}, model.stack_C)
        return model

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"hidden": self.hidden, "epochs": self.epochs, "lr": self.lr, "seed": self.seed,
                "balance": self.balance, "batch_docs": self.batch_docs, "heads": self.heads,
                "sm_weight": self.sm_weight, "sm_params": self.sm_params, "stack_C": self.stack_C}


class ThemeModelTRF(ThemeModelSM):
    """Multi-label themes from n-grams and multilingual-e5-small embeddings: one linear head per theme.

    Each theme's logistic regression reads the ``sm`` model's features
    (hashed word and character n-grams, context, taxonomy keyword hits)
    beside the e5 embeddings of the paragraph and of its nearest heading,
    scaled by ``scale``: the n-grams are precise where the words name a
    theme, the embeddings carry meaning the words leave implicit. Thresholds
    are calibrated on out-of-fold scores and the document-context stage
    (:mod:`plantext.learn.doc_context`) reads each paragraph beside the whole
    document, as in the ``sm`` model.
    """

    kind = "themes-trf"
    version = "2.0.0"

    def __init__(self, C: float = 8.0, scale: float = 2.0, seed: int = 0, folds: int = 3,
                 max_themes: int = 3, context: bool = True):
        super().__init__(C=C, seed=seed, folds=folds, max_themes=max_themes, context=context)
        if not (isinstance(scale, (int, float)) and scale > 0):
            raise error(InputError, "E017", what="scale", allowed="a number above 0", value=scale)
        self.scale = scale
        self._store: EmbeddingStore | None = None

    def fit(self, docs: Sequence[Sequence[Unit]], labels: Sequence[Sequence[list[str] | None]],
            store: EmbeddingStore | None = None) -> "ThemeModelTRF":
        """Fit on documents and each unit's theme list; ``store`` embeds them (default: the shared store)."""
        self._store = store
        encoder = self._embedder().encoder
        self.embedding_ = {"encoder": encoder.name, "dim": int(encoder.dim)}
        return super().fit(docs, labels)

    def _embedder(self) -> EmbeddingStore:
        """The store given to ``fit``/``scores``/``predict``, else the process-wide one
        (in the form of the embeddings this model was trained on)."""
        trained = (getattr(self, "embedding_", None) or {}).get("encoder")
        return getattr(self, "_store", None) or EmbeddingStore.shared(trained)

    def _dense(self, units: Sequence[Unit]) -> np.ndarray:
        """Text and nearest-heading embeddings of each unit, times ``scale``."""
        store = self._embedder()
        _check_encoder(self.embedding_, store.encoder, getattr(self, "_source", None))
        x = unit_inputs(units, store, with_fixed=False)
        return x[:, :2 * int(store.encoder.dim)] * self.scale

    def scores(self, units: Sequence[Unit], store: EmbeddingStore | None = None) -> np.ndarray:
        """Per-theme probabilities; ``store`` (if given) embeds the units from now on."""
        if store is not None:
            self._store = store
        return super().scores(units)

    def predict(self, units: Sequence[Unit], store: EmbeddingStore | None = None) -> list[list[str]]:
        if store is not None:
            self._store = store
        return super().predict(units)

    def save(self, folder: pathlib.Path, prefix: str = "") -> None:
        ctx = self.context_.to_arrays() if getattr(self, "context_", None) is not None else {}
        _save_linear(self, folder, prefix, info={"embedding": self.embedding_}, thresholds=self.thresholds_, **ctx)

    @classmethod
    def load(cls, folder: pathlib.Path, meta: dict[str, Any] | None = None, prefix: str = "") -> "ThemeModelTRF":
        model = super().load(folder, meta, prefix)
        info = json.loads((folder / f"{prefix}labels.json").read_text(encoding="utf-8"))
        if "embedding" not in info:
            raise error(ModelError, "E011", path=folder, reason="labels.json does not say which encoder it reads")
        model.embedding_ = info["embedding"]
        model._source = folder
        return model

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {**super().get_params(), "scale": self.scale}


def _check_encoder(trained: dict[str, Any], encoder, source: pathlib.Path | None) -> None:
    """Refuse an encoder whose embeddings are not the ones a model was trained on.

    A different width is an error; the same width under another name (the
    same e5 copied to a local folder, or another model) is only warned about.
    """
    if int(encoder.dim) != int(trained["dim"]):
        raise error(ModelError, "E011", path=source or "memory",
                    reason=f"it reads {trained['dim']}-dimensional embeddings of {trained['encoder']}, "
                           f"the encoder in use ({encoder.name}) gives {encoder.dim}")
    from .encoder import base_name, form_of

    same = encoder.name == trained["encoder"] or (   # float32-trained heads on onnx-int8 embeddings: measured
        form_of(encoder.name) == "onnx-int8" and not form_of(trained["encoder"])
        and base_name(encoder.name) == trained["encoder"])
    if trained["encoder"] and not same and encoder.name not in _WARNED:
        _WARNED.add(encoder.name)
        warnings.warn(f"the trf model was trained on embeddings of {trained['encoder']}; "
                      f"the encoder in use is {encoder.name}, so its scores may be off", PlanTextWarning, stacklevel=3)


_WARNED: set[str] = set()


def _save_heads(model, folder: pathlib.Path, tensors: dict) -> None:
    """Write a trf model: torch tensors (safetensors), labels.json and its sm part, if any."""
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in tensors.items()}, str(folder / "head.safetensors"))
    (folder / "labels.json").write_text(json.dumps(
        {"classes": model.classes_, "params": model.get_params(), "dim_in": model.dim_in_,
         "embedding": model.embedding_}, ensure_ascii=False, indent=1),
        encoding="utf-8")
    if getattr(model, "sm_", None) is not None:
        model.sm_.save(folder, prefix="sm_")


def _load_heads(cls, folder: pathlib.Path) -> tuple[Any, dict]:
    """A trf model with its parameters, codes and input width set, and its saved tensors."""
    from safetensors.torch import load_file

    info = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    model = cls(**info["params"])
    model.classes_, model.dim_in_ = info["classes"], info["dim_in"]
    model.embedding_ = info.get("embedding") or {"encoder": None, "dim": (model.dim_in_ - N_CAT) // 2}
    model._source = folder
    return model, load_file(str(folder / "head.safetensors"))
