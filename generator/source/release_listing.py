"""The inputs of a build with each cables.csv replaced by its rows.

A row is an input like a file: it has a name (`cables/cables.csv#09ASTANA2159`),
a path a loader understands, and in place of a file's (size, mtime_ns) its
(size, content hash): the incremental cache then finds the rows an edit
changed from one streamed pass, and parses only those again. Rows are named by
their ID rather than their number, so inserting a row leaves the others alone.
"""

from __future__ import annotations

from pathlib import Path

from generator.source import csv_rows, shapes
from generator.source.csv_rows import RowError
from generator.source.read import Entry

Stat = tuple[int, int] | None
Expanded = tuple[
    tuple[str, ...],
    tuple[Stat, ...],
    tuple[tuple[str, ...], ...],
    tuple[str, ...],
    dict[str, shapes.Place],
    tuple[RowError, ...],
]
"""paths, stats, keys, rels, rows (name -> (offset, number, size)), broken rows."""


def expanded(folder: Path, found: list[Entry]) -> Expanded:
    """The listed files, each cables.csv among them replaced by its readable rows."""
    paths: list[str] = []
    stats: list[Stat] = []
    keys: list[tuple[str, ...]] = []
    rels: list[str] = []
    rows: dict[str, shapes.Place] = {}
    broken: list[RowError] = []
    for key, path, stat in found:
        rel = "/".join((folder.name, *key))
        if not csv_rows.is_release_csv(key[-1]):
            paths.append(path)
            stats.append(stat)
            keys.append(key)
            rels.append(rel)
            continue
        try:
            listed, bad = shapes.list_rows(Path(path), rel)
        except OSError as exc:
            broken.append(RowError(rel, 0, 0, f"cannot read the file ({exc.strerror})"))
            continue
        broken.extend(bad)
        for row in listed:
            name = row.rel.rpartition(shapes.ROW_MARK)[2]
            paths.append(f"{path}{shapes.ROW_MARK}{name}")
            # The content hash stands in for the mtime: equal means unchanged.
            stats.append((row.size, int(row.digest[:15], 16)))
            # The file's own key, shared: keys place a watcher's changed path among
            # the files, and a changed cables.csv is listed again anyway.
            keys.append(key)
            rels.append(row.rel)
            rows[row.rel] = (row.offset, row.number, row.size)
    return tuple(paths), tuple(stats), tuple(keys), tuple(rels), rows, tuple(broken)
