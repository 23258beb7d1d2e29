"""Render stage: a `Page` -> HTML bytes, through Jinja2.

Autoescape is on for every template and undefined names raise, so a template
that reads a field its context does not have fails the build loudly instead of
printing an empty string. Links are made relative in the templates with the
`rel` filter, against the page being rendered (`site.path`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import jinja2

from generator import pages, urls
from generator.config import SiteConfig


@jinja2.pass_context
def _rel(ctx: jinja2.runtime.Context, target: str) -> str:
    """Relative link from the page being rendered to the site-root path `target`."""
    return relative(ctx["site"].path, target)


def relative(page: str, target: str) -> str:
    """`urls.href(page, target)`, without its general case for the common one.

    A page holds dozens of links and most share no folder with it (a person page
    linking a cable, a cable page its tags): those are the page's "../" prefix
    plus the target. Anything else goes through urls.href itself.
    """
    prefix, folder = _page_folder(page)
    if prefix is not None and _plain_target(target) and target.partition("/")[0] != folder:
        return prefix + target
    return urls.href(page, target)


@lru_cache(maxsize=4096)
def _page_folder(page: str) -> tuple[str | None, str]:
    """("../" per folder of `page`, its first folder) for plain paths; (None, "") otherwise."""
    parts = page.split("/")
    if "" in parts or "." in parts or ".." in parts:
        return None, ""
    return "../" * (len(parts) - 1), parts[0] if len(parts) > 1 else ""


@lru_cache(maxsize=65536)
def _plain_target(target: str) -> bool:
    """True when the path part of `target` is non-empty and plain (see urls.href)."""
    path = target.partition("#")[0]
    parts = path.split("/")
    return bool(path) and "" not in parts and "." not in parts and ".." not in parts


def environment(config: SiteConfig) -> jinja2.Environment:
    """The one Jinja2 environment of a build, loading templates from config.templates."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(config.templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["rel"] = _rel
    return env


def render(env: jinja2.Environment, config: SiteConfig, page: pages.Page) -> bytes:
    """One page as UTF-8 HTML bytes."""
    template = env.get_template(page.template)
    # A stat per page: cheap, and never stale while the preview server rebuilds.
    about = (config.content / "pages" / "about.md").is_file()
    html = template.render(page=page.context, site=pages.base(config, page.path, about))
    return html.encode("utf-8")


def renderer(config: SiteConfig) -> Callable[[pages.Page], bytes]:
    """A page -> bytes function bound to one environment (templates compiled once)."""
    env = environment(config)

    def draw(page: pages.Page) -> bytes:
        return render(env, config, page)

    return draw
