"""Bad input gets a clear diagnostic naming file, line and problem, and never stops the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.clean import clean
from generator.commands.build import cable_from_source, parse_paths
from generator.commands.cli import main
from generator.errors import InputError
from generator.model import Cable
from generator.parse import parse
from generator.source import read
from tests.conftest import SEEDS

SEED = SEEDS / "000_48199af43085af5c.txt"


def outcome_of(name: str, data: bytes):  # type: ignore[no-untyped-def]
    return cable_from_source(read.decode(name, data))


def parse_and_clean(name: str, data: bytes) -> Cable:
    """Only the parser's stages: the big-input tests measure nothing downstream of clean."""
    return clean(parse(read.decode(name, data)))


def refusal(name: str, data: bytes) -> str:
    outcome = outcome_of(name, data)
    assert outcome.cable is None
    message = str(outcome.diagnostics[-1])
    assert message.startswith(name)
    return message


def test_empty_file_is_refused_with_its_name() -> None:
    assert "empty file" in refusal("empty.txt", b"")
    assert "empty file" in refusal("blank.txt", b"  \n\n \t\n")


def test_binary_file_is_refused_with_the_line_of_the_first_nul() -> None:
    message = refusal("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary file" in message
    assert message.startswith("image.png:3:")  # the NUL is on the third line


def test_control_bytes_without_nul_are_binary_too() -> None:
    assert "binary file" in refusal("noise.bin", bytes(range(1, 32)) * 50)


def test_text_that_is_not_a_cable_is_refused_with_the_fix() -> None:
    message = refusal("notes.txt", b"Shopping list\n\n- milk\n- bread\n")
    assert "no recognisable cable" in message
    assert "classification line" in message


def test_non_utf8_falls_back_with_a_warning_naming_line_and_byte() -> None:
    data = SEED.read_bytes().replace(b"Kozhakhmetov", "K\xf6zhakhmetov".encode("cp1252"))
    outcome = outcome_of("latin.txt", data)
    assert outcome.cable is not None
    assert outcome.cable.id == "09ASTANA2159"
    (warning,) = outcome.diagnostics
    assert warning.line == data[: data.index(b"\xf6")].count(b"\n") + 1
    assert "0xf6" in warning.message and "cp1252" in warning.message
    assert any("Közhakhmetov" in p.text for p in outcome.cable.paragraphs)
    assert any("not valid UTF-8" in w for w in outcome.cable.warnings)


@pytest.mark.parametrize(
    "transform",
    [
        lambda b: b.replace(b"\n", b"\r\n"),
        lambda b: b.replace(b"\n", b"\r"),
        lambda b: b"\xef\xbb\xbf" + b,
        lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"),
    ],
    ids=["crlf", "cr", "bom", "bom-crlf"],
)
def test_line_endings_and_bom_give_the_same_record(transform) -> None:  # type: ignore[no-untyped-def]
    data = SEED.read_bytes()
    plain = outcome_of("seed.txt", data).cable
    other = outcome_of("seed.txt", transform(data)).cable
    assert plain is not None and other is not None
    strip = lambda r: {k: v for k, v in r.items() if k != "source"}  # noqa: E731
    assert strip(other.record()) == strip(plain.record())


@pytest.mark.parametrize(
    "caption",
    [
        b"UNCLAS SECTION 01 OF 02 ASTANA/../../ETC 002159",
        b"UNCLAS SECTION 01 OF 02 ../ASTANA 002159",
        b"UNCLAS SECTION 01 OF 02 AST.ANA 002159",
        b"UNCLAS SECTION 01 OF 02 ASTANA/X 002159",
    ],
)
def test_an_id_with_slash_or_dots_is_refused(caption: bytes) -> None:
    data = SEED.read_bytes().replace(b"UNCLAS SECTION 01 OF 02 ASTANA 002159", caption)
    message = refusal("evil.txt", data)
    assert "is not of the form YY + POST + SERIAL" in message
    assert message.startswith("evil.txt:26:")  # the caption line


def test_two_files_with_one_id_are_two_outcomes_of_one_cable(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b.txt").write_bytes(SEED.read_bytes().replace(b"HOAGLAND", b"KROL"))
    outcomes = list(parse_paths(tmp_path))
    # Neither is refused: `cablegen parse` and the build make them versions of one cable.
    assert [o.cable.id if o.cable else None for o in outcomes] == ["09ASTANA2159"] * 2
    assert not [d for o in outcomes for d in o.diagnostics if "duplicate" in str(d)]


def test_parse_dir_goes_on_after_bad_files(tmp_path: Path) -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "0empty.txt").write_bytes(b"")
    (tmp_path / "0binary.bin").write_bytes(b"\x00\x01\x02")
    (tmp_path / "0prose.txt").write_bytes(b"Dear diary,\ntoday nothing happened.\n")
    result = CliRunner().invoke(main, ["parse", str(tmp_path), "--json"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 5
    assert "0empty.txt" in result.stderr and "0binary.bin" in result.stderr
    assert "0prose.txt: no recognisable cable" in result.stderr


def test_parse_file_that_is_not_a_cable_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(main, ["parse", str(bad), "--json"])
    assert result.exit_code == 1
    assert "empty file" in result.stderr


@pytest.mark.slow
def test_a_20_mb_file_parses() -> None:
    data = SEED.read_bytes()
    head, body = data.split(b"11. (U)", 1)
    big = head + b"11. (U)" + body * (20_000_000 // len(body))
    cable = parse_and_clean("big.txt", big)
    assert cable.id == "09ASTANA2159"
    assert len(cable.paragraphs) > 20_000


# Lines that would make a backtracking pattern take quadratic time or worse: at
# 2 MB such a pattern would not finish, so no timing needs asserting.
@pytest.mark.slow
@pytest.mark.parametrize(
    "shape", ["one line", "garble", "redactions", "caption-like", "tags", "refs"]
)
def test_pathological_lines_parse(shape: str) -> None:
    data = SEED.read_bytes()
    head = data.split(b"11. (U)", 1)[0]
    size = 2_000_000
    big = {
        "one line": head + b"1. (U) " + b"word " * (size // 5),
        "garble": head + b"1. (U) " + b"v(E(GK?w!E " * (size // 11),
        "redactions": head + b"1. (U) " + b"XXXXXXXXXXXX " * (size // 13),
        "caption-like": b"SECRET " + b"A " * (size // 2) + b"1",
        "tags": head.replace(b"TAGS:", b"TAGS: " + b"(A, " * (size // 4)),
        "refs": head.replace(b"E.O. 12958", b"REF: " + b"A. STATE 1 " * (size // 11) + b"\n\nE.O."),
    }[shape]
    if shape == "caption-like":
        with pytest.raises(InputError, match="no recognisable cable"):
            parse_and_clean("big.txt", big)
    else:
        assert parse_and_clean("big.txt", big).id == "09ASTANA2159"
