"""The ``marginalia`` command: open the reader, or run a sub-command without the UI."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from tui import __version__
from tui.commands import (
    EXIT_BAD_INPUT,
    LoadError,
    add_data_dir_arg,
    add_document_args,
    fail,
    library,
    open_document,
)

# Each name is a module tui.commands.<name> with register(subparsers).
COMMANDS = ("outline", "cat", "search", "notes", "library")

EPILOG = """\
sub-commands (each has --help):
  outline [FILE] [--json]   print the title, metadata and section tree
  cat [FILE]                print the cleaned text in reading order
  search QUERY [FILE]       fuzzy-search the text; ranked hits (--json, --limit N)
  notes list [FILE] [--json]                       the notes, in document order
  notes add [FILE] (--block ID | --quote TEXT) --text BODY [--tag T]
  notes export [FILE] [--format markdown|json] [-o OUT]
  library add PATH… | list [--json] | remove PATH… | rebuild   the library of documents
  search QUERY --all        search every document of the library (--json, --limit N)

Inside the reader press ? for every key.
"""


def reader_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="marginalia",
        description="Read a document in the terminal with an outline, fuzzy search and notes.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_document_args(p)
    add_data_dir_arg(p)
    p.add_argument("--version", action="version", version=f"marginalia {__version__}")
    return p


def command_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="marginalia")
    sub = p.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        importlib.import_module(f"tui.commands.{name}").register(sub)
    return p


def run_reader(args: argparse.Namespace) -> int:
    from tui.app import ReaderApp, long_lived_allocation

    try:
        with long_lived_allocation():
            doc = open_document(args.file, args.format)
    except LoadError as exc:
        return fail(str(exc), EXIT_BAD_INPUT)
    if args.file == "-" and not sys.stdin.isatty():
        # The document came on stdin; the UI reads keys from file descriptor 0, so put the
        # terminal there.
        try:
            tty = os.open("/dev/tty", os.O_RDWR)
        except OSError:
            return fail("stdin is not a terminal and /dev/tty cannot be opened", EXIT_BAD_INPUT)
        os.dup2(tty, 0)
        os.close(tty)
    app = ReaderApp(doc, data_dir=args.data_dir)
    library.join_later(args.file, args.data_dir)
    app.run()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        args = command_parser().parse_args(argv)
        try:
            status = int(args.func(args))
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader of our output went away (`marginalia outline | head`): not an error
            # worth a traceback. Point stdout at /dev/null so the interpreter's final flush
            # does not fail again.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 0
        return status
    return run_reader(reader_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
