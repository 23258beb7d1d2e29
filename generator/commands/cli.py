"""cablegen command line: a thin layer over the stages.

Each command's docstring is its --help text, with an example.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from generator import __version__

_PORT = click.IntRange(0, 65535)
"""0 asks the system for any free port."""
_JOBS = click.IntRange(0)
"""0 means one worker per core, as in cablegen.toml."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cablegen")
def main() -> None:
    """cablegen turns raw diplomatic cable texts into a static archive site.

    \b
    Example:
        cablegen build            # ./content -> ./site
        cablegen serve            # build, serve on 127.0.0.1:8000, rebuild on change
        cablegen parse content/cables/ --json
        cablegen new my-archive   # a starter site to edit
    """


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON record.")
def parse(path: Path, as_json: bool) -> None:
    """Parse one cable file, or every file in a folder (one JSON record per line).

    Inputs with one cable ID are one cable, as in a build: its record is the
    fullest text's, and "versions" counts the distinct texts read.

    A cable text, a WikiLeaks cable page (.html) or a cables.csv (one record per
    row, read one row at a time). Problems are printed to stderr as FILE:LINE:
    message; an input that is not a cable is reported and skipped, and the rest go on.

    \b
    Example:
        cablegen parse content/cables/000_48199af43085af5c.txt --json
        cablegen parse cables.csv --json
    """
    from generator.commands.build import parse_paths
    from generator.commands.parse_spool import Spool
    from generator.source.csv_rows import is_release_csv

    failed = 0
    # A cables.csv holds many cables: one record per line, as for a folder.
    single = path.is_file() and not is_release_csv(path.name)
    spool = Spool()
    for outcome in parse_paths(path):
        for diag in outcome.diagnostics:
            click.echo(str(diag), err=True)
        if outcome.cable is None:
            failed += 1
            continue
        spool.add(outcome.cable)
    for record in spool.records():
        if as_json:
            indent = 2 if single else None
            click.echo(json.dumps(record, ensure_ascii=False, indent=indent))
        else:
            click.echo(_summary(record))
    if single and failed:
        sys.exit(1)


def _summary(record: dict[str, object]) -> str:
    return "\t".join(
        str(record[k] or "") for k in ("id", "created", "origin", "classification", "subject")
    )


@main.command()
@click.option(
    "--content",
    type=click.Path(path_type=Path),
    default=None,
    help="Input folder (default ./content).",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Output folder (default ./site).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Config file (default ./cablegen.toml when present).",
)
@click.option(
    "--report",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the build report as JSON to this file.",
)
@click.option(
    "--strict", is_flag=True, help="Exit 1 when any input was skipped or no cable was built."
)
@click.option(
    "--allow-empty", is_flag=True, help="With --strict: an archive with no cable is not an error."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
@click.option("--verbose", "-v", is_flag=True, help="Print every warning, not only the first 10.")
@click.option("--no-search", is_flag=True, help="Skip the Pagefind search index.")
@click.option("--jobs", "-j", type=_JOBS, default=None, help="Worker processes (default: cores).")
def build(
    content: Path | None,
    output: Path | None,
    config_path: Path | None,
    report: Path | None,
    strict: bool,
    allow_empty: bool,
    quiet: bool,
    verbose: bool,
    no_search: bool,
    jobs: int | None,
) -> None:
    """Build the site from the content folder.

    Exit status: 0 even when some inputs were skipped; 1 with --strict when any
    input was skipped or no cable was built (--allow-empty permits the latter);
    2 for unusable options or config.

    \b
    Example:
        cablegen build --content content --output site --report build-report.json
    """
    from generator.commands.build_command import run_build_command

    sys.exit(
        run_build_command(
            content=content,
            output=output,
            config_path=config_path,
            report=report,
            strict=strict,
            quiet=quiet,
            search=not no_search,
            jobs=jobs,
            allow_empty=allow_empty,
            verbose=verbose,
        )
    )


_CONTENT = "Input folder (default: from cablegen.toml, else ./content)."
_OUTPUT = "Output folder (default: from cablegen.toml, else ./site)."
_CONFIG = "Config file (default ./cablegen.toml when present)."


@main.command()
@click.option("--content", type=click.Path(path_type=Path), default=None, help=_CONTENT)
@click.option("--output", type=click.Path(path_type=Path), default=None, help=_OUTPUT)
@click.option("--config", "config_path", type=click.Path(path_type=Path), help=_CONFIG)
@click.option("--port", type=_PORT, default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--bind",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but loopback is reachable from other machines.",
)
@click.option("--no-watch", is_flag=True, help="Serve without rebuilding on change.")
def serve(
    content: Path | None,
    output: Path | None,
    config_path: Path | None,
    port: int,
    bind: str,
    no_watch: bool,
) -> None:
    """Build, serve the output over HTTP, rebuild on change and reload open pages.

    \b
    Example:
        cablegen serve --port 8000
    """
    from generator.commands.preview import run_preview

    sys.exit(
        run_preview(
            content=content,
            output=output,
            config_path=config_path,
            port=port,
            bind=bind,
            watch=not no_watch,
            err=sys.stderr,
        )
    )


@main.command()
@click.option("--content", type=click.Path(path_type=Path), default=None, help=_CONTENT)
@click.option("--output", type=click.Path(path_type=Path), default=None, help=_OUTPUT)
@click.option("--config", "config_path", type=click.Path(path_type=Path), help=_CONFIG)
def watch(content: Path | None, output: Path | None, config_path: Path | None) -> None:
    """Build, then rebuild whenever content, templates, static files or the config change.

    For serving the site with another server; `cablegen serve` does this too.

    \b
    Example:
        cablegen watch --content content --output site
    """
    from generator.commands.preview import run_watch

    sys.exit(run_watch(content=content, output=output, config_path=config_path, err=sys.stderr))


@main.command()
@click.option("--content", type=click.Path(path_type=Path), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def people(content: Path | None, as_json: bool) -> None:
    """List the people found in the corpus and the near-duplicates to review.

    \b
    Example:
        cablegen people --content content
    """
    from generator.commands.people_report import run_people_command

    sys.exit(run_people_command(content=content, as_json=as_json))


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--force", is_flag=True, help="Add the missing starter files to a folder that is not empty."
)
def new(folder: Path, force: bool) -> None:
    """Start a site in FOLDER: config, example cables, pages and a Netlify setup.

    The site uses the default theme packaged with cablegen; `cablegen theme copy`
    copies it out for editing. Files already in FOLDER are never replaced.

    \b
    Example:
        cablegen new my-archive && cd my-archive && cablegen build && cablegen serve
    """
    from generator.commands.starter import FolderNotEmpty, new_site

    try:
        written = new_site(folder, force)
    except FolderNotEmpty as exc:
        click.echo(f"cablegen new: {exc}", err=True)
        sys.exit(2)
    _tell_written(written)
    click.echo(f"Started a site in {folder}. Next: cd {folder} && cablegen build && cablegen serve")


@main.group()
def theme() -> None:
    """The default theme: templates, static files and editorial pages."""


@theme.command("copy")
@click.argument("folder", type=click.Path(path_type=Path), default=Path("."))
@click.option("--force", is_flag=True, help="Replace files the site already has.")
def theme_copy(folder: Path, force: bool) -> None:
    """Copy the default theme into the site at FOLDER (default: here) to edit it.

    Writes templates/, static/ and content/pages/; a build uses a site's own file
    wherever it has one and the packaged theme's for the rest, so delete what you
    do not change. Files the site has already are kept unless --force is given.

    \b
    Example:
        cablegen theme copy . && $EDITOR templates/cable.html
    """
    from generator.commands.starter import copy_theme

    _tell_written(copy_theme(folder, force))


def _tell_written(written: list[Any]) -> None:
    for item in written:
        if item.kept:
            click.echo(f"kept {item.path} (already there)", err=True)
        else:
            click.echo(f"wrote {item.path}")
