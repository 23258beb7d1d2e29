"""Garbled passages found by the parse stage, as the record lists them."""

from __future__ import annotations

from generator.clean.draft import Draft
from generator.clean.markup import unmark
from generator.model import Diagnostic
from generator.parse.raw import evolve


def list_garbled(draft: Draft) -> Draft:
    """Fill garbled with each passage's text and note where each one is."""
    garbled: list[str] = []
    # Built in a list and joined once: a hostile text can hold a million passages,
    # and growing a tuple one note at a time would take quadratic time.
    found: list[Diagnostic] = []
    path = draft.raw.source.path
    for block in draft.raw.garbled:
        passage = unmark(block.text)
        garbled.append(passage)
        found.append(Diagnostic(path, block.line, f"garbled passage: {passage[:60]!r}"))
    return evolve(draft, garbled=tuple(garbled), notes=draft.notes + tuple(found))
