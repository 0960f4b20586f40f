"""The library under several processes: killed mid-build, two adding at once."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tui.model.library import Library

ROOT = Path(__file__).resolve().parents[3]


def _make_docs(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        paras = "\n\n".join(
            f"Document {i} paragraph {k}: the heron{i} waded by the reeds." for k in range(40)
        )
        (folder / f"doc{i:02}.txt").write_text(f"Title {i}\n\n{paras}\n", encoding="utf-8")


def _run(code: str, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], cwd=ROOT)


KILLER = """
    import os, signal, sys
    from pathlib import Path
    from tui.model.library import Library, build
    build._BATCH_ROWS = 1  # commit after every document
    def progress(done, total, path):
        if done == int(sys.argv[3]):
            os.kill(os.getpid(), signal.SIGKILL)
    Library.open(Path(sys.argv[1])).add([sys.argv[2]], progress=progress, workers=1)
"""


def test_a_build_killed_midway_keeps_what_it_committed_and_the_next_run_resumes(tmp_path: Path) -> None:
    docs, data = tmp_path / "docs", tmp_path / "data"
    _make_docs(docs, 12)
    proc = _run(KILLER, str(data), str(docs), "7")
    assert proc.wait(60) == -9
    with Library.open(data) as lib:
        done = len(lib)
        assert 5 <= done <= 7
        assert lib.con.execute("INSERT INTO fts(fts) VALUES('integrity-check')") is not None
        report = lib.add([str(docs)])
        assert (report.indexed, report.unchanged) == (12 - done, done)
        assert len(lib) == 12
        hits = lib.search("heron11 reeds").hits
        assert hits and hits[0].title == "Title 11"


ADDER = """
    import sys
    from pathlib import Path
    from tui.model.library import Library
    report = Library.open(Path(sys.argv[1])).add(sys.argv[2:], workers=1)
    assert not report.error, report.error
"""


def test_two_processes_adding_at_once_both_land(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _make_docs(tmp_path / "a", 10)
    _make_docs(tmp_path / "b", 10)
    procs = [_run(ADDER, str(data), str(tmp_path / d)) for d in ("a", "b", "a")]
    assert [p.wait(120) for p in procs] == [0, 0, 0]
    with Library.open(tmp_path / "alone") as ref:
        ref.add([str(tmp_path / "a"), str(tmp_path / "b")])
        expected = ref.con.execute(
            "SELECT count(*), sum(blocks) FROM (SELECT 1 AS blocks FROM blocks)"
        ).fetchone()
    with Library.open(data) as lib:
        assert len(lib) == 20
        got = lib.con.execute("SELECT count(*), sum(blocks) FROM (SELECT 1 AS blocks FROM blocks)").fetchone()
        assert got == expected and got[0] >= 20 * 40
        hits = lib.search("'heron3", limit=100).hits
        assert {Path(h.path).parent.name for h in hits} == {"a", "b"}
