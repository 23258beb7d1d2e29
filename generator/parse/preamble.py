"""The lines between the caption and the first paragraph: caveats, distribution
lines, E.O., TAGS, SUBJECT, REF and Classified By, each cut into its own block.

The fields come in many orders and spellings (`TAGS:` or `TAGS`, `Subject:`,
`REFTEL:`, `(U) Classified by`), and most can wrap onto following lines, so
one pass decides for every line which field it belongs to; the clean stage
then reads each field on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.parse.body import PAGE_BREAK
from generator.parse.raw import Block, RawCable, evolve

FIELDS = (
    ("eo", re.compile(r"^\s*E\s?\.?\s?O\s?\.?\s*(?:\d{5}|:)", re.IGNORECASE)),
    ("tags", re.compile(r"^\s*TAGS?\b", re.IGNORECASE)),
    ("subject", re.compile(r"^\s*SUBJ(?:ECT)?\s*:|^\s*SUBJECT\s", re.IGNORECASE)),
    (
        "refs",
        re.compile(
            r"^\s*(?:REF(?:S|TELS?|ERENCES?|\(S\))?\s*[:.]|REF(?:S|TELS?)?\s+[A-Z0-9(])", re.I
        ),
    ),
    ("classified_by", re.compile(r"^\s*(?:\(\w+\)\s*)?CLASSIFIED\s+BY\b", re.IGNORECASE)),
)
CAVEAT = re.compile(
    r"^\s*(?P<words>(?:(?:SIPDIS|SENSITIVE|NOFORN|NODIS|EXDIS|LIMDIS|STADIS|ORCON|PROPIN|"
    r"(?:[A-Z]{2,5}\s)?SENSITIVE|CXWEB|INTERNAL USE ONLY|FOR OFFICIAL USE ONLY|REL\s+[A-Z ,]+?"
    r"|NOT FOR INTERNET(?: DISTRIBUTION)?)[ \t]?[/,]?[ \t]?)+)$",
    re.IGNORECASE,
)
PARAGRAPH_START = re.compile(
    r"^\s*(?:¶|\d{1,3}\s?\.\s|\d{1,3}\s?\.?\s*\([A-Z/]{1,10}\)|\([A-Z/]{1,10}\)\s"
    r"|(?:BEGIN\s+)?SUMMARY\b|-{3,})",
)
INLINE_FIELD = re.compile(
    r"(?<=\S)\s(?=TAGS?\s*:|SUBJECT\s*:|REF(?:TELS?|S)?\s*:|CLASSIFIED\s+BY\b)"
    # scraped text runs the REF line into the one before: `NEW CABINETREF: A. OSLO 1111`
    r"|(?<=[A-Za-z).])(?-i:(?=REF(?:TELS?|S)?:\s*(?:\(?[A-Z][.)]|\d|[A-Z]{3}[A-Z ]*\d)))",
    re.IGNORECASE,
)
LABEL_NEXT = re.compile(r"^\s*¶?\s*\(?[A-Z][.)]\s")
# A post name cut by a blank line (`BUENOS` / `AIRES 1402`): the REF line goes on.
POST_CUT = re.compile(r"[A-Za-z]$")
POST_REST = re.compile(r"^\s*[A-Z][A-Za-z'.]*(?:\s[A-Z][A-Za-z'.]*)?\s+\d")
# A field starting this far below the caption is body text that looks like one.
PAGE_CLASSIFICATION = re.compile(r"^\s*(?:UNCLASSIFIED|CONFIDENTIAL|SECRET)\s*$")
WINDOW = 60
LONGEST_FIELD_LINE = 2000


# All field patterns in one, so a line costs one match instead of five.
ANY_FIELD = re.compile(
    "|".join(f"(?P<{name}>{pattern.pattern})" for name, pattern in FIELDS), re.IGNORECASE
)


# Every field pattern opens, after spaces, with one of these letters in any case
# (IGNORECASE also lets "ſ" stand for "s") or the "(" of "(U) Classified By".
FIELD_START = frozenset("EeTtSsſRrCc(")


def _is_header_line(text: str) -> str | None:
    if text.lstrip()[:1] not in FIELD_START:
        return None  # most lines: no pattern to try
    match = ANY_FIELD.match(text)
    return match.lastgroup if match else None


def _pieces(lines: tuple[str, ...], start: int, end: int) -> Iterator[tuple[int, str]]:
    """(index, text) for each line, cut where a second field starts on the same line."""
    for index in range(start, end):
        line = lines[index]
        # both page-break shapes hold " OF ": most lines skip the pattern
        page = PAGE_BREAK.match(line) if "O" in line and "OF" in line else None
        if page or PAGE_CLASSIFICATION.match(line):
            # a page break inside the header is noise; text after an old-style
            # page line ('PAGE 02 HARARE 06677 01 OF 03 291400Z OPPOSITION LEADER') is not
            line = line[page.end() :] if page else ""
            if not line.strip():
                continue
        cut = 0
        # only a line that opens a field carries a second one (`E.O. ... TAGS: ...`)
        # and a REF item the scrape ran into the Classified By line (`B. RIO 346 Classified By:`)
        inline = ":" in line and (_is_header_line(line) is not None or "LASSIFIED" in line.upper())
        for match in INLINE_FIELD.finditer(line) if inline else ():
            if line[cut : match.start()].strip():
                yield index, line[cut : match.start()].rstrip()
                cut = match.end()
        yield index, line[cut:]


class _Window:
    """The pieces of the header window, cut only as far as they are read.

    The body usually starts a few lines below the caption, well inside the
    window, and cutting the lines nobody reads cost more than reading the rest.
    """

    def __init__(self, lines: tuple[str, ...], start: int, end: int) -> None:
        self._cut = _pieces(lines, start, end)
        self._read: list[tuple[int, str]] = []

    def at(self, position: int) -> tuple[int, str] | None:
        """The piece at `position`, or None past the last one."""
        while len(self._read) <= position:
            piece = next(self._cut, None)
            if piece is None:
                return None
            self._read.append(piece)
        return self._read[position]

    def next_text(self, position: int) -> str:
        """The first piece at or after `position` that is not blank, or ""."""
        while (piece := self.at(position)) is not None:
            if piece[1].strip():
                return piece[1]
            position += 1
        return ""


def find_preamble(raw: RawCable) -> RawCable:
    """Cut the header fields into blocks and find where the body starts."""
    if raw.caption_index is not None:
        start = raw.caption_index + 1
    else:
        start = max(raw.envelope[1], raw.notice + 1 if raw.notice is not None else 0)
    blocks: dict[str, tuple[int, list[str]]] = {}
    caveats: list[str] = []
    handling: list[str] = []
    current: str | None = None
    end = min(len(raw.lines), start + WINDOW)
    window = _Window(raw.lines, start, end)
    index = end
    position = 0
    while (piece := window.at(position)) is not None:
        index, line = piece
        position += 1
        text = line.strip()
        if len(text) > LONGEST_FIELD_LINE:
            break  # no header line is this long: the body has begun
        name = _is_header_line(text)
        if not text:
            following = window.next_text(position)
            if current != "refs" or not _refs_go_on(blocks["refs"][1][-1], following):
                current = None
        elif name and name not in blocks:
            current = name
            blocks[name] = (index, [line])
        elif current and (
            not PARAGRAPH_START.match(text) or (current == "refs" and LABEL_NEXT.match(text))
        ):
            blocks[current][1].append(line)
        elif CAVEAT.match(text) and "subject" not in blocks:
            caveats.append(text)
        elif PARAGRAPH_START.match(text) or "subject" in blocks or "tags" in blocks:
            break
        else:
            handling.append(text)
    else:
        index = end
    if not blocks and (len(handling) > 6 or index >= end):
        # no header field at all: what looked like distribution lines is the body
        handling = []
        index = _skip_caveats(raw.lines, start)

    def block(name: str) -> Block | None:
        if name not in blocks:
            return None
        first, lines = blocks[name]
        return Block(first + 1, tuple(lines))

    return evolve(
        raw,
        caveats=tuple(caveats),
        handling=tuple(handling),
        body_start=index,
        eo=block("eo"),
        tags=block("tags"),
        subject=block("subject"),
        refs_block=block("refs"),
        classified_by=block("classified_by"),
    )


def _refs_go_on(last: str, following: str) -> bool:
    """Whether the REF block goes on past a blank line, to the line `following`."""
    return bool(
        LABEL_NEXT.match(following) or (POST_CUT.search(last) and POST_REST.match(following))
    )


def _skip_caveats(lines: tuple[str, ...], start: int) -> int:
    index = start
    while index < len(lines) and (not lines[index].strip() or CAVEAT.match(lines[index])):
        index += 1
    return index
