"""Render stage: a `Page` -> HTML bytes, through Jinja2.

Autoescape is on for every template and undefined names raise, so a template
that reads a field its context does not have fails the build loudly instead of
printing an empty string. Links are made relative in the templates with the
`rel` filter, against the page being rendered (`site.path`).

The parts a page repeats (list rows, timeline entries, pagers, paragraphs,
stations, link lists) are the theme's fragments, templates/fragments/*.html, each
drawn by a filter of its name (generator.render.fragments): a site overrides them
as it overrides any template.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import jinja2
from markupsafe import Markup

from generator import theme, urls
from generator.config import SiteConfig
from generator.render import fragments
from generator.site import cable_body, pages


@jinja2.pass_context
def _rel(ctx: jinja2.runtime.Context, target: str, page: str | None = None) -> str:
    """Relative link from the page being rendered (or from `page`) to the site-root `target`.

    Macros imported without context do not see `site` and name the page themselves.
    """
    return relative(ctx["site"].path if page is None else page, target)


def relative(page: str, target: str) -> str:
    """`urls.href(page, target)`, through the page's cached `urls.linker`."""
    return urls.linker(page)(target)


def markup_sources() -> tuple[Path, ...]:
    """The Python files that write page markup beside the templates (for checks of the HTML)."""
    return (Path(cable_body.__file__ or ""),)


def subject(text: str) -> Markup:
    """A subject line for a page, its redacted runs marked as in the cable's text."""
    return Markup(cable_body.redactions_marked(text))


# Characters XML 1.0 forbids even escaped; garbled cables do contain some.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml(value: str) -> Markup:
    """Text for an XML element: forbidden characters dropped, & < > escaped.

    Autoescape alone would keep the forbidden characters, which make the whole
    file unreadable to an XML parser, and escape quotes a text needs not.
    """
    return Markup(escape(_NOT_XML.sub("", value)))


def xml_attr(value: str) -> Markup:
    """An XML attribute value with its quotes (`href={{ url|xml_attr }}`), cleaned as `xml`."""
    return Markup(quoteattr(_NOT_XML.sub("", value)))


def environment(config: SiteConfig, auto_reload: bool = True) -> jinja2.Environment:
    """The one Jinja2 environment of a build, loading templates from config.templates.

    Without `auto_reload`, a template is read once: the environment must then
    live no longer than one build (see `renderer`).
    """
    env = jinja2.Environment(
        # The site's templates first: each of its files overrides the theme's of that name.
        loader=jinja2.FileSystemLoader(
            [str(p) for p in theme.layered(config.templates, "templates")]
        ),
        auto_reload=auto_reload,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["rel"] = _rel
    env.filters["subject"] = subject
    env.filters["xml"] = xml
    env.filters["xml_attr"] = xml_attr
    fragments.install(env, config.templates)
    return env


Headers = dict[tuple[object, ...], Markup]
"""Drawn headers by what decides them (see `header`); one per renderer, so per build."""


def render(
    env: jinja2.Environment,
    config: SiteConfig,
    page: pages.Page,
    about: bool | None = None,
    headers: Headers | None = None,
) -> bytes:
    """One page as UTF-8 HTML bytes; `about`: whether the site has an About page."""
    template = env.get_template(page.template)
    if about is None:
        about = "about" in pages.editorial_names(config)
    site = pages.base(config, page.path, about)
    drawn = header(env, site, {} if headers is None else headers)
    html = template.render(page=page.context, site=site, header=drawn)
    return html.encode("utf-8")


_HEADER = "partials/header.html"


def header(env: jinja2.Environment, site: pages.BaseContext, headers: Headers) -> Markup:
    """templates/partials/header.html for the page of `site`, drawn once per distinct header.

    Every page carries the same header but for its relative links and which
    section is current, and drawing its navigation was a fifth of a small
    page's cost. The header reads only the title, navigation and search
    target, so those and the links they resolve to from this page decide it.
    """
    template = env.get_template(_HEADER)  # a new object when the file changed
    targets = (urls.home(), site.search, *(n.target for n in site.nav))
    links = tuple(map(urls.linker(site.path), targets))
    key = (template, site.title, tuple((n.label, n.current) for n in site.nav), links)
    drawn = headers.get(key)
    if drawn is None:
        drawn = headers[key] = Markup(template.render(site=site))
    return drawn


STREAM_CHUNK = 1 << 16
"""Characters of a streamed file gathered before each write."""


def stream(env: jinja2.Environment, page: pages.Page) -> Iterator[bytes]:
    """A page that needs no site header (the feed, a sitemap) as a stream of UTF-8 chunks.

    A sitemap holds 50,000 URLs: it is written as it is drawn, never held whole.
    """
    template = env.get_template(page.template)
    held: list[str] = []
    size = 0
    for text in template.generate(page=page.context):
        held.append(text)
        size += len(text)
        if size >= STREAM_CHUNK:
            yield "".join(held).encode("utf-8")
            held, size = [], 0
    if held:
        yield "".join(held).encode("utf-8")


def renderer(
    config: SiteConfig, env: jinja2.Environment | None = None
) -> Callable[[pages.Page], bytes]:
    """A page -> bytes function for one build: templates read and compiled once.

    Jinja's freshness check (a stat per template a page uses) and the look for
    the About page were four system calls a page; within one build neither
    can change, and a build makes a new renderer.
    """
    if env is None:
        env = environment(config, auto_reload=False)
    about = "about" in pages.editorial_names(config)
    headers: Headers = {}

    def draw(page: pages.Page) -> bytes:
        return render(env, config, page, about, headers)

    return draw
