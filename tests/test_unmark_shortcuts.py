"""`unmark` skips markdown-it for the archive's common TAGS shapes: the shortcut must agree.

The strings are built from the pieces those shapes are made of (words wrapped in
`**`, text between them) plus the characters that change how markdown-it pairs
delimiters, so both texts the shortcut takes and texts it must refuse occur.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.clean.markup import PLAIN_STRONG, unmark, via_markdown

BETWEEN = [" ", "A", "b", "7", ".", ",", ":", "(", ")", "é", "-", "\n", "\t", "\xa0", "!", "&"]
EDGE = ["A", "b", "7", "PHUM", "x1", "é", " ", "."]
STRAY = ["*", "**", "_", "[", "]", "\\", "\r", "`"]

plain = st.lists(st.sampled_from(BETWEEN), max_size=5).map("".join)
strong = st.tuples(st.sampled_from(EDGE), plain, st.sampled_from(EDGE)).map(
    lambda t: "**" + "".join(t) + "**"
)
piece = st.one_of(plain, strong, st.sampled_from(STRAY))


@given(st.lists(piece, min_size=1, max_size=8))
def test_strong_shortcut_agrees_with_markdown_it(parts: list[str]) -> None:
    text = "".join(parts)
    if PLAIN_STRONG.fullmatch(text):
        assert text.replace("**", "") == via_markdown(text)


@given(st.lists(st.tuples(plain, strong), min_size=1, max_size=4), plain)
def test_strong_shortcut_takes_tags_written_in_bold(pairs: list[tuple[str, str]], end: str) -> None:
    text = "".join(a + b for a, b in pairs) + end
    if PLAIN_STRONG.fullmatch(text):
        assert unmark(text) == via_markdown(text) == text.replace("**", "")


def test_bold_tags_take_the_shortcut() -> None:
    assert PLAIN_STRONG.fullmatch("TAGS: **PHUM PREL KZ**")
    assert not PLAIN_STRONG.fullmatch("TAGS: **PHUM** **PREL****KZ**")
    assert unmark("TAGS: **PHUM PREL KZ**") == "TAGS: PHUM PREL KZ"
