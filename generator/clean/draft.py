"""The cable as the clean rules fill it in, field by field."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import ClassifiedBy, Diagnostic, Disagreement, Paragraph, Reference
from generator.parse.raw import Block, RawCable


@dataclass(frozen=True)
class Draft:
    """What the clean rules have decided so far about one `RawCable`."""

    raw: RawCable
    id: str = ""
    created: str | None = None
    year: int | None = None
    origin: str = ""
    precedence: str | None = None
    classification: str = "UNCLASSIFIED"
    caveats: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    tag_people: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    subject: str = ""
    references: tuple[Reference, ...] = ()
    classified_by: ClassifiedBy | None = None
    blocks: tuple[Block, ...] = ()
    """Body blocks still to become paragraphs (page breaks are dropped from here)."""
    paragraphs: tuple[Paragraph, ...] = ()
    redactions: int = 0
    garbled: tuple[str, ...] = ()
    eo: str | None = None
    declassify: str | None = None
    handling: tuple[str, ...] = ()
    section: str | None = None
    created_source: str | None = None
    released: str | None = None
    disagreements: tuple[Disagreement, ...] = ()
    notes: tuple[Diagnostic, ...] = ()
    """Warnings found while cleaning, added to the parse warnings."""

    def warn(self, line: int, message: str) -> tuple[Diagnostic, ...]:
        """The notes with one more, pointing at `line` of this cable's file."""
        return self.notes + (Diagnostic(self.raw.source.path, line, message),)
