"""Rebuild on change: watchdog events, a debounce window, one build at a time.

An editor's save is several file-system events (write a temp file, rename it,
touch the folder), and a `git checkout` is hundreds; each burst must become ONE
rebuild. Events only record the path and the time; a single builder thread waits
until nothing has changed for `quiet` seconds, then builds with every path seen.
Changes that arrive during a build are kept and give exactly one more build.
Every finished build, good or bad, is announced on a BuildEvents hub that the
preview server streams to open pages.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

# Names editors write beside the file being saved; they never change the site.
_EDITOR_NOISE = ("~", ".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload")
_NOISE_PREFIXES = (".#", ".~")


@dataclass(frozen=True)
class BuildResult:
    """What one build did, as shown in the terminal and in open pages."""

    number: int
    """Counts every build attempt since the server started, from 1."""
    ok: bool
    """False when the build raised: the output folder was left as it was."""
    summary: str
    """One line: the build summary, or the error."""
    problems: tuple[str, ...] = ()
    """Inputs that could not be used, or the error's details, one per line."""
    changed: tuple[str, ...] = ()
    """The paths that triggered the build (empty for a full build)."""
    search: int = 0
    """Search index updates finished in the background so far (open search pages reload)."""


class BuildEvents:
    """Publishes build results to any number of waiting readers (one per open page)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._latest: BuildResult | None = None
        self._seq = 0
        self._good = 0
        self._closed = False

    @property
    def latest(self) -> BuildResult | None:
        """The last build announced, or None before the first."""
        with self._cond:
            return self._latest

    @property
    def last_good(self) -> int:
        """Number of the last build that replaced the site; 0 before any did."""
        with self._cond:
            return self._good

    def publish(self, result: BuildResult) -> None:
        """Announce a finished build and wake every reader."""
        with self._cond:
            self._latest = result
            self._seq += 1
            if result.ok:
                self._good = result.number
            self._cond.notify_all()

    def wait_after(self, number: int, timeout: float) -> BuildResult | None:
        """The first result newer than build `number`, or None after `timeout` or close()."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not self._closed:
                latest = self._latest
                if latest is not None and latest.number > number:
                    return latest
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._cond.wait(remaining)
            return None

    def current(self) -> tuple[int, BuildResult | None]:
        """(sequence number, latest result): every publish, even of the same build, counts."""
        with self._cond:
            return self._seq, self._latest

    def wait_newer(self, seq: int, timeout: float) -> tuple[int, BuildResult] | None:
        """The first (sequence, result) published after `seq`, or None on timeout or close()."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not self._closed:
                if self._seq > seq and self._latest is not None:
                    return self._seq, self._latest
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._cond.wait(remaining)
            return None

    def close(self) -> None:
        """Release every waiting reader, e.g. when the server stops."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()


class Rebuilder:
    """Debounces change notifications and runs `build(changed)` on its own thread.

    `build` receives the set of changed paths, or None for a full build, and
    returns a BuildResult; an exception it raises is turned into a failed result
    so that the watcher never dies of a bad template.
    """

    def __init__(
        self,
        build: Callable[[set[Path] | None, int], BuildResult],
        events: BuildEvents,
        quiet: float = 0.1,
        first: int = 1,
    ) -> None:
        self._build = build
        self._events = events
        self._quiet = quiet
        self._number = first - 1
        self._cond = threading.Condition()
        self._pending: set[Path] = set()
        self._full = False
        self._dirty = False
        self._last_change = 0.0
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name="cablegen-rebuild", daemon=True)

    def start(self) -> None:
        """Start the builder thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop after the build in progress, if any."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        if self._thread.is_alive():
            self._thread.join()

    def changed(self, paths: Iterable[Path], full: bool = False) -> None:
        """Record changed paths; `full` asks for a full rebuild (e.g. the config changed)."""
        with self._cond:
            self._pending.update(paths)
            self._full = self._full or full
            self._dirty = True
            self._last_change = time.monotonic()
            self._cond.notify_all()

    def _next_batch(self) -> set[Path] | None | bool:
        """Block until a quiet window follows a change; False when stopped."""
        with self._cond:
            while not self._dirty and not self._stopped:
                self._cond.wait()
            while not self._stopped:
                remaining = self._last_change + self._quiet - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            if self._stopped:
                return False
            batch: set[Path] | None = None if self._full else set(self._pending)
            self._pending.clear()
            self._full = self._dirty = False
            self._number += 1
            return batch

    def _loop(self) -> None:
        while True:
            batch = self._next_batch()
            if batch is False:
                return
            changed = batch if isinstance(batch, set) else None
            try:
                result = self._build(changed, self._number)
            except Exception as exc:  # noqa: BLE001 - any failure must reach the page
                result = BuildResult(self._number, False, f"build failed: {exc}", (repr(exc),))
            self._events.publish(result)


def is_noise(path: Path) -> bool:
    """True for editor swap/backup files and caches that never affect the site."""
    name = path.name
    if name.endswith(_EDITOR_NOISE) or name.startswith(_NOISE_PREFIXES) or name == "4913":
        return True
    return "__pycache__" in path.parts or name in {".DS_Store", ".git"}


class _Forward(FileSystemEventHandler):
    """Turns watchdog events into Rebuilder.changed() calls."""

    def __init__(
        self,
        rebuilder: Rebuilder,
        config_file: Path | None,
        ignore: list[Path],
        only: Path | None = None,
    ) -> None:
        self._rebuilder = rebuilder
        self._config = config_file
        self._ignore = ignore
        self._only = only

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed", "closed_no_write"):
            # Every write already gave a "modified" event; a close after it may come
            # after the quiet window and would cause a second, empty build.
            return
        if event.is_directory and event.event_type == "modified":
            # A folder's mtime changes with every file in it; the file's own event follows.
            return
        raw = [event.src_path, getattr(event, "dest_path", "")]
        paths = [Path(p if isinstance(p, str) else p.decode()) for p in raw if p]
        paths = [p for p in paths if not is_noise(p) and not self._ignored(p)]
        if self._only is not None:
            paths = [p for p in paths if p == self._only]
        if not paths:
            return
        full = self._config is not None and any(p == self._config for p in paths)
        self._rebuilder.changed(paths, full=full)

    def _ignored(self, path: Path) -> bool:
        return any(path == d or d in path.parents for d in self._ignore)


class Watcher:
    """Watches folders (recursively) and the config file; feeds a Rebuilder."""

    def __init__(
        self,
        rebuilder: Rebuilder,
        folders: Iterable[Path],
        config_file: Path | None = None,
        ignore: Iterable[Path] = (),
    ) -> None:
        self._observer = Observer()
        config = config_file.resolve() if config_file else None
        handler = _Forward(rebuilder, config, [p.resolve() for p in ignore])
        self.watched: list[Path] = []
        for folder in folders:
            if folder.is_dir():
                self._observer.schedule(handler, str(folder.resolve()), recursive=True)
                self.watched.append(folder.resolve())
        if config is not None and config.is_file() and config.parent not in self.watched:
            # Watching a single file is not portable: watch its folder, not recursively,
            # and let only the file itself through (the folder is usually the project root).
            only = _Forward(rebuilder, config, [], only=config)
            self._observer.schedule(only, str(config.parent), recursive=False)
            self.watched.append(config)

    def start(self) -> None:
        """Start delivering events (returns at once; events arrive on watchdog's thread)."""
        self._observer.start()

    def stop(self) -> None:
        """Stop watching and wait for watchdog's thread."""
        self._observer.stop()
        self._observer.join()
