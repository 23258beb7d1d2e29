"""List fragments of the theme: every field escaped, links relative, pagers complete."""

from __future__ import annotations

from generator import urls
from generator.site.listing import CableRow, label, pager
from generator.site.person_pages import PersonEntry, RoleCount, TimelineEntry
from tests.fragment_env import filters

HOSTILE = "<script>alert('x')</script> & \"q\""
fragments = filters()
ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;q&#34;"


def _row(subject: str = HOSTILE, date: str = "2009-12-18") -> CableRow:
    return CableRow(
        id="09ASTANA2159",
        target=urls.cable("09ASTANA2159", 2009, 12),
        date=date,
        subject=subject,
        origin="A&B",
        origin_target=urls.origin("ASTANA"),
        label=label("SECRET//<NOFORN>"),
    )


def test_cable_table_escapes_every_field_and_links_from_the_page() -> None:
    html = fragments.cable_table([_row()], "tag/PGOV/index.html")
    assert ESCAPED in html
    assert "<script>" not in html
    assert "A&amp;B" in html
    assert "SECRET//&lt;NOFORN&gt;" in html
    assert 'href="../../cable/2009/12/09ASTANA2159.html"' in html
    assert 'href="../../origin/ASTANA/index.html"' in html


def test_cable_table_links_within_the_page_folder() -> None:
    html = fragments.cable_table([_row()], "origin/ASTANA/p2.html")
    assert 'href="index.html">A&amp;B</a>' in html
    assert 'href="../../cable/2009/12/09ASTANA2159.html"' in html


def test_cable_table_marks_redacted_runs_in_subjects() -> None:
    row = _row(subject="SPAIN: XXXXXXXXXXXX MEETS <AMBASSADOR>; AXXXE AND XXXXX")
    html = fragments.cable_table([row], "tag/PGOV/index.html")
    mark = '<span class="redacted" role="img" aria-label="redacted">'
    assert html.count(mark) == 2
    assert f"SPAIN: {mark}XXXXXXXXXXXX</span> MEETS &lt;AMBASSADOR&gt;; AXXXE AND {mark}" in html


def test_subject_filter_marks_redactions_and_escapes_the_rest() -> None:
    assert fragments.subject("A & B") == "A &amp; B"
    assert fragments.subject("XXX <b>") == (
        '<span class="redacted" role="img" aria-label="redacted">XXX</span> &lt;b&gt;'
    )


def test_undated_row_has_no_time_element() -> None:
    html = fragments.cable_table([_row(date="undated")], "tag/PGOV/index.html")
    assert '<td class="c-date">undated</td>' in html
    assert "<time" not in html


def test_timeline_escapes_sentence_and_roles() -> None:
    entry = TimelineEntry(_row(), ("signed", "<b>"), HOSTILE, "cable/2009/12/09ASTANA2159.html#p3")
    html = fragments.timeline([entry], "person/john-smith/index.html")
    assert html.count(ESCAPED) == 2  # subject and sentence
    assert '<span class="role">&lt;b&gt;</span>' in html
    assert 'href="../../cable/2009/12/09ASTANA2159.html#p3">in context' in html


def test_timeline_without_sentence_has_no_quote() -> None:
    entry = TimelineEntry(_row(), (), "", "cable/2009/12/09ASTANA2159.html")
    assert "blockquote" not in fragments.timeline([entry], "person/x/index.html")


def test_pager_of_one_page_has_status_only() -> None:
    p = pager(1, 1, 50, lambda n: urls.tag("PGOV", n))
    nav = fragments.pager_nav(p, p.links[0].target)
    assert '<p class="pager-status">1 cable</p>' in nav
    assert "<ul>" not in nav
    assert fragments.pager_head(p, "tag/PGOV/index.html") == ""


def test_pager_in_the_middle_links_both_ways_and_elides() -> None:
    p = pager(5, 1000, 50, lambda n: urls.tag("PGOV", n))
    page = urls.tag("PGOV", 5)
    nav = fragments.pager_nav(p, page)
    assert "Cables 201–250 of 1000, page 5 of 20, newest first" in nav
    assert '<a rel="prev" href="p4.html">← Newer</a>' in nav
    assert '<a rel="next" href="p6.html">Older →</a>' in nav
    assert '<a aria-current="page" href="p5.html">5</a>' in nav
    assert nav.count('<span class="pager-gap">…</span>') == 2
    assert '<a href="index.html">1</a>' in nav
    head = fragments.pager_head(p, page)
    assert head == '<link rel="prev" href="p4.html">\n<link rel="next" href="p6.html">\n'


def test_first_and_last_pages_have_the_off_ends() -> None:
    first = pager(1, 120, 50, lambda n: urls.tag("PGOV", n))
    last = pager(3, 120, 50, lambda n: urls.tag("PGOV", n))
    assert '<span class="pager-off">← Newer</span>' in fragments.pager_nav(
        first, "tag/PGOV/index.html"
    )
    assert '<span class="pager-off">Older →</span>' in fragments.pager_nav(last, "tag/PGOV/p3.html")


def test_counted_links_comma_between_but_not_after_the_last() -> None:
    items = [
        PersonEntry(HOSTILE, "person/a/index.html", 3),
        PersonEntry("B", "person/b/index.html", 1),
    ]
    html = fragments.counted_links(items, "person/c/index.html")
    assert html == (
        f'<span class="nowrap"><a href="../a/index.html">{ESCAPED}</a> '
        '<span class="count">3</span>,</span> '
        '<span class="nowrap"><a href="../b/index.html">B</a> <span class="count">1</span></span> '
    )


def test_role_counts_escape_the_role() -> None:
    html = fragments.role_counts([RoleCount("<i>", 2)])
    assert html == '<span class="role">&lt;i&gt; <span class="count">2</span></span> '
