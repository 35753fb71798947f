"""Building from documents, filtering, persistence and the format check."""

from __future__ import annotations

import json

import numpy as np
import pytest

from plantext import DataError, InputError
from plantext.suggest import FORMAT_VERSION, Index, build_index, load_index, search
from plantext.suggest.filters import (has_placeholder, is_fragment, is_furniture, keep,
                                      near_duplicates)


@pytest.mark.parametrize("text,slot", [
    ("在__社区打造1个协商民主示范点，形成可复制的经验做法。", True),
    ("联系人：________，联系电话：________", True),
    ("由××街道司法所统一组织培训，提升调解员业务能力。", True),
    ("确保XX村、XX村两个贫困村年内脱贫出列。", True),
    ("由【合作社名称】统一收购农户产品，保底价格收购。", True),
    ("20__年社区矫正工作要点如下，请认真贯彻执行。", True),
    ("落实专项经费，保障养老服务站日常运转和人员补贴。", False),
    ("建立“一人一档”信息库，做到底数清、情况明。", False),
])
def test_placeholders_are_detected(text, slot):
    assert has_placeholder(text) is slot
    assert keep(text) is not slot


@pytest.mark.parametrize("text,fragment", [
    ("城关街道办事处", True),                      # a signature
    ("中共城关街道阳光社区委员会", True),          # no predicate
    ("2024年3月1日", True),
    ("具体要点如下。", True),
    ("加强医养结合服务。", False),
    ("组织志愿者每月走访慰问高龄老人，开展陪伴聊天。", False),
])
def test_fragments_are_detected(text, fragment):
    assert is_fragment(text) is fragment


@pytest.mark.parametrize("text,furniture", [
    ("第 2 页 共 5 页", True),
    ("来源：区民政局  发布时间：2024-03-01", True),
    ("详见 http://www.example.gov.cn/art/2024/1.html 附件", True),
    ("开展法治宣传进社区活动，为居民提供免费法律咨询。", False),
])
def test_furniture_is_detected(text, furniture):
    assert is_furniture(text) is furniture


def test_near_duplicates_keep_the_first_copy():
    texts = ["开展禁毒宣传教育进社区活动，提高居民识毒防毒拒毒能力。",
             "加强消防安全检查，每季度组织一次应急疏散演练。",
             "开展禁毒宣传教育进社区活动，提高居民识毒防毒拒毒的能力。",
             "开展禁毒宣传教育进社区活动，提高居民识毒防毒拒毒能力！",
             "加强消防安全检查。"]
    assert near_duplicates(texts) == [False, False, True, True, False]


def test_build_from_an_annotated_folder(corpus_dir):
    index = build_index(corpus_dir, dense=False)
    texts = [e.text for e in index.entries]
    assert not any("__" in t or "____" in t for t in texts)          # placeholder item dropped
    assert "依托居家养老服务站，为独居老人提供助餐、助洁、助医服务。" in texts  # marker stripped
    by_text = {e.text: e for e in index.entries}
    entry = by_text["开展生活垃圾分类宣传，组织志愿者在小区投放点值守督导。"]
    assert (entry.role, entry.themes, entry.doc_id, entry.path) == (
        "measure", ["environment", "volunteer"], "pb", "二/（一）")
    assert {e.kind for e in index.entries} <= {"sentence", "item", "heading"}
    assert not any(e.text.endswith("工作计划") or e.text.endswith("工作方案") for e in index.entries)
    assert set(index.meta["sources"]) == {"docs/pa.txt", "docs/pb.txt"}


def test_build_from_plain_documents_uses_the_parser(tmp_path):
    from suggest_samples import PLAN_B

    (tmp_path / "plan.md").write_text(PLAN_B, encoding="utf-8")
    index = build_index(tmp_path, dense=False, model="none")
    roles = {e.text[:8]: e.role for e in index.entries}
    assert roles["开展生活垃圾分类"] == "measure"     # from the heading 重点任务
    assert roles["坚持以人民为中心"] == "guiding"


def test_build_from_plans(tmp_path):
    import plantext as pt
    from suggest_samples import PLAN_A

    plan = pt.parse(PLAN_A, model="none", plan_id="mine")
    index = build_index([plan], tmp_path / "idx", dense=False)
    assert index.entries and all(e.doc_id == "mine" for e in index.entries)
    assert load_index(tmp_path / "idx").entries == index.entries


def test_build_rejects_an_empty_folder(tmp_path):
    with pytest.raises(DataError):
        build_index(tmp_path, dense=False)


def test_round_trip_keeps_entries_vectors_and_results(hybrid_index, tmp_path):
    out = hybrid_index.save(tmp_path / "idx")
    assert sorted(p.name for p in out.iterdir()) == [
        "bm25.npz", "dense.npy", "entries.jsonl", "index.json", "vocab.json"]
    meta = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert meta["format_version"] == FORMAT_VERSION and meta["entries"] == len(hybrid_index)
    assert meta["encoder"] == "fake-bigram-encoder" and meta["dim"] == 512
    loaded = load_index(out)
    assert loaded.entries == hybrid_index.entries
    assert np.allclose(loaded.dense, hybrid_index.dense, atol=1e-3)
    for q in ("养老服务", "垃圾分类"):
        assert search(loaded, q, mode="sparse") == search(hybrid_index, q, mode="sparse")
    assert not np.load(out / "dense.npy").dtype.hasobject


def test_saving_over_an_index_replaces_it(sparse_index, entries, tmp_path):
    sparse_index.save(tmp_path / "idx")
    Index.from_entries(entries[:3], dense=False).save(tmp_path / "idx")
    assert len(load_index(tmp_path / "idx")) == 3


def test_saving_refuses_a_folder_that_is_not_an_index(sparse_index, tmp_path):
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(DataError):
        sparse_index.save(tmp_path)
    assert (tmp_path / "notes.txt").exists()


def test_version_mismatch_is_refused(sparse_index, tmp_path):
    out = sparse_index.save(tmp_path / "idx")
    meta = json.loads((out / "index.json").read_text(encoding="utf-8"))
    meta["format_version"] = FORMAT_VERSION + 1
    (out / "index.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(DataError, match="rebuild") as info:
        load_index(out)
    assert info.value.code == "E010"


@pytest.mark.parametrize("damage", ["no-meta", "not-ours", "short-entries"])
def test_damaged_indexes_raise_data_error(sparse_index, tmp_path, damage):
    out = sparse_index.save(tmp_path / "idx")
    if damage == "no-meta":
        (out / "index.json").unlink()
    elif damage == "not-ours":
        (out / "index.json").write_text('{"format": "other"}', encoding="utf-8")
    else:
        lines = (out / "entries.jsonl").read_text(encoding="utf-8").splitlines()
        (out / "entries.jsonl").write_text("\n".join(lines[:-1]), encoding="utf-8")
    with pytest.raises(DataError):
        load_index(out)


def test_missing_index_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        load_index(tmp_path / "nowhere")


def test_a_broken_role_model_falls_back_to_heading_roles(tmp_path, monkeypatch):
    from suggest_samples import PLAN_B

    from plantext import ModelError

    def broken(model):
        raise ModelError("[E011] the model does not fit")

    monkeypatch.setattr("plantext.learn.registry.classifier_for", broken)
    monkeypatch.setattr("plantext.learn.labeller.Labeller.load",
                        classmethod(lambda cls, name, root: broken(name)))   # what a pipeline loads
    monkeypatch.setattr("plantext.defaults._pipelines", {})                  # fresh default pipelines
    (tmp_path / "plan.txt").write_text(PLAN_B, encoding="utf-8")
    index = build_index(tmp_path, dense=False)
    assert {e.role for e in index.entries} >= {"guiding", "measure"}
    assert any("headings only" in note for note in index.meta["skipped"])
