"""The ``trf`` models: small torch heads over multilingual-e5-small embeddings.

Roles: a BiGRU over a document's paragraph embeddings (text and nearest
heading) with the same context features as ``sm``, so each paragraph's role
is read in the light of its neighbours. Themes: a multi-label MLP head with
thresholds calibrated on out-of-fold scores. Only the heads are trained and
saved (safetensors); the encoder is converted once into the user cache.
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import sqlite3
import threading
from typing import Any, Sequence

import numpy as np

from ..document import ROLES, Plan
from ..errors import DependencyError, InputError, error
from .units import Unit, apply_roles, apply_themes, merge_docs, merge_wrapped, plan_units

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
    """Embeddings cached by text hash in a SQLite file in the user cache."""

    _lock = threading.Lock()
    _shared: "EmbeddingStore | None" = None

    def __init__(self, encoder=None, path: pathlib.Path | None = None, *, persist: bool = True):
        from .encoder import cache_root, get_encoder

        self.encoder = encoder or get_encoder()
        safe = hashlib.sha1(self.encoder.name.encode()).hexdigest()[:12]
        self.persist = persist
        self.path = path or cache_root() / "embeddings" / f"{safe}.sqlite"
        if persist:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._mem: dict[str, np.ndarray] = {}

    @classmethod
    def shared(cls) -> "EmbeddingStore":
        """The process-wide store the trf models use by default."""
        if cls._shared is None:
            cls._shared = cls()
        return cls._shared

    def _db(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=60)
        con.execute("CREATE TABLE IF NOT EXISTS emb (k TEXT PRIMARY KEY, v BLOB)")
        return con

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


class RoleModelTRF:
    """BiGRU heads over paragraph embeddings (multilingual-e5-small), combined with an ``sm`` model.

    ``heads`` BiGRUs (seeds ``seed``, ``seed + 1`` …) read a document's
    paragraph embeddings; their mean probabilities are combined log-linearly
    with the ``sm`` role model's (weight ``sm_weight``; 0 turns it off): the
    GRUs see meaning, the n-gram model the wording, and averaging steadies a
    head trained on few documents. As in the ``sm`` model, the loss weighs
    each role inversely to its frequency (``balance=1``), so that the rare
    background and safeguard paragraphs count.
    """

    kind = "roles-trf"

    def __init__(self, hidden: int = 128, epochs: int = 30, lr: float = 3e-3, seed: int = 0,
                 balance: float = 1.0, batch_docs: int = 16, heads: int = 3, sm_weight: float = 0.5,
                 sm_params: dict[str, Any] | None = None):
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

    def fit(self, docs: Sequence[Sequence[Unit]], labels: Sequence[Sequence[str | None]],
            store: EmbeddingStore | None = None) -> "RoleModelTRF":
        store = store or EmbeddingStore.shared()
        docs, labels = merge_docs(docs, labels)
        self.classes_ = list(ROLES)
        xs = [unit_inputs(d, store) for d in docs]
        ys = [np.array([self.classes_.index(r) if r is not None else -100 for r in seq]) for seq in labels]
        self.nets_ = [self._train(xs, ys, self.seed + h) for h in range(self.heads)]
        self.dim_in_ = int(xs[0].shape[1])
        self.sm_ = None
        if self.sm_weight:
            from .sm import RoleModelSM

            self.sm_ = RoleModelSM(**{"seed": self.seed, **self.sm_params}).fit(docs, labels)
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
        merged, where = merge_wrapped(units)
        x = torch.from_numpy(unit_inputs(merged, store or EmbeddingStore.shared()))[None]
        with torch.inference_mode():
            probs = np.mean([torch.softmax(net(x)[0], dim=-1).numpy() for net in self.nets_], axis=0)
        return probs[where] if merged is not units else probs

    def parts(self, units: Sequence[Unit], store: EmbeddingStore | None = None
              ) -> tuple[np.ndarray, np.ndarray | None]:
        """The heads' and the sm part's probabilities (``None`` without an sm part), ``classes_`` columns."""
        p = self.head_proba(units, store)
        if getattr(self, "sm_", None) is None or not len(p):
            return p, None
        p_sm = np.full_like(p, 1e-6)
        p_sm[:, [self.classes_.index(c) for c in self.sm_.classes_]] = self.sm_.predict_proba(units)
        return p, p_sm

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
        return self.mix(*self.parts(units, store), self.sm_weight)

    def predict(self, units: Sequence[Unit], **kw) -> list[str]:
        p = self.predict_proba(units, **kw)
        return [self.classes_[i] for i in p.argmax(axis=1)] if len(units) else []

    def label(self, plan: Plan, units: Sequence[Unit] | None = None) -> Plan:
        units = plan_units(plan) if units is None else units
        if units:
            apply_roles(units, self.predict_proba(units), self.classes_)
        return plan

    def save(self, folder: pathlib.Path) -> None:
        _save_heads(self, folder, {f"h{h}.{k}": v for h, net in enumerate(self.nets_)
                                   for k, v in net.state_dict().items()})

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
        return model

    def get_params(self) -> dict[str, Any]:
        return {"hidden": self.hidden, "epochs": self.epochs, "lr": self.lr, "seed": self.seed,
                "balance": self.balance, "batch_docs": self.batch_docs, "heads": self.heads,
                "sm_weight": self.sm_weight, "sm_params": self.sm_params}


def _theme_net(torch, dim_in: int, hidden: int, n_out: int):
    nn = torch.nn
    return nn.Sequential(nn.Dropout(0.2), nn.Linear(dim_in, hidden), nn.ReLU(), nn.Dropout(0.2),
                         nn.Linear(hidden, n_out))


class ThemeModelTRF:
    """Multi-label theme head over text and heading embeddings, averaged with an ``sm`` head.

    The embedding head finds themes the words do not name (high recall); the
    n-gram head is precise. Each head's score over its own calibrated
    threshold is averaged with weight ``sm_weight`` on the n-gram head
    (0 turns it off); a theme applies when the average reaches 1. With
    ``context`` the averaged ratios go through the n-gram model's
    document-context stage (:mod:`plantext.learn.doc_context`) before the pick.
    """

    kind = "themes-trf"

    def __init__(self, hidden: int = 256, epochs: int = 40, lr: float = 2e-3, seed: int = 0,
                 folds: int = 3, max_themes: int = 3, sm_weight: float = 0.5, context: bool = True):
        self.sm_weight = sm_weight
        self.context = context
        self.hidden = hidden
        self.epochs = epochs
        self.lr = lr
        self.seed = seed
        self.folds = folds
        self.max_themes = max_themes

    def _inputs(self, units, store):
        return unit_inputs(units, store, with_fixed=False)

    def fit(self, docs: Sequence[Sequence[Unit]], labels: Sequence[Sequence[list[str] | None]],
            store: EmbeddingStore | None = None) -> "ThemeModelTRF":
        store = store or EmbeddingStore.shared()
        docs, labels = merge_docs(docs, labels)
        rows, ys, doc_of = [], [], []
        for i, (units, seq) in enumerate(zip(docs, labels)):
            x = self._inputs(units, store)
            for j, s in enumerate(seq):
                if s is not None:
                    rows.append(x[j])
                    ys.append([c for c in s if c != "none"])
                    doc_of.append(i)
        self.classes_ = sorted({c for s in ys for c in s})
        x = np.vstack(rows).astype(np.float32)
        y = np.array([[c in s for c in self.classes_] for s in ys], dtype=np.float32)
        doc_of = np.array(doc_of)
        self.thresholds_ = self._calibrate(x, y, doc_of)
        self.net_ = self._train(x, y)
        self.dim_in_ = int(x.shape[1])
        self.sm_ = None
        if self.sm_weight:
            from .sm import ThemeModelSM

            self.sm_ = ThemeModelSM(seed=self.seed, folds=self.folds, max_themes=self.max_themes,
                                    context=self.context)
            self.sm_.fit(docs, labels)
            if self.sm_.classes_ != self.classes_:
                raise ValueError("the n-gram and embedding heads disagree on the theme codes")
        return self

    def _train(self, x: np.ndarray, y: np.ndarray):
        torch = _torch()
        torch.manual_seed(self.seed)
        net = _theme_net(torch, x.shape[1], self.hidden, y.shape[1])
        opt = torch.optim.AdamW(net.parameters(), lr=self.lr, weight_decay=1e-4)
        pos = y.sum(0) + 1
        pw = torch.tensor(np.clip((len(y) - pos) / pos, 1, 10) ** 0.5, dtype=torch.float32)
        loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pw)
        xt, yt = torch.from_numpy(x), torch.from_numpy(y)
        g = torch.Generator().manual_seed(self.seed)
        net.train()
        for _ in range(self.epochs):
            for idx in torch.randperm(len(xt), generator=g).split(64):
                opt.zero_grad()
                loss_fn(net(xt[idx]), yt[idx]).backward()
                opt.step()
        net.eval()
        return net

    def _calibrate(self, x, y, doc_of) -> np.ndarray:
        torch = _torch()
        n_docs = int(doc_of.max()) + 1
        fold = np.random.default_rng(self.seed).permutation(n_docs)[doc_of] % self.folds
        oof = np.zeros_like(y)
        for f in range(self.folds):
            net = self._train(x[fold != f], y[fold != f])
            with torch.inference_mode():
                oof[fold == f] = torch.sigmoid(net(torch.from_numpy(x[fold == f]))).numpy()
        grid = np.arange(0.15, 0.9, 0.025)
        from .sm import _f1

        return np.array([grid[int(np.argmax([_f1(y[:, j], oof[:, j] >= g) for g in grid]))]
                         for j in range(y.shape[1])], dtype=np.float32)

    def head_scores(self, units: Sequence[Unit], store: EmbeddingStore | None = None) -> np.ndarray:
        """The embedding head's per-theme probabilities (wrapped lines share their paragraph's)."""
        torch = _torch()
        if not units:
            return np.zeros((0, len(self.classes_)))
        merged, where = merge_wrapped(units)
        x = torch.from_numpy(self._inputs(merged, store or EmbeddingStore.shared()))
        with torch.inference_mode():
            scores = torch.sigmoid(self.net_(x)).numpy()
        return scores[where] if merged is not units else scores

    def _both(self, units, store) -> tuple[np.ndarray, np.ndarray]:
        """Combined probabilities and threshold ratios of the two heads."""
        s = self.head_scores(units, store)
        ratio = s / self.thresholds_
        if getattr(self, "sm_", None) is None or not len(s):
            return s, ratio
        w = self.sm_weight
        s_sm = self.sm_.first_stage(units)
        s, ratio = w * s_sm + (1 - w) * s, w * s_sm / self.sm_.thresholds_ + (1 - w) * ratio
        ctx = self.sm_.context_ if self.context else None
        if ctx is None:
            return s, ratio
        p = ctx.proba_units(ratio, units)
        return p, p / ctx.threshold_

    def scores(self, units: Sequence[Unit], store: EmbeddingStore | None = None) -> np.ndarray:
        """Per-theme probabilities: the heads' weighted mean, or with ``context`` the document-context stage's."""
        return self._both(units, store)[0]

    def _picks(self, units, store=None) -> list[tuple[list[str], dict[str, float]]]:
        from .sm import pick_themes

        s, ratio = self._both(units, store)
        return [pick_themes(self.classes_, a, b, self.max_themes) for a, b in zip(s, ratio)]

    def predict(self, units: Sequence[Unit], **kw) -> list[list[str]]:
        return [themes for themes, _ in self._picks(units, kw.get("store"))]

    def label(self, plan: Plan, units: Sequence[Unit] | None = None) -> Plan:
        units = plan_units(plan) if units is None else units
        apply_themes(plan, units, self._picks(units), self.classes_)
        return plan

    def save(self, folder: pathlib.Path) -> None:
        torch = _torch()
        _save_heads(self, folder, {**self.net_.state_dict(), "thresholds": torch.from_numpy(self.thresholds_)})

    @classmethod
    def load(cls, folder: pathlib.Path, meta: dict[str, Any] | None = None) -> "ThemeModelTRF":
        torch = _torch()
        model, tensors = _load_heads(cls, folder)
        model.thresholds_ = tensors.pop("thresholds").numpy()
        model.net_ = _theme_net(torch, model.dim_in_, model.hidden, len(model.classes_))
        model.net_.load_state_dict(tensors)
        model.net_.eval()
        model.sm_ = None
        if model.sm_weight:
            from .sm import ThemeModelSM

            model.sm_ = ThemeModelSM.load(folder, prefix="sm_")
        return model

    def get_params(self) -> dict[str, Any]:
        return {"hidden": self.hidden, "epochs": self.epochs, "lr": self.lr, "seed": self.seed,
                "folds": self.folds, "max_themes": self.max_themes, "sm_weight": self.sm_weight,
                "context": self.context}


def _save_heads(model, folder: pathlib.Path, tensors: dict) -> None:
    """Write a trf model: torch tensors (safetensors), labels.json and its sm part, if any."""
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in tensors.items()}, str(folder / "head.safetensors"))
    (folder / "labels.json").write_text(json.dumps(
        {"classes": model.classes_, "params": model.get_params(), "dim_in": model.dim_in_}, indent=1),
        encoding="utf-8")
    if getattr(model, "sm_", None) is not None:
        model.sm_.save(folder, prefix="sm_")


def _load_heads(cls, folder: pathlib.Path) -> tuple[Any, dict]:
    """A trf model with its parameters, codes and input width set, and its saved tensors."""
    from safetensors.torch import load_file

    info = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    model = cls(**info["params"])
    model.classes_, model.dim_in_ = info["classes"], info["dim_in"]
    return model, load_file(str(folder / "head.safetensors"))
