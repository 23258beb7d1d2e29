"""REF items with the cable IDs they name: `STATE 169627` -> 05STATE169627.

Each cable an item names is its own entry, with the item's label and text:
`A. DHAKA 412/398` gives two entries labelled A. An item that names no cable
(an e-mail, a report, a meeting, a redacted serial) adds no ID: it stays one
entry without one, so its words stay in the record and `REF A` in the text
still has an entry to point to. See `generator.clean.cited` for how an item
is read.
"""

from __future__ import annotations

import re

from generator.clean.cited import cited_ids
from generator.clean.draft import Draft
from generator.clean.markup import unmark
from generator.model import Reference
from generator.parse.raw import evolve

# An item of serials only (`B. 1200`, `B) 1200 AND 1210 (07)`): its post is
# the line's when every other item names one and the same post.
SERIALS_ONLY = re.compile(r"\d+(?:\s*(?:/|,|&|AND)\s*\d+)*(?:\s*\(\d{2}\))?", re.IGNORECASE)
POST_OF_ID = re.compile(r"^\d{2}([A-Z]+)\d+$")


def decide_references(draft: Draft) -> Draft:
    """Fill references from the REF items: one per cable named, or one without an ID."""
    items = [(ref.label, text) for ref in draft.raw.refs if (text := unmark(ref.text).strip())]
    found = [cited_ids(text, draft.year) for _, text in items]
    posts = {match[1] for ids in found for i in ids if (match := POST_OF_ID.match(i))}
    if len(posts) == 1:
        post = posts.pop()
        found = [
            ids or (cited_ids(f"{post} {text}", draft.year) if SERIALS_ONLY.fullmatch(text) else ())
            for ids, (_, text) in zip(found, items, strict=True)
        ]
    refs = tuple(
        Reference(label, text, cable_id)
        for ids, (label, text) in zip(found, items, strict=True)
        for cable_id in ids or (None,)
    )
    return evolve(draft, references=refs)
