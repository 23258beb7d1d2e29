"""Phase 1's accounts: what each parsed input came to, in listing order.

Every input ends as a cable, a skip (with its reason, and its row for a
cables.csv row), a warning, or an ignored .html that is not a cable page. Two
inputs with one ID are one cable, whatever shape each came in: their distinct
texts are its versions (generator.corpus.versions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.corpus import versions
from generator.corpus.link import CableMeta
from generator.model import Diagnostic
from generator.source.csv_rows import RowError


@dataclass(frozen=True)
class Parsed:
    """Phase 1's answer for one input file: metadata only, never the body."""

    path: str
    meta: CableMeta | None
    diagnostics: tuple[Diagnostic, ...]
    warnings: tuple[str, ...]
    ignored: bool = False
    """An .html file that is not a cable page."""
    where: tuple[int, int] | None = None
    """(row, offset) of a cables.csv row that cannot be read."""


@dataclass(frozen=True)
class Skipped:
    """An input that did not become a page, and why."""

    path: str
    reason: str
    row: int | None = None
    """The row of a cables.csv that cannot be read (1-based), else None."""
    offset: int | None = None
    """That row's byte offset in the file."""

    def record(self) -> dict[str, Any]:
        """The build report's entry: path and reason, and row and offset for a row."""
        if self.row is None:
            return {"path": self.path, "reason": self.reason}
        return {"path": self.path, "row": self.row, "offset": self.offset, "reason": self.reason}


@dataclass
class Tally:
    """The running accounts of phase 1."""

    metas: list[CableMeta] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    """.html files that are not cable pages."""
    _seen: dict[str, int] = field(default_factory=dict)
    """Cable ID -> its place in `metas`."""

    def broken_rows(self, rows: tuple[RowError, ...]) -> None:
        """cables.csv rows the listing could not read."""
        for r in rows:
            self.skipped.append(Skipped(r.path, str(r), r.row, r.offset))

    def add(self, parsed: Parsed) -> None:
        """Account for one parsed input."""
        meta = parsed.meta
        if meta is None:
            self._refused(parsed)
            return
        if parsed.diagnostics:
            self.warnings.extend(str(d) for d in parsed.diagnostics)
        self.warnings.extend(parsed.warnings)
        at = self._seen.get(meta.id)
        if at is not None:
            self._again(meta, at)
            return
        self._seen[meta.id] = len(self.metas)
        self.metas.append(meta)

    def _refused(self, parsed: Parsed) -> None:
        if parsed.ignored:
            self.ignored.append(parsed.path)
            return
        reason = "; ".join(str(d) for d in parsed.diagnostics) or f"{parsed.path}: not a cable"
        row, offset = parsed.where if parsed.where else (None, None)
        self.skipped.append(Skipped(parsed.path, reason, row, offset))

    def _again(self, meta: CableMeta, at: int) -> None:
        """Another input of a cable already read: one more version, or the same text again.

        Versions replace what were once a duplicate-ID skip and the warning for one
        cable in two shapes: no input of a cable is lost, whatever shape it came in.
        """
        self.metas[at] = versions.merge(self.metas[at], meta)
