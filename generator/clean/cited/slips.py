"""Typing and scanning slips mended before a REF item is read.

Real cables write the letter O for a zero and back (`0SLO`, `QUIT0 212`,
`LIMA O2210`), mark the serial with `#` (`KABUL #2210`) or a portion mark
(`AMMAN (C)01234`), and join year, post and serial by dashes (`09-OSLO-44`)
or a colon (`STATE: 65432`).
"""

from __future__ import annotations

import re

# A zero inside or at either end of a word of letters, but never next to a
# digit: `08ASTANA2100` and `STATE012345` keep theirs.
ZERO_IN_WORD = re.compile(r"(?<=[A-Z])0(?![0-9])|(?<![0-9A-Z])0(?=[A-Z])")
# A letter O starting or inside a run of digits: `O2210`, `22O1`.
O_IN_NUMBER = re.compile(r"(?<![A-Z])O(?=\d)|(?<=\d)O(?=\d)|(?<=\d\d)O(?![A-Z])")
PORTION_MARK = re.compile(r"\((?:U|C|S|SBU|LOU|S/NF|C/NF)\)\s*(?=\d)")
HASH = re.compile(r"#\s*(?=\d)")
# A dash or colon between letters and digits separates; one inside a number
# (`314/07696-07`, a report number) is left for the scanner to refuse.
SEPARATOR = re.compile(r"(?<=[A-Z])\s*[-:]\s*(?=\d)|(?<=\d)-(?=[A-Z])")


def mend_slips(text: str) -> str:
    """`text` with the slips above written as the cable meant them."""
    text = ZERO_IN_WORD.sub("O", text)
    text = O_IN_NUMBER.sub("0", text)
    text = PORTION_MARK.sub("", text)
    text = HASH.sub("", text)
    return SEPARATOR.sub(" ", text)
