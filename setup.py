"""Copies the default theme into the wheel; everything else is in pyproject.toml.

The theme's single source is the repository's top-level templates/, static/,
content/pages/, content/cables/ (the starter cables of `cablegen new`), cablegen.toml
and netlify.toml.
A wheel cannot reach outside its package, so the build puts a copy of each
under generator/theme/, where generator.theme looks first. An editable
install has no copy and reads the top-level folders themselves.
"""

import runpy
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
PARTS = runpy.run_path(str(HERE / "generator" / "theme" / "__init__.py"))["PARTS"]


class BuildWithTheme(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "generator" / "theme"
        for part, source in PARTS.items():
            if (HERE / source).is_file():
                shutil.copyfile(HERE / source, target / part)
                continue
            shutil.rmtree(target / part, ignore_errors=True)
            shutil.copytree(
                HERE / source, target / part, ignore=shutil.ignore_patterns(".*", "__pycache__")
            )


setup(cmdclass={"build_py": BuildWithTheme})
