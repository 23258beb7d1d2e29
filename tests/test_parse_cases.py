"""Many small cases per parse and clean rule, from tests/parse/cases/<rule>.json.

Each file holds {"about": ..., "cases": [{"input": ..., "expected": ...}]};
the cases are written after what the real cables show. To add one, append it
to the rule's file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.clean import Draft, clean
from generator.clean.cited.dates import drop_dates
from generator.clean.cited.scan import scan
from generator.clean.cited.slips import mend_slips
from generator.clean.classification import decide_classification
from generator.clean.classified_by import parse_classified_by
from generator.clean.handling import join_lines
from generator.clean.header import decide_header
from generator.clean.numbering import renumber
from generator.clean.references import decide_references
from generator.clean.scrape import clean_text
from generator.clean.tags import decide_tags
from generator.model import Cable, Paragraph, Routing
from generator.parse import Block, RawCable, parse
from generator.parse.caption import find_caption
from generator.parse.refs import split_refs
from generator.site import cable_body as body_markup
from generator.source import read

CASES = Path(__file__).parent / "parse" / "cases"


def raw_of(*lines: str) -> RawCable:
    text = "\n".join(lines)
    return RawCable(source=read.decode("case.txt", text.encode()), lines=tuple(lines))


def mini_cable(body: str, dtg: str = "P 180519Z DEC 09") -> Cable:
    """A short whole cable around `body`, parsed and cleaned."""
    text = f"{dtg}\nFM AMEMBASSY ASTANA\n\nUNCLAS ASTANA 000001\n\nSUBJECT: X\n\n{body}"
    return clean(parse(read.decode("case.txt", text.encode())))


def refs(text: str) -> list[list[Any]]:
    raw = split_refs(
        RawCable(**{**raw_of().__dict__, "refs_block": Block(1, tuple(text.split("\n")))})
    )
    draft = decide_references(Draft(raw=raw, year=2009))
    return [[r.label, r.text, r.id] for r in draft.references]


def cited_scan(given: list[Any]) -> list[str]:
    text, year = given
    return list(dict.fromkeys(scan(text, year)))


def ref_lines(header: str) -> list[list[Any]]:
    text = f"P 180519Z DEC 09\nFM AMEMBASSY ASTANA\n\nUNCLAS ASTANA 000001\n\n{header}\n\n1. (U) X."
    cable = clean(parse(read.decode("case.txt", text.encode())))
    return [[r.label, r.id] for r in cable.references]


MENTION = re.compile(r'<a class="ref" href="([^"]+)">([^<]+)</a>')


def ref_mentions(text: str) -> list[list[str]]:
    labels = {label: f"#ref-{label}" for label in "ABCGH"}
    html = body_markup.markup(text, body_markup.Links(labels, "#references", (), ()))
    return [[shown, href] for href, shown in MENTION.findall(html)]


def caption(line: str) -> list[Any] | None:
    found = find_caption(raw_of(line)).caption
    return [found.classification, found.section, found.origin, found.serial] if found else None


def classified_by(line: str) -> list[Any]:
    parsed = parse_classified_by(line)[0]
    return [parsed.name, parsed.reasons, parsed.title]


def numbering(numbers: list[str]) -> list[str | None]:
    paragraphs = tuple(Paragraph(n, None, "numbered", "text") for n in numbers)
    return [p.number for p in renumber(Draft(raw=raw_of(), paragraphs=paragraphs)).paragraphs]


def classification(given: list[Any]) -> str:
    caption_line, caveats, transmission = given
    raw = find_caption(raw_of(caption_line)) if caption_line else raw_of()
    routing = Routing(lines=(), transmission=transmission) if transmission else None
    raw = RawCable(**{**raw.__dict__, "caveats": tuple(caveats), "routing": routing})
    return decide_classification(decide_header(Draft(raw=raw))).classification


def dtg(line: str) -> list[Any]:
    cable = mini_cable("1. (U) Text.", dtg=line)
    return [cable.created, cable.precedence]


def tags(text: str) -> dict[str, list[str]]:
    raw = RawCable(**{**raw_of().__dict__, "tags": Block(1, tuple(text.split("\n")))})
    draft = decide_tags(Draft(raw=raw))
    found = {"codes": draft.tags, "people": draft.tag_people, "keywords": draft.keywords}
    return {k: list(v) for k, v in found.items() if v or k == "codes"}


def body(text: str) -> list[list[Any]]:
    return [[p.number, p.marking, p.kind, p.text[:30]] for p in mini_cable(text).paragraphs]


def subject(header: str) -> str:
    caption = "P 100927Z DEC 09\nFM AMEMBASSY OSLO\n\nS E C R E T OSLO 000913"
    text = f"{caption}\n\n{header}\n\n1. (S) Text."
    return clean(parse(read.decode("case.txt", text.encode()))).subject


def section(given: list[str]) -> str | None:
    caption, body = given
    text = f"P 180519Z DEC 09\nFM AMEMBASSY ASTANA\n\n{caption}\n\nSUBJECT: X\n\n{body}"
    return clean(parse(read.decode("case.txt", text.encode()))).section


def handling(lines: list[str]) -> list[str]:
    return list(join_lines(tuple(lines)))


def continuation(text: str) -> list[list[Any]]:
    return [[p.number, p.text] for p in mini_cable(text).paragraphs]


def signer(text: str) -> list[Any]:
    cable = mini_cable(text)
    return [cable.signer, cable.extras["trailer"]]


def garble(text: str) -> list[str]:
    return list(mini_cable(f"1. (U) {text}").garbled)


RULES: dict[str, Callable[[Any], Any]] = {
    "refs": refs,
    "ref_lines": ref_lines,
    "ref_mentions": ref_mentions,
    "cited_dates": drop_dates,
    "cited_slips": mend_slips,
    "cited_scan": cited_scan,
    "caption": caption,
    "classified_by": classified_by,
    "numbering": numbering,
    "classification": classification,
    "dtg": dtg,
    "tags": tags,
    "markup": clean_text,
    "body": body,
    "continuation": continuation,
    "handling": handling,
    "subject": subject,
    "section": section,
    "signer": signer,
    "garble": garble,
}


def load() -> list[tuple[str, int, Any, Any]]:
    found = []
    for rule in sorted(RULES):
        cases = json.loads((CASES / f"{rule}.json").read_text("utf-8"))["cases"]
        found += [(rule, i, case["input"], case["expected"]) for i, case in enumerate(cases)]
    return found


ALL = load()


@pytest.mark.parametrize(
    ("rule", "index", "given", "expected"), ALL, ids=[f"{r}-{i}" for r, i, _, _ in ALL]
)
def test_case(rule: str, index: int, given: Any, expected: Any) -> None:
    assert RULES[rule](given) == expected


def test_every_case_file_has_a_runner() -> None:
    assert {p.stem for p in CASES.glob("*.json")} == set(RULES)
