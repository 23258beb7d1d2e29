"""The cable IDs one REF item names: `LIMA 2811 AND 2790` -> 09LIMA2811, 09LIMA2790.

The item's text is first put into one spelling by the ordered rules below,
each in its own module and each a plain text -> text function; `scan` then
reads year, post and serial from what is left. An item that names no cable
(an e-mail, a report, a meeting) gives no ID.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.clean.cited.dates import drop_dates
from generator.clean.cited.scan import scan
from generator.clean.cited.slips import mend_slips

__all__ = ["RULES", "cited_ids"]

Rule = Callable[[str], str]

RULES: tuple[Rule, ...] = (
    drop_dates,  # `3/14/09`, `MARCH 3`: never a year or serial of a cable
    mend_slips,  # O for 0 and back, `#`, portion marks, dashes as separators
)


def cited_ids(text: str, year: int | None) -> tuple[str, ...]:
    """Each cable `text` names, in order, once; `year` is the citing cable's."""
    text = text.upper()
    for rule in RULES:
        text = rule(text)
    return tuple(dict.fromkeys(scan(text, year)))
