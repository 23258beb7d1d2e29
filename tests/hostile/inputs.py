"""The hostile content folder: the committed files plus the ones made at test time.

Files over 100 KB are never committed; they are written here, from code, so the
repository stays small and the inputs stay exactly reproducible.
"""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMMITTED = HERE / "cables"

HUGE_LINE_BYTES = 50 * 1024 * 1024
# A paragraph this long already takes every body rule through millions of
# tokens; the full 50 MB inside a cable would only make the suite slower.
HUGE_PARAGRAPH_BYTES = 2 * 1024 * 1024
MANY_REFS = 3000

# Strings that must only ever reach a page as text. Each carries a marker so a
# test can find where it ended up.
PAYLOADS = (
    "<script>alert('xss-subject')</script>",
    "<img src=x onerror=alert('xss-ref')>",
    "javascript:alert('xss-ref-url')",
    "{{ 7*7 }}",
    "{% for x in range(3) %}LOOP{% endfor %}",
)

_CABLE = """UNCLAS ASTANA {serial}

E.O. 12958: DECL: 12/14/2019
TAGS: PGOV KZ
SUBJECT: {subject}

{refs}1. (U) {body}
"""


def _cable(serial: str, subject: str, body: str, refs: str = "") -> str:
    return _CABLE.format(serial=serial, subject=subject, body=body, refs=refs)


def _many_refs() -> str:
    lines = ["REF: A. STATE 000001"]
    for n in range(2, MANY_REFS + 1):
        label = f"{chr(65 + n % 26)}{n // 26}"
        lines.append(f"{label}. STATE {n:06d} <script>alert('xss-ref-{n}')</script>")
    return "\n".join(lines) + "\n\n"


def _huge_body(size: int) -> str:
    chunk = "word <b onmouseover=alert('xss-huge')>bold</b> {{ 7*7 }} XXXXXX "
    return (chunk * (size // len(chunk) + 1))[:size]


# (file name, bytes) made at test time: too big to commit, or names that some
# checkouts cannot hold.
def generated(
    huge_line_bytes: int = HUGE_LINE_BYTES, huge_paragraph_bytes: int = HUGE_PARAGRAPH_BYTES
) -> dict[str, bytes]:
    """The hostile files that are not committed, by file name."""
    many = _cable("000101", "THOUSANDS OF REFERENCES", "See the references.", _many_refs())
    huge_body = _huge_body(huge_paragraph_bytes)
    huge_cable = _cable("000102", "A CABLE WITH ONE ENORMOUS LINE", huge_body)
    return {
        "30_many_refs.txt": many.encode(),
        # One line, no newline, no caption: must be skipped, not hang the parser.
        "31_huge_single_line.txt": _huge_body(huge_line_bytes).encode(),
        # The same line inside a real cable: must be rendered.
        "32_huge_paragraph.txt": huge_cable.encode(),
        "33_\"><img src=x onerror=alert('xss-filename')>.txt": _cable(
            "000103", "A FILE NAME THAT IS MARKUP", "The file name carries an img tag."
        ).encode(),
        "34_{{ 7*7 }}.txt": _cable(
            "000104", "A FILE NAME THAT IS A TEMPLATE", "The file name is Jinja syntax."
        ).encode(),
        "35_new\nline.txt": _cable(
            "000105", "A FILE NAME WITH A NEWLINE", "The file name has a line break."
        ).encode(),
        ("36_" + "n" * 240 + ".txt"): _cable(
            "000106", "A FILE NAME OF 247 BYTES", "The longest name most file systems take."
        ).encode(),
        "sub/dir/37_nested.txt": _cable(
            "000107", "A CABLE IN A NESTED FOLDER", "Found by walking the tree."
        ).encode(),
    }


def write_content(
    dest: Path,
    huge_line_bytes: int = HUGE_LINE_BYTES,
    huge_paragraph_bytes: int = HUGE_PARAGRAPH_BYTES,
) -> list[str]:
    """Fill `dest/cables` with every hostile input; return their paths relative to it."""
    cables = dest / "cables"
    cables.mkdir(parents=True, exist_ok=True)
    names = []
    for path in sorted(COMMITTED.iterdir()):
        shutil.copyfile(path, cables / path.name)
        names.append(path.name)
    for name, data in generated(huge_line_bytes, huge_paragraph_bytes).items():
        target = cables / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        names.append(name)
    return sorted(names)
