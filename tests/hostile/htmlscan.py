"""Read pages back with the standard library's HTML parser and say what is wrong.

The rule being checked: every element and attribute of a page comes from a
template, never from cable text. So the vocabulary of a page (tag and attribute
names) must be within what the templates write, scripts and styles must be the
templates' own, and no URL attribute may carry a script scheme.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from generator.render import renderer as render

URL_ATTRS = {"href", "src", "action", "formaction", "poster", "cite", "data", "srcset", "ping"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
# HTML forbids these code points in a document (they are parse errors), and a
# browser may show them as boxes or act on them; cable text must lose them.
FORBIDDEN_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff\ufdd0-\ufdef]")
# A payload that reached the page as markup instead of text shows up raw.
RAW_MARKUP = re.compile(
    r"<\s*/?\s*(?:script[^>]*>\s*alert|img\s+src\s*=\s*x|svg[^>]*\bon\w+\s*=|iframe\b|object\b|embed\b"
    r"|style\s*>\s*body|base\s+href|meta\s+http-equiv)",
    re.IGNORECASE,
)

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?/?>")
_ATTR = re.compile(r"([a-zA-Z_:@][-a-zA-Z0-9_:.]*)")


@dataclass
class Vocabulary:
    """Tag and attribute names that may appear in a page."""

    tags: set[str] = field(default_factory=set)
    attrs: set[str] = field(default_factory=set)
    inline: set[str] = field(default_factory=set)
    """Bodies of inline <script> and <style> elements the templates hold."""

    def add(self, other: Vocabulary) -> None:
        self.tags |= other.tags
        self.attrs |= other.attrs
        self.inline |= other.inline


def template_vocabulary(templates: Path) -> Vocabulary:
    """Every tag and attribute name the templates write, and the code that writes markup."""
    vocab = Vocabulary()
    for path in [*sorted(templates.rglob("*")), *render.markup_sources()]:
        if not path.is_file():
            continue
        source = _JINJA.sub(" ", path.read_text("utf-8"))
        for match in _TAG.finditer(source):
            vocab.tags.add(match[1].lower())
            attrs = _QUOTED.sub(" ", match[2] or "")
            vocab.attrs.update(a.lower() for a in _ATTR.findall(attrs))
        for body in re.findall(r"<(?:script|style)[^>]*>(.*?)</", source, re.DOTALL):
            if body.strip():
                vocab.inline.add(body.strip())
    # Attribute values were blanked above, so the bare words left are names;
    # drop the fragments a blanked value can leave behind.
    vocab.attrs = {a for a in vocab.attrs if not a[0].isdigit()}
    return vocab


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.starts: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.raw_blocks: list[tuple[str, dict[str, str | None], str]] = []
        self._open: tuple[str, dict[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, attrs))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))
            self.raw_blocks.append((tag, dict(attrs), ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[0]:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            tag, attrs, body = self.raw_blocks[-1]
            self.raw_blocks[-1] = (tag, attrs, body + data)
        else:
            self.text.append(data)


@dataclass(frozen=True)
class Page:
    """What a page holds, as a browser's parser would see it."""

    path: str
    starts: tuple[tuple[str, tuple[tuple[str, str | None], ...]], ...]
    text: str
    blocks: tuple[tuple[str, tuple[tuple[str, str | None], ...], str], ...]

    @property
    def vocabulary(self) -> Vocabulary:
        vocab = Vocabulary()
        for tag, attrs in self.starts:
            vocab.tags.add(tag)
            vocab.attrs.update(name for name, _ in attrs)
        return vocab


def scan(path: Path, site: Path) -> Page:
    """Parse one page file."""
    return scan_text(path.read_bytes().decode("utf-8"), path.relative_to(site).as_posix())


def scan_text(source: str, path: str) -> Page:
    """Parse one page's HTML; `path` is its site-root path."""
    parser = _Scanner()
    parser.feed(source)
    parser.close()
    return Page(
        path=path,
        starts=tuple((t, tuple(a)) for t, a in parser.starts),
        text="".join(parser.text),
        blocks=tuple((t, tuple(a.items()), b) for t, a, b in parser.raw_blocks),
    )


def problems(page: Page, raw: str, allowed: Vocabulary, site: Path) -> list[str]:
    """Everything in `page` that did not come from a template; [] when clean."""
    out: list[str] = []
    where = page.path
    if m := FORBIDDEN_CHARS.search(raw):
        out.append(f"{where}: forbidden code point U+{ord(m[0]):04X} at offset {m.start()}")
    if m := RAW_MARKUP.search(raw):
        out.append(f"{where}: payload rendered as markup: {raw[m.start() : m.start() + 60]!r}")
    for tag, attrs in page.starts:
        if tag not in allowed.tags:
            out.append(f"{where}: element <{tag}> is not written by any template")
        for name, value in attrs:
            if name not in allowed.attrs:
                out.append(f"{where}: attribute {name!r} on <{tag}> is not in any template")
            if name.startswith("on"):
                out.append(f"{where}: event handler attribute {name}={value!r} on <{tag}>")
            if name in URL_ATTRS and value is not None:
                plain = re.sub(r"[\x00-\x20]", "", value).lower()
                if plain.startswith(BAD_SCHEMES):
                    out.append(f"{where}: script URL {name}={value!r} on <{tag}>")
            if tag == "meta" and (name, (value or "").lower()) == ("http-equiv", "refresh"):
                out.append(f"{where}: meta refresh")
    out.extend(_block_problems(page, allowed, site))
    return out


def _block_problems(page: Page, allowed: Vocabulary, site: Path) -> list[str]:
    out = []
    here = (site / page.path).parent
    for tag, attr_items, body in page.blocks:
        attrs = dict(attr_items)
        where = f"{page.path}: <{tag}>"
        if tag == "script" and attrs.get("type") == "application/ld+json":
            try:
                json.loads(body)
            except ValueError as exc:
                out.append(f"{where} JSON-LD does not parse ({exc}): {body[:80]!r}")
            if "<" in body:
                out.append(f"{where} JSON-LD holds a raw '<' that could end its element")
        elif tag == "script" and attrs.get("src"):
            src = attrs["src"] or ""
            if "://" in src or src.startswith("//"):
                out.append(f"{where} loads a script from elsewhere: {src!r}")
            elif not (here / src.split("?")[0]).resolve().is_file():
                out.append(f"{where} loads a script the site does not have: {src!r}")
            if body.strip():
                out.append(f"{where} has both src and a body")
        elif body.strip() and body.strip() not in allowed.inline:
            out.append(f"{where} inline body not from a template: {body[:80]!r}")
    return out


def scan_site(site: Path, allowed: Vocabulary) -> tuple[list[Page], list[str]]:
    """Scan every page of a built site; return the pages and all problems found."""
    pages, found = [], []
    for path in sorted(site.rglob("*.html")):
        raw = path.read_bytes().decode("utf-8", errors="replace")
        page = scan(path, site)
        pages.append(page)
        found.extend(problems(page, raw, allowed, site))
    return pages, found
