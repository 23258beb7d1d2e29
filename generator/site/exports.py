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
import re
import uuid
from collections.abc import Iterable, Iterator
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from generator import facts, urls
from generator.config import SiteConfig
from generator.corpus.link import CableMeta, Corpus
from generator.site.listing import origin_title

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
# Characters XML 1.0 forbids even escaped; garbled cables do contain some.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = "1970-01-01T00:00:00Z"


def files(
    corpus: Corpus,
    config: SiteConfig,
    records: Iterable[tuple[str, dict[str, Any] | bytes]],
    pages: Iterable[str] = (),
) -> Iterator[tuple[str, bytes | Iterator[bytes]]]:
    """(site-root path, bytes or a stream of them) of every export.

    `records` are (cable ID, Cable.record()) pairs in any order; `pages` are the
    site-root paths of editorial pages to add to the sitemap.
    """
    yield urls.export("cables.csv"), csv_bytes(corpus, config)
    yield urls.export("cables.jsonl"), jsonl_lines(corpus, records)
    yield urls.feed(), feed_bytes(corpus, config)
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


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def _entry_id(config: SiteConfig, m: CableMeta) -> str:
    # Atom ids must be absolute and permanent; without a base_url a name-based UUID is both.
    if config.base_url:
        return _url(config, m.path)
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'cable:' + m.id)}"


def _entry(config: SiteConfig, m: CableMeta) -> str:
    post, country = origin_title(m.origin)
    where = f"{post}, {country}" if country else post
    date = m.created[:10] if m.created else "undated"
    summary = f"{m.classification} cable from {where}, {date}. TAGS: {' '.join(m.tags) or '-'}"
    categories = "".join(
        f"\n    <category term={_attr(code)}"
        + (f" label={_attr(facts.tag(code).meaning)}" if facts.tag(code).meaning else "")
        + "/>"
        for code in dict.fromkeys(m.tags)
    )
    return (
        "  <entry>\n"
        f"    <title>{_text(m.id + ': ' + (m.subject or '(no subject)'))}</title>\n"
        f"    <id>{_text(_entry_id(config, m))}</id>\n"
        f'    <link rel="alternate" type="text/html" href={_attr(_url(config, m.path))}/>\n'
        f"    <updated>{_text(m.created or _EPOCH)}</updated>"
        f"{categories}\n"
        f"    <summary>{_text(summary)}</summary>\n"
        "  </entry>\n"
    )


def feed_bytes(corpus: Corpus, config: SiteConfig) -> bytes:
    """Atom feed of the newest cables; `updated` is the newest cable's date, not the build time."""
    newest = [corpus.cables[i] for i in reversed(corpus.order[-FEED_SIZE:])]
    updated = next((m.created for m in newest if m.created), _EPOCH)
    feed_id = (
        _url(config, urls.feed())
        if config.base_url
        else f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'feed:' + config.title)}"
    )
    head = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <title>{_text(config.title)}</title>\n"
        f"  <subtitle>{_text(config.description)}</subtitle>\n"
        f"  <id>{_text(feed_id)}</id>\n"
        f'  <link rel="self" href={_attr(_url(config, urls.feed()))}/>\n'
        f'  <link rel="alternate" type="text/html" href={_attr(_url(config, urls.home()))}/>\n'
        f"  <updated>{_text(updated)}</updated>\n"
        f"  <author><name>{_text(config.title)}</name></author>\n"
    )
    body = "".join(_entry(config, m) for m in newest)
    return (head + body + "</feed>\n").encode("utf-8")


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


def _urlset(config: SiteConfig, paths: list[str]) -> bytes:
    locs = "".join(f"  <url><loc>{_text(_url(config, p))}</loc></url>\n" for p in paths)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{locs}</urlset>\n"
    ).encode()


def sitemap_files(
    corpus: Corpus, config: SiteConfig, pages: Iterable[str] = ()
) -> Iterator[tuple[str, bytes]]:
    """sitemap.xml; past 50,000 URLs it becomes an index of sitemap-1.xml, sitemap-2.xml ..."""
    paths = sitemap_paths(corpus, pages)
    if len(paths) <= SITEMAP_LIMIT:
        yield urls.sitemap(), _urlset(config, paths)
        return
    parts = [paths[i : i + SITEMAP_LIMIT] for i in range(0, len(paths), SITEMAP_LIMIT)]
    for n, part in enumerate(parts, start=1):
        yield urls.sitemap(n), _urlset(config, part)
    locs = "".join(
        f"  <sitemap><loc>{_text(_url(config, urls.sitemap(n)))}</loc></sitemap>\n"
        for n in range(1, len(parts) + 1)
    )
    index = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{locs}</sitemapindex>\n"
    )
    yield urls.sitemap(), index.encode("utf-8")
