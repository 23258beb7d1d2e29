"""Which shape an input file has, and its `Source` (text plus release metadata) by shape.

A cable text is read as it always was (generator.source.read). A WikiLeaks cable page
and a cables.csv row give the same text a text file holds, so they go through
the same parse and clean, and carry the release's metadata beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.model import ReleaseMeta, Source
from generator.source import csv_rows, read, wikileaks_page
from generator.source.csv_rows import RowError

ROW_MARK = "#"
"""Between a cables.csv's path and a row's key: `cables/cables.csv#09ASTANA2159`."""
_CABLE_ID = re.compile(r"[0-9A-Z]{3,40}")


@dataclass(frozen=True)
class NotCablePage:
    """An .html file that is not a cable page: ignored and counted, never a skip."""

    path: str


@dataclass(frozen=True)
class ListedRow:
    """A readable row of a cables.csv, as the listing found it."""

    rel: str
    """`<csv path>#<ID>`, or `#row<N>` when the ID is missing or repeated in the file."""
    offset: int
    number: int
    size: int
    digest: str
    """Content hash of the row's bytes: an unchanged row is not parsed again."""


Loaded = Source | NotCablePage | RowError


def is_row(rel: str) -> bool:
    """True for the name of a cables.csv row."""
    head, mark, _ = rel.rpartition(ROW_MARK)
    return bool(mark) and csv_rows.is_release_csv(head)


def list_rows(csv_path: Path, rel: str) -> tuple[list[ListedRow], list[RowError]]:
    """Every row of a cables.csv, in one streamed pass: its name, place and content hash."""
    listed: list[ListedRow] = []
    broken: list[RowError] = []
    for found in _named_rows(csv_path, rel):
        if isinstance(found, RowError):
            broken.append(found)
            continue
        name, row, _ = found
        listed.append(ListedRow(name, row.offset, row.number, len(row.data), csv_rows.digest(row)))
    return listed, broken


def _named_rows(
    csv_path: Path, rel: str
) -> Iterator[tuple[str, csv_rows.Row, list[str]] | RowError]:
    """Each row with its name and columns, or why it cannot be read."""
    seen: set[str] = set()
    with open(csv_path, "rb") as stream:
        for row in csv_rows.rows(stream):
            cols = csv_rows.fields(rel, row)
            if isinstance(cols, RowError):
                yield cols
                continue
            key = cols[2].strip()
            if not _CABLE_ID.fullmatch(key) or key in seen:
                key = f"row{row.number}"
            seen.add(key)
            yield f"{rel}{ROW_MARK}{key}", row, cols


Place = tuple[int, int, int]
"""Where a listed row is: (byte offset, row number, size in bytes)."""


def load(path: Path, root: Path | None, place: Place | None = None) -> Loaded:
    """The input at `path` (a file, or `<csv>#<key>` for a row at `place`) by its shape.

    Named relative to `root` (or as given). Raises OSError when the file cannot be read.
    """
    rel = path.relative_to(root).as_posix() if root else str(path)
    if is_row(rel) and not path.is_file():
        head, _, key = str(path).rpartition(ROW_MARK)
        return _row(Path(head), rel, key, place)
    if rel.lower().endswith((".html", ".htm")):
        return page_source(rel, path.read_bytes())
    return read.read_file(path, root)


def page_source(rel: str, data: bytes) -> Source | NotCablePage:
    """A WikiLeaks cable page's text and metadata, or NotCablePage."""
    decoded = read.decode(rel, data)
    page = wikileaks_page.read_page(decoded.text)
    if page is None:
        return NotCablePage(rel)
    cells = page.metadata
    meta = ReleaseMeta(
        id=cells["Reference ID"],
        created=_iso(cells["Created"], "%Y-%m-%d %H:%M"),
        released=_iso(cells["Released"], "%Y-%m-%d %H:%M"),
        classification=cells["Classification"],
        origin=cells["Origin"],
    )
    return Source(rel, page.text, decoded.digest, decoded.encoding, decoded.warnings, meta)


def row_source(rel: str, cols: list[str], digest: str) -> Source:
    """A cables.csv row's text and metadata (`cols` as csv_rows.fields gives them)."""
    _, created, cable_id, origin, classification, references, header, body = cols
    text = f"{header}\n\n{body}\n" if header else f"{body}\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta = ReleaseMeta(
        id=cable_id.strip(),
        created=_iso(created, "%m/%d/%Y %H:%M"),
        released=None,
        classification=classification.strip(),
        origin=origin.strip(),
        references=tuple(_CABLE_ID.findall(references.upper())),
    )
    return Source(rel, text, digest, release=meta)


def _row(csv_path: Path, rel: str, key: str, place: Place | None) -> Loaded:
    csv_rel = rel.rpartition(ROW_MARK)[0]
    if place is None:
        # Not listed in this process: look for it.
        found = (r for r in list_rows(csv_path, csv_rel)[0] if r.rel == rel)
        listed = next(found, None)
        if listed is None:
            return RowError(csv_rel, 0, 0, f"no row {key!r} in the file any more; build again")
        place = (listed.offset, listed.number, listed.size)
    with open(csv_path, "rb") as stream:
        row = csv_rows.row_at(stream, *place)
    cols = csv_rows.fields(csv_rel, row)
    if isinstance(cols, RowError):
        return cols
    return row_source(rel, cols, csv_rows.digest(row))


def each(path: Path, root: Path | None = None) -> Iterator[Loaded]:
    """Every input in a file or under a folder, rows of a cables.csv one by one."""
    files = [path] if path.is_file() else read.cable_files(path)
    for file in files:
        if csv_rows.is_release_csv(file.name):
            yield from _each_row(file, file.relative_to(root).as_posix() if root else str(file))
        else:
            yield load(file, root)


def _each_row(csv_path: Path, rel: str) -> Iterator[Loaded]:
    for found in _named_rows(csv_path, rel):
        if isinstance(found, RowError):
            yield found
        else:
            name, row, cols = found
            yield row_source(name, cols, csv_rows.digest(row))


def _iso(text: str, layout: str) -> str | None:
    """A published date-time as ISO 8601 UTC, or None when it is not one."""
    try:
        when = datetime.strptime(text.strip(), layout)
    except ValueError:
        return None
    return when.strftime("%Y-%m-%dT%H:%M:00Z")
