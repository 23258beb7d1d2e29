"""Citations, the reading list page, and the list changes that go with them (no browser)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from generator import urls
from generator.corpus import link as link_mod
from generator.render import renderer as render
from generator.site import citation, lists, reading_page
from tests.lists_corpus import corpus, draw_all, site_config
from tests.test_cable_page import make_cable, render_page

URL = "https://cables.example.org/cable/2009/12/09ASTANA2159.html"


@pytest.mark.parametrize(
    ("date", "words"),
    [
        ("2009-12-18", "December 18, 2009"),
        ("2009-01-02", "January 2, 2009"),
        ("2007", "2007"),
        ("undated", "n.d."),
    ],
)
def test_chicago_writes_the_date_in_words(date: str, words: str) -> None:
    text = citation.chicago("09ASTANA2159", "SUBJECT", "Embassy Astana", date, "SECRET", URL)
    assert text == f"Embassy Astana. “SUBJECT.” Cable 09ASTANA2159, {words}. SECRET. {URL}."


def test_chicago_without_subject_leaves_out_the_title() -> None:
    text = citation.chicago("09X1", "", "Embassy X", "2009", "SECRET", "cable/2009/01/09X1.html")
    assert text == "Embassy X. Cable 09X1, 2009. SECRET. cable/2009/01/09X1.html."


def test_bibtex_record_has_year_month_and_url() -> None:
    text = citation.bibtex("09ASTANA2159", "A & B", "Embassy Astana", "2009-12-18", "SECRET", URL)
    assert text == (
        "@misc{09ASTANA2159,\n"
        "  author = {{Embassy Astana}},\n"
        "  title = {{A \\& B}},\n"
        "  howpublished = {Diplomatic cable 09ASTANA2159, SECRET},\n"
        "  year = {2009},\n"
        "  month = {dec},\n"
        f"  url = {{{URL}}},\n"
        "}"
    )


@pytest.mark.parametrize(
    "hostile", ["}", "{", "\\", "%", "#", "_", "$", "~", "^", "}}}{", "a}b{c\\"]
)
def test_bibtex_braces_stay_balanced_whatever_the_subject(hostile: str) -> None:
    text = citation.bibtex("09X1", hostile, hostile, "undated", hostile, "cable/x{}.html")
    unescaped = re.sub(r"\\[{}]", "", text)
    depth = 0
    for ch in unescaped:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0, text
    assert depth == 0, text
    assert "year" not in text and "month" not in text


def test_cable_page_cites_the_full_url_with_a_base_url() -> None:
    cfg = site_config(base_url="https://cables.example.org")
    html, ctx = render_page(make_cable(), cfg)
    assert ctx.cite_url == URL and ctx.cite_absolute  # type: ignore[attr-defined]
    assert f'value="{URL}"' in html
    assert "Set <code>base_url</code>" not in html
    assert "url = {" + URL + "}" in html
    assert "Cable 09ASTANA2159, December 18, 2009. SECRET//NOFORN." in html


def test_cable_page_without_base_url_cites_the_path_and_says_how_to_set_it() -> None:
    html, ctx = render_page(make_cable(), site_config(base_url=""))
    path = "cable/2009/12/09ASTANA2159.html"
    assert ctx.cite_url == path and not ctx.cite_absolute  # type: ignore[attr-defined]
    assert f'value="{path}"' in html
    assert "Set <code>base_url</code> in <code>cablegen.toml</code>" in html


def test_cable_page_puts_the_text_before_the_details() -> None:
    html, _ = render_page(make_cable(), site_config())
    order = [html.index(s) for s in ('class="banner ', 'id="subject"', 'class="byline"')]
    order += [html.index('class="cable-body"'), html.index('<details class="cable-facts" open')]
    assert order == sorted(order)
    byline = re.search(r'<p class="byline".*?</p>', html, re.S)
    assert byline is not None
    for shown in ("09ASTANA2159", "2009-12-18T05:19:00Z", "Embassy Astana", "SECRET//NOFORN"):
        assert shown in byline.group(0)


def test_save_button_carries_the_cable_and_is_hidden_without_script() -> None:
    html, _ = render_page(make_cable(), site_config())
    button = re.search(r'<button type="button" class="save-cable" hidden ([^>]*)>', html)
    assert button is not None
    for attr in (
        'data-id="09ASTANA2159"',
        'data-date="2009-12-18"',
        'data-origin="Embassy Astana"',
    ):
        assert attr in button.group(1)
    assert 'data-path="cable/2009/12/09ASTANA2159.html"' in button.group(1)


def test_origin_page_has_no_origin_column_and_other_lists_keep_it() -> None:
    cfg = site_config()
    pages = list(lists.pages(corpus(), cfg))
    html = draw_all(pages, cfg)
    origin, tag = html[urls.origin("ASTANA")], html[urls.tag("PGOV")]
    assert '<th scope="col">Origin</th>' not in origin and 'class="c-origin"' not in origin
    assert '<th scope="col">Origin</th>' in tag and 'class="c-origin"' in tag
    assert origin.count("<th ") == 4 and tag.count("<th ") == 5


def test_dates_page_hides_years_with_no_dated_cable() -> None:
    dated = make_cable()
    year_only = make_cable(id="07ASTANA1", created=None, year=2007, source_path="b.txt")
    c = link_mod.link(link_mod.meta(x) for x in (dated, year_only))
    assert 2007 in c.by_year
    pages = {p.path: p for p in lists.date_pages(c, site_config())}
    ctx = pages[urls.dates()].context
    assert [y.year for y in ctx.years] == [2009]  # type: ignore[attr-defined]
    assert ctx.undated == 1  # type: ignore[attr-defined]
    html = draw_all([pages[urls.dates()]], site_config())[urls.dates()]
    assert "2007" not in html and "2009" in html


def test_reading_page_is_a_shell_that_says_what_it_needs() -> None:
    cfg = replace(site_config(), base_url="https://cables.example.org")
    page = reading_page.page(cfg)
    assert page.path == urls.reading()
    html = render.renderer(cfg)(page).decode()
    assert 'data-base-url="https://cables.example.org/"' in html
    assert "<noscript>" in html and "keeps no storage for pages opened from disk" in html
    assert 'data-export-name="cable-archive-reading-list"' in html
