"""Fuzz the whole way from bytes to a cable page: read, parse, clean, people, link,
page, render. Rendering never raises, and the page never holds an element or
attribute that came from the input.

The input is a well-formed cable whose every field is stuffed with markup,
template syntax, script URLs, quotes and control characters, so it gets past
the parser and into the page, where escaping has to hold.

HYPOTHESIS_PROFILE picks the budget: "ci" (default) or "long" for local runs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.commands.build import cable_from_source
from generator.config import SiteConfig
from generator.corpus import link
from generator.render import renderer as render
from generator.site import cable_page
from generator.source import read
from tests.hostile.htmlscan import problems, scan_text, template_vocabulary
from tests.hostile.sitebuild import REPO

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

FRAGMENTS = [
    "<script>alert(1)</script>", "</script>", "<img src=x onerror=alert(1)>", "javascript:",
    '" onmouseover="alert(1)', "' onfocus='alert(1)", "<svg onload=alert(1)>", "<a href=",
    "&", "&amp;", "&lt;", "&#60;", "&#x3c;", "{{ 7*7 }}", "{%", "%}", "{#", "#}", "<!--", "-->",
    "]]>", "</", "<", ">", "[x](javascript:alert(1))", "**", "\\$", "`", "\u202e", "\u200b",
    "\ufeff", "\x0b", "\x0c", "\x1b", "\x7f", "\u0085", "\ufffe", "XXXXXXXX", "¶", "(C)", "(S//NF)",
    "ASTANA 002159", "STATE 169627", "/", "\\", "..", ":", ";", ",", "-", "=", "#", "%2e",
]  # fmt: skip

field = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(min_size=1, max_size=12)), max_size=8
).map("".join)
# Fields that must stay on their line (a newline would move text into another field).
line = field.map(lambda s: s.replace("\n", " ").replace("\r", " "))

CABLE = """VZCZCXRO9860
PP RUEHIK
DE RUEHTA #2159/01 3520519
ZNR UUUUU ZZH
P 180519Z DEC 09
FM AMEMBASSY ASTANA {fm}
TO RUEHC/SECSTATE WASHDC PRIORITY 7007

C O N F I D E N T I A L SECTION 01 OF 02 ASTANA 002159

SIPDIS

STATE FOR {handling}

E.O. 12958: DECL: 12/14/2019
TAGS: PGOV {tags}
SUBJECT: {subject}

REF: A. STATE 169627 {ref}
B. {ref2}

Classified By: Ambassador {name}; reasons 1.4 (b) and (d)

1. (C) Minister {name} met {person} about {body}

2. (U) {body2}

{signer}
"""


@pytest.fixture(scope="module")
def toolkit(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteConfig, object, Path]:
    site = tmp_path_factory.mktemp("fuzz-site")
    shutil.copytree(REPO / "static", site / "static")
    config = SiteConfig(
        templates=REPO / "templates", static=REPO / "static", output=site, content=site
    )
    return config, render.renderer(config), site


ALLOWED = template_vocabulary(REPO / "templates")


@given(
    fm=line, handling=line, tags=line, subject=line, ref=line, ref2=line, name=line,
    person=line, body=field, body2=field, signer=line,
)  # fmt: skip
def test_no_input_makes_markup_in_the_cable_page(
    toolkit: tuple[SiteConfig, object, Path], **fields: str
) -> None:
    config, draw, site = toolkit
    text = CABLE.format(**fields)
    source = read.decode("fuzz.txt", text.encode("utf-8", "surrogatepass"))
    outcome = cable_from_source(source)
    if outcome.cable is None:
        assert outcome.diagnostics, "a refused input came with no reason"
        return
    cable = outcome.cable
    corpus = link.link([link.meta(cable)])
    page = cable_page.page(cable, corpus, config)
    html = draw(page).decode("utf-8")  # type: ignore[operator]
    found = problems(scan_text(html, page.path), html, ALLOWED, site)
    assert not found, "\n".join(found)
