"""The shard directory: a small Pagefind index that says which shards can hold a match.

A query in the browser would otherwise open every shard (its entry, metadata
and index chunk for each word): at 250,000 cables, megabytes per query. The
directory is one more Pagefind index, pagefind/_shards/, holding one page per
shard: the shard's distinct words as its text and the union of its pages'
filter values as its filters. Searched with the query's words unquoted and
the query's filters, it answers with the shards where every word (as Pagefind
stems and prefix-matches it) and some value of every filter occur; a page can
match only in such a shard, so no shard holding a match is ever missed. The
search page then opens only those (static/search.js). Word order means nothing
in the directory: phrases are checked in the shards themselves.

The words and filters of a shard ("terms") are read from what Pagefind is
handed of its pages (generator.search.page_input), when the shard is indexed,
and kept in the cache beside it with the digest of its pages, so a shard
reused from the cache costs the directory nothing.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.corpus.link import Corpus
from generator.search import page_input, publish

FOLDER = "_shards"
"""Under pagefind/ beside the shards; no shard name (a month, "undated") starts with "_"."""
TERMS = "_terms"
"""Folder of the cache holding each shard's terms, as <shard>.json."""
VERSION = "1"
"""Bump when what is read of a page changes: terms kept in the cache are then read again."""
STAMP = "_shards.key"
"""File of the cache naming what the cached directory was built from."""
Indexer = Callable[[Path, Path], None]
"""Indexes the staged pages of its first folder into its second, as a shard is indexed."""


@dataclass(frozen=True)
class Terms:
    """What a shard can match: its distinct words and every filter value of its pages."""

    words: frozenset[str]
    filters: Mapping[str, frozenset[str]]


_TAG = re.compile(r"<[^>]*>")
_IGNORE = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)\b[^>]*?\sdata-pagefind-ignore\b[^>]*>")
_FILTER = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)\b[^>]*?\sdata-pagefind-filter=\"([^\"]*)\"[^>]*>")
_ALT = re.compile(r"\salt=\"([^\"]*)\"")


def _element_end(text: str, start: int, tag: str) -> int | None:
    """Where the element whose opening tag starts at `start` ends, or None if unclosed."""
    depth = 0
    for t in page_input.tags(tag.lower()).finditer(text, start):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            return t.end()
    return None


def _indexed(text: str) -> str:
    """`text` without the elements marked data-pagefind-ignore (each left as a bare tag)."""
    out, pos = [], 0
    for m in _IGNORE.finditer(text):
        if m.start() < pos:
            continue  # inside an element already left out
        end = _element_end(text, m.start(), m.group(1))
        if end is not None:
            out.append(text[pos : m.start()] + "<>")
            pos = end
    out.append(text[pos:])
    return "".join(out)


def _filters(text: str) -> dict[str, frozenset[str]]:
    """Every filter value of a page, given as "key:value" or as the element's text."""
    found: dict[str, set[str]] = {}
    for m in _FILTER.finditer(text):
        attr = html.unescape(m.group(2))
        if ":" in attr:
            key, _, value = attr.partition(":")
        else:
            end = _element_end(text, m.start(), m.group(1))
            inner = text[m.end() : end] if end is not None else ""
            key, value = attr, html.unescape(_TAG.sub("", inner))
        key, value = key.strip(), value.strip()
        if key and value:
            found.setdefault(key, set()).add(value)
    return {k: frozenset(v) for k, v in found.items()}


def read_page(text: str) -> Terms:
    """The terms of one page as Pagefind is handed it.

    Pagefind joins the text of inline elements and breaks words at block ones;
    the words here are every run of text between whitespace or tags, so each
    word Pagefind sees is one of them (a superset is all the directory needs).
    Text Pagefind does not index (data-pagefind-ignore) is left out; filter
    values are read anywhere, as Pagefind reads them.
    """
    kept = _indexed(text)
    chunks = [html.unescape(c) for c in _TAG.split(kept)]
    chunks += [" " + html.unescape(a) + " " for a in _ALT.findall(kept)]
    return Terms(_words(chunks), _filters(text))


def _words(chunks: list[str]) -> frozenset[str]:
    """Every whitespace-delimited word of the joined chunks, also cut at any chunk edges."""
    out: set[str] = set()
    cur: list[str] = []

    def flush() -> None:
        for i in range(len(cur)):
            for j in range(i + 1, len(cur) + 1):
                out.add("".join(cur[i:j]))
        cur.clear()

    for chunk in chunks:
        if not chunk:
            continue
        if chunk[0].isspace():
            flush()
        for k, part in enumerate(chunk.split()):
            if k:
                flush()
            cur.append(part)
        if chunk[-1].isspace():
            flush()
    flush()
    return frozenset(out)


def merge(parts: Iterable[Terms]) -> Terms:
    """The terms of a shard from those of its pages."""
    words: set[str] = set()
    filters: dict[str, set[str]] = {}
    for t in parts:
        words |= t.words
        for k, v in t.filters.items():
            filters.setdefault(k, set()).update(v)
    return Terms(frozenset(words), {k: frozenset(v) for k, v in filters.items()})


def read_staged(folder: Path) -> Terms:
    """The terms of a shard from its staged pages (page_input.stage)."""
    return merge(read_page(p.read_text("utf-8")) for p in sorted(folder.rglob("*.html")))


def save(path: Path, terms: Terms, digest: str) -> None:
    """Keep a shard's terms with the digest of the pages they were read from."""
    data = {
        "version": VERSION,
        "digest": digest,
        "words": sorted(terms.words),
        "filters": {k: sorted(v) for k, v in sorted(terms.filters.items())},
    }
    publish.replace_file(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())


def load(path: Path, digest: str) -> Terms | None:
    """A shard's kept terms, or None when missing, unreadable or of other pages."""
    try:
        data = json.loads(path.read_text("utf-8"))
        if data["digest"] != digest or data["version"] != VERSION:
            return None
        filters = {str(k): frozenset(map(str, v)) for k, v in data["filters"].items()}
        return Terms(frozenset(map(str, data["words"])), filters)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def page(shard: str, terms: Terms) -> str:
    """The directory page of one shard: its filter values, then its words as text."""
    esc = html.escape
    marks = "".join(
        f'<span data-pagefind-filter="{esc(k)}">{esc(v)}</span>'
        for k in sorted(terms.filters)
        for v in sorted(terms.filters[k])
    )
    words = "\n".join(esc(w) for w in sorted(terms.words))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(shard)}</title></head><body><main data-pagefind-body>"
        f"<div data-pagefind-ignore>{marks}</div><p>{words}</p></main></body></html>\n"
    )


def pages(terms: Mapping[str, Terms]) -> dict[str, str]:
    """Site-relative file name -> directory page, one per shard."""
    return {f"{name}/index.html": page(name, t) for name, t in terms.items()}


def terms_path(store: Path, shard: str) -> Path:
    """Where the cache keeps a shard's terms."""
    return store / TERMS / f"{shard}.json"


def build(store: Path, terms: Mapping[str, Terms], salt: str, index: Indexer) -> Path | None:
    """Bring the cache's directory, store/_shards, up to date with `terms`; it, or None.

    Indexed again only when a shard's terms (or the salt: format and Pagefind
    version) changed; the pages are staged beside it and indexed by `index`.
    """
    target, stamp = store / FOLDER, store / STAMP
    if not terms:
        shutil.rmtree(target, ignore_errors=True)
        stamp.unlink(missing_ok=True)
        return None
    docs = pages(terms)
    h = hashlib.sha256(f"{salt}\n".encode())
    for name, doc in docs.items():
        h.update(f"{name} {hashlib.sha256(doc.encode()).hexdigest()}\n".encode())
    key = h.hexdigest()
    try:
        if target.is_dir() and stamp.read_text("utf-8") == key:
            return target
    except OSError:
        pass
    staged = store / f"{FOLDER}.pages-{os.getpid()}"
    tmp = store / f"{FOLDER}.tmp-{os.getpid()}"
    shutil.rmtree(staged, ignore_errors=True)
    shutil.rmtree(tmp, ignore_errors=True)
    stamp.unlink(missing_ok=True)
    try:
        for name, doc in docs.items():
            (staged / name).parent.mkdir(parents=True, exist_ok=True)
            (staged / name).write_text(doc, "utf-8")
        index(staged, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    stamp.write_text(key, "utf-8")
    return target


def update(
    store: Path,
    site_dir: Path,
    corpus: Corpus,
    shards: Mapping[str, tuple[str, ...]],
    digests: Mapping[str, str],
    salt: str,
    index: Indexer,
) -> list[str]:
    """Bring the directory of the cache and of the site (pagefind/_shards/) up to date.

    `shards` are the shards the site serves (name -> cable IDs), `digests` the
    hashes of their pages. A shard's terms kept for other pages (or missing:
    a cache from before the directory) are read again from its pages. Returns
    warnings: without a directory the search page opens every shard, so a
    failure costs bytes per query, not results.
    """
    terms: dict[str, Terms] = {}
    for name, ids in shards.items():
        path = terms_path(store, name)
        kept = load(path, digests[name])
        if kept is None:
            kept = merge(read_page(t) for t in page_input.staged(site_dir, corpus, name, ids))
            save(path, kept, digests[name])
        terms[name] = kept
    for path in (store / TERMS).glob("*.json"):
        if path.stem not in terms:
            path.unlink(missing_ok=True)
    site = site_dir / "pagefind" / FOLDER
    warnings: list[str] = []
    try:
        built = build(store, terms, salt, index)
    except Exception as exc:  # the binary failed: search still works, opening every shard
        built = None
        warnings.append(f"search shard directory: Pagefind failed: {exc}; queries open every shard")
    if built is None:
        shutil.rmtree(site, ignore_errors=True)
    elif not publish.same_file(built / "pagefind-entry.json", site / "pagefind-entry.json"):
        publish.swap_in(built, site)
    return warnings
