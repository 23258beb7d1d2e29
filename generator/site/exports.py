"""Bulk exports and machine-readable files: cables.csv, cables.jsonl, feed.xml, sitemap.xml.

All of them come out in the Corpus's chronological order whatever order the
pipeline hands records over in, so the same input gives the same bytes.

Without a base_url the feed and the sitemap use links relative to the site root
(where both files sit): feed readers and crawlers resolve them against the
URL they fetched the file from. Search engines expect absolute <loc>s, so set
base_url in cablegen.toml for a published site.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from generator import facts, urls
from generator.config import SiteConfig
from generator.corpus.link import CableMeta, Corpus
from generator.site.listing import origin_title
from generator.site.pages import Page

FEED_SIZE = 50
SITEMAP_LIMIT = 50_000
"""URLs per sitemap file, the protocol's limit; more URLs go to sitemap-N.xml files."""
CSV_COLUMNS = (
    "id",
    "created",
    "year",
    "origin",
    "classification",
    "tags",
    "subject",
    "references",
    "people",
    "signer",
    "partial",
    "url",
)
FEED_TEMPLATE = "feed.xml"
SITEMAP_TEMPLATE = "sitemap.xml"
SITEMAP_INDEX_TEMPLATE = "sitemap-index.xml"
_EPOCH = "1970-01-01T00:00:00Z"

Data = bytes | Iterator[bytes] | Page
"""An export's bytes, a stream of them (cables.jsonl), or a page of an XML template."""


def files(
    corpus: Corpus,
    config: SiteConfig,
    records: Iterable[tuple[str, dict[str, Any] | bytes]],
    pages: Iterable[str] = (),
) -> Iterator[tuple[str, Data]]:
    """(site-root path, what it holds) of every export.

    The feed and the sitemaps are `Page`s of the theme's templates (feed.xml,
    sitemap.xml, sitemap-index.xml), which a site overrides like any other: the
    render stage draws them (generator.render.renderer.stream).

    `records` are (cable ID, Cable.record()) pairs in any order; `pages` are the
    site-root paths of editorial pages to add to the sitemap.
    """
    yield urls.export("cables.csv"), csv_bytes(corpus, config)
    yield urls.export("cables.jsonl"), jsonl_lines(corpus, records)
    yield urls.feed(), feed(corpus, config)
    yield from sitemap_files(corpus, config, pages)


def _url(config: SiteConfig, path: str) -> str:
    """Absolute URL of a site-root path when base_url is set, else the path itself."""
    return config.base_url.rstrip("/") + "/" + path if config.base_url else path


def csv_bytes(corpus: Corpus, config: SiteConfig) -> bytes:
    """One row of metadata per cable, oldest first; lists are joined with "; "."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for cid in corpus.order:
        m = corpus.cables[cid]
        writer.writerow(
            (
                m.id,
                m.created or "",
                m.year if m.year is not None else "",
                m.origin,
                m.classification,
                " ".join(m.tags),
                m.subject,
                "; ".join(r.id or r.text for r in m.references),
                "; ".join(p.name for p in m.people),
                m.signer or "",
                "true" if m.partial else "false",
                _url(config, m.path),
            )
        )
    return out.getvalue().encode("utf-8")


def jsonl_bytes(corpus: Corpus, records: Iterable[tuple[str, dict[str, Any] | bytes]]) -> bytes:
    """`jsonl_lines` joined: the whole of cables.jsonl."""
    return b"".join(jsonl_lines(corpus, records))


def jsonl_lines(
    corpus: Corpus, records: Iterable[tuple[str, dict[str, Any] | bytes]]
) -> Iterator[bytes]:
    """Each cable's full record on one line, in the Corpus's order.

    Records arriving in order are passed straight through; only out-of-order ones
    wait, so a pipeline that streams in order never holds more than one. A record
    given as bytes is a line of an earlier export, used as it is. The lines are
    yielded, not joined: at 250,000 cables the file is about 3 GB.
    """
    position = {cid: i for i, cid in enumerate(corpus.order)}
    waiting: dict[int, bytes] = {}
    expected = 0
    for cid, record in records:
        i = position.get(cid)
        if i is None or i < expected or i in waiting:
            continue  # not in the corpus (skipped duplicate) or already written
        waiting[i] = record if isinstance(record, bytes) else record_line(record)
        while expected in waiting:
            yield waiting.pop(expected)
            expected += 1
    yield from (waiting[i] for i in sorted(waiting))


def record_line(record: dict[str, Any]) -> bytes:
    """A cable's record as its one line of cables.jsonl, also written beside its page.

    Compact JSON is encoded in C while an indented dump runs the pure-Python
    encoder (a tenth of a cable's cost); the export is then the cable files joined.
    """
    return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"


def _atom_id(config: SiteConfig, path: str, name: str) -> str:
    # Atom ids must be absolute and permanent; without a base_url a name-based UUID is both.
    if config.base_url:
        return _url(config, path)
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


@dataclass(frozen=True)
class Category:
    """A tag of a feed entry: its code and, when known, what it stands for ("" if not)."""

    term: str
    label: str


@dataclass(frozen=True)
class FeedEntry:
    """One cable in templates/feed.xml; links are absolute with a base_url, else site-root."""

    title: str
    id: str
    link: str
    updated: str
    categories: tuple[Category, ...]
    summary: str


@dataclass(frozen=True)
class FeedContext:
    """templates/feed.xml, seen as `page`: the Atom feed of the newest cables."""

    title: str
    subtitle: str
    id: str
    self_link: str
    home_link: str
    updated: str
    """The newest cable's date, not the build time: the same input gives the same feed."""
    entries: tuple[FeedEntry, ...]


@dataclass(frozen=True)
class SitemapContext:
    """templates/sitemap.xml (`locs`: pages) or sitemap-index.xml (`locs`: sitemap files)."""

    locs: tuple[str, ...]


def _entry(config: SiteConfig, m: CableMeta) -> FeedEntry:
    post, country = origin_title(m.origin)
    where = f"{post}, {country}" if country else post
    date = m.created[:10] if m.created else "undated"
    return FeedEntry(
        title=m.id + ": " + (m.subject or "(no subject)"),
        id=_atom_id(config, m.path, "cable:" + m.id),
        link=_url(config, m.path),
        updated=m.created or _EPOCH,
        categories=tuple(Category(c, facts.tag(c).meaning) for c in dict.fromkeys(m.tags)),
        summary=f"{m.classification} cable from {where}, {date}. TAGS: {' '.join(m.tags) or '-'}",
    )


def feed(corpus: Corpus, config: SiteConfig) -> Page:
    """The Atom feed of the newest cables, newest first."""
    newest = [corpus.cables[i] for i in reversed(corpus.order[-FEED_SIZE:])]
    context = FeedContext(
        title=config.title,
        subtitle=config.description,
        id=_atom_id(config, urls.feed(), "feed:" + config.title),
        self_link=_url(config, urls.feed()),
        home_link=_url(config, urls.home()),
        updated=next((m.created for m in newest if m.created), _EPOCH),
        entries=tuple(_entry(config, m) for m in newest),
    )
    return Page(urls.feed(), FEED_TEMPLATE, context)


def sitemap_paths(corpus: Corpus, pages: Iterable[str] = ()) -> list[str]:
    """Site-root paths worth a crawler's visit: indexes, first list pages, every cable."""
    paths = [
        urls.home(),
        urls.tags(),
        urls.people(),
        urls.origins(),
        urls.dates(),
        urls.classifications(),
        *sorted(pages),
    ]
    paths += [urls.tag(code) for code in sorted(corpus.by_tag)]
    paths += [urls.origin(name) for name in sorted(corpus.by_origin)]
    paths += [urls.year_page(year) for year in sorted(corpus.by_year)]
    paths += [urls.month(y, m) for y, m in sorted(corpus.by_month)]
    paths += [urls.classification(name) for name in sorted(corpus.by_classification)]
    paths += [urls.person(slug) for slug in sorted(corpus.by_person)]
    paths += [corpus.cables[cid].path for cid in corpus.order]
    return paths


def _urlset(config: SiteConfig, path: str, paths: list[str]) -> Page:
    return Page(path, SITEMAP_TEMPLATE, SitemapContext(tuple(_url(config, p) for p in paths)))


def sitemap_files(
    corpus: Corpus, config: SiteConfig, pages: Iterable[str] = ()
) -> Iterator[tuple[str, Page]]:
    """sitemap.xml; past 50,000 URLs it becomes an index of sitemap-1.xml, sitemap-2.xml ..."""
    paths = sitemap_paths(corpus, pages)
    if len(paths) <= SITEMAP_LIMIT:
        yield urls.sitemap(), _urlset(config, urls.sitemap(), paths)
        return
    parts = [paths[i : i + SITEMAP_LIMIT] for i in range(0, len(paths), SITEMAP_LIMIT)]
    for n, part in enumerate(parts, start=1):
        yield urls.sitemap(n), _urlset(config, urls.sitemap(n), part)
    files = tuple(_url(config, urls.sitemap(n)) for n in range(1, len(parts) + 1))
    yield urls.sitemap(), Page(urls.sitemap(), SITEMAP_INDEX_TEMPLATE, SitemapContext(files))
