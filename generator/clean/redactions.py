"""Redacted names: runs of X (`XXXXXXXXXXXX`) counted across the body and header."""

from __future__ import annotations

import re

from generator.clean.draft import Draft
from generator.parse.raw import evolve

# Three or more capital X's standing alone; `XXXXXXXXXXXXl` (a slip of the
# redacting tool) still counts, while words such as `XXI` or `EXXON` do not.
# Written to open with a literal X (the look-behind moved after it, two
# characters wide) so the regex engine jumps from X to X.
RUN = re.compile(r"X(?<![A-WYZ]X)X{2,}(?![A-WYZ])")


def count_redactions(draft: Draft) -> Draft:
    """Fill redactions with the number of X runs in the subject and paragraphs."""
    texts = [draft.subject, *(p.text for p in draft.paragraphs)]
    # "X" first: a one-character test is far cheaper than a three-character one
    found = sum(len(RUN.findall(t)) for t in texts if "X" in t and "XXX" in t)
    return evolve(draft, redactions=found)
