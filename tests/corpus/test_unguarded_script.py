"""A script that processes a corpus with workers > 1 but has no main guard hears why it failed."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_a_script_without_the_main_guard_is_told_to_add_one(tmp_path):
    script = tmp_path / "noguard.py"
    script.write_text(textwrap.dedent("""
        import plantext as pt
        c = pt.Corpus.from_texts(["社区工作计划\\n一、工作目标\\n完成任务。"] * 2, ids=["a", "b"])
        c.process(model="none", workers=2, progress=False, cache=False)
        print("FAILURE:", c.failures[0].message if c.failures else "none")
    """), encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                         cwd=tmp_path)
    # the worker that re-ran the script says what to do, and so does each document's failure
    assert "InputError" in run.stderr and 'if __name__ == "__main__":' in run.stderr
    assert "FAILURE:" in run.stdout and '__name__ == "__main__"' in run.stdout.split("FAILURE:")[-1]
