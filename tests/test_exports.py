"""Bulk exports, Atom feed and sitemap: content, order, escaping, determinism."""

from __future__ import annotations

import csv
import io
import json
import random
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

import pytest

from generator import urls
from generator.config import SiteConfig
from generator.render import renderer
from generator.site import exports
from generator.site.pages import Page
from tests.lists_corpus import corpus, site_config

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _records(ids: list[str]) -> list[tuple[str, dict]]:
    return [(cid, {"id": cid, "paragraphs": [{"text": f"body of {cid} ✓"}]}) for cid in ids]


def test_files_names_every_export() -> None:
    c = corpus(10)
    names = [path for path, _ in exports.files(c, site_config(), _records(list(c.order)))]
    assert names == ["data/cables.csv", "data/cables.jsonl", "feed.xml", "sitemap.xml"]


def test_csv_has_one_row_per_cable_in_order_and_round_trips() -> None:
    c = corpus()
    rows = list(csv.DictReader(io.StringIO(exports.csv_bytes(c, site_config()).decode())))
    assert [r["id"] for r in rows] == list(c.order)
    assert tuple(rows[0]) == exports.CSV_COLUMNS
    m = c.cables[rows[5]["id"]]
    assert rows[5]["subject"] == m.subject  # commas, quotes and angle brackets survive
    assert rows[5]["tags"] == " ".join(m.tags)
    assert rows[5]["url"] == m.path
    undated = next(r for r in rows if not r["created"])
    assert undated["year"] == ""


def test_csv_urls_are_absolute_with_a_base_url() -> None:
    c = corpus(5)
    cfg = site_config(base_url="https://cables.example.org")
    rows = list(csv.DictReader(io.StringIO(exports.csv_bytes(c, cfg).decode())))
    assert rows[1]["url"] == "https://cables.example.org/" + c.cables[rows[1]["id"]].path


def test_jsonl_comes_out_in_corpus_order_whatever_order_records_arrive_in() -> None:
    c = corpus(40)
    shuffled = _records(list(c.order))
    random.Random(3).shuffle(shuffled)
    stray = [("99NOWHERE1", {"id": "99NOWHERE1"})]
    data = exports.jsonl_bytes(c, shuffled + stray + shuffled[:3])
    lines = data.decode("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == list(c.order)
    assert "✓" in lines[0]  # UTF-8, not \u escapes
    assert exports.jsonl_bytes(c, _records(list(c.order))) == data


def _feed(base_url: str = "") -> ET.Element:
    cfg = site_config(base_url=base_url)
    return ET.fromstring(_bytes(exports.feed(corpus(), cfg), cfg))


def test_feed_lists_the_newest_cables_newest_first() -> None:
    c = corpus()
    root = _feed()
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == exports.FEED_SIZE
    titles = [e.find(f"{ATOM}title").text for e in entries]
    newest = list(reversed(c.order))[: exports.FEED_SIZE]
    assert [t.split(":", 1)[0] for t in titles] == newest
    assert root.find(f"{ATOM}updated").text == c.cables[newest[0]].created
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == c.cables[newest[0]].path
    assert "<script>" in titles[0]  # escaped in XML, intact as text


def test_feed_uses_absolute_links_with_a_base_url() -> None:
    root = _feed("https://cables.example.org/")
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").startswith("https://cables.example.org/cable/")
    assert entry.find(f"{ATOM}id").text.startswith("https://cables.example.org/cable/")


def test_feed_drops_characters_xml_forbids() -> None:
    c = corpus(3)
    first = c.order[-1]
    bad = c.cables[first].__class__(**{**c.cables[first].__dict__, "subject": "A\x00B\x1bC"})
    from generator.corpus.link import link

    fixed = link([bad, *(c.cables[i] for i in c.order[:-1])])
    root = ET.fromstring(_bytes(exports.feed(fixed, site_config()), site_config()))
    assert root.find(f"{ATOM}entry/{ATOM}title").text.endswith(": ABC")


def test_sitemap_lists_indexes_lists_and_cables() -> None:
    c = corpus()
    cfg = site_config()
    [(path, data)] = list(exports.sitemap_files(c, cfg, ["about/index.html"]))
    assert path == "sitemap.xml"
    locs = [e.text for e in ET.fromstring(_bytes(data, cfg)).iter(f"{SITEMAP}loc")]
    assert locs[0] == urls.home() and "about/index.html" in locs
    assert urls.tag("PGOV") in locs and urls.person("ann-adams") in locs
    assert all(c.cables[i].path in locs for i in c.order)
    assert len(locs) == len(set(locs))


def test_sitemap_splits_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exports, "SITEMAP_LIMIT", 40)
    c = corpus()
    cfg = site_config(base_url="https://cables.example.org")
    files = _whole(exports.sitemap_files(c, cfg), cfg)
    total = len(exports.sitemap_paths(c))
    parts = -(-total // 40)
    assert set(files) == {"sitemap.xml", *(f"sitemap-{n}.xml" for n in range(1, parts + 1))}
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{SITEMAP}sitemapindex"
    assert [e.text for e in index.iter(f"{SITEMAP}loc")][
        0
    ] == "https://cables.example.org/sitemap-1.xml"
    counted = sum(len(list(ET.fromstring(files[f"sitemap-{n}.xml"]))) for n in range(1, parts + 1))
    assert counted == total


def test_exports_are_byte_identical_for_the_same_corpus() -> None:
    cfg = site_config()
    a = _whole(exports.files(corpus(), cfg, _records(list(corpus().order))), cfg)
    shuffled = corpus(shuffle=11)
    records = _records(list(shuffled.order))
    random.Random(5).shuffle(records)
    b = _whole(exports.files(shuffled, cfg, records), cfg)
    assert a == b


def _bytes(data: exports.Data, cfg: SiteConfig) -> bytes:
    """An export's bytes: streams joined, pages of an XML template drawn as a build draws them."""
    if isinstance(data, Page):
        data = renderer.stream(renderer.environment(cfg), data)
    return data if isinstance(data, bytes) else b"".join(data)


def _whole(files: Iterable[tuple[str, exports.Data]], cfg: SiteConfig) -> dict[str, bytes]:
    """Each export's bytes."""
    return {path: _bytes(data, cfg) for path, data in files}


def test_a_site_overriding_the_feed_template_changes_the_feed(tmp_path: Path) -> None:
    own = tmp_path / "templates"
    own.mkdir()
    (own / "feed.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "{% for entry in page.entries %}<entry><title>NEW {{ entry.title }}</title></entry>"
        "{% endfor %}</feed>\n",
        encoding="utf-8",
    )
    cfg = site_config(templates=own)
    c = corpus()
    root = ET.fromstring(_whole(exports.files(c, cfg, []), cfg)["feed.xml"])
    titles = [e.text for e in root.iter(f"{ATOM}title")]
    newest = c.cables[c.order[-1]]
    assert titles[0] == f"NEW {newest.id}: {newest.subject}"
    assert len(titles) == exports.FEED_SIZE
    # The theme's sitemap is still drawn beside the site's own feed.
    assert b"<urlset" in _whole(exports.files(c, cfg, []), cfg)["sitemap.xml"]


def test_xml_templates_are_autoescaped(tmp_path: Path) -> None:
    """A site's template that forgets the xml filter still writes well-formed XML."""
    own = tmp_path / "templates"
    own.mkdir()
    (own / "sitemap.xml").write_text(
        "<urlset>{% for loc in page.locs %}<loc>{{ loc }}</loc>{% endfor %}</urlset>",
        encoding="utf-8",
    )
    cfg = site_config(templates=own)
    page = Page("sitemap.xml", "sitemap.xml", exports.SitemapContext(("a?b=<1>&c",)))
    assert _bytes(page, cfg) == b"<urlset><loc>a?b=&lt;1&gt;&amp;c</loc></urlset>"
