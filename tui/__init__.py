"""Marginalia: a terminal reader with an outline, fuzzy search and notes in the margin."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("marginalia")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+source"
