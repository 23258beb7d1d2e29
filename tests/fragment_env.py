"""The theme's fragment filters as the build draws them, for tests that call them directly."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2

from generator import config
from generator.render import renderer

ROOT = Path(__file__).resolve().parent.parent


def environment(templates: Path | None = None) -> jinja2.Environment:
    """A build's environment over `templates` (the site's folder; default: the theme's own)."""
    cfg = config.load(root=ROOT, overrides={"templates": str(templates or ROOT / "templates")})
    return renderer.environment(cfg, auto_reload=False)


def filters(templates: Path | None = None) -> SimpleNamespace:
    """Every filter of that environment, by name: `filters().cable_table(rows, page)`."""
    return SimpleNamespace(**environment(templates).filters)
