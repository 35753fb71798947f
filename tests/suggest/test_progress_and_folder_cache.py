"""Long first-time work says so on stderr; a folder given to suggest --corpus is indexed once."""

from __future__ import annotations

import json

from click.testing import CliRunner

from plantext.cli import main
from plantext.progress import about
from plantext.suggest import api

from suggest_samples import PLAN_A, PLAN_B


def _folder(tmp_path):
    root = tmp_path / "plans"
    root.mkdir()
    (root / "a.txt").write_text(PLAN_A, encoding="utf-8")
    (root / "b.txt").write_text(PLAN_B, encoding="utf-8")
    return root


def _suggest(folder):
    api.clear_cache()      # a new process each time, as on the command line
    return CliRunner().invoke(main, ["suggest", "--theme", "养老", "-k", "1", "--mode", "sparse",
                                     "--corpus", str(folder), "--json"])


def test_a_folder_is_indexed_once_and_again_only_when_its_files_change(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTEXT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PLANTEXT_PROGRESS", "1")
    folder = _folder(tmp_path)
    first = _suggest(folder)
    assert first.exit_code == 0, first.output
    assert "第一次使用：正在为文件夹" in first.stderr and "读取和标注文档" in first.stderr
    assert json.loads(first.stdout)["suggestions"]          # stdout stays clean JSON
    second = _suggest(folder)
    assert second.exit_code == 0 and "第一次使用" not in second.stderr
    assert second.stdout == first.stdout
    (folder / "c.txt").write_text(PLAN_A.replace("养老", "助老"), encoding="utf-8")
    third = _suggest(folder)
    assert "第一次使用" in third.stderr              # new contents: indexed again
    cached = [p.name for p in (tmp_path / "cache" / "indexes").iterdir()]
    assert len(cached) == 2 and all(p.startswith("plans-") for p in cached)


def test_no_notice_when_progress_is_off(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTEXT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PLANTEXT_PROGRESS", "0")
    res = _suggest(_folder(tmp_path))
    assert res.exit_code == 0 and res.stderr == ""


def test_durations_read_in_chinese():
    assert [about(s) for s in (3, 31, 95, 600)] == ["约5秒", "约30秒", "约2分钟", "约10分钟"]


def test_the_watchdog_speaks_after_a_quiet_spell_and_not_after_progress(monkeypatch, capsys):
    import time

    from plantext.progress import bar, watchdog

    monkeypatch.setenv("PLANTEXT_PROGRESS", "1")
    with watchdog(quiet=0.6):
        time.sleep(2.0)
    quiet = capsys.readouterr().err
    assert "仍在处理" in quiet
    with watchdog(quiet=3.0):           # steps every 0.1 s keep it quiet, even on a loaded machine
        for _ in bar(range(30), desc="测试"):
            time.sleep(0.1)
    assert "仍在处理" not in capsys.readouterr().err
