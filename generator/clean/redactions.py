"""Redacted names: runs of X (`XXXXXXXXXXXX`) counted across the body and header."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.clean.draft import Draft

# Three or more capital X's standing alone; `XXXXXXXXXXXXl` (a slip of the
# redacting tool) still counts, while words such as `XXI` or `EXXON` do not.
RUN = re.compile(r"(?<![A-WYZ])X{3,}(?![A-WYZ])")


def count_redactions(draft: Draft) -> Draft:
    """Fill redactions with the number of X runs in the subject and paragraphs."""
    texts = [draft.subject, *(p.text for p in draft.paragraphs)]
    return replace(draft, redactions=sum(len(RUN.findall(text)) for text in texts))
