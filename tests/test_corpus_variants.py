"""Other renderings of a dev cable (dev_variants/ID@rev.txt) give the same key fields."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.commands.build import cable_from_source
from generator.source import read
from tests.conftest import DEV_VARIANTS

KEYS = ("id", "created", "classification", "tags", "subject")


def variant_files() -> list[Path]:
    return sorted(DEV_VARIANTS.glob("*.txt")) if DEV_VARIANTS.is_dir() else []


def key_fields(path: Path) -> dict[str, object]:
    cable = cable_from_source(read.read_file(path)).cable
    assert cable is not None, f"{path.name} was refused"
    record = cable.record()
    return {k: record[k] for k in KEYS}


@pytest.mark.parametrize("variant", variant_files(), ids=lambda p: p.name)
def test_variant_agrees_with_its_dev_cable(variant: Path, dev_corpus: Path) -> None:
    original = dev_corpus / (variant.name.split("@")[0] + ".txt")
    theirs, ours = key_fields(variant), key_fields(original)
    assert same_subject(str(theirs.pop("subject")), str(ours.pop("subject")))
    assert theirs == ours


def same_subject(one: str, other: str) -> bool:
    """Equal but for letter case (renderings differ) and redactions (one may name who)."""
    pattern = "".join(
        ".+" if re.fullmatch(r"X{3,}", part) else re.escape(part)
        for part in re.split(r"(X{3,})", other.upper())
    )
    return re.fullmatch(pattern, one.upper()) is not None or one.upper() == other.upper()


def test_variants_are_present_when_the_corpus_is(dev_corpus: Path) -> None:
    assert variant_files(), f"no renderings under {DEV_VARIANTS}"
