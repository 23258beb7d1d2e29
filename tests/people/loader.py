"""Cables for the people tests.

Uses the real pipeline (read -> parse -> clean) when the parser is available;
until then a small loader cuts the raw text into the Cable fields people
extraction reads: paragraphs, signer, Classified By, TAGS and distribution lines.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator import read
from generator.model import Cable, ClassifiedBy, Paragraph

_CLASSIFIED = re.compile(
    r"classified\s+by:?\s*(.+?)(?:[,.;]?\s*(?:for\s+|per\s+)?reasons?\b|[,;]?\s+(?:for|per)\s+\d|\s*$)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^\s*(?:¶|1)?(\d{1,2}|[A-Z])[.,]\s")
_SIGN_OFF = re.compile(r"(?:^|[.\s])([A-Z][A-Za-z'\-]{2,}(?: [A-Z][A-Za-z'\-]{2,})?)\s*$")
_NOT_SIGNER = re.compile(r"CONFIDENTIAL|SECRET|UNCLAS|NNNN|END|COMMENT|SIPDIS|NOFORN|^\W*$")
_HANDLING = re.compile(r"\b(?:FOR|PASS TO|FROM)\b")


def load(path: Path) -> Cable:
    """The cable in `path`, through the real parser when it exists."""
    source = read.read_file(path)
    try:
        from generator.build import cable_from_source

        outcome = cable_from_source(source)
    except (AttributeError, ImportError, NotImplementedError):
        return _local(path.stem, source.text)
    if outcome.cable is None:
        return _local(path.stem, source.text)
    return outcome.cable


def _local(name: str, text: str) -> Cable:
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.upper().startswith("SUBJECT")), 0)
    head, body = lines[:start], lines[start + 1 :]
    tags = next((ln for ln in head if re.match(r"\s*TAGS", ln)), "")
    classified = _classified(lines)
    handling = tuple(
        ln.strip() for ln in head if _HANDLING.search(ln) and not re.match(r"\s*(TAGS|E\.?O)", ln)
    )
    return Cable(
        id=name,
        source_path=name,
        digest="",
        raw=text,
        created=None,
        year=None,
        origin="",
        precedence=None,
        classification="",
        caveats=(),
        tags=tuple(re.findall(r"[A-Z]{2,}", re.sub(r"\([^)]*\)", "", tags.partition("TAGS")[2]))),
        tag_people=tuple(re.findall(r"\(([^)]*,[^)]*)\)", tags)),
        subject="",
        references=(),
        classified_by=ClassifiedBy(classified, None) if classified else None,
        signer=_signer(lines),
        partial=False,
        routing=None,
        paragraphs=_paragraphs(body),
        redactions=0,
        garbled=(),
        handling=handling,
    )


def _classified(lines: list[str]) -> str | None:
    for i, line in enumerate(lines):
        if re.search(r"classified\s+by", line, re.IGNORECASE):
            joined = " ".join([line.strip(), *(x.strip() for x in lines[i + 1 : i + 2])])
            match = _CLASSIFIED.search(joined)
            return match.group(1).strip(" .,") if match else None
    return None


def _signer(lines: list[str]) -> str | None:
    for line in reversed(lines[-12:]):
        line = line.strip()
        if not line or line.startswith(("http", "Visit", "Please visit", "*")) or len(line) < 3:
            continue
        match = _SIGN_OFF.search(line)
        if match and not _NOT_SIGNER.search(match.group(1)):
            return match.group(1)
        if not _NOT_SIGNER.search(line):
            return None
    return None


def _paragraphs(body: list[str]) -> tuple[Paragraph, ...]:
    blocks: list[list[str]] = [[]]
    for line in body:
        if not line.strip() or line.lstrip().startswith("¶"):
            blocks.append([])
        if line.strip() and not re.match(r"\s*classified\s+by", line, re.IGNORECASE):
            blocks[-1].append(line.strip())
    out = []
    for block in blocks:
        if not block:
            continue
        text = " ".join(block)
        match = _NUMBER.match(text)
        out.append(
            Paragraph(
                number=match.group(1) if match else None,
                marking=None,
                kind="numbered" if match else "text",
                text=text[match.end() :] if match else text,
            )
        )
    return tuple(out)


def cable(*texts: str, **fields: object) -> Cable:
    """A cable made of the given paragraphs (numbered 1, 2, ...) and fields."""
    paragraphs = tuple(
        Paragraph(number=str(i), marking=None, kind="numbered", text=t)
        for i, t in enumerate(texts, 1)
    )
    base = _local("TEST", "")
    from dataclasses import replace

    return replace(base, paragraphs=paragraphs, **fields)  # type: ignore[arg-type]
