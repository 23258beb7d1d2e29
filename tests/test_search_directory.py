"""The shard directory: each shard's words and filter values, and its Pagefind index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.config import SiteConfig
from generator.search import directory, index
from tests.search_fixtures import sample_pages, write_site


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ("<p>grain silos</p>", {"grain", "silos"}),
        # Pagefind joins inline elements and breaks at block ones: both are kept.
        (
            "<p>al-<b>Qadhafi</b>'s</p>",
            {"al-", "Qadhafi", "'s", "al-Qadhafi", "Qadhafi's", "al-Qadhafi's"},
        ),
        ("<p>one</p><p>two</p>", {"one", "two", "onetwo"}),
        ("<p>a &amp; b</p>", {"a", "&", "b"}),
        ('<img alt="harbour view">', {"harbour", "view"}),
        ("<p>\n  </p>", set()),
    ],
)
def test_words_are_every_run_between_spaces_or_tags(html, words):
    assert directory.read_page(html).words == words


def test_filters_in_both_forms_are_read():
    terms = directory.read_page(
        '<span data-pagefind-filter="shard:2009-12" data-pagefind-sort="date:x"></span>'
        '<span data-pagefind-filter="tag"> PGOV </span>'
        '<li data-pagefind-filter="person">Ben <i>Ali</i></li>'
        '<span data-pagefind-filter="year:2009"></span><span data-pagefind-filter="tag"></span>'
    )
    assert terms.filters == {
        "shard": {"2009-12"},
        "tag": {"PGOV"},
        "person": {"Ben Ali"},
        "year": {"2009"},
    }


def test_merge_is_the_union():
    a = directory.read_page('<p>x y</p> <b data-pagefind-filter="tag">A</b>')
    b = directory.read_page('<p>y z</p> <b data-pagefind-filter="tag">B</b>')
    both = directory.merge([a, b])
    assert both.words == {"x", "y", "z", "A", "B"} and both.filters == {"tag": {"A", "B"}}


def test_kept_terms_are_trusted_only_for_the_same_pages(tmp_path):
    terms = directory.read_page('<p>wheat "quota"</p><i data-pagefind-filter="tag">PGOV</i>')
    path = directory.terms_path(tmp_path, "2009-12")
    directory.save(path, terms, "abc")
    assert directory.load(path, "abc") == terms
    assert directory.load(path, "other") is None
    path.write_text("{not json")
    assert directory.load(path, "abc") is None


def test_a_directory_page_escapes_and_holds_every_word_and_value():
    terms = directory.read_page('<p>a&lt;b "c"</p><i data-pagefind-filter="tag">X&amp;Y</i>')
    page = directory.page("2009-12", terms)
    assert '<span data-pagefind-filter="tag">X&amp;Y</span>' in page
    assert "a&lt;b" in page and "&quot;c&quot;" in page
    assert directory.read_page(page).words >= terms.words


@pytest.mark.slow
def test_the_directory_names_the_shards_holding_a_word_and_is_rebuilt_in_place(tmp_path):
    site = tmp_path / "site"
    pages = sample_pages()
    corpus = write_site(site, pages)
    config = SiteConfig(cache=tmp_path / "cache", output=site, jobs=2)
    report = index.build_index(config, site, corpus, cap=3)
    store = config.cache / "search"
    kept = {p.stem: json.loads(p.read_text()) for p in (store / directory.TERMS).glob("*.json")}
    assert sorted(kept) == sorted(report.shards)
    holders = [name for name, t in kept.items() if "silos" in t["words"]]
    assert holders == [s.name for s in index.plan(corpus, 3) if "06ASTANA100" in s.ids]
    assert all(t["filters"]["shard"] == [name] for name, t in kept.items())
    folder = site / "pagefind" / directory.FOLDER
    entry = json.loads((folder / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == len(report.shards)
    before = _tree(folder)
    # Built again from the cache: the same bytes, and the directory not indexed again.
    stamp = (store / directory.STAMP).stat().st_mtime_ns
    index.build_index(config, site, corpus, cap=3)
    assert _tree(folder) == before
    assert (store / directory.STAMP).stat().st_mtime_ns == stamp
    # Terms lost from the cache are read again from the pages, to the same directory.
    for p in (store / directory.TERMS).glob("*.json"):
        p.unlink()
    index.build_index(config, site, corpus, cap=3)
    assert _tree(folder) == before
    # An edit that adds a word updates the directory of the live site.
    edited = site / corpus.cables["06ASTANA100"].path
    edited.write_text(edited.read_text().replace("grain silos", "grain silos zeppelin"))
    index.update_index(config, site, corpus, ["06ASTANA100"], cap=3)
    assert _tree(folder) != before
    holder = next(s.name for s in index.plan(corpus, 3) if "06ASTANA100" in s.ids)
    assert "zeppelin" in json.loads(directory.terms_path(store, holder).read_text())["words"]


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_text_pagefind_ignores_is_left_out_but_its_filters_are_read():
    terms = directory.read_page(
        "<p>kept</p><div data-pagefind-ignore><p>skipped</p>"
        '<span data-pagefind-filter="tag">PGOV</span></div><p>also</p>'
    )
    assert terms.words == {"kept", "also", "keptalso"}
    assert terms.filters == {"tag": {"PGOV"}}
