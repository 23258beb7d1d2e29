"""people.sentence_for: the sentence of a paragraph that names a person."""

from __future__ import annotations

import generator.people as people

PARAGRAPH = (
    "In a December 14 lunch with civil society, SCA A/S Blake characterized the relationship. "
    "He reinforced the importance of human rights. Blake expressed concern about the U.S. "
    "assistance to Mr. Zhovtis, citing the trial."
)


def test_first_sentence_with_the_name() -> None:
    assert people.sentence_for(PARAGRAPH, ["Robert Blake", "Blake"]).startswith("In a December 14")


def test_abbreviations_do_not_cut_a_sentence() -> None:
    found = people.sentence_for(PARAGRAPH, ["Zhovtis"])
    assert (
        found
        == "Blake expressed concern about the U.S. assistance to Mr. Zhovtis, citing the trial."
    )


def test_no_sentence_names_them() -> None:
    assert people.sentence_for(PARAGRAPH, ["Dobichina"]) == ""


def test_accents_and_case_are_ignored() -> None:
    assert (
        people.sentence_for("José Couso died. Nobody else.", ["Jose Couso"]) == "José Couso died."
    )
