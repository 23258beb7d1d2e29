"""The input files of a build and their stats: listed once, then kept from change events.

Listing and stat-ing 50,000 cable files takes longer than the whole incremental
update an edit needs. A preview server knows from its watcher which paths
changed, so after the first build it lists nothing: it takes the previous
listing and stats only the changed paths. Anything it cannot place (a folder
moved in, a path it does not know) makes it list the folder again.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.config import SiteConfig
from generator.source import csv_rows, read, release_listing, shapes
from generator.source.csv_rows import RowError
from generator.source.read import stat_key

Stat = tuple[int, int] | None


@dataclass(frozen=True)
class Listing:
    """The cable files of a build, in build order, with their (size, mtime_ns)."""

    folder: Path
    paths: tuple[str, ...]
    stats: tuple[Stat, ...]
    keys: tuple[tuple[str, ...], ...]
    """Each file's path parts below the folder: the sort key, and its name in the cache."""
    rels: tuple[str, ...]
    """Each file's path relative to the content folder, as the build names it.

    Kept, not derived per build: a preview server's update went through 50,000
    string joins before looking at the one file that changed."""
    rows: dict[str, shapes.Place] = field(default_factory=dict)
    """A cables.csv row's name -> (byte offset, row number, size): where a loader finds it."""
    broken: tuple[RowError, ...] = ()
    """cables.csv rows that cannot be read."""

    @cached_property
    def files(self) -> tuple[Path, ...]:
        """The paths as Path objects: made only by a build that reads files."""
        return tuple(map(Path, self.paths))


Listings = dict[Path, Listing]
"""Cables folder -> the listing the last build in this process used."""


def list_inputs(
    config: SiteConfig, changed: Iterable[Path] | None = None, kept: Listings | None = None
) -> Listing:
    """Every cable file under content/cables/ and its stat.

    With `changed` (absolute paths from the watcher) and the listing of the
    previous build in `kept`, only those paths are looked at; the new listing
    is kept there for the next build.
    """
    folder = config.content / "cables"
    kept = {} if kept is None else kept
    last = kept.get(folder)
    listing = _patched(last, folder, changed) if last and changed is not None else None
    if listing is None:
        found = read.cable_entries(folder) if folder.is_dir() else []
        if any(csv_rows.is_release_csv(key[-1]) for key, _, _ in found):
            listing = Listing(folder, *release_listing.expanded(folder, found))
        else:
            listing = Listing(
                folder,
                tuple(path for _, path, _ in found),
                tuple(st for _, _, st in found),
                tuple(key for key, _, _ in found),
                tuple("/".join((folder.name, *key)) for key, _, _ in found),
            )
    kept[folder] = listing
    return listing


def _patched(last: Listing, folder: Path, changed: Iterable[Path]) -> Listing | None:
    """`last` updated for the changed paths, or None when it must be listed again."""
    changed = list(changed)
    if last.rows or last.broken or any(csv_rows.is_release_csv(p.name) for p in changed):
        return None  # a cables.csv's rows are found by reading it again
    real = folder.resolve()
    files, stats, keys = list(last.paths), list(last.stats), list(last.keys)
    rels = list(last.rels)
    for path in changed:
        try:
            rel = path.resolve().relative_to(real)
        except (ValueError, OSError):
            continue  # not a cable file: templates, static files, the config
        if not rel.parts or path.is_dir() or path.is_symlink():
            return None
        local = folder / rel
        key = rel.parts
        at = bisect.bisect_left(keys, key)
        present = at < len(keys) and keys[at] == key
        wanted = local.is_file() and not local.name.startswith(".")
        if present and not wanted:
            del files[at], stats[at], keys[at], rels[at]
        elif wanted:
            if not present:
                files.insert(at, str(local))
                keys.insert(at, key)
                rels.insert(at, "/".join((folder.name, *key)))
                stats.insert(at, None)
            stats[at] = stat_key(local)
    return Listing(folder, tuple(files), tuple(stats), tuple(keys), tuple(rels))
