"""The 2010 WikiLeaks site's cable pages (`cable/YYYY/MM/ID.html`).

The text is in two `<pre>` blocks, header then body, with newlines written
as `&#x000A;` and TAGS and paragraph marks as links; a table of class `cable`
gives the Reference ID, Created, Released, Classification and Origin. The
page is read with the standard library's HTML parser: it is forgiving of the
site's XHTML, and link text is all that is kept of the markup inside `<pre>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

COLUMNS = ("Reference ID", "Created", "Released", "Classification", "Origin")


@dataclass(frozen=True)
class Page:
    """What a cable page holds: its metadata table and its text blocks."""

    metadata: dict[str, str]
    """Column heading -> cell text, e.g. {"Created": "2006-03-30 13:01", ...}."""
    blocks: tuple[str, ...]
    """The `<pre>` texts, entities decoded and markup removed."""

    @property
    def text(self) -> str:
        """The cable text as a text file holds it: header, blank line, body."""
        return "\n\n".join(self.blocks) + "\n"


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.cells: list[str] = []
        self.blocks: list[str] = []
        self._table = 0
        self._cell: list[str] | None = None
        self._pre: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and ("class", "cable") in attrs:
            self._table += 1
        elif tag in ("th", "td") and self._table:
            self._cell = []
        elif tag == "pre":
            self._pre = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._table:
            self._table -= 1
        elif tag in ("th", "td") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            (self.headings if tag == "th" else self.cells).append(text)
            self._cell = None
        elif tag == "pre" and self._pre is not None:
            self.blocks.append("".join(self._pre))
            self._pre = None

    def handle_data(self, data: str) -> None:
        if self._pre is not None:
            self._pre.append(data)
        elif self._cell is not None:
            self._cell.append(data)


def read_page(html: str) -> Page | None:
    """The cable page in `html`, or None when it is not one (no metadata table and text)."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    metadata = dict(zip(reader.headings, reader.cells, strict=False))
    if not reader.blocks or not all(metadata.get(c) is not None for c in COLUMNS):
        return None
    return Page(metadata, tuple(reader.blocks))
