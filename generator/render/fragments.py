"""The theme's fragments: the rows, tables, pagers, timelines, paragraphs and link lists.

Each fragment is a template file, `templates/fragments/NAME.html`, drawn by the
filter NAME from a page template (`{{ page.rows|cable_table(site.path) }}`) with
a typed context: one of the frozen dataclasses below, whose fields are the
template's variables. A site overrides a fragment as it overrides any template,
with a file of the same path in its own templates/ folder, and Jinja renders
that file (autoescaped, StrictUndefined). The theme's own file is compiled once
per build into Python (generator.render.compiled), which writes the same bytes
without Jinja's cost per output chunk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import MISSING, dataclass, fields
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator import theme
from generator.people.roles import word as role_word
from generator.render.compiled import NO_DEFAULT, Draw, compile_fragment
from generator.site.listing import CableRow, Pager
from generator.site.pages import (
    CableLink,
    ParagraphView,
    PersonLink,
    ReferenceView,
    RoutingView,
    StationView,
    TagView,
)
from generator.site.person_pages import PersonEntry, PostCount, RoleCount, TimelineEntry


@dataclass(frozen=True)
class CableTable:
    rows: Sequence[CableRow]
    """The cables, in the order shown."""
    path: str
    """Site-root path of the page the fragment goes on: write links as `x|rel(path)`."""
    origin: bool = True
    """Whether to show the origin column (not on an origin's own page)."""


@dataclass(frozen=True)
class PagerNav:
    pager: Pager
    """Where the page sits in its list: number, count, prev, next, links, first, last, total."""
    path: str
    noun: str = "cables"
    """What the list counts, plural."""


@dataclass(frozen=True)
class PagerHead:
    pager: Pager
    path: str


@dataclass(frozen=True)
class Timeline:
    entries: Sequence[TimelineEntry]
    """A person's cables: cable (a CableRow), roles, sentence, sentence_target."""
    path: str


@dataclass(frozen=True)
class CountedLinks:
    items: Sequence[PersonEntry | PostCount]
    """name, target, count."""
    path: str


@dataclass(frozen=True)
class RoleCounts:
    items: Sequence[RoleCount]
    """role, count."""


@dataclass(frozen=True)
class Paragraphs:
    paragraphs: Sequence[ParagraphView]
    """anchor, number, marking, level, kind, html (the text as safe markup)."""


@dataclass(frozen=True)
class Station:
    station: StationView
    """routing_indicator, title, country, written, precedence, serial."""


@dataclass(frozen=True)
class StationLists:
    routing: RoutingView
    """sender, to, info, relay: the stations of each group."""


@dataclass(frozen=True)
class TagItems:
    tags: Sequence[TagView]
    """code, target, meaning."""
    path: str


@dataclass(frozen=True)
class ReferenceItems:
    references: Sequence[ReferenceView]
    """anchor, label, text, id, target (None when not in the archive), subject,
    external (a link elsewhere for a missing cable, or None)."""
    path: str


@dataclass(frozen=True)
class PersonItems:
    people: Sequence[PersonLink]
    """name, target, roles."""
    path: str
    mentioned: str = role_word("mentioned")
    """The role word of a bare mention: roles of only that are not shown."""


@dataclass(frozen=True)
class CitedByItems:
    cables: Sequence[CableLink]
    """id, target, subject, date, origin, classification."""
    path: str


CONTEXTS: dict[str, type] = {  # a fragment drawing another comes after it
    "cable_table": CableTable,
    "pager_nav": PagerNav,
    "pager_head": PagerHead,
    "timeline": Timeline,
    "counted_links": CountedLinks,
    "role_counts": RoleCounts,
    "paragraphs": Paragraphs,
    "station": Station,
    "station_lists": StationLists,
    "tag_items": TagItems,
    "reference_items": ReferenceItems,
    "person_items": PersonItems,
    "cited_by_items": CitedByItems,
}
"""Filter and fragment name -> the context its template receives."""


def template(name: str) -> str:
    """The template file of fragment `name`."""
    return f"fragments/{name}.html"


Filter = Callable[..., Markup]
"""A fragment's filter: the fields of its context, in order, as arguments."""


def _parameters(context: type) -> dict[str, object]:
    return {f.name: NO_DEFAULT if f.default is MISSING else f.default for f in fields(context)}


def is_default(site_templates: Path, name: str) -> bool:
    """Whether the theme's file of fragment `name` is the one used (the site has none)."""
    default = theme.folder("templates").resolve()
    for folder in theme.layered(site_templates, "templates"):
        if (folder / template(name)).is_file():
            return folder.resolve() == default
    return False


def install(env: jinja2.Environment, site_templates: Path) -> dict[str, Filter]:
    """Register a filter per fragment on env, drawing the fragment from its context's fields.

    The theme's fragments are compiled here, once per environment; a fragment the
    site overrides is loaded when first drawn, so a broken override fails where
    its page is drawn, as any template does.
    """
    compiled: dict[str, Draw] = {}
    filters: dict[str, Filter] = {}
    for name, context in CONTEXTS.items():
        fast = None
        if is_default(site_templates, name):
            source = env.loader.get_source(env, template(name))[0]  # type: ignore[union-attr]
            fast = compile_fragment(env, source, _parameters(context), compiled)
        if fast is not None:
            compiled[name] = fast
            filters[name] = _marked_up(fast)
        else:
            filters[name] = _through_jinja(env, name, context)
        # Registered at once: a later fragment drawing this one calls its filter.
        env.filters[name] = filters[name]
    return filters


def _marked_up(fast: Draw) -> Filter:
    def draw(*args: object) -> Markup:
        return Markup(fast(*args))

    return draw


def _through_jinja(env: jinja2.Environment, name: str, context: type) -> Filter:
    def draw(*args: object) -> Markup:
        return Markup(env.get_template(template(name)).render(vars(context(*args))))

    return draw
