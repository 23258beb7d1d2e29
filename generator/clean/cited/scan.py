"""Year, post and serial read from a REF item whose slips are already mended.

The item is cut into tokens (numbers, words, `(07)`-style years, joiners),
then read left to right. A cable is a known post with a serial, its year
written in any of the places real cables put it:

    08 ASTANA 2100    2006 CARACAS 02211    (98) MADRID 1420    097 LIMA 610
    STATE (03) 101234    MANAGUA 512 (07)    LIMA 3310-92    TUNIS 04417 98

and without one it takes the citing cable's year. Further serials joined by
`/`, `,`, `&` or `AND` share the post (`DHAKA 412/398`); a serial may come
first (`455 BISHKEK`) when no serial follows the post.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.clean.ids import full_year, station_name

TOKEN = re.compile(
    r"(?P<pyear>\(\s*(?:\d{2}|\d{4})\s*\))|(?P<num>\d+)|(?P<word>[A-Z][A-Z'.]*)"
    r"|(?P<join>[/,&])|(?P<dash>-)|(?P<stop>\S)"
)
LONGEST_POST = 4  # words: `RIO DE JANEIRO`, `PORT AU PRINCE`
LONGEST_SERIAL = 7  # digits, after leading zeros


@dataclass(frozen=True)
class Token:
    kind: str
    text: str


def tokens(text: str) -> list[Token]:
    """`text` cut into tokens; `AND` is a joiner like `/`."""
    out = []
    for match in TOKEN.finditer(text):
        kind = match.lastgroup or "stop"
        if kind == "word" and match[0] == "AND":
            kind = "join"
        out.append(Token(kind, match[0]))
    return out


def scan(text: str, year: int | None) -> Iterator[str]:
    """The ID of each cable `text` names, left to right."""
    found = tokens(text)
    i = 0
    while i < len(found):
        read = _cables_at(found, i, year)
        if read is None:
            i += 1
            continue
        ids, i = read
        yield from ids


def _cables_at(found: list[Token], i: int, year: int | None) -> tuple[list[str], int] | None:
    """(IDs, next index) for the cables written from token `i`, or None."""
    front = _year_of(found[i]) if i < len(found) else None
    if front is not None and (read := _post_and_serials(found, i + 1, front, year)):
        return read
    if read := _post_and_serials(found, i, None, year):
        return read
    return _serial_first(found, i, year)


def _post_and_serials(
    found: list[Token], i: int, front: int | None, year: int | None
) -> tuple[list[str], int] | None:
    """`POST [(YY)] SERIAL [YY] (, SERIAL [YY])*` from token `i`."""
    post = _post_at(found, i)
    if post is None:
        return None
    name, j = post
    if j < len(found) and found[j].kind == "pyear":
        front, j = _year_of(found[j]), j + 1
    if not _is_serial(found, j):
        return None
    ids: list[str] = []
    while True:
        serial = int(found[j].text)
        own, j = _year_after(found, j + 1)
        ref_year = own or front or year
        if ref_year is not None:
            ids.append(f"{ref_year % 100:02d}{name}{serial}")
        after = j
        while _at(found, after, "join"):  # `, AND` joins like `AND`
            after += 1
        if after == j or not (_is_serial(found, after) and _ends_here(found, after + 1)):
            return ids, j
        j = after


def _serial_first(found: list[Token], i: int, year: int | None) -> tuple[list[str], int] | None:
    """`455 BISHKEK`: a serial, then a post that no serial follows."""
    if year is None or not _is_serial(found, i):
        return None
    post = _post_at(found, i + 1)
    if post is None or _at(found, post[1], "num") or _at(found, post[1], "pyear"):
        return None
    return [f"{year % 100:02d}{post[0]}{int(found[i].text)}"], post[1]


def _post_at(found: list[Token], i: int) -> tuple[str, int] | None:
    """(canonical post, index after it) for the longest known post starting at `i`."""
    words: list[str] = []
    while i + len(words) < len(found) and len(words) < LONGEST_POST:
        token = found[i + len(words)]
        if token.kind != "word":
            break
        words.append(token.text)
    for size in range(len(words), 0, -1):
        written = " ".join(words[:size])
        name = station_name(written) or station_name(re.sub(r"['.]", "", written))
        if name:
            return name, i + size
    return None


def _year_after(found: list[Token], j: int) -> tuple[int | None, int]:
    """A year written after a serial (`(07)`, `-92`, ` 98`), and the index past it."""
    if _at(found, j, "pyear"):
        return _year_of(found[j]), j + 1
    if _at(found, j, "dash") and _at(found, j + 1, "num"):
        written = _year_of(found[j + 1])
        if written is not None and len(found[j + 1].text) in (2, 4):
            return written, j + 2
    # a bare number after the serial is its year unless a post follows it,
    # which makes it the front year of the next reference (`709 2008 SAO PAULO 542`)
    if _at(found, j, "num") and len(found[j].text) in (2, 4) and _ends_here(found, j + 1):
        written = _year_of(found[j])
        if written is not None:
            return written, j + 1
    return None, j


def _year_of(token: Token) -> int | None:
    """The year a token writes (`07`, `2006`, `(98)`, `097`), or None."""
    digits = token.text.strip("() ")
    if token.kind not in ("num", "pyear") or not digits.isdigit():
        return None
    if len(digits) == 4:
        return int(digits) if 1900 <= int(digits) <= 2099 else None
    if len(digits) == 3 and digits[0] == "0":
        digits = digits[1:]
    return full_year(digits) if len(digits) == 2 else None


def _is_serial(found: list[Token], j: int) -> bool:
    return _at(found, j, "num") and 0 < len(found[j].text.lstrip("0")) <= LONGEST_SERIAL


def _ends_here(found: list[Token], j: int) -> bool:
    """Whether nothing that continues a reference (a post, a number) starts at `j`."""
    return not (_at(found, j, "num") or _post_at(found, j) is not None)


def _at(found: list[Token], j: int, kind: str) -> bool:
    return j < len(found) and found[j].kind == kind
