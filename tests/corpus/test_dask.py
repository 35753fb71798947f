"""The Dask engine on a real LocalCluster gives the same rows as the local run."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from plantext.corpus import Corpus

from corpus_samples import COMMUNITY

pytest.importorskip("dask.distributed")


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted, lists/dicts as JSON, missing values as None: comparable across engines."""
    out = frame.copy()
    for col in ("themes", "theme_scores"):
        out[col] = [json.dumps(v.tolist() if hasattr(v, "tolist") else v, sort_keys=True,
                               ensure_ascii=False) for v in out[col]]
    out = out.astype(object).where(out.notna(), None)
    return out.sort_values(["doc_id", "seg_id"]).reset_index(drop=True)


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


@pytest.mark.slow
def test_parse_bag_matches_the_local_run(client):
    import dask.bag as db

    from plantext.corpus.dask_engine import parse_bag

    paths = sorted((COMMUNITY / "docs").glob("*.txt"))[:12]
    ids = [p.stem for p in paths]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    metas = [{"year": 2020 + i % 3, "region": "东区" if i % 2 else None, "level": "community"}
             for i in range(len(paths))]
    local = Corpus.from_texts(texts, ids, metas).process(workers=1, progress=False).to_frame()
    bag = db.from_sequence(list(zip(ids, texts, metas)), npartitions=4)
    remote = parse_bag(bag).compute()
    assert list(remote.columns) == list(local.columns)
    pd.testing.assert_frame_equal(canonical(local), canonical(remote))


@pytest.mark.slow
def test_corpus_to_dask_matches_documents(client):
    from plantext.corpus.dask_engine import corpus_frame

    corpus = Corpus.from_dir(COMMUNITY / "docs", "cv1a0*.txt")
    local = corpus.process(workers=1, progress=False, model="none")
    bag = corpus.to_dask(npartitions=3, model="none", embed=True)
    results = bag.compute()
    assert sorted(r["doc_id"] for r in results) == sorted(corpus.ids)
    assert not any(r["error"] for r in results)
    remote = corpus_frame(corpus, npartitions=3, model="none").compute()
    pd.testing.assert_frame_equal(canonical(local.to_frame()), canonical(remote))


@pytest.mark.filterwarnings("ignore:2 of 6 documents failed:plantext.PlanTextWarning")
def test_the_documents_a_dask_run_could_not_read_are_listed_as_failures(mixed_dir):
    import dask

    from plantext.corpus.dask_engine import corpus_frame, failures

    corpus = Corpus.from_dir(mixed_dir)
    local = {f.doc_id: f.error_type for f in corpus.process(workers=1, progress=False, model="none",
                                                             cache=False).failures}
    with dask.config.set(scheduler="synchronous"):
        found = failures(corpus.to_dask(npartitions=2, model="none"))
        frame = corpus_frame(corpus, npartitions=2, model="none").compute()
    assert {f.doc_id: f.error_type for f in found} == local == {"b/broken.docx": "CorruptFileError",
                                                                "b/empty.txt": "InputError"}
    assert all(f.message and f.code for f in found)
    assert not set(frame["doc_id"]) & set(local)
