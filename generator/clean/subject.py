"""The SUBJECT line(s) joined into one line without markup."""

from __future__ import annotations

import re

from generator.clean.draft import Draft
from generator.clean.markup import unmark
from generator.parse.raw import evolve

LABEL = re.compile(r"^\s*SUBJ(?:ECT)?\s*:?\s*", re.IGNORECASE)


def decide_subject(draft: Draft) -> Draft:
    """Fill subject from the SUBJECT block; a missing subject is noted."""
    block = draft.raw.subject
    if block is None:
        return evolve(
            draft,
            notes=draft.warn(
                0,
                "no SUBJECT line found; listed without a subject (add a 'SUBJECT:' line)",
            ),
        )
    text = LABEL.sub("", unmark(block.text), count=1)
    return evolve(draft, subject=" ".join(text.split()))
