"""How a build reports its progress: a rich bar at a terminal, plain lines otherwise.

build() calls `reporter(stage, done, total)` as it goes; it does not know where the
output goes. At a terminal the stage name, a bar and the counts redraw in place; in
a log (CI, a pipe) redrawing would write thousands of lines, so each stage prints
one line when it ends (and one every few seconds while a long stage runs).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rich.progress import TaskID

# Stages quicker than this never show a bar: a one-cable rebuild should not flicker.
_SHOW_AFTER = 0.3
# In a log, the longest silence during one long stage.
_PLAIN_EVERY = 5.0


class Reporter(Protocol):
    """The callable build() is given; `close()` ends any live display."""

    def __call__(self, stage: str, done: int, total: int) -> None: ...

    def close(self) -> None: ...


def summary_line(
    cables: int, skipped: int, warnings: int, timings: Mapping[str, float], pages: int = -1
) -> str:
    """One closing line: what was built and where the time went.

    >>> summary_line(300, 2, 5, {"parse": 0.5, "render": 1.25})
    'Built 300 cables, 2 skipped, 5 warnings in 1.75s (parse 0.50s, render 1.25s)'
    """
    total = sum(timings.values())
    stages = ", ".join(f"{name} {secs:.2f}s" for name, secs in timings.items())
    noun = "cable" if cables == 1 else "cables"
    done = f"Built {cables} {noun}"
    if pages >= 0:
        done += f" ({pages} pages)"
    line = f"{done}, {skipped} skipped, {warnings} warnings in {total:.2f}s"
    return f"{line} ({stages})" if stages else line


class _Silent:
    def __call__(self, stage: str, done: int, total: int) -> None:
        pass

    def close(self) -> None:
        pass


class _Plain:
    """Line-per-stage progress for logs."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._stage: str | None = None
        self._started = 0.0
        self._last_line = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage != self._stage:
            self._stage, self._started, self._last_line = stage, now, now
        finished = total > 0 and done >= total
        if finished or now - self._last_line >= _PLAIN_EVERY:
            took = f" ({now - self._started:.2f}s)" if finished else ""
            self._stream.write(f"{stage}: {done}/{total}{took}\n")
            self._stream.flush()
            self._last_line = now

    def close(self) -> None:
        pass


class _Live:
    """A redrawing bar: stage name, bar, done/total, elapsed."""

    def __init__(self, stream: IO[str]) -> None:
        # Imported here: rich costs a tenth of a second at startup, which a quiet
        # or logged build (and a no-op rebuild's two-second budget) never needs.
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(
            TextColumn("[bold]{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=stream),
            transient=True,
        )
        self._task: TaskID | None = None
        self._first = time.monotonic()
        self._running = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self._running:
            if time.monotonic() - self._first < _SHOW_AFTER:
                return
            self._progress.start()
            self._running = True
        if self._task is None:
            self._task = self._progress.add_task(stage, total=total or None)
        self._progress.update(self._task, description=stage, completed=done, total=total or None)

    def close(self) -> None:
        if self._running:
            self._progress.stop()
            self._running = False


def reporter(quiet: bool = False, stream: IO[str] | None = None) -> Reporter:
    """The progress callable for a build: silent, plain lines, or a live bar.

    `stream` defaults to stderr so that stdout stays clean for piped output.
    """
    if quiet:
        return _Silent()
    out = stream if stream is not None else sys.stderr
    isatty = getattr(out, "isatty", None)
    if isatty is not None and isatty():
        return _Live(out)
    return _Plain(out)
