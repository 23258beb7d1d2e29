"""The SUBJECT line(s) joined into one line without markup, stopped where the subject ends.

Some sources run the header on after the subject without a line break, or
with no blank line before the next field: `... TO NORWAY Thursday, 10 December
2009, 09:27 S E C R E T SECTION 01 OF 02 OSLO 000913`. The subject stops at
the first piece of header that no subject holds: the archive's date line, a
classification caption, a section count, the E.O., TAGS, REF or Classified By
field.
"""

from __future__ import annotations

import re

from generator.clean.draft import Draft
from generator.clean.markup import unmark
from generator.parse.raw import evolve

LABEL = re.compile(r"^\s*SUBJ(?:ECT)?\s*:?\s*", re.IGNORECASE)
HEADER_AFTER = re.compile(
    r"\s(?:"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\b"
    r"|(?:[A-Z]\s){4,}[A-Z]\b"  # a spaced caption: S E C R E T, C O N F I D E N T I A L
    r"|(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET)(?://?[A-Z]+)*\s+SECTION\s+\d"
    r"|SECTION\s+\d{1,2}\s+OF\s+\d{1,2}\b"
    r"|E\.\s?O\.\s?\d{5}"
    r"|(?:TAGS|REFS?|REFTELS?)\s?:"
    r"|(?i:Classified\s+By)\s?:"
    r")"
)


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
    text = " ".join(LABEL.sub("", unmark(block.text), count=1).split())
    header = HEADER_AFTER.search(text)
    if header:
        text = text[: header.start()].rstrip()
    return evolve(draft, subject=text)
