"""Telling people that long work is under way: one-line notices and progress bars, on stderr.

First-time and bulk work (converting the encoder, embedding an index, indexing
a folder, parsing a corpus, cross-validation) says once what it is doing and
roughly how long it takes, and shows a progress bar while it runs. The
command line always shows them; a script or notebook shows them when its
stderr is a terminal (``set_enabled(True/False)`` or ``$PLANTEXT_PROGRESS=1/0``
decides otherwise). Nothing here goes to stdout, so JSON and CSV outputs stay clean.
"""

from __future__ import annotations

import os
import sys
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")
_STATE: dict[str, bool | None] = {"enabled": None}
_LAST = {"at": 0.0}          # monotonic time of the last notice or progress step
ENV = "PLANTEXT_PROGRESS"


def set_enabled(value: bool | None) -> None:
    """Force notices and bars on (True) or off (False); None: on when stderr is a terminal."""
    _STATE["enabled"] = value


def enabled() -> bool:
    env = os.environ.get(ENV)
    if env is not None and env.strip() in ("0", "1"):
        return env.strip() == "1"
    if _STATE["enabled"] is not None:
        return bool(_STATE["enabled"])
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def notice(message: str) -> None:
    """One line on stderr (when enabled), e.g. 首次使用：正在准备语义模型（一次性，约1分钟）……"""
    if enabled():
        _touch()
        print(message, file=sys.stderr, flush=True)


def _touch() -> None:
    import time

    _LAST["at"] = time.monotonic()


def bar(iterable: Iterable[T], *, total: int | None = None, desc: str = "", unit: str = "份",
        min_total: int = 2) -> Iterator[T]:
    """``iterable`` with a tqdm bar on stderr (when enabled and there are at least ``min_total`` steps)."""
    if total is None:
        try:
            total = len(iterable)  # type: ignore[arg-type]
        except TypeError:
            total = None
    if not enabled() or (total is not None and total < min_total):
        yield from iterable
        return
    from tqdm import tqdm

    tty = sys.stderr.isatty() if hasattr(sys.stderr, "isatty") else False
    for item in tqdm(iterable, total=total, desc=desc, unit=unit, file=sys.stderr, leave=True,
                     mininterval=0.5 if tty else 5.0, dynamic_ncols=tty, ascii=not tty):
        _touch()
        yield item


def about(seconds: float) -> str:
    """A rough duration in Chinese: 约30秒, 约2分钟."""
    if seconds < 60:
        return f"约{max(5, int(round(seconds / 5.0)) * 5)}秒"
    return f"约{int(round(seconds / 60.0))}分钟"


class ticking:
    """A context that shows elapsed time on stderr while work of unknown length runs
    (cross-validation, training): ``with ticking("交叉验证"): …``."""

    def __init__(self, desc: str, every: float = 1.0):
        self.desc, self.every = desc, every
        self._stop = None
        self._thread = None

    def __enter__(self) -> "ticking":
        if not enabled():
            return self
        import threading
        import time

        from tqdm import tqdm

        tty = sys.stderr.isatty() if hasattr(sys.stderr, "isatty") else False
        if not tty:
            self.every = max(self.every, 5.0)   # a log file gets a line every 5 s, not every second
        bar_ = tqdm(total=None, desc=self.desc, file=sys.stderr, bar_format="{desc}：已用时 {elapsed}",
                    mininterval=0.5 if tty else 10.0, leave=True)
        self._stop = threading.Event()
        start = time.monotonic()

        def run() -> None:
            while not self._stop.wait(self.every):
                bar_.n = int(time.monotonic() - start)
                bar_.refresh()
                _touch()
            bar_.close()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._stop is not None:
            self._stop.set()
            self._thread.join(timeout=5)


class watchdog:
    """While a command runs: when nothing has been shown for ``quiet`` seconds, say that work
    goes on (……仍在处理，已用时 12 秒), again every ``quiet`` seconds; quiet when enabled() is False."""

    def __init__(self, quiet: float = 6.0):
        self.quiet = quiet
        self._stop = None

    def __enter__(self) -> "watchdog":
        if not enabled():
            return self
        import threading
        import time

        start = time.monotonic()
        _touch()
        self._stop = threading.Event()

        def run() -> None:
            while not self._stop.wait(0.5):
                now = time.monotonic()
                if now - _LAST["at"] >= self.quiet:
                    _touch()
                    print(f"……仍在处理，已用时 {int(now - start)} 秒", file=sys.stderr, flush=True)

        threading.Thread(target=run, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        if self._stop is not None:
            self._stop.set()
