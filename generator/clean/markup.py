r"""Undo the Markdown the archive pages left in the text: `[PGOV](#)`, `**PHUM**`, `\$`.

markdown-it-py's inline parser finds these exactly as the page's renderer
did; only links, `**` emphasis and backslash escapes are undone, and every
other token is written back as it was, so cable text that merely looks like
Markdown (`*`, `_`, `[in democracy]`) stays intact.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

# The archive's own tag links, `[PGOV](#)`: when a text holds nothing else that
# Markdown could read (no other bracket, `*`, `_` or backslash), markdown-it
# turns each into its text, so this shortcut gives the same result at a
# fraction of the cost (a test checks they agree).
PLAIN_LINK = re.compile(r"\[([A-Za-z0-9 ,.'/-]+)\]\(#\)")
LEFTOVER = re.compile(r"[\[\]*_\\`]")


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("zero").enable(["emphasis", "link", "escape"])


# The archive's other TAGS shape, `**PHUM PREL**`: pairs of `**` around words that
# start and end with a letter or digit, apart from each other, and no other character
# Markdown could read.
# Each opening `**` is then left-flanking and each closing one right-flanking, so
# markdown-it pairs them in order into strong emphasis and keeps every other
# character as text (a test checks they agree).
_PLAIN = r"[^\[\]*_\\`\r\0]"
_STRONG_WORDS = rf"\*\*[A-Za-z0-9](?:{_PLAIN}*[A-Za-z0-9])?\*\*"
PLAIN_STRONG = re.compile(rf"{_PLAIN}*{_STRONG_WORDS}(?:{_PLAIN}+{_STRONG_WORDS})*{_PLAIN}*")


def unmark(text: str) -> str:
    """`text` with scrape links, strong emphasis and escapes removed."""
    # A two-character substring test scans a text many times slower than a
    # one-character one, and most texts lack "*", "]" and "_" altogether.
    if not (
        "\\" in text
        or "*" in text
        and "**" in text
        or "]" in text
        and "](" in text
        or "_" in text
        and "__" in text
    ):
        return text  # no construct we undo can be present: the common case
    if PLAIN_STRONG.fullmatch(text):
        return text.replace("**", "")
    simple = PLAIN_LINK.sub(r"\1", text)
    if not LEFTOVER.search(simple):
        return simple  # nothing but plain links: the shortcut is exact
    if len(text) > MARKDOWN_LIMIT:
        return _roughly(simple)
    return via_markdown(text)


# markdown-it-py spends about 10 microseconds per character of dense markup: a
# scraped paragraph is a few kilobytes, and a longer one is broken or hostile
# input, where bounded time matters more than an exact reading of its markup.
MARKDOWN_LIMIT = 64 * 1024
STRONG = re.compile(r"\*\*")
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _roughly(text: str) -> str:
    """`unmark` in linear time: `**` dropped and escapes undone, without pairing."""
    return ESCAPE.sub(r"\1", STRONG.sub("", text))


def via_markdown(text: str) -> str:
    """`unmark` done by markdown-it alone, for any text."""
    tokens = _parser().parseInline(text)[0].children or []
    out: list[str] = []
    links: list[str] = []
    for token in tokens:
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            links.append(href)
            out.append("" if href == "#" else "[")
        elif token.type == "link_close":
            href = links.pop() if links else "#"
            out.append("" if href == "#" else f"]({href})")
        else:
            out.append(_render(token))
    return "".join(out)


def _render(token: Token) -> str:
    """Text of one inline token, with its markup kept unless it is a scrape artefact."""
    kind = token.type
    if kind in ("text", "text_special"):
        return token.content
    if kind in ("strong_open", "strong_close"):
        return "" if token.markup == "**" else token.markup
    if kind in ("em_open", "em_close"):
        return token.markup
    if kind in ("softbreak", "hardbreak"):
        return "\n"
    return token.content or token.markup
