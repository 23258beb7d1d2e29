"""People pages: the index by surname and by count, and each person's timeline."""

from __future__ import annotations

import pytest

from generator import urls
from generator.corpus import link
from generator.model import Cable, Mention, Paragraph
from generator.site import person_pages as lists_people
from tests.lists_corpus import corpus, draw_all, site_config


@pytest.fixture(scope="module")
def built() -> tuple[dict[str, object], dict[str, str]]:
    cfg = site_config()
    pages = [*lists_people.index(corpus()), *lists_people.pages(corpus(), cfg)]
    return {p.path: p for p in pages}, draw_all(pages, cfg)


def test_index_sorts_by_surname_with_letters_and_by_count(built) -> None:
    pages, html = built
    ctx = pages[urls.people()].context
    assert [g.letter for g in ctx.letters] == ["A", "H", "Z"]
    assert [e.name for g in ctx.letters for e in g.entries] == [
        "Ann Adams",
        "Richard E. Hoagland",
        "Yevgeniy Zhovtis",
    ]
    assert [e.name for e in ctx.most_named] == [
        "Yevgeniy Zhovtis",
        "Richard E. Hoagland",
        "Ann Adams",
    ]
    page = html[urls.people()]
    assert 'href="index.html#letter-h"' in page and 'id="letter-h"' in page


def test_a_large_index_splits_into_letter_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lists_people, "ONE_PAGE", 2)
    cfg = site_config()
    pages = {p.path: p for p in lists_people.index(corpus())}
    assert set(pages) == {urls.people(), "people/a.html", "people/h.html", "people/z.html"}
    index = pages[urls.people()].context
    assert index.letters == () and len(index.most_named) == 3
    assert [g.target for g in index.nav][0] == "people/a.html#letter-a"
    letter_h = pages["people/h.html"].context
    assert [e.name for g in letter_h.letters for e in g.entries] == ["Richard E. Hoagland"]
    html = draw_all(list(pages.values()), cfg)
    assert 'href="a.html#letter-a"' in html[urls.people()]
    assert 'id="letter-h"' in html["people/h.html"]
    assert 'href="index.html#most-named"' in html["people/h.html"]
    assert urls.people_letter("#") == "people/other.html"


def test_a_single_cable_reads_as_one() -> None:
    from generator.corpus.link import link
    from tests.lists_corpus import metas

    cfg = site_config()
    pages = list(lists_people.pages(link(metas(1)), cfg))
    html = draw_all(pages, cfg)[urls.person("ann-adams")]
    assert '<p class="pager-status">1 cable</p>' in html


def test_surname_key_skips_suffixes_and_letters_fall_back() -> None:
    assert lists_people.surname_key("Robert O. Blake, Jr.")[0] == "blake"
    assert lists_people.letter("HOAGLAND") == "H"
    assert lists_people.letter("Øyvind Ålund") == "#"


def test_person_page_shows_aliases_roles_posts_companions_and_sentences(built) -> None:
    pages, html = built
    c = corpus()
    slug = urls.slug("Ann Adams")
    ctx = pages[urls.person(slug)].context
    assert ctx.aliases == ("Ms. Adams",)
    assert {(r.role, r.count) for r in ctx.roles} == {("Classified by", 19), ("Mentioned", 19)}
    assert sum(p.count for p in ctx.posts) == len(c.by_person[slug])
    assert ctx.companions[0].name == "Yevgeniy Zhovtis"
    newest = c.cables[c.by_person[slug][-1]]
    entry = ctx.timeline[0]
    assert entry.cable.id == newest.id
    assert entry.sentence_target == newest.path + "#p2"
    page = html[urls.person(slug)]
    assert "Ms. Adams spoke at length." in page
    assert f'href="../../{newest.path}#p2"' in page


def test_person_timeline_paginates(built) -> None:
    pages, _ = built
    slug = urls.slug("Yevgeniy Zhovtis")  # 65 cables
    assert urls.person(slug, 2) in pages and urls.person(slug, 3) not in pages
    second = pages[urls.person(slug, 2)].context
    assert second.pager.number == 2 and len(second.timeline) == 15


def _cable(paragraphs: tuple[Paragraph, ...], mention: Mention) -> Cable:
    return Cable(
        id="09ASTANA1",
        source_path="a.txt",
        digest="0" * 64,
        raw="",
        created="2009-12-18T05:19:00Z",
        year=2009,
        origin="ASTANA",
        precedence=None,
        classification="UNCLASSIFIED",
        caveats=(),
        tags=(),
        subject="S",
        references=(),
        classified_by=None,
        signer=None,
        partial=False,
        routing=None,
        paragraphs=paragraphs,
        redactions=0,
        garbled=(),
        people=(mention,),
    )


def test_link_meta_carries_the_sentence_that_names_the_person() -> None:
    paragraphs = (
        Paragraph("1", "U", "numbered", "Nothing here. Really nothing."),
        Paragraph("2", "SBU", "numbered", "The trial went on. Then Zhovtis spoke  to us. Bye."),
    )
    mention = Mention("Yevgeniy Zhovtis", "yevgeniy-zhovtis", ("mentioned",), ("p2",), ("Zhovtis",))
    ref = link.meta(_cable(paragraphs, mention)).people[0]
    assert ref.spellings == ("Zhovtis",)
    assert ref.sentence == "Then Zhovtis spoke to us."


def test_sentence_is_clipped_and_empty_when_the_name_is_absent() -> None:
    long = "Zhovtis " + "word " * 200 + "."
    paragraphs = (Paragraph("1", None, "numbered", long),)
    mention = Mention("Yevgeniy Zhovtis", "yevgeniy-zhovtis", ("mentioned",), ("p1",), ())
    assert len(link.meta(_cable(paragraphs, mention)).people[0].sentence) <= link.SENTENCE_LIMIT
    absent = Mention("Ann Adams", "ann-adams", ("signer",), (), ())
    assert link.meta(_cable(paragraphs, absent)).people[0].sentence == ""
