"""The search index on disk: the shard cache's manifest, and publishing into a site.

The same folders and files are written by a cold build (into a fresh staging
folder) and by an update of the live site the preview server is serving. In
the live site a reader may load any file at any moment, so nothing there is
ever written in place: a shard folder is linked in beside its old self and
renamed over it, a small file is written beside and renamed over, and a file
whose bytes did not change is not touched at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "manifest.json"
_NEW, _OLD = ".new-", ".old-"
"""Prefixes of a shard folder on its way in or out of a site; never a shard name."""
_TMP = ".tmp"
"""Suffix of a file being written beside the one it replaces."""


@dataclass(frozen=True)
class Entry:
    """What the cache knows of one indexed shard."""

    digest: str
    """Hash of the shard's rendered pages, as generator.search.page_input.digest gives it."""
    members: str
    """Hash of the shard's cable IDs in order (see `members`)."""


def members(ids: tuple[str, ...]) -> str:
    """A short fingerprint of a shard's membership, so a manifest stays small at any size."""
    return hashlib.sha256("\n".join(ids).encode()).hexdigest()[:32]


def load_manifest(path: Path) -> tuple[str, dict[str, Entry]]:
    """(format, shard name -> Entry) of the cache; ("", {}) when missing or unreadable."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return "", {}
    if not isinstance(data, dict) or not isinstance(data.get("shards"), dict):
        return "", {}
    entries: dict[str, Entry] = {}
    for name, value in data["shards"].items():
        if isinstance(value, dict):
            entries[str(name)] = Entry(str(value.get("digest")), str(value.get("members")))
    return str(data.get("format", "")), entries


def save_manifest(path: Path, fmt: str, entries: Mapping[str, Entry]) -> None:
    """Write the manifest whole or not at all: a torn one would make every shard look stale."""
    shards = {n: {"digest": e.digest, "members": e.members} for n, e in entries.items()}
    replace_file(path, json.dumps({"format": fmt, "shards": shards}, indent=1).encode())


def link_tree(src: Path, dst: Path) -> None:
    """Copy a cached shard folder to `dst`, as hard links when the file system allows."""

    def link(s: str, d: str) -> None:
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)

    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, copy_function=link)


def swap_in(src: Path, dst: Path) -> None:
    """Put a copy of the shard folder `src` at `dst`, which a reader may be loading from.

    The copy is made complete beside `dst`, then renamed into place; the old
    folder is renamed aside first (a directory cannot be renamed over a
    non-empty one) and deleted after. A reader sees the old shard or the new
    one, and at worst for an instant none.
    """
    new, old = dst.with_name(_NEW + dst.name), dst.with_name(_OLD + dst.name)
    link_tree(src, new)
    shutil.rmtree(old, ignore_errors=True)
    if dst.exists():
        dst.rename(old)
    new.rename(dst)
    shutil.rmtree(old, ignore_errors=True)


def same_file(a: Path, b: Path) -> bool:
    """Whether both files exist with the same bytes."""
    try:
        return a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def prune_dirs(folder: Path, keep: set[str]) -> None:
    """Delete the folders directly under `folder` not named in `keep`."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.is_dir() and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def write_changed(site_dir: Path, files: Mapping[str, str]) -> list[str]:
    """Write each site-relative file whose bytes differ from those on disk; returns the written."""
    written = []
    for rel, text in files.items():
        target = site_dir / rel
        data = text.encode("utf-8")
        try:
            if target.read_bytes() == data:
                continue
        except OSError:
            pass
        replace_file(target, data)
        written.append(rel)
    return written


def prune_files(site_dir: Path, folder: str, keep: Mapping[str, object]) -> None:
    """Delete the files under site_dir/folder whose site-relative path is not in `keep`."""
    root = site_dir / folder
    if not root.is_dir():
        return
    for path in root.rglob("*"):
        if path.is_file() and path.relative_to(site_dir).as_posix() not in keep:
            path.unlink()


def sweep(folder: Path) -> None:
    """Delete what an interrupted run left in `folder`: files half written, folders half swapped."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.name.startswith(".") and path.name.endswith(_TMP):
            path.unlink(missing_ok=True)
        elif path.is_dir() and path.name.startswith((_NEW, _OLD)):
            shutil.rmtree(path, ignore_errors=True)


def replace_file(target: Path, data: bytes) -> None:
    """Write `data` beside `target` and rename it over: readers never see half a file.

    The rename also breaks any hard link `target` shares with the cache.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}{_TMP}")
    tmp.write_bytes(data)
    os.replace(tmp, target)
