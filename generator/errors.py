"""Exceptions that carry a `Diagnostic`, so every failure names file, line and fix."""

from __future__ import annotations

from generator.model import Diagnostic


class InputError(Exception):
    """An input file that cannot become a cable; the build reports it and goes on."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic
