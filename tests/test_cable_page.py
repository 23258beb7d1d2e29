"""The cable page, from a hand-made Cable: every field shown, every field escaped."""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import body, cable_page, config, link, render
from generator.model import (
    Addressee,
    Cable,
    ClassifiedBy,
    Mention,
    Paragraph,
    Reference,
    Routing,
)

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = '<script>alert("x")</script>&<img src=x onerror=alert(1)>'


def make_cable(**changes: object) -> Cable:
    """A secret cable with every part of the record filled in."""
    cable = Cable(
        id="09ASTANA2159",
        source_path="cables/a.txt",
        digest="0" * 64,
        raw="RAW TEXT\n",
        created="2009-12-18T05:19:00Z",
        year=2009,
        origin="ASTANA",
        precedence="PRIORITY",
        classification="SECRET//NOFORN",
        caveats=("NOFORN", "SIPDIS"),
        tags=("PGOV", "PHUM", "KZ"),
        subject="KAZAKHSTAN: BLAKE MEETS ZHOVTIS",
        references=(
            Reference("A", "STATE 169627", "05STATE169627"),
            Reference("B", "ASTANA 1000", "09ASTANA1000"),
        ),
        classified_by=ClassifiedBy("Richard Hoagland", "1.4 (b) and (d)", "Ambassador"),
        signer="HOAGLAND",
        partial=True,
        routing=Routing(
            lines=("VZCZCXRO9860", "P 180519Z DEC 09", "FM AMEMBASSY ASTANA"),
            precedence_prosign="PP",
            relay=("RUEHIK",),
            originator_ri="RUEHTA",
            station_serial="2159/01",
            dtg="P 180519Z DEC 09",
            sender=Addressee("AMEMBASSY ASTANA", station="ASTANA"),
            to=(Addressee("SECSTATE WASHDC", "RUEHC", "STATE", "PRIORITY", "7007"),),
            info=(Addressee("AMEMBASSY BEIJING", "RUEHBJ", "BEIJING", None, "1618"),),
        ),
        paragraphs=(
            Paragraph("1", "S", "numbered", "Per Ref A and reftel, XXXXXXXXXXXX met Zhovtis."),
            Paragraph(None, None, "heading", "BACKGROUND"),
            Paragraph("C", "C", "lettered", "Zhovtis said Q%$#@!zz garble here; see ref b."),
            Paragraph("1", "U", "numbered", "A second paragraph one, from section two."),
            Paragraph(None, None, "text", "Unnumbered closing text."),
        ),
        redactions=1,
        garbled=("Q%$#@!zz",),
        people=(
            Mention("Yevgeniy Zhovtis", "yevgeniy-zhovtis", ("mentioned",), ("p1",), ("Zhovtis",)),
        ),
        eo="12958: DECL: 12/18/2019",
        declassify="2019-12-18",
        handling=("STATE FOR SCA/CEN",),
    )
    return replace(cable, **changes)  # type: ignore[arg-type]


def other(cid: str, created: str, origin: str = "ASTANA", refs: tuple = ()) -> Cable:
    return make_cable(
        id=cid,
        created=created,
        year=int(created[:4]),
        origin=origin,
        subject=f"SUBJECT OF {cid}",
        references=refs,
        people=(),
    )


@pytest.fixture
def site_config(tmp_path: Path) -> config.SiteConfig:
    return config.load(
        overrides={
            "templates": ROOT / "templates",
            "static": ROOT / "static",
            "output": tmp_path / "site",
            "content": tmp_path / "content",
        },
        root=tmp_path,
    )


def render_page(cable: Cable, cfg: config.SiteConfig, *others: Cable) -> tuple[str, object]:
    corpus = link.link(link.meta(c) for c in (cable, *others))
    page = cable_page.page(cable, corpus, cfg)
    return render.renderer(cfg)(page).decode(), page.context


class Tags(HTMLParser):
    """Every start tag with its attributes, for checks that do not depend on layout."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if a.get("id")]

    def hrefs(self) -> list[str]:
        return [a["href"] or "" for t, a in self.tags if t == "a" and "href" in a]


def test_metadata_table_shows_every_field(site_config: config.SiteConfig) -> None:
    html, _ = render_page(make_cable(), site_config)
    for text in (
        "Friday 18 December 2009, 05:19 UTC",
        "Embassy Astana",
        "Kazakhstan",
        "PRIORITY",
        "SECRET//NOFORN",
        "Richard Hoagland, Ambassador; reasons 1.4 (b) and (d)",
        "HOAGLAND",
        "12958: DECL: 12/18/2019",
        "2019-12-18",
        "STATE FOR SCA/CEN",
        "Political Affairs",
    ):
        assert text in html, text
    hrefs = Tags(html).hrefs()
    assert "../../../tag/PGOV/index.html" in hrefs
    assert "../../../origin/ASTANA/index.html" in hrefs
    assert "../../../classification/secret-noforn/index.html" in hrefs


def test_keywords_shown_without_a_tag_page(site_config: config.SiteConfig) -> None:
    html, _ = render_page(make_cable(keywords=("COUNTER TERRORISM",)), site_config)
    row = re.search(r'<th scope="row">Keywords</th><td>(.*?)</td>', html)
    assert row and "<li>COUNTER TERRORISM</li>" in row.group(1)
    assert "<a " not in row.group(1)
    assert not any("COUNTER" in h for h in Tags(html).hrefs())
    assert "Keywords" not in render_page(make_cable(), site_config)[0]


def test_banner_top_and_bottom_with_words_and_caveats(site_config: config.SiteConfig) -> None:
    html, _ = render_page(make_cable(), site_config)
    banners = re.findall(r'<p class="banner banner-(\S+) banner-(top|bottom)"', html)
    assert banners == [("secret", "top"), ("secret", "bottom")]
    assert html.count('<span class="caveat">NOFORN</span>') >= 2


@pytest.mark.parametrize(
    ("classification", "level"),
    [
        ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", "unclassified"),
        ("CONFIDENTIAL", "confidential"),
        ("SECRET", "secret"),
        ("TOP SECRET//NOFORN", "top-secret"),
        ("SOMETHING ELSE", "unknown"),
    ],
)
def test_banner_colour_follows_classification(
    site_config: config.SiteConfig, classification: str, level: str
) -> None:
    html, _ = render_page(make_cable(classification=classification), site_config)
    assert f'class="banner banner-{level} banner-top"' in html
    assert classification in html


def test_portion_marks_are_coloured_badges(site_config: config.SiteConfig) -> None:
    html, _ = render_page(make_cable(), site_config)
    assert '<span class="mark mark-secret" title="Portion marked S">(S)</span>' in html
    assert '<span class="mark mark-confidential" title="Portion marked C">(C)</span>' in html
    assert '<span class="mark mark-unclassified" title="Portion marked U">(U)</span>' in html


def test_paragraph_anchors_are_unique_and_linked(site_config: config.SiteConfig) -> None:
    html, _ = render_page(make_cable(), site_config)
    ids = Tags(html).ids()
    assert len(ids) == len(set(ids)), ids
    for anchor in ("p1", "pC", "p1-2", "t2", "t5", "ref-A", "ref-B", "references"):
        assert anchor in ids
        if anchor.startswith(("p", "t")) and anchor != "references":
            assert f'href="#{anchor}"' in html


def test_heading_paragraph_is_a_heading(site_config: config.SiteConfig) -> None:
    html, _ = render_page(make_cable(), site_config)
    assert re.search(r'<h2 class="para-heading" id="t2">BACKGROUND', html)


def test_redaction_is_a_labelled_bar(site_config: config.SiteConfig) -> None:
    html, _ = render_page(make_cable(), site_config)
    assert '<span class="redacted" role="img" aria-label="redacted">XXXXXXXXXXXX</span>' in html


def test_garbled_passage_marked(site_config: config.SiteConfig) -> None:
    html, _ = render_page(make_cable(), site_config)
    assert re.search(r'<span class="garbled"[^>]*>.*garbled passage: </span>Q%\$#@!zz</span>', html)


def test_ref_mentions_link_to_reference_entries(site_config: config.SiteConfig) -> None:
    html, _ = render_page(make_cable(), site_config)
    assert '<a class="ref" href="#ref-A">Ref A</a>' in html
    assert '<a class="ref" href="#ref-B">ref b</a>' in html
    # Two references: a bare "reftel" points at the list, not at a guess.
    assert '<a class="ref" href="#references">reftel</a>' in html


def test_references_resolve_inside_the_archive(site_config: config.SiteConfig) -> None:
    cited = other("09ASTANA1000", "2009-01-05T10:00:00Z")
    html, ctx = render_page(make_cable(), site_config, cited)
    assert 'href="../01/09ASTANA1000.html"' in html
    assert "SUBJECT OF 09ASTANA1000" in html
    assert "(05STATE169627) not in this archive" in html
    cited_html, cited_ctx = render_page(cited, site_config, make_cable())
    assert [c.id for c in cited_ctx.referenced_by] == ["09ASTANA2159"]  # type: ignore[attr-defined]
    assert 'href="../12/09ASTANA2159.html"' in cited_html


def test_single_reference_reftel_links_to_it(site_config: config.SiteConfig) -> None:
    cable = make_cable(references=(Reference(None, "STATE 1", None),))
    html, _ = render_page(cable, site_config)
    assert '<a class="ref" href="#ref-1">reftel</a>' in html
    assert "Ref A" in html and 'href="#ref-A"' not in html


def test_people_linked_to_person_pages(site_config: config.SiteConfig) -> None:
    html, _ = render_page(make_cable(), site_config)
    assert (
        '<a class="person" href="../../../person/yevgeniy-zhovtis/index.html">Zhovtis</a>' in html
    )
    assert 'href="../../../person/yevgeniy-zhovtis/index.html">Yevgeniy Zhovtis</a>' in html


def test_previous_and_next_from_the_same_post(site_config: config.SiteConfig) -> None:
    before = other("09ASTANA100", "2009-01-01T00:00:00Z")
    after = other("10ASTANA1", "2010-01-01T00:00:00Z")
    elsewhere = other("09ALMATY5", "2009-12-19T00:00:00Z", origin="ALMATY")
    html, ctx = render_page(make_cable(), site_config, before, after, elsewhere)
    assert ctx.previous.id == "09ASTANA100"  # type: ignore[attr-defined]
    assert ctx.next.id == "10ASTANA1"  # type: ignore[attr-defined]
    assert 'rel="prev" href="../01/09ASTANA100.html"' in html
    assert 'rel="next" href="../../2010/01/10ASTANA1.html"' in html


def test_routing_panel_decodes_stations(site_config: config.SiteConfig) -> None:
    html, _ = render_page(make_cable(), site_config)
    panel = html[html.index('<details class="routing">') : html.index("</details>")]
    assert "Routing header, decoded" in panel
    assert "<code>RUEHBJ</code> <strong>Embassy Beijing</strong>" in panel
    assert "<code>RUEHTA</code> <strong>Embassy Astana</strong>" in panel
    for heading in ("From", "To", "Info", "Relayed to", "As received"):
        assert f'<h2 class="routing-heading">{heading}</h2>' in panel
    assert "serial 7007" in panel


def test_partial_extract_banner(site_config: config.SiteConfig) -> None:
    html, _ = render_page(make_cable(), site_config)
    assert "notice-partial" in html
    html, _ = render_page(make_cable(partial=False), site_config)
    assert "notice-partial" not in html


def test_raw_json_and_citation(site_config: config.SiteConfig) -> None:
    html, ctx = render_page(make_cable(), site_config)
    hrefs = Tags(html).hrefs()
    assert "09ASTANA2159.txt" in hrefs and "09ASTANA2159.json" in hrefs
    assert ctx.citation == (  # type: ignore[attr-defined]
        "09ASTANA2159, “KAZAKHSTAN: BLAKE MEETS ZHOVTIS”, Embassy Astana, 2009-12-18. "
        "cable/2009/12/09ASTANA2159.html"
    )


def test_head_metadata_with_base_url(site_config: config.SiteConfig) -> None:
    cfg = replace(site_config, base_url="https://cables.example.org")
    html, _ = render_page(make_cable(), cfg)
    url = "https://cables.example.org/cable/2009/12/09ASTANA2159.html"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert (
        '<meta property="og:title" content="09ASTANA2159: KAZAKHSTAN: BLAKE MEETS ZHOVTIS">' in html
    )
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert data is not None
    ld = json.loads(data.group(1))
    assert ld["identifier"] == "09ASTANA2159" and ld["url"] == url
    assert ld["dateCreated"] == "2009-12-18T05:19:00Z"


def test_no_canonical_without_base_url(site_config: config.SiteConfig) -> None:
    html, _ = render_page(make_cable(), site_config)
    assert 'rel="canonical"' not in html and "og:url" not in html


def test_pagefind_body_wraps_subject_and_text_only(site_config: config.SiteConfig) -> None:
    html, _ = render_page(make_cable(), site_config)
    start = html.index("data-pagefind-body")
    assert html.count("data-pagefind-body") == 1
    assert html.index('<h1 id="subject"') > start
    assert html.index('<table class="cable-meta">') > start
    # Metadata and routing sit inside the region but are ignored by the indexer.
    ignored = html.rindex("data-pagefind-ignore", 0, html.index('<table class="cable-meta">'))
    assert ignored > start
    assert html.index("site-header") < start


def test_every_field_is_escaped(site_config: config.SiteConfig) -> None:
    para = Paragraph("1", HOSTILE, "numbered", HOSTILE + " XXXX " + HOSTILE)
    cable = make_cable(
        subject=HOSTILE,
        signer=HOSTILE,
        tags=(HOSTILE, "PGOV"),
        keywords=(HOSTILE,),
        caveats=(HOSTILE,),
        classification=HOSTILE,
        references=(Reference(HOSTILE, HOSTILE, HOSTILE),),
        paragraphs=(para,),
        garbled=(HOSTILE,),
        eo=HOSTILE,
        handling=(HOSTILE,),
        classified_by=ClassifiedBy(HOSTILE, HOSTILE, HOSTILE),
        people=(Mention(HOSTILE, "x", ("mentioned",), (), (HOSTILE,)),),
    )
    html, _ = render_page(cable, replace(site_config, base_url="https://e.org"))
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "</script>&" not in html
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert all("src=" in s or "ld+json" in s for s in scripts), scripts
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert ld and "<" not in ld.group(1)
    assert json.loads(ld.group(1))["name"] == HOSTILE


def test_body_markup_never_passes_text_through_raw() -> None:
    links = body.Links({"A": "#ref-A"}, None, (("A<b>", "x.html"),), ("<i>",))
    out = body.markup("A<b> Ref A <i> XXXX & <u>", links)
    assert "<b>" not in out and "<u>" not in out and "<i>" not in out
    assert "&amp;" in out and "&lt;u&gt;" in out


def test_same_cable_renders_byte_identical(site_config: config.SiteConfig) -> None:
    first, _ = render_page(make_cable(), site_config)
    second, _ = render_page(make_cable(), site_config)
    assert first == second


def test_undated_cable_page(site_config: config.SiteConfig) -> None:
    html, ctx = render_page(make_cable(created=None, routing=None), site_config)
    assert ctx.created_text == "2009; exact date unknown"  # type: ignore[attr-defined]
    assert '<details class="routing">' not in html


_TAG = re.compile(r"<(/?)(a|span)\b[^>]*>")


@given(
    text=st.text(alphabet=st.sampled_from(list("Xx Refta<>&\"'ABZhovtis.;(\n")), max_size=120),
    garble=st.text(alphabet=st.sampled_from(list("Q%<&X")), min_size=3, max_size=6),
)
@settings(max_examples=300, deadline=None)
def test_body_markup_keeps_every_character_and_adds_only_its_tags(text: str, garble: str) -> None:
    links = body.Links(
        {"A": "#ref-A"},
        "#references",
        body.people_links([("Zhovtis", "p.html"), ("Ref", "q.html")]),
        (garble,),
    )
    out = str(body.markup(text, links))
    stripped = _TAG.sub("", out).replace("garbled passage: ", "")
    assert html_lib.unescape(stripped) == text
    assert "<" not in stripped and ">" not in stripped


def test_person_linked_at_first_mention_in_a_paragraph() -> None:
    links = body.Links(
        {}, None, body.people_links([("Zhovtis", "z.html"), ("Y. Zhovtis", "z.html")]), ()
    )
    out = body.markup("Y. Zhovtis said Zhovtis would appeal; Zhovtis did.", links)
    assert out.count('<a class="person"') == 1
    assert out.startswith('<a class="person" href="z.html">Y. Zhovtis</a> said Zhovtis')
