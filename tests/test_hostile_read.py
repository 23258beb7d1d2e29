"""Each hostile encoding becomes the text that was meant, or a reported, named skip."""

from __future__ import annotations

import pytest

from generator.commands.build import cable_from_source
from generator.model import Source
from generator.source import read
from tests.hostile.inputs import COMMITTED


def source(name: str) -> Source:
    path = COMMITTED / name
    return read.decode(name, path.read_bytes())


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("16_utf16le_bom.txt", "UNCLAS ASTANA 000016"),
        ("17_utf16be_bom.txt", "UNCLAS ASTANA 000017"),
        ("18_utf16le_nobom.txt", "UNCLAS ASTANA 000018"),
        ("21_utf8_bom.txt", "UNCLAS ASTANA 000021"),
        ("22_double_bom.txt", "UNCLAS ASTANA 000022"),
        ("25_cr_line_endings.txt", "UNCLAS ASTANA 000025\n\nE.O."),
    ],
)
def test_wide_and_marked_texts_decode_to_the_cable(name: str, start: str) -> None:
    src = source(name)
    assert src.text.startswith(start), src.text[:60]
    assert "\x00" not in src.text and "\r" not in src.text and "\ufeff" not in src.text


@pytest.mark.parametrize("name", ["16_utf16le_bom.txt", "17_utf16be_bom.txt", "19_latin1.txt"])
def test_a_fallback_decoding_is_warned_about(name: str) -> None:
    src = source(name)
    assert src.warnings, f"{name} decoded as {src.encoding} without a warning"
    assert all(w.path == name for w in src.warnings)


def test_eight_bit_texts_keep_their_letters() -> None:
    assert "CAFÉ" in source("19_latin1.txt").text
    text = source("20_cp1252.txt").text
    assert "“quoted” – dash" in text
    assert "\x81" not in text and "\ufffd" in text


def test_binary_is_not_mistaken_for_utf16() -> None:
    assert not source("24_binary.bin").encoding.startswith("utf-16")


@pytest.mark.parametrize(
    "name",
    ["16_utf16le_bom.txt", "17_utf16be_bom.txt", "18_utf16le_nobom.txt", "22_double_bom.txt"],
)
def test_wide_and_double_bom_files_become_cables(name: str) -> None:
    outcome = cable_from_source(source(name))
    assert outcome.cable is not None, [str(d) for d in outcome.diagnostics]
    assert outcome.cable.id.endswith("ASTANA" + name[:2])


@pytest.mark.parametrize("name", ["23_nul_bytes.txt", "24_binary.bin", "14_empty.txt"])
def test_unusable_files_are_skipped_with_their_name_and_a_reason(name: str) -> None:
    outcome = cable_from_source(source(name))
    assert outcome.cable is None
    assert outcome.diagnostics and all(d.path == name for d in outcome.diagnostics)
    assert any(len(d.message) > 20 for d in outcome.diagnostics)
