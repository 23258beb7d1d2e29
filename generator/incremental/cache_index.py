"""The cache's two big indexes on disk: a base pickle and a small delta beside it.

At 50,000 cables the index of input files is a 50 MB pickle; writing it whole
after every save of a preview server took longer than the save's pages. An
index is kept as a base, rewritten only now and then, and a delta of what
changed since (the entries set and dropped), rewritten after every build.
The delta names the base it applies to (inode, size, mtime): a base written
later makes any older delta void, so a build killed between the two writes
leaves a consistent index. A missing or unreadable file only costs a slower
build.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

DELTA_LIMIT = 2_000
"""Entries a delta may hold before the base is rewritten instead."""

Stat = tuple[int, int, int]


def _stat(path: Path) -> Stat | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


_MISSING = object()


def _delta_path(path: Path) -> Path:
    return path.with_name(path.stem + ".delta" + path.suffix)


class Pickles:
    """Reads and writes the cache's pickles, remembering what this process last read or wrote.

    A preview server rebuilds many times: unpickling 50,000 entries before each
    incremental update would cost more than the update, so one `Pickles` lives as
    long as the process's builds (generator.pipeline.run.Memory). The entries are
    never mutated (a build fills new dicts), so sharing them between builds is
    safe, and the same objects on both sides make comparing old and new metadata
    cheap.
    """

    def __init__(self) -> None:
        self.files: dict[Path, tuple[Stat, Any]] = {}
        """File -> (its stat, its contents) as last read or written."""
        self.merged: dict[Path, tuple[tuple[Stat | None, Stat | None], dict[Any, Any]]] = {}
        """Index -> (stats of its base and delta, the merged index) as last read or written."""

    def load(self, path: Path) -> dict[Any, Any]:
        """A pickled dict (the last build's record, or an index base); {} when unusable."""
        stat = _stat(path)
        memo = self.files.get(path)
        if memo is not None and memo[0] == stat:
            return memo[1]  # type: ignore[no-any-return]
        try:
            with path.open("rb") as f:
                data = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        if stat is not None:
            self.files[path] = (stat, data)
        return data

    def dump(self, path: Path, data: object) -> None:
        """Pickle `data` to `path` atomically (a reader sees the old file or the new one)."""
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        stat = _stat(path)
        if isinstance(data, dict) and stat is not None:
            self.files[path] = (stat, data)

    def read(self, path: Path) -> dict[Any, Any]:
        """The index at `path`: its base with its delta applied."""
        delta_path = _delta_path(path)
        stamp = (_stat(path), _stat(delta_path))
        memo = self.merged.get(path)
        if memo is not None and memo[0] == stamp:
            return memo[1]
        base = self.load(path)
        delta = self.load(delta_path)
        if not delta or delta.get("base") != stamp[0]:
            return base
        merged = dict(base)
        merged.update(delta["set"])
        for gone in delta["drop"]:
            merged.pop(gone, None)
        self.merged[path] = (stamp, merged)
        return merged

    def write(self, path: Path, new: dict[Any, Any]) -> None:
        """Save `new` as the index at `path`: as a delta on the base when it differs little."""
        base, stat = self.load(path), _stat(path)
        changed: dict[Any, Any] = {}
        dropped: list[Any] = []
        if base and stat is not None:
            for key, value in new.items():
                old = base.get(key, _MISSING)
                if old is not value and old != value:
                    changed[key] = value
                    if len(changed) > DELTA_LIMIT:
                        break
            if len(changed) <= DELTA_LIMIT:
                dropped = [key for key in base if key not in new]
        delta_path = _delta_path(path)
        if base and stat is not None and len(changed) + len(dropped) <= DELTA_LIMIT:
            self.dump(delta_path, {"base": stat, "set": changed, "drop": dropped})
        else:
            self.dump(path, new)
            delta_path.unlink(missing_ok=True)
        self.merged[path] = ((_stat(path), _stat(delta_path)), new)
