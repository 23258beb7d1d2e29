"""Rendering: page contexts -> HTML through Jinja2 and the Python-drawn fragments."""
