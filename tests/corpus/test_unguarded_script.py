"""A script that processes a corpus with workers > 1 but has no main guard still gets its
documents processed (in the main process), and hears why the workers did not start."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_a_script_without_the_main_guard_is_processed_here_and_told_to_add_one(tmp_path):
    script = tmp_path / "noguard.py"
    script.write_text(textwrap.dedent("""
        import plantext as pt
        c = pt.Corpus.from_texts(["社区工作计划\\n一、工作目标\\n完成任务。"] * 2, ids=["a", "b"])
        c.process(model="none", workers=2, progress=False, cache=False)
        print("FAILURES:", len(c.failures), "ROWS:", len(c.to_frame()))
    """), encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                         cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "FAILURES: 0 ROWS: 6" in run.stdout
    assert 'if __name__ == "__main__":' in run.stderr and "Traceback" not in run.stderr
    assert "processing in this process instead" in run.stderr
