"""People extraction is total: any text, however broken, gives people or nobody, never a crash."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import generator.people as people
from generator.model import ClassifiedBy
from tests.people.loader import cable

REGISTRY = people.load_registry(Path(__file__).resolve().parents[2] / "content" / "people.toml")
WORDS = st.sampled_from(
    [
        "Ambassador",
        "A/S",
        "Blake",
        "ZHOVTIS",
        "von",
        "al-",
        "E.",
        "'s",
        "--",
        ",",
        "(",
        "XXXX",
        "Mr.",
    ]
)
TEXT = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=40).map(" ".join))


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT, st.one_of(st.none(), TEXT), TEXT, TEXT)
def test_find_never_raises(body: str, more: str, signer: str | None, by: str, line: str) -> None:
    c = cable(
        body,
        more,
        signer=signer,
        classified_by=ClassifiedBy(by, None),
        tags=(line,),
        tag_people=(line,),
        handling=(line,),
    )
    found = people.find(c, REGISTRY)
    for mention in found.people:
        assert mention.name and mention.slug
        assert set(mention.roles) <= {"signer", "classified_by", "tag", "mentioned"}
        assert all(a in ("p1", "p2") for a in mention.paragraphs)
    assert len({m.slug for m in found.people}) == len(found.people)


@settings(max_examples=100, deadline=None)
@given(TEXT, st.lists(st.text(max_size=20), max_size=4))
def test_sentence_for_never_raises(text: str, spellings: list[str]) -> None:
    sentence = people.sentence_for(text, spellings)
    assert sentence == "" or sentence in text or sentence.strip() in text
