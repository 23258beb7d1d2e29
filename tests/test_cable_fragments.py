"""Cable page fragments of the theme: every field escaped, the bytes the page shows."""

from __future__ import annotations

from markupsafe import Markup

from generator.people.roles import word as role_word
from generator.site.pages import (
    CableLink,
    ParagraphView,
    PersonLink,
    ReferenceView,
    RoutingView,
    StationView,
)
from tests.fragment_env import filters

cable_fragments = filters()

BAD = "<b onclick='x'>&"
SAFE = "&lt;b onclick=&#39;x&#39;&gt;&amp;"
PAGE = "cable/2009/12/09ASTANA2159.html"


def test_station_escapes_what_was_written_when_no_post_is_known() -> None:
    html = cable_fragments.station(StationView(BAD, "RUEHZK", None, None))
    assert html == f"<code>RUEHZK</code> {SAFE}\n"


def test_station_with_post_country_precedence_and_serial() -> None:
    s = StationView("AMEMBASSY <X>", "RUEHTA", "Embassy Astana", "Kazakhstan", "PRIORITY", "0042")
    assert cable_fragments.station(s) == (
        '<code>RUEHTA</code> <strong>Embassy Astana</strong>, Kazakhstan <span class="muted">'
        'AMEMBASSY &lt;X&gt;</span> <span class="tag-small">PRIORITY</span> '
        '<span class="muted">serial 0042</span>\n'
    )


def test_unknown_station_says_so() -> None:
    html = cable_fragments.station(StationView("RUEHXX", "RUEHXX", None, None))
    assert html == '<code>RUEHXX</code> <span class="muted">station not known</span>\n'


def test_paragraph_keeps_its_markup_and_escapes_the_rest() -> None:
    body = Markup('<a class="person" href="x.html">A</a>')
    p = ParagraphView("p1", "1.", "C//<NF>", "confidential", "numbered", body)
    html = cable_fragments.paragraphs([p])
    assert '<span class="pnum">1.</span>' in html
    assert 'title="Portion marked C//&lt;NF&gt;">(C//&lt;NF&gt;)</span>' in html
    assert str(body) in html
    assert 'aria-label="Link to paragraph 1."' in html


def test_heading_paragraph_is_a_heading() -> None:
    p = ParagraphView("t1", None, None, "none", "heading", Markup("SUMMARY"))
    html = cable_fragments.paragraphs([p])
    assert html.startswith('\n<h2 class="para-heading" id="t1">SUMMARY <a class="pilcrow"')


def test_references_link_what_is_here_and_name_what_is_not() -> None:
    here = ReferenceView("ref-A", "A", BAD, "09X1", "cable/2009/11/09X1.html", BAD)
    gone = ReferenceView("ref-B", "B", "STATE 1", "09STATE1", None, None)
    html = cable_fragments.reference_items([here, gone], PAGE)
    assert f'<a href="../11/09X1.html">{SAFE}</a> <span class="muted">{SAFE}</span>' in html
    assert 'STATE 1 <span class="not-here">(09STATE1) not in this archive</span>' in html


def test_people_roles_shown_unless_only_mentioned() -> None:
    items = [
        PersonLink(BAD, "person/a/index.html", (role_word("mentioned"),)),
        PersonLink("B", "person/b/index.html", ("Signed", "<x>")),
        PersonLink("C", "person/c/index.html", (role_word("classified_by"),)),
    ]
    html = cable_fragments.person_items(items, PAGE)
    assert f'<li><a href="../../../person/a/index.html">{SAFE}</a></li>' in html
    assert '<span class="muted">(Signed, &lt;x&gt;)</span>' in html
    # the field name of the record never reaches the page
    assert '<span class="muted">(Classified by)</span>' in html


def test_cited_by_lines_escape_the_subject() -> None:
    c = CableLink("09X2", BAD, "2009-12-01", "ASTANA", "SECRET", "cable/2009/12/09X2.html")
    html = cable_fragments.cited_by_items([c], PAGE)
    assert html == (
        f'<li><a href="09X2.html"><code>09X2</code> {SAFE}</a> '
        '<span class="muted">2009-12-01 · ASTANA · SECRET</span></li>\n'
    )


def test_station_lists_skip_empty_groups() -> None:
    to = StationView("SECSTATE WASHDC", "RUEHC", "Department of State", None)
    r = RoutingView((), None, (), None, None, None, None, None, None, (to,), ())
    html = cable_fragments.station_lists(r)
    assert html == (
        '\n<h2 class="routing-heading">To</h2>\n<ul class="stations"><li><code>RUEHC</code> '
        '<strong>Department of State</strong> <span class="muted">SECSTATE WASHDC</span>\n'
        "</li></ul>\n"
    )
