"""generator.site.escaping gives markupsafe's bytes for any text, whichever path it takes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from generator.site import escaping

TRICKY = st.text(alphabet=st.sampled_from("<>&'\"a é\x00\u2028;#x"), max_size=40) | st.text()


@given(TRICKY)
def test_escaped_is_markupsafe_escape(text: str) -> None:
    assert escaping.escaped(text) == str(escape(text))
    assert escaping._through_markup(text) == str(escape(text))
    assert type(escaping.escaped(text)) is str


def test_every_special_character_becomes_an_entity() -> None:
    assert escaping.escaped("<a href='x'>&\"</a>") == (
        "&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;"
    )
