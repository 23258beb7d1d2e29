"""Search index updates after an in-place update: now, or in the background.

An in-place update (generator.pipeline.update) publishes its pages first; the search
shards holding the changed cables are indexed again afterwards. `cablegen
build` does that before it exits. The preview server hands it to `Background`,
which indexes in a child process while the author goes on editing: a new save
stops the child (Pagefind included) and the next job indexes everything still
pending, so the index catches up as soon as the edits pause.

What is still to index is written to the cache folder before any work starts,
and removed once the index holds it: a server stopped half-way, or a killed
build, leaves the list behind, and the next build (even one with nothing else
to do) indexes those cables first.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Collection

from generator.config import SiteConfig
from generator.corpus.link import Corpus
from generator.search import index

PENDING = "search-pending.json"


def pending(config: SiteConfig) -> frozenset[str]:
    """IDs of cables changed since the search index last caught up."""
    try:
        data = json.loads((config.cache / PENDING).read_text("utf-8"))
    except (OSError, ValueError):
        return frozenset()
    return frozenset(str(i) for i in data) if isinstance(data, list) else frozenset()


def _write(config: SiteConfig, ids: Collection[str]) -> None:
    path = config.cache / PENDING
    if not ids:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{PENDING}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(sorted(ids)), "utf-8")
    os.replace(tmp, path)


_LOCK = threading.Lock()


def remember(config: SiteConfig, ids: Collection[str]) -> None:
    """Add `ids` to what the search index still has to take in."""
    with _LOCK:
        _write(config, pending(config) | set(ids))


def forget(config: SiteConfig, ids: Collection[str] | None = None) -> None:
    """The index now holds `ids` (None: everything, after a full index)."""
    with _LOCK:
        _write(config, set() if ids is None else pending(config) - set(ids))


def now(config: SiteConfig, corpus: Corpus) -> None:
    """Index every pending cable's shard in the live site, then clear the list."""
    ids = pending(config)
    if config.search:
        index.update_index(config, config.output, corpus, ids)
    forget(config, ids)


def _child(config: SiteConfig, corpus: Corpus, ids: frozenset[str]) -> None:
    # Its own process group: stopping the job must stop Pagefind's binary too.
    os.setpgid(0, 0)
    if config.search:
        index.update_index(config, config.output, corpus, ids)


class Background:
    """Runs the newest pending index job in a child process, one at a time."""

    def __init__(self, on_done: Callable[[int], None] | None = None) -> None:
        self._on_done = on_done
        self._cond = threading.Condition()
        self._job: tuple[SiteConfig, Corpus] | None = None
        self._proc: multiprocessing.process.BaseProcess | None = None
        self._stopped = False
        self.finished = 0
        """Jobs completed so far (tests wait on it)."""
        self._thread = threading.Thread(target=self._loop, name="cablegen-index", daemon=True)
        self._thread.start()

    def submit(self, config: SiteConfig, corpus: Corpus) -> None:
        """Index what is pending for `corpus`, replacing any job not yet started."""
        with self._cond:
            self._job = (config, corpus)
            self._cond.notify_all()

    def cancel(self, timeout: float = 60) -> None:
        """Stop the job in progress and drop the queued one; their cables stay pending.

        Called before each build, and returns once no child is left running: a full
        build rewrites the search index and its cache, which a job must not touch
        at the same time.
        """
        with self._cond:
            self._job = None
            proc = self._proc
        if proc is None or proc.pid is None:
            return
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            proc.kill()  # not yet in its own group
        with self._cond:
            self._cond.wait_for(lambda: self._proc is not proc, timeout)

    def stop(self) -> None:
        """Cancel any job and end the thread."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        self.cancel()
        self._thread.join(timeout=30)

    def wait_idle(self, timeout: float) -> bool:
        """True once no job is queued or running (within `timeout` seconds)."""
        with self._cond:
            return self._cond.wait_for(lambda: self._job is None and self._proc is None, timeout)

    def _loop(self) -> None:
        context = multiprocessing.get_context("fork")
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._job is not None or self._stopped)
                if self._stopped:
                    return
                assert self._job is not None
                config, corpus = self._job
                self._job = None
                ids = pending(config)
                proc = context.Process(target=_child, args=(config, corpus, ids), daemon=True)
                proc.start()
                self._proc = proc
            proc.join()
            with self._cond:
                self._proc = None
                # A failed or stopped job leaves its cables pending for the next one.
                ok = proc.exitcode == 0
                if ok:
                    forget(config, ids)
                    self.finished += 1
                self._cond.notify_all()
            if ok and self._on_done is not None:
                self._on_done(self.finished)
