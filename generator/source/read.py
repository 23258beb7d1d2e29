"""The read edge: find input files and decode them into `Source` values.

Nothing past this module touches the content folder's bytes.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from generator.model import Diagnostic, Source


def decode(path: str, data: bytes) -> Source:
    """Decode bytes as UTF-8 (UTF-16 when saved so), else as cp1252 with a warning."""
    warnings: list[Diagnostic] = []
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    wide = _utf16(data)
    if wide is not None:
        encoding, text = wide
        warnings.append(
            Diagnostic(path, 0, f"saved as {encoding}; re-save the file as UTF-8 to silence this.")
        )
    else:
        text, encoding = _narrow(path, data, warnings)
    # A file saved twice with a BOM keeps the second one as text.
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return Source(path=path, text=text, digest=digest, encoding=encoding, warnings=tuple(warnings))


def _utf16(data: bytes) -> tuple[str, str] | None:
    """(codec, text) for text saved as UTF-16: with a BOM, or mostly ASCII with NUL halves."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        codec = "utf-16"
    else:
        # Windows "Unicode" files without a BOM: every other byte of ASCII text is NUL.
        even, odd = data[:4096:2], data[1:4096:2]
        if len(odd) < 8:
            return None
        if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
            codec = "utf-16-le"
        elif even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
            codec = "utf-16-be"
        else:
            return None
    try:
        return codec, data.decode(codec)
    except UnicodeDecodeError:
        return None


def _narrow(path: str, data: bytes, warnings: list[Diagnostic]) -> tuple[str, str]:
    """UTF-8, else cp1252 (undefined bytes replaced), warning on the fallback."""
    encoding = "utf-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        # Not latin-1: it maps 0x80-0x9f to C1 control characters, which HTML forbids;
        # the five bytes cp1252 leaves undefined become U+FFFD instead.
        encoding = "cp1252"
        text = data.decode(encoding, errors="replace")
        warnings.append(
            Diagnostic(
                path,
                line,
                f"not valid UTF-8 (byte {data[exc.start]:#04x}); decoded as {encoding}. "
                "Re-save the file as UTF-8 to silence this.",
            )
        )
    return text, encoding


def read_file(path: Path, root: Path | None = None) -> Source:
    rel = str(path.relative_to(root)) if root else str(path)
    return decode(rel, path.read_bytes())


def cable_files(folder: Path) -> list[Path]:
    """Every regular file under `folder`, sorted so builds are reproducible."""
    return [Path(path) for _, path, _ in cable_entries(folder)]


Entry = tuple[tuple[str, ...], str, tuple[int, int]]
"""A listed file: its path parts below the folder, its path, its (size, mtime_ns)."""


def cable_entries(folder: Path) -> list[Entry]:
    """Every regular file under `folder` with its stat, sorted as paths are (folder by folder).

    Names starting with a dot are skipped, and symlinked folders are not entered.
    One stat per file, from os.scandir: a no-op rebuild of 50,000 cables lists
    them all, and Path objects plus a second stat each cost a second of it.
    """
    found: list[Entry] = []
    _entries(str(folder), (), found)
    return found


def _entries(top: str, parts: tuple[str, ...], found: list[Entry]) -> None:
    # Each folder's names sorted, each subfolder's files in its place: the order of
    # sorting every path's parts, without comparing 50,000 tuples (a fifth of a second).
    try:
        with os.scandir(top) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        return  # vanished or unreadable: as os.walk, not an error here
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _entries(entry.path, (*parts, entry.name), found)
            continue
        if entry.name.startswith("."):
            continue
        try:
            st = entry.stat()
        except OSError:
            continue  # a dangling symlink or a file gone since the listing
        if stat.S_ISREG(st.st_mode):
            found.append(((*parts, entry.name), entry.path, (st.st_size, st.st_mtime_ns)))


def walk(folder: Path) -> Iterator[Source]:
    for path in cable_files(folder):
        yield read_file(path, folder)


def stat_key(path: Path) -> tuple[int, int] | None:
    """(size, mtime_ns) of a file, or None when it cannot be stat'ed."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns
