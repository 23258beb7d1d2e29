"""Arbitrary text and bytes never make read, parse or clean raise anything but InputError.

HYPOTHESIS_PROFILE picks the budget: "ci" (default, ~200 examples per test)
or "long" for a thorough local run.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.clean import clean
from generator.clean.markup import unmark, via_markdown
from generator.clean.scrape import clean_text
from generator.errors import InputError
from generator.model import Cable
from generator.parse import parse
from generator.source import read
from tests.conftest import SEEDS

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SEED_TEXTS = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
CABLE_WORDS = [
    "UNCLAS", "C O N F I D E N T I A L", "SECTION 01 OF 02", "ASTANA 002159", "SIPDIS",
    "SENSITIVE", "NOFORN", "E.O. 12958: DECL: 10/03/2015", "TAGS:", "[PGOV](#)", "**PHUM**",
    "SUBJECT:", "REF:", "A. A. STATE 169627", "¶B.", "Classified By:", "reasons 1.4 (B)",
    "11. (U)", "110.", "1C.", "¶2.", "(SBU)", "ASTANA 00002159 001.2 OF 002", "NNNN",
    "VZCZCXRO9860", "DE RUEHTA #2159/01 3520519", "P 180519Z DEC 09", "FM AMEMBASSY ASTANA",
    "TO RUEHC/SECSTATE WASHDC PRIORITY 7007", "INFO", "XXXXXXXXXXXX", "\\$", "HOAGLAND",
    "(GARBLED)", "v(E(GK?w!E", "partial extract of the original cable", "\n", "\n\n", " ",
]  # fmt: skip


def run(text: str) -> Cable | None:
    return run_bytes(text.encode("utf-8", "surrogatepass"))


def run_bytes(data: bytes) -> Cable | None:
    """The cable, or None when refused with a diagnostic naming the file."""
    source = read.decode("fuzz.txt", data)
    try:
        return clean(parse(source))
    except InputError as exc:
        assert exc.diagnostic.path == "fuzz.txt" and exc.diagnostic.message
        return None


@given(st.binary(max_size=4000))
def test_bytes_never_crash(data: bytes) -> None:
    cable = run_bytes(data)
    if cable is not None:
        assert cable.source_path == "fuzz.txt" and cable.id


@given(st.text(max_size=3000))
def test_text_never_crashes(text: str) -> None:
    run(text)


@given(st.lists(st.sampled_from(CABLE_WORDS), max_size=80))
def test_cable_shaped_text_never_crashes(parts: list[str]) -> None:
    cable = run(" ".join(parts))
    if cable is not None:
        assert cable.id and cable.record()["id"] == cable.id


@given(
    st.sampled_from(SEED_TEXTS), st.integers(0, 20000), st.integers(0, 400), st.text(max_size=50)
)
def test_damaged_seeds_never_crash(seed: str, at: int, cut: int, insert: str) -> None:
    run(seed[:at] + insert + seed[at + cut :])


@given(st.text(alphabet=st.characters(exclude_characters="\\"), max_size=300))
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@given(
    st.lists(st.sampled_from(["[PGOV](#)", "**PHUM PREL**", " ", "KZ", "*", "_x_"]), max_size=12)
)
def test_unmark_is_idempotent_on_scrape_markup(parts: list[str]) -> None:
    # words of scrape markup as the pages have them: separated by spaces
    once = unmark(" ".join(parts))
    assert unmark(once) == once


MARKUP_PIECES = ["[PGOV](#)", "[KZ](#)", "\\[X](#)", "]", "[", "](#)", "**", "*", "\\$", " ", "A"]


@given(st.lists(st.sampled_from(MARKUP_PIECES), max_size=14))
def test_unmark_shortcut_agrees_with_markdown_it(parts: list[str]) -> None:
    text = "".join(parts)
    assert unmark(text) == via_markdown(text)
