"""Garbled passages found by the parse stage, as the record lists them."""

from __future__ import annotations

from dataclasses import replace

from generator.clean.draft import Draft
from generator.clean.markup import unmark


def list_garbled(draft: Draft) -> Draft:
    """Fill garbled with each passage's text and note where each one is."""
    garbled: list[str] = []
    notes = draft.notes
    for block in draft.raw.garbled:
        passage = unmark(block.text)
        garbled.append(passage)
        notes = notes + draft.warn(block.line, f"garbled passage: {passage[:60]!r}")[-1:]
    return replace(draft, garbled=tuple(garbled), notes=notes)
