"""The Pagefind binary, run as a command over a folder of staged pages, and how to stop it.

Not through the package's service API: the service answers a write request
before its last file writes have landed and is then terminated, which can
leave a file of the index empty (seen on a loaded machine); a command exits
only once every file is written. It also skips the service's 100 ms poll.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import importlib.metadata
import os
import signal
import threading
from collections.abc import AsyncIterator, Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class Control:
    """Lets another thread pace and stop an index run.

    A cold build indexes in a thread while it draws its other pages
    (generator.search.background). Meanwhile fewer Pagefind processes run at
    once (`slots`): the list workers need the cores and the memory too, and
    `widen` lets the rest start once they are done. When those pages fail,
    `halt` stops the run: no shard starts after it, and the running Pagefind
    processes are killed rather than waited for.
    """

    def __init__(self, slots: int) -> None:
        self._slots = threading.Semaphore(slots)
        self._halted = threading.Event()
        self._lock = threading.Lock()
        self._running: set[int] = set()

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one of the slots while one shard is indexed."""
        # Polled, not waited for in a thread: a run of many shards would fill the
        # default executor with waiters, and the holders' own work queues there.
        while not self._slots.acquire(blocking=False):
            await asyncio.sleep(0.05)
        try:
            yield
        finally:
            self._slots.release()

    def widen(self, more: int) -> None:
        """Let `more` shards be indexed at once from now on."""
        if more > 0:
            self._slots.release(more)

    @property
    def halted(self) -> bool:
        """Whether `halt` was called: what was indexed since must not be kept."""
        return self._halted.is_set()

    def halt(self) -> None:
        """Stop the run: every Pagefind process it started is killed."""
        with self._lock:
            self._halted.set()
            for pid in self._running:
                _kill(pid)
        self.widen(1 << 16)  # nothing waits for a slot that will not come

    def started(self, pid: int) -> None:
        with self._lock:
            self._running.add(pid)
            if self._halted.is_set():
                _kill(pid)

    def ended(self, pid: int) -> None:
        with self._lock:
            self._running.discard(pid)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def command(pages: Path, out: Path) -> tuple[list[str], dict[str, str]]:
    """The Pagefind command that indexes `pages` into `out`, and its environment.

    Run in `pages` (see `run_pagefind`); bench.pagefind_cost times this same command.
    """
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise RuntimeError("the Pagefind binary is missing: pip install 'pagefind[bin]'")
    # Pagefind also reads PAGEFIND_* variables and pagefind.* files in its working
    # folder: neither may change an index, so run in the staged folder with neither.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    args = ["--site", str(pages), "--output-path", str(out), "--force-language", "en", "--silent"]
    return [str(binary), *args], env


async def run_pagefind(pages: Path, out: Path, stop: Control | None = None) -> None:
    """Run the Pagefind binary of the pagefind[bin] package as a command over `pages`."""
    argv, env = command(pages, out)
    proc = await asyncio.create_subprocess_exec(
        *argv,
        cwd=pages,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    if stop is not None:
        stop.started(proc.pid)
    try:
        output, _ = await proc.communicate()
    except asyncio.CancelledError:
        proc.kill()
        raise
    finally:
        if stop is not None:
            stop.ended(proc.pid)
    if proc.returncode:
        said = output.decode("utf-8", "replace").strip()[-600:]
        raise RuntimeError(f"pagefind exited with status {proc.returncode}: {said}")


def pagefind_version() -> str:
    try:
        return importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def run_async(job: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """asyncio.run(job()), on its own thread when this one already runs an event loop.

    A caller may itself be async (a preview server, a browser driver in tests),
    and asyncio.run refuses to nest.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(job())
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(job())).result()
