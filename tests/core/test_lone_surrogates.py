"""Lone surrogates (text decoded with surrogateescape) once crashed the process in the
feature hashing (a segfault in mmh3): they are cleaned to U+FFFD, or warned about."""

from __future__ import annotations

import subprocess
import sys
import textwrap

TEXT = "社区工作计划\n一、工作目标\n加强\udcff管理，落实责任。\n二、保障措施\n落实经费。\n"


def _run(code: str) -> subprocess.CompletedProcess:
    """In a child process: a crash there is a failed test, not a dead test run."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=180)


def test_parse_and_audit_survive_a_lone_surrogate_with_the_model():
    run = _run(f"""
        import warnings
        import plantext as pt
        warnings.simplefilter("ignore")
        text = {TEXT!r}
        plan = pt.parse(text)
        assert "\\ufffd" in plan.text and "\\udcff" not in plan.text
        assert any(r.reason.startswith("invalid characters") for r in plan.removals)
        raw = pt.parse(text, clean=False)
        assert raw.text == text and any("代理码位" in w for w in raw.warnings)
        assert [s.role for s in raw.segments if s.kind != "heading"]
        pt.audit(text, suggest=False)
        print("OK")
    """)
    assert run.returncode == 0 and "OK" in run.stdout, run.stderr[-2000:]


def test_a_corpus_with_a_lone_surrogate_is_processed_cached_and_written(tmp_path):
    run = _run(f"""
        import warnings
        import plantext as pt
        warnings.simplefilter("ignore")
        c = pt.Corpus.from_texts([{TEXT!r}], ids=["a"])
        c.process(workers=1, progress=False, cache={str(tmp_path / "cache")!r})
        assert not c.failures and len(c.to_frame())
        c.to_parquet({str(tmp_path / "t.parquet")!r})
        print("OK")
    """)
    assert run.returncode == 0 and "OK" in run.stdout, run.stderr[-2000:]
