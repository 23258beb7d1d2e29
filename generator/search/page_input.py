"""What Pagefind reads of a cable page: the searchable element, marked for its shard.

A rendered cable page carries navigation, the JSON-LD record, link lists and
banners that Pagefind parses only to skip (the page marks the searchable part
with data-pagefind-body). Handing the binary just that element, inside a
minimal document with the page's language and title, gives the same index
for a fraction of the bytes to parse. A page whose Pagefind attributes are
not all inside that element is handed over whole, so nothing it asks for is
dropped.
"""

from __future__ import annotations

import functools
import hashlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from generator.corpus.link import CableMeta, Corpus

_BODY = "data-pagefind-body"
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)[\s/>]")
_HTML = re.compile(r"<html\b[^>]*>", re.I)
_TITLE = re.compile(r"<title\b[^>]*>.*?</title>", re.I | re.S)
# Read by Pagefind wherever they sit on a page; everything else counts only inside the body.
_OUTSIDE = re.compile(r"data-pagefind-(?:filter|meta|default-meta|sort)\b")


def sort_key(created: str | None) -> str:
    """The value Pagefind sorts "date" by; undated cables come first, as in the corpus order."""
    return created.replace(":", "") if created else "0000"


def marks(shard: str, m: CableMeta) -> str:
    """The shard, year and month filters and the date sort key of one page, as empty elements.

    Shard and sort key must agree with the shard plan's order for date sorting
    across shards to be exact, and the year comes from the corpus (the DTG,
    else the ID), which a page without a date does not show; so they come
    from here rather than from the template. The elements are empty: nothing
    is added to the searchable text.
    """
    year = str(m.year) if m.year is not None else "undated"
    # The month lets the search page filter a date range: Pagefind has no range
    # filter, so a range is asked for as the months in it.
    month = f"{m.year:04d}-{m.month:02d}" if m.year is not None and m.month else "undated"
    return (
        f'<span hidden data-pagefind-filter="shard:{shard}" '
        f'data-pagefind-sort="date:{sort_key(m.created)}"></span>'
        f'<span hidden data-pagefind-filter="year:{year}"></span>'
        f'<span hidden data-pagefind-filter="month:{month}"></span>'
    )


def mark(html: str, shard: str, m: CableMeta) -> str:
    """The whole page with `marks` added right after its <body> tag."""
    at = html.find("<body")
    end = html.find(">", at) + 1 if at >= 0 else 0
    return html[:end] + marks(shard, m) + html[end:]


def _body_span(html: str) -> tuple[int, int] | None:
    """Start and end offsets of the element marked data-pagefind-body, tags included.

    Found with plain string search rather than one regex over every tag: this
    runs on every page of the archive.
    """
    at = html.find(_BODY)
    while at > 0:
        start = html.rfind("<", 0, at)
        opening = _TAG_NAME.match(html, start) if start >= 0 else None
        if opening and _is_attribute(html, at) and ">" not in html[start:at]:
            break
        at = html.find(_BODY, at + 1)
    else:
        return None
    depth = 0
    for tag in tags(opening.group(1).lower()).finditer(html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return start, tag.end()
    return None


def _is_attribute(html: str, at: int) -> bool:
    """Whether the _BODY found at `at` is a whole attribute name, not part of a word."""
    after = html[at + len(_BODY) : at + len(_BODY) + 1]
    return html[at - 1].isspace() and after != "" and after in " \t\n\r=/>"


@functools.cache
def tags(name: str) -> re.Pattern[str]:
    """Opening and closing tags of element `name` (group 1 is "/" for a closing one)."""
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*>", re.I)


def search_html(html: str, shard: str, m: CableMeta) -> str:
    """The document Pagefind indexes for one page: its searchable element and `marks`.

    Falls back to the whole marked page when there is no searchable element,
    when it is not closed, or when Pagefind attributes sit outside it
    (Pagefind reads filters, metadata and sort keys anywhere on a page).
    """
    span = _body_span(html)
    if span is None:
        return mark(html, shard, m)
    start, end = span
    if _OUTSIDE.search(html, 0, start) or _OUTSIDE.search(html, end):
        return mark(html, shard, m)
    opening = _HTML.search(html, 0, start)
    title = _TITLE.search(html, 0, start)
    return (
        "<!doctype html>"
        + (opening.group(0) if opening else "<html>")
        + '<head><meta charset="utf-8">'
        + (title.group(0) if title else "")
        + "</head><body>"
        + marks(shard, m)
        + html[start:end]
        + "</body></html>"
    )


def digest(site_dir: Path, corpus: Corpus, ids: tuple[str, ...], salt: str) -> str:
    """A hash of the pages of `ids` as rendered in `site_dir`; a missing page hashes as empty."""
    h = hashlib.sha256(f"{salt}\n".encode())
    for cid in ids:
        page = site_dir / corpus.cables[cid].path
        data = page.read_bytes() if page.is_file() else b""
        h.update(f"{cid} {hashlib.sha1(data).hexdigest()}\n".encode())
    return h.hexdigest()


def _inputs(
    site_dir: Path, corpus: Corpus, shard: str, ids: tuple[str, ...]
) -> Iterator[tuple[CableMeta, str | None]]:
    """Each cable of `ids` with what Pagefind is handed of its page, or None if unreadable."""
    for cid in ids:
        m = corpus.cables[cid]
        try:
            html = (site_dir / m.path).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            yield m, None
            continue
        yield m, search_html(html, shard, m)


def staged(site_dir: Path, corpus: Corpus, shard: str, ids: tuple[str, ...]) -> Iterator[str]:
    """What `stage` writes for each page of `ids` that can be read, one page at a time."""
    return (text for _, text in _inputs(site_dir, corpus, shard, ids) if text is not None)


def stage(
    site_dir: Path, corpus: Corpus, shard: str, ids: tuple[str, ...], folder: Path
) -> list[str]:
    """Write what Pagefind indexes of each page under `folder`, at the page's site path.

    Returns the site paths of the pages that could not be read.
    """
    missing: list[str] = []
    shutil.rmtree(folder, ignore_errors=True)
    for m, text in _inputs(site_dir, corpus, shard, ids):
        if text is None:
            missing.append(m.path)
            continue
        target = folder / m.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    return missing
