"""Sub-commands of the ``marginalia`` command line; each module has ``register(subparsers)``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from tui.model.document import Document
from tui.model.load import FORMATS, LoadError, load_bytes, load_path

# Exit statuses shared by every command.
EXIT_OK = 0
EXIT_NONE = 1  # the command ran but found nothing (no hits, quote not found)
EXIT_BAD_INPUT = 2


def add_document_args(parser: argparse.ArgumentParser, *, optional: bool = True) -> None:
    """The FILE argument (``-`` for stdin, omitted for the bundled article) and --format."""
    parser.add_argument(
        "file",
        nargs="?" if optional else None,
        metavar="FILE",
        help="document to open: text, Markdown, HTML or EPUB; '-' reads stdin; default: the bundled article",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="parse as this format instead of detecting it from the content and name",
    )


def add_data_dir_arg(parser: argparse.ArgumentParser) -> None:
    """--data-dir, for commands that read or write notes and state."""
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where notes and reading state live (default: $MARGINALIA_DATA_DIR or the "
        "platform's user data folder)",
    )


def open_document(file: str | None, fmt: str | None = None) -> Document:
    """Load the document named on the command line; raises LoadError with a one-line message."""
    if file == "-":
        if sys.stdin.isatty():
            print("marginalia: reading the document from the terminal; end it with Ctrl-D", file=sys.stderr)
        data = sys.stdin.buffer.read()
        doc = load_bytes(data, "-", fmt)
    else:
        doc = load_path(file, fmt)
    for warning in doc.meta.warnings:  # parts of a book that could not be read
        print(f"marginalia: {file}: skipped {warning}", file=sys.stderr)
    return doc


def print_json(obj: Any) -> None:
    """Print JSON the same way in every command (UTF-8, two-space indent)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def fail(message: str, status: int = EXIT_BAD_INPUT) -> int:
    """Print ``marginalia: message`` on stderr and return the exit status."""
    print(f"marginalia: {message}", file=sys.stderr)
    return status


__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_NONE",
    "EXIT_OK",
    "LoadError",
    "add_data_dir_arg",
    "add_document_args",
    "fail",
    "open_document",
    "print_json",
]
