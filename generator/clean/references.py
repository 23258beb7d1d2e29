"""REF items with the cable IDs they name: `STATE 169627` -> 05STATE169627.

Each cable an item names is its own entry, with the item's label and text:
`A. DHAKA 412/398` gives two entries labelled A. An item that names no cable
(an e-mail, a report, a meeting, a redacted serial) gives none; see
`generator.clean.cited` for how an item is read.
"""

from __future__ import annotations

from generator.clean.cited import cited_ids
from generator.clean.draft import Draft
from generator.clean.markup import unmark
from generator.model import Reference
from generator.parse.raw import evolve


def decide_references(draft: Draft) -> Draft:
    """Fill references from the REF items: one per cable named, none for other items."""
    refs = tuple(
        Reference(ref.label, text, cable_id)
        for ref in draft.raw.refs
        if (text := unmark(ref.text).strip())
        for cable_id in cited_ids(text, draft.year)
    )
    return evolve(draft, references=refs)
