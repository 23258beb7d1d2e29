"""The parse stage's output: where each part of a cable sits, not yet cleaned.

Parse rules only locate and split; every judgement about meaning (which
paragraph number a corrupted `11.` stands for, which station a REF names, the
classification in published words) is left to the clean stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from generator.model import Diagnostic, Routing, Source

T = TypeVar("T")


def evolve(obj: T, **changes: Any) -> T:
    """A copy of the frozen dataclass `obj` with `changes` applied.

    `dataclasses.replace` re-runs `__init__` over every field, which costs tens
    of microseconds on these wide records, and every rule of every cable calls
    it; no `__init__` here validates anything, so copying the fields is the same.
    """
    copy = object.__new__(type(obj))
    # One copy of the field table, then the changes: cheaper than filling an
    # empty table key by key; set with object's own __setattr__ (the frozen
    # class refuses every assignment).
    fields = obj.__dict__.copy()
    fields.update(changes)
    object.__setattr__(copy, "__dict__", fields)
    return copy


@dataclass(frozen=True)
class Block:
    """Consecutive input lines that belong together (one field or one paragraph)."""

    line: int
    """1-based line number of the first line."""
    lines: tuple[str, ...]
    """The lines with trailing whitespace removed."""
    kind: str = "text"
    """"text", or "page" for a page-break line that cut the text."""

    @property
    def text(self) -> str:
        """The lines joined by single spaces, as the field reads."""
        # Kept in the instance by hand: functools.cached_property takes a lock on
        # every read before Python 3.12, and rules read this thousands of times.
        cached: str | None = self.__dict__.get("_text")
        if cached is None:
            stripped = [part.strip() for part in self.lines]
            cached = " ".join(part for part in stripped if part)
            self.__dict__["_text"] = cached
        return cached


@dataclass(frozen=True)
class Caption:
    """The classification line, e.g. `UNCLAS SECTION 01 OF 02 ASTANA 002159`."""

    line: int
    classification: str
    """The classification words as written, e.g. "C O N F I D E N T I A L"."""
    section: str | None
    """"SECTION 01 OF 02" when present."""
    origin: str
    """The post as written, e.g. "TEL AVIV"."""
    serial: str
    """The serial as written, e.g. "002159"."""


@dataclass(frozen=True)
class RawRef:
    """One REF entry as written, before its cable ID is inferred."""

    label: str | None
    text: str
    line: int


@dataclass(frozen=True)
class RawCable:
    """Everything parse located in one input file."""

    source: Source
    lines: tuple[str, ...]
    """The input split into lines, trailing whitespace removed."""
    partial: bool = False
    notice: int | None = None
    """Index of the partial-extract notice line, if any."""
    routing: Routing | None = None
    envelope: tuple[int, int] = (0, 0)
    """Half-open range of line indexes holding the routing header."""
    caption: Caption | None = None
    caption_index: int | None = None
    classification_marks: tuple[str, ...] = ()
    """Classification hints outside the caption: the ZNY line's letters, a CLASSIFICATION: line."""
    caveats: tuple[str, ...] = ()
    handling: tuple[str, ...] = ()
    eo: Block | None = None
    tags: Block | None = None
    subject: Block | None = None
    refs_block: Block | None = None
    refs: tuple[RawRef, ...] = ()
    classified_by: Block | None = None
    body_start: int = 0
    """Index of the first body line."""
    body_end: int | None = None
    """Index just past the last body line (before signer and trailer); None = end of file."""
    body: tuple[Block, ...] = ()
    signer: str | None = None
    trailer: tuple[str, ...] = ()
    """Transmission lines after the body, e.g. "NNNN"."""
    garbled: tuple[Block, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()

    def warn(self, line: int, message: str) -> tuple[Diagnostic, ...]:
        """The warnings with one more, pointing at `line` of this file."""
        return self.warnings + (Diagnostic(self.source.path, line, message),)
