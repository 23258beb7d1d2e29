"""The read edge: find input files and decode them into `Source` values.

Nothing past this module touches the content folder's bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from generator.model import Diagnostic, Source


def decode(path: str, data: bytes) -> Source:
    """Decode bytes as UTF-8, falling back to cp1252 then latin-1 with a warning."""
    warnings: list[Diagnostic] = []
    digest = hashlib.sha256(data).hexdigest()
    encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        for encoding in ("cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        warnings.append(
            Diagnostic(
                path,
                line,
                f"not valid UTF-8 (byte {data[exc.start]:#04x}); decoded as {encoding}. "
                "Re-save the file as UTF-8 to silence this.",
            )
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Source(path=path, text=text, digest=digest, encoding=encoding, warnings=tuple(warnings))


def read_file(path: Path, root: Path | None = None) -> Source:
    rel = str(path.relative_to(root)) if root else str(path)
    return decode(rel, path.read_bytes())


def cable_files(folder: Path) -> list[Path]:
    """Every regular file under `folder`, sorted so builds are reproducible."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def walk(folder: Path) -> Iterator[Source]:
    for path in cable_files(folder):
        yield read_file(path, folder)
