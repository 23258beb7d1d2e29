"""Each extraction rule against its fixture file of small cases (tests/people/cases/*.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.people as people
from generator.model import ClassifiedBy
from tests.people.loader import cable

CASES = Path(__file__).resolve().parent / "cases"
REGISTRY = people.load_registry(Path(__file__).resolve().parents[2] / "content" / "people.toml")


def _cases() -> list[tuple[str, str, list[str]]]:
    out = []
    for path in sorted(CASES.glob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            text, _, expected = line.partition(" => ")
            names = [n.strip() for n in expected.split(";") if n.strip()]
            out.append((path.stem, text, names))
    return out


@pytest.mark.parametrize(("rule", "text", "expected"), _cases(), ids=lambda v: str(v)[:40])
def test_case(rule: str, text: str, expected: list[str]) -> None:
    found = people.find(cable(text), REGISTRY)
    assert sorted(m.name for m in found.people) == sorted(expected), rule


def test_signer_links_to_the_full_name() -> None:
    c = cable("Ambassador Tom McDonald met the press.", signer="MCDONALD")
    (mention,) = people.find(c, REGISTRY).people
    assert (mention.name, mention.roles) == ("Tom McDonald", ("signer", "mentioned"))


def test_signer_alone_is_a_person_with_the_signer_role() -> None:
    (mention,) = people.find(cable("Nothing here.", signer="MILAS"), REGISTRY).people
    assert (mention.name, mention.slug, mention.roles) == ("Milas", "milas", ("signer",))


def test_signer_registry_spelling() -> None:
    (mention,) = people.find(cable("Text.", signer="HOAGLAND"), REGISTRY).people
    assert mention.name == "Richard Hoagland"


@pytest.mark.parametrize(
    ("name", "title", "expected"),
    [
        ("Qb. John Ordway", None, "John Ordway"),
        ("JAMES MCALLISTER", "AMBASSADOR", "James McAllister"),
        ("DANIEL R.HOLT", "CHARGE", "Daniel Holt"),
        (
            "Harold Wentworth for reaso ns 1.4 b and d.",
            "Political Minister-Counselor",
            "Harold Wentworth",
        ),
        ("EUR DAS David Kramer", None, "David Kramer"),
        ("DUDDY, AMBASSADOR, DOS, AMB", None, "Duddy"),
    ],
)
def test_classified_by(name: str, title: str | None, expected: str) -> None:
    c = cable("Text.", classified_by=ClassifiedBy(name, None, title))
    (mention,) = people.find(c, REGISTRY).people
    assert (mention.name, mention.roles) == (expected, ("classified_by",))


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("STEINBERG, JAMES B.", "James Steinberg"),
        ("OVIP (STEINBERG, JAMES B.)", "James Steinberg"),
        ("CLINTON, HILLARY", "Hillary Clinton"),
        ("PGOV", None),
        ("KDEM (DEMOCRACY)", None),
    ],
)
def test_person_tags(tag: str, expected: str | None) -> None:
    found = people.find(cable("Text.", tag_people=(tag,)), REGISTRY).people
    assert [m.name for m in found] == ([expected] if expected else [])
    assert all(m.roles == ("tag",) for m in found)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("NSC FOR SENIOR AFRICA DIRECTOR GAYLE SMITH", ["Gayle Smith"]),
        ("L/LEI FOR KEN PROPP AND MARK KULISH", ["Ken Propp", "Mark Kulish"]),
        ("STATE FOR NEA/MAG (HARRIS)", ["Harris"]),
        ("STATE FOR SCA/CEN, EUR/ACE, F, EUR/RPM, DRL", []),
        ("STATE PLEASE PASS TO USAID", []),
    ],
)
def test_distribution_lines(line: str, expected: list[str]) -> None:
    found = people.find(cable("Text.", handling=(line,)), REGISTRY)
    # addressees are routing: kept with the distribution lines, never in `people`
    assert found.people == ()
    assert sorted(found.extras["addressees"]) == sorted(expected)


def test_an_addressee_named_in_the_text_is_a_person_there() -> None:
    c = cable("Ambassador Jones met Minister Weber.", handling=("STATE FOR EUR/WE (JONES)",))
    found = people.find(c, REGISTRY)
    assert [m.name for m in found.people] == ["Jones", "Weber"]
    assert found.extras["addressees"] == ("Jones",)


def test_mentions_carry_paragraph_anchors_and_spellings() -> None:
    c = cable(
        "Assistant Secretary Robert Blake met activists.",
        "Nothing about him here.",
        "Blake expressed concern.",
    )
    (mention,) = people.find(c, REGISTRY).people
    assert mention.paragraphs == ("p1", "p3")
    assert mention.spellings == ("Robert Blake", "Blake")
    assert mention.slug == "robert-blake"


def test_ignored_names_are_dropped(tmp_path: Path) -> None:
    (tmp_path / "people.toml").write_text('[ignore]\nnames = ["Iva Dobichina"]\n')
    registry = people.load_registry(tmp_path / "people.toml")
    assert people.find(cable("Iva Dobichina spoke."), registry).people == ()
