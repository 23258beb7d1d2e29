"""The release's shapes read on their own: cables.csv rows and WikiLeaks cable pages."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.commands.build import cable_from_source
from generator.model import Cable
from generator.site.cable_page import release_notes
from generator.source import csv_rows, shapes, wikileaks_page
from generator.source.csv_rows import RowError
from tests.release import made_up


def _rows(data: bytes) -> list[csv_rows.Row]:
    return list(csv_rows.rows(io.BytesIO(data)))


def test_a_row_gives_the_text_a_cable_file_holds() -> None:
    (row,) = _rows(made_up.row(1, 2159).encode())
    cols = csv_rows.fields("cables.csv", row)
    assert not isinstance(cols, RowError)
    source = shapes.row_source("cables.csv#09ASTANA2159", cols, csv_rows.digest(row))
    header, body = made_up.cable(2159)
    assert source.text == f"{header}\n\n{body}\n"
    assert '"MADE-UP"' in source.text  # backslash-escaped quotes come back as quotes
    assert source.release is not None
    assert source.release.created == "2009-12-18T05:21:00Z"
    assert source.release.origin == "Embassy Astana"


# (row bytes, reason the row is refused); each sits between two good rows.
BAD_ROWS = [
    (b'"2","12/18/2009 05:21","09ASTANA1","Embassy Astana","SECRET"\n', "wrong column count"),
    (b'"2","a","b","c","d","e","f","g" trailing\n', "broken quote"),
    (b'"2","a","b","c","d","e","f","body \xff\xfe bytes"\n', "bad bytes"),
    (b'"2","a","b","c","d","e","f","g","h"\n', "wrong column count"),
    (b'"2","a","b","c","d","e","f","unclosed\nstill the body\n', "broken quote"),
]


def test_a_bad_row_is_an_error_at_its_row_and_offset_and_the_rest_go_on() -> None:
    for bad, reason in BAD_ROWS:
        first, last = made_up.row(1, 2159).encode(), made_up.row(3, 2161).encode()
        data = first + bad + last
        rows = _rows(data)
        assert len(rows) == 3, bad
        results = [csv_rows.fields("cables.csv", r) for r in rows]
        error = results[1]
        assert isinstance(error, RowError), bad
        assert (error.row, error.offset) == (2, len(first))
        assert reason in error.reason, (bad, error.reason)
        assert [r[2] for r in results if not isinstance(r, RowError)] == [
            "09ASTANA2159",
            "09ASTANA2161",
        ]


def test_rows_are_cut_without_loading_the_file(monkeypatch: object) -> None:
    # Blocks smaller than a row: rows are still whole, and a row start split
    # across two blocks is found.
    import pytest

    mp = pytest.MonkeyPatch()
    mp.setattr(csv_rows, "BLOCK", 7)
    try:
        data = "".join(made_up.row(n, 2000 + n) for n in range(1, 6)).encode()
        rows = _rows(data)
    finally:
        mp.undo()
    assert [r.number for r in rows] == [1, 2, 3, 4, 5]
    assert b"".join(r.data for r in rows) == data
    offset = rows[3].offset
    again = csv_rows.row_at(io.BytesIO(data), offset, 4, len(rows[3].data))
    assert again == rows[3]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.integers(min_value=1, max_value=64))
def test_cutting_rows_never_crashes_and_loses_nothing(data: bytes, block: int) -> None:
    import pytest

    mp = pytest.MonkeyPatch()
    mp.setattr(csv_rows, "BLOCK", block)
    try:
        rows = _rows(data)
    finally:
        mp.undo()
    assert b"".join(r.data for r in rows) == data
    for r in rows:
        cols = csv_rows.fields("x.csv", r)
        assert isinstance(cols, RowError) or len(cols) == csv_rows.COLUMNS


def test_a_cable_page_gives_the_text_and_its_metadata_table() -> None:
    page = wikileaks_page.read_page(made_up.page(2159, "SECRET"))
    assert page is not None
    header, body = made_up.cable(2159)
    body = body.replace("1. (U)", "¶1. (U)")  # the page's paragraph links keep their mark
    assert page.text == f"{header}\n\n{body}\n"
    assert page.metadata["Classification"] == "SECRET"
    assert page.metadata["Released"] == "2010-12-01 12:00"


NOT_CABLE_PAGES = [
    "<html><body><p>Cable Viewer</p></body></html>",
    "<html><body><pre>only text, no table</pre></body></html>",
    "<table class='cable'><tr><th>Reference ID</th></tr><tr><td>X</td></tr></table><pre>t</pre>",
    "",
    "<pre",
]


def test_other_html_is_not_a_cable_page() -> None:
    for html in NOT_CABLE_PAGES:
        assert wikileaks_page.read_page(html) is None, html
    assert isinstance(shapes.page_source("a.html", b"<p>hi</p>"), shapes.NotCablePage)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_reading_a_page_never_crashes(html: str) -> None:
    page = wikileaks_page.read_page(html)
    assert page is None or page.blocks


def _cable_of_row(text: str) -> Cable:
    (row,) = _rows(text.encode())
    cols = csv_rows.fields("cables.csv", row)
    assert not isinstance(cols, RowError)
    outcome = cable_from_source(shapes.row_source("cables.csv#x", cols, csv_rows.digest(row)))
    assert outcome.cable is not None
    return outcome.cable


# (row, the disagreements recorded, what the page says)
DISAGREEING_ROWS = [
    (made_up.row(1, 2159), [], ()),
    (
        made_up.row(1, 2159, classification="CONFIDENTIAL"),
        [("classification", "UNCLASSIFIED", "CONFIDENTIAL")],
        ("The release metadata says CONFIDENTIAL; the cable's own marking says UNCLASSIFIED.",),
    ),
    (
        made_up.row(1, 2159).replace('"09ASTANA2159"', '"09ASTANA2160"'),
        [("id", "09ASTANA2159", "09ASTANA2160")],
        (
            "The release metadata files this text as 09ASTANA2160; the text itself is cable "
            "09ASTANA2159.",
        ),
    ),
    (
        made_up.row(1, 2159).replace("Embassy Astana", "Embassy Almaty"),
        [("origin", "ASTANA", "Embassy Almaty")],
        (),
    ),
    (
        made_up.row(1, 2159, created="12/19/2009 05:21"),
        [("date", "2009-12-18", "2009-12-19")],
        (),
    ),
    # Minutes are not compared: the published times are known to be off.
    (made_up.row(1, 2159, created="12/18/2009 05:59"), [], ()),
]


def test_disagreements_recorded_and_the_serious_ones_stated() -> None:
    for row, recorded, stated in DISAGREEING_ROWS:
        cable = _cable_of_row(row)
        assert [(d.field, d.text, d.metadata) for d in cable.disagreements] == recorded, row
        assert release_notes(cable) == stated
        assert cable.created == "2009-12-18T05:19:00Z" and cable.created_source == "dtg"
