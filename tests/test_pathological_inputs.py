"""Inputs shaped to make parse, clean or people extraction slow must still finish.

Each 2 MB cable below once took from several seconds to minutes in one stage
(a quadratic loop over a long TAGS line, markdown-it over dense markup, a
100,000-word run of capitals). The bound is generous, and enforced by killing
a subprocess, so a slow machine does not fail it but a quadratic stage does.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SIZE = 2 * 1024 * 1024
BOUND_SECONDS = 20

HEAD = "UNCLAS ASTANA 000102\n\nE.O. 12958: DECL: 12/14/2019\n"


def _repeat(piece: str) -> str:
    return (piece * (SIZE // len(piece) + 1))[:SIZE]


def _cable(tags: str = "PGOV KZ", body: str = "Body.", before: str = "") -> str:
    return f"{HEAD}{before}TAGS: {tags}\nSUBJECT: A LONG INPUT\n\n1. (U) {body}\n"


SHAPES = {
    "tags_line": lambda: _cable(tags=_repeat("PGOV PREL ")),
    "open_brackets_in_tags": lambda: _cable(tags=_repeat("(A, ")),
    "capitals_sentences": lambda: _cable(body=_repeat("JOHN SMITH SAID ")),
    "possessives": lambda: _cable(body=_repeat("Abc's ")),
    "dense_markdown": lambda: _cable(body=_repeat("**[a](#) \\$ ")),
    "distribution_line": lambda: _cable(before="STATE FOR " + _repeat("JOHN SMITH AND ") + "\n"),
}

RUNNER = textwrap.dedent(
    """
    import sys
    from generator import clean, parse, people
    from generator.source import read

    source = read.decode("long.txt", sys.stdin.buffer.read())
    cable = people.find(clean.clean(parse.parse(source)), people.EMPTY)
    print(cable.id, len(cable.paragraphs))
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_long_input_finishes(shape: str) -> None:
    data = SHAPES[shape]().encode()
    assert len(data) >= SIZE
    try:
        done = subprocess.run(
            [sys.executable, "-c", RUNNER],
            input=data,
            capture_output=True,
            cwd=ROOT,
            timeout=BOUND_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{shape}: a 2 MB cable took over {BOUND_SECONDS} s to parse, clean and read")
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert done.stdout.split()[0] == b"09ASTANA102"
