"""Calls the stages in order and accounts for every input file.

read -> parse -> clean -> people -> link -> render -> index -> write
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator import clean, parse, read
from generator.errors import InputError
from generator.model import Cable, Diagnostic, Source


@dataclass(frozen=True)
class Outcome:
    """What became of one input file."""

    path: str
    cable: Cable | None
    """None when the file was skipped; the reason is in `diagnostics`."""
    diagnostics: tuple[Diagnostic, ...]


def cable_from_source(source: Source) -> Outcome:
    """read's output -> a finished Cable, or the reason it is not one."""
    try:
        # clean refuses too: an ID that is not YY + POST + SERIAL never reaches a file name
        cable = clean.clean(parse.parse(source))
    except InputError as exc:
        return Outcome(source.path, None, source.warnings + (exc.diagnostic,))
    return Outcome(source.path, cable, source.warnings)


def parse_paths(path: Path) -> Iterator[Outcome]:
    """Parse a file, or every file under a folder, flagging duplicate IDs."""
    files = [path] if path.is_file() else read.cable_files(path)
    root = None if path.is_file() else path
    seen: dict[str, str] = {}
    for file in files:
        outcome = cable_from_source(read.read_file(file, root))
        cable = outcome.cable
        if cable is not None and cable.id in seen:
            diag = Diagnostic(
                outcome.path,
                0,
                f"duplicate cable ID {cable.id!r}: already read from {seen[cable.id]}; "
                "remove one of the two files or fix its header",
            )
            yield Outcome(outcome.path, None, outcome.diagnostics + (diag,))
            continue
        if cable is not None:
            seen[cable.id] = outcome.path
        yield outcome
