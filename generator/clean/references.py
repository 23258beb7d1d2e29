"""REF items with the cable IDs they name: `STATE 169627` -> 05STATE169627.

Each cable an item names is its own entry, with the item's label and text:
`A. DHAKA 412/398` gives two entries labelled A. An item that names no cable
(an e-mail, a report, a meeting, a redacted serial) adds no ID: it stays one
entry without one, so its words stay in the record and `REF A` in the text
still has an entry to point to. See `generator.clean.cited` for how an item
is read.
"""

from __future__ import annotations

from generator.clean.cited import cited_ids
from generator.clean.draft import Draft
from generator.clean.markup import unmark
from generator.model import Reference
from generator.parse.raw import evolve


def decide_references(draft: Draft) -> Draft:
    """Fill references from the REF items: one per cable named, or one without an ID."""
    refs = tuple(
        Reference(ref.label, text, cable_id)
        for ref in draft.raw.refs
        if (text := unmark(ref.text).strip())
        for cable_id in cited_ids(text, draft.year) or (None,)
    )
    return evolve(draft, references=refs)
