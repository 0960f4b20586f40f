"""``marginalia library``: add, list, remove and rebuild the library; ``search --all`` across it."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tui.commands import EXIT_BAD_INPUT, EXIT_NONE, EXIT_OK, add_data_dir_arg, fail, print_json
from tui.model.paths import data_dir

EPILOG = """\
The library is an index of your documents kept in the data dir (library.sqlite3). It is a
cache: delete it or run 'marginalia library rebuild' at any time; notes and reading
positions live in their own files and are never touched by it. Documents opened in the reader
join the library unless config.toml in the data dir says

    [library]
    auto_add = false

(or MARGINALIA_LIBRARY_AUTO_ADD=0)."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "library",
        help="the library of your documents: add, list, remove, rebuild",
        description="Keep an index of many documents for 'marginalia search --all' and the "
        "library screen ('marginalia DIR').",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = sub.add_parser("add", help="index files and folders (again: only what changed)")
    a.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (walked recursively)")
    a.add_argument("-v", "--verbose", action="store_true", help="name every skipped file and why")
    a.set_defaults(func=run_add)
    ls = sub.add_parser("list", help="the documents: progress, notes, words, title, path")
    ls.add_argument("--json", action="store_true", help="print a JSON list")
    ls.set_defaults(func=run_list)
    r = sub.add_parser("remove", help="forget documents (a folder: all under it); files stay")
    r.add_argument("paths", nargs="+", metavar="PATH")
    r.set_defaults(func=run_remove)
    b = sub.add_parser("rebuild", help="index every listed document again from its file")
    b.add_argument("-v", "--verbose", action="store_true", help="name every skipped file and why")
    b.set_defaults(func=run_rebuild)
    for q in (a, ls, r, b):
        add_data_dir_arg(q)


def add_search_args(parser: argparse.ArgumentParser) -> None:
    """``--all`` for ``marginalia search``."""
    parser.add_argument("--all", action="store_true", help="search every document of the library")
    add_data_dir_arg(parser)


class _Progress:
    """A one-line progress on stderr, only when stderr is a terminal."""

    def __init__(self, verb: str) -> None:
        self.verb = verb
        self.on = sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int, path: str) -> None:
        if not self.on:
            return
        width = 24
        fill = width * done // max(1, total)
        name = path.rsplit("/", 1)[-1][:40]
        sys.stderr.write(f"\r\x1b[K{self.verb} [{'#' * fill}{'.' * (width - fill)}] {done}/{total} {name}")
        sys.stderr.flush()
        self.shown = True

    def end(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _open(args: argparse.Namespace, create: bool = True) -> Any:
    from tui.model.library import Library

    return Library.open(data_dir(args.data_dir), create=create)


def _report(report: Any, verbose: bool) -> int:
    print(report.summary())
    if verbose:
        for line in report.problems:
            print(f"  skipped {line}")
    if report.error:
        return fail(report.error)
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    from tui.model.library import LibraryError

    progress = _Progress("indexing")
    try:
        with _open(args) as lib:
            report = lib.add(args.paths, progress=progress)
    except LibraryError as exc:
        return fail(str(exc))
    finally:
        progress.end()
    return _report(report, args.verbose)


def run_rebuild(args: argparse.Namespace) -> int:
    from tui.model.library import LibraryError

    progress = _Progress("rebuilding")
    try:
        with _open(args) as lib:
            report = lib.rebuild(progress=progress)
    except LibraryError as exc:
        return fail(str(exc))
    finally:
        progress.end()
    return _report(report, args.verbose)


def run_remove(args: argparse.Namespace) -> int:
    from tui.model.library import LibraryError

    try:
        with _open(args, create=False) as lib:
            gone = lib.remove(args.paths)
    except LibraryError as exc:
        return fail(str(exc))
    if not gone:
        return fail("no document of the library is at " + ", ".join(args.paths), EXIT_NONE)
    print(f"removed {len(gone)} document{'s' if len(gone) != 1 else ''} from the library")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from tui.model.library import LibraryError

    try:
        with _open(args, create=False) as lib:
            docs = lib.documents()
    except LibraryError as exc:
        if args.json and "no library yet" in str(exc):
            print_json([])
            return EXIT_OK
        return fail(str(exc))
    if args.json:
        print_json([d.as_json() for d in docs])
        return EXIT_OK
    if not docs:
        print("The library is empty: add documents with 'marginalia library add PATH'.", file=sys.stderr)
        return EXIT_OK
    print(f"{'read':>5} {'notes':>5} {'words':>8}  title — path")
    for d in docs:
        print(f"{d.progress:>5.0%} {d.notes:>5} {d.words:>8}  {d.title} — {d.path}")
    return EXIT_OK


def hit_json(hit: Any, rank: int) -> dict[str, Any]:
    """One library hit as JSON."""
    return {
        "rank": rank,
        "path": hit.path,
        "title": hit.title,
        "section": list(hit.section),
        "block": hit.block_id,
        "index": hit.block_index,
        "text": hit.text,
        "score": hit.score,
        "spans": [list(s) for s in hit.spans],
        "snippet": hit.snippet,
        "snippet_spans": [list(s) for s in hit.snippet_spans],
    }


def run_search_all(args: argparse.Namespace, emphasise: Any) -> int:
    """``marginalia search QUERY --all``: ranked hits from every document of the library."""
    from tui.model.library import LibraryError

    if args.file is not None:
        return fail("give either FILE or --all, not both", EXIT_BAD_INPUT)
    try:
        with _open(args, create=False) as lib:
            result = lib.search(args.query, limit=args.limit)
    except LibraryError as exc:
        return fail(str(exc))
    if args.json:
        print_json([hit_json(h, i) for i, h in enumerate(result.hits, 1)])
        return EXIT_OK if result.hits else EXIT_NONE
    if not result.hits:
        print(result.message, file=sys.stderr)
        return EXIT_NONE
    colour = sys.stdout.isatty()
    width = len(str(len(result.hits)))
    for i, h in enumerate(result.hits, 1):
        where = " › ".join((h.title, *h.section))
        print(f"{i:>{width}}. {h.score:5.1f}  {where}")
        snippet = emphasise(h.snippet, h.snippet_spans) if colour else h.snippet
        print(f"{' ' * (width + 2)}{snippet}")
        print(f"{' ' * (width + 2)}{h.path}")
    return EXIT_OK


def join_later(file: str | None, data_dir_arg: str | None, delay: float = 1.5) -> None:
    """Add a document opened in the reader to the library, in the background, after the first screen.

    Nothing happens for stdin or the bundled article, or when the setting is off (see
    :mod:`tui.model.library.settings`). The thread is a daemon: quitting first simply leaves the
    document out (the transaction is rolled back), and no error ever reaches the reader.
    """
    if not file or file == "-":
        return
    import threading

    def join() -> None:
        try:
            from tui.model.library import Library
            from tui.model.library.settings import auto_add

            base = data_dir(data_dir_arg)
            if not auto_add(base):
                return
            with Library.open(base) as lib:
                lib.opened(file)
        except Exception:  # the library is a cache: the reader must never notice it failing
            return

    timer = threading.Timer(delay, join)
    timer.daemon = True
    timer.start()
