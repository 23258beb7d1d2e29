"""Dates in a REF item, dropped so their numbers are not read as years or serials.

`LEE-GOLDSTEIN EMAIL 05/11/07` and `HANKINS JUNE 18 E-MAIL` name no cable, and
`MAY 1 GILLARD LETTER` must not become serial 1 of a post called GILLARD.
"""

from __future__ import annotations

import re

MONTH = (
    r"(?:JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?"
    r"|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)"
)
DATE = re.compile(
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b"  # 3/14/09
    rf"|\b\d{{1,2}}\s+{MONTH}\.?(?:,?\s+\d{{4}})?\b"  # 20 SEPTEMBER 2007
    rf"|\b{MONTH}\.?\s+\d{{1,2}}\b(?:,?\s+\d{{4}}\b)?"  # AUGUST 18 2009, MAY 9
)


def drop_dates(text: str) -> str:
    """`text` with each date written as one space."""
    return DATE.sub(" ", text)
