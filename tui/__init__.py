"""Marginalia: a terminal reader with an outline, fuzzy search and notes in the margin."""

# The single source of the version (pyproject.toml reads it from here). A literal, not
# importlib.metadata, which would cost every start of the reader tens of milliseconds.
__version__ = "0.1.0"
