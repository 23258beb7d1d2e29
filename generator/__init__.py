"""cablegen: a static archive site generator for diplomatic cables."""

__version__ = "0.1.0"
