"""The person-sentence finder's word test agrees with the regular expression it replaces."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from generator.people import sentence

ALPHABET = st.sampled_from(list("ab _-'.1é\u00a0Ω٣"))


@given(text=st.text(ALPHABET, max_size=30), word=st.text(ALPHABET, min_size=1, max_size=4))
def test_has_word_matches_the_regex(text: str, word: str) -> None:
    expected = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None
    assert sentence._has_word(text, word) == expected


def test_the_first_sentence_naming_the_person() -> None:
    text = "Mr. Smith arrived. The U.S. Ambassador met Smithers. Smith left."
    assert sentence.sentence_for(text, ["Smith"]) == "Mr. Smith arrived."
    assert sentence.sentence_for(text, ["Smithers"]) == "The U.S. Ambassador met Smithers."
    assert sentence.sentence_for(text, ["Jones"]) == ""
