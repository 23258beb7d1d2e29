"""cables.csv, the release as it circulates, read one row at a time.

Eight double-quoted columns with backslash escapes: sequence, created
(`MM/DD/YYYY HH:MM`), reference ID, origin, classification, references, header,
body. The file is 1.7 GB for the whole release, so it is never loaded: it is
cut into rows in fixed-size blocks, and only one row is decoded at a time.

A row starts at a line beginning `"<digits>","`. Inside a field every quote is
escaped as `\\"`, so no line of a body can start that way: a row with a broken
quote therefore spoils only itself, and reading resumes at the next row.

A row is held to the layout exactly, by one regular expression: the csv
module quietly accepts a stray quote or text after a closing quote, and the
cable would then be read with a column's end in the wrong place. The csv module
only explains a row that does not fit (how many columns it sees).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

COLUMNS = 8
BLOCK = 1 << 20
LONGEST_ROW = 64 << 20
"""A row this long has lost its closing quote and swallowed what follows: refused."""
ROW_START = re.compile(rb'^"\d+","', re.MULTILINE)
_FIELD = r'"([^"\\]*(?:\\.[^"\\]*)*)"'
ROW = re.compile(_FIELD + ("," + _FIELD) * (COLUMNS - 1) + r"\s*\Z", re.DOTALL)
"""The layout exactly: eight double-quoted fields, backslash escapes, nothing else."""
UNESCAPE = re.compile(r"\\(.)", re.DOTALL)
# The csv module's own cap (128 KB a field) is below the longest bodies; the
# row cutter above already bounds a row, so the module may take whatever it hands over.
csv.field_size_limit(LONGEST_ROW)


@dataclass(frozen=True)
class Row:
    """One row as stored: where it is and its bytes."""

    number: int
    """1-based row number in the file."""
    offset: int
    """Byte offset of the row's first byte."""
    data: bytes


@dataclass(frozen=True)
class RowError:
    """A row that cannot be read, and where it is."""

    path: str
    row: int
    offset: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: row {self.row} (byte {self.offset}): {self.reason}"


def is_release_csv(name: str) -> bool:
    """True for the file names a cables.csv goes by (`cables.csv`, `cables-2011.csv`)."""
    return name.lower().endswith(".csv")


def rows(stream: BinaryIO, start: int = 0, number: int = 0) -> Iterator[Row]:
    """Every row from the stream's position (byte `start`, after row `number`), in order.

    Read in blocks: memory is one block plus one row, whatever the file's size.
    """
    pending = b""
    while True:
        block = stream.read(BLOCK)
        pending += block
        # Row starts after the first byte: `pending` begins with one (or with the file).
        cuts = [m.start() for m in ROW_START.finditer(pending, 1)]
        if not block:
            cuts.append(len(pending))
        at = 0
        for cut in cuts:
            if cut > at:
                number += 1
                yield Row(number, start + at, pending[at:cut])
            at = cut
        pending = pending[at:]
        start += at
        if not block:
            return
        if len(pending) > LONGEST_ROW:
            number += 1
            yield Row(number, start, pending[:LONGEST_ROW])
            start += len(pending)
            pending = b""


def digest(row: Row) -> str:
    """The content hash of a row: what an incremental build compares with its cache."""
    return hashlib.sha256(row.data).hexdigest()


def fields(path: str, row: Row) -> list[str] | RowError:
    """The row's eight columns, or why it cannot be read."""

    def error(reason: str) -> RowError:
        return RowError(path, row.number, row.offset, reason)

    if len(row.data) >= LONGEST_ROW:
        return error(f"row longer than {LONGEST_ROW >> 20} MB: a quote is missing; fix the row")
    try:
        text = row.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return error(
            f"bad bytes: not UTF-8 at byte {row.offset + exc.start} "
            f"({row.data[exc.start]:#04x}); re-save the file as UTF-8"
        )
    if not ROW_START.match(row.data):
        return error(
            f"not a row: {text[:40].strip()!r} does not start with a quoted sequence number; "
            'each row must start "N","'
        )
    whole = ROW.match(text)
    if whole is not None:
        return [UNESCAPE.sub(r"\1", f) if "\\" in f else f for f in whole.groups()]
    # Not the layout: the csv module, as lenient as other readers, says how many
    # columns it sees, which tells a missing column from a broken quote.
    reader = csv.reader(io.StringIO(text, newline=""), escapechar="\\", doublequote=False)
    try:
        found = list(reader)
    except csv.Error as exc:
        return error(f'broken quote ({exc}); escape quotes inside a field as \\"')
    if len(found) != 1 or len(found[0]) != COLUMNS:
        counts = ", ".join(str(len(f)) for f in found) or "0"
        return error(
            f"wrong column count: {counts} instead of {COLUMNS} "
            "(sequence, created, ID, origin, classification, references, header, body)"
        )
    return error(
        "broken quote: a field is not wholly inside double quotes; "
        'escape quotes inside a field as \\"'
    )


def row_at(stream: BinaryIO, offset: int, number: int, size: int) -> Row:
    """Row `number`, `size` bytes at byte `offset`: reading back a row the listing found.

    Only the row's own bytes are read: a worker reading one row must not pay
    for a block of its neighbours.
    """
    stream.seek(offset)
    return Row(number, offset, stream.read(size))
