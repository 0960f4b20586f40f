"""The notes store: TOML round-trip, atomic and merged saves, broken files, file naming."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.model.document import BlockKind, BlockSpec, Document, Metadata, build_document
from tui.model.notes import anchor_for_block, anchor_for_span
from tui.model.paths import notes_dir
from tui.model.store import NotesStore, StoreError, recovered_path

ROOT = Path(__file__).resolve().parents[2]


def make_doc(paras: list[str] | None = None, title: str = "A Study of Rivers", source: str = "") -> Document:
    paras = paras or [
        f"Paragraph {i}: the river bends {i} times before reaching the sea at dawn." for i in range(20)
    ]
    specs = [BlockSpec(BlockKind.HEADING, title, level=1)]
    specs += [BlockSpec(BlockKind.PARAGRAPH, p) for p in paras]
    return build_document(specs, Metadata(title=title, source=source))


DOC = make_doc()


def ids(store: NotesStore) -> set[str]:
    return {n.id for n in store.notes}


# --------------------------------------------------------------------------- round trip

BODY_PIECES = st.one_of(
    st.text(),
    st.sampled_from(
        ['"""', "'''", '"', "\\", "\\n", "\r\n", "\r", "\n", "\x00", "\x1f", "\x7f", "\t", "\u2028"]
    ),
    st.characters(blacklist_categories=("Cs",)),
)
BODIES = st.lists(BODY_PIECES, max_size=12).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=BODIES, tags=st.lists(st.text(min_size=1, max_size=10).filter(str.strip), max_size=3))
def test_any_body_round_trips_exactly_through_the_file(body: str, tags: list[str]) -> None:
    with tempfile.TemporaryDirectory() as d:
        store = NotesStore.open(Path(d), DOC)
        note = store.add(anchor_for_block(DOC, 2), body, tags)
        store.save()
        tomllib.loads(store.path.read_text("utf-8"))  # plain, valid TOML
        again = NotesStore.open(Path(d), DOC)
        assert again.problem is None
        assert again.notes == (note,)
        assert again.notes[0].body == body


def test_file_is_readable_toml_with_multiline_bodies(tmp_path: Path) -> None:
    store = NotesStore.open(tmp_path, DOC)
    store.add(anchor_for_span(DOC, 3, 0, 9), "First line\nsecond line", ["river", "maps"])
    store.save()
    text = store.path.read_text("utf-8")
    assert 'body = """\nFirst line\nsecond line"""' in text
    data = tomllib.loads(text)
    assert data["schema"] == 1
    assert data["document"]["title"] == "A Study of Rivers"
    assert data["document"]["fingerprint"] == DOC.fingerprint
    (n,) = data["notes"]
    assert n["tags"] == ["river", "maps"]
    assert n["created"].tzinfo is not None
    assert n["anchor"] == {
        "block": DOC.blocks[3].id,
        "index": 3,
        "offset": 0,
        "quote": "Paragraph",
        "prefix": DOC.blocks[2].text[-31:] + "\n",
        "suffix": DOC.blocks[3].text[9:41],
    }


def test_surrogates_are_refused_and_nothing_is_added(tmp_path: Path) -> None:
    store = NotesStore.open(tmp_path, DOC)
    with pytest.raises(ValueError, match="surrogate"):
        store.add(anchor_for_block(DOC, 1), "bad \ud800")
    assert store.notes == () and not store.dirty
    n = store.add(anchor_for_block(DOC, 1), "good")
    with pytest.raises(ValueError):
        store.update(n.id, body="\udfff")
    assert store.get(n.id) == n


def test_missing_file_is_an_empty_store_and_opening_creates_nothing(tmp_path: Path) -> None:
    store = NotesStore.open(tmp_path, DOC)
    assert store.notes == () and store.problem is None and not store.read_only
    store.save()  # nothing to save
    assert not tmp_path.exists() or not any(tmp_path.rglob("*.toml"))


# --------------------------------------------------------------------------- edits and merges


def test_update_delete_restore_and_reattach(tmp_path: Path) -> None:
    store = NotesStore.open(tmp_path, DOC)
    a = store.add(anchor_for_block(DOC, 1), "one")
    b = store.add(anchor_for_block(DOC, 2), "two")
    store.update(a.id, body="one, edited", tags=["x"])
    gone = store.delete(b.id)
    store.save()
    again = NotesStore.open(tmp_path, DOC)
    assert [(n.body, n.tags) for n in again.notes] == [("one, edited", ("x",))]
    again.restore(gone)  # undo the delete, in another session
    again.reattach(a.id, anchor_for_block(DOC, 5))
    again.save()
    third = NotesStore.open(tmp_path, DOC)
    assert {n.body for n in third.notes} == {"one, edited", "two"}
    assert third.get(a.id).anchor.block_index == 5  # type: ignore[union-attr]
    with pytest.raises(KeyError):
        third.update("nope", body="x")


def test_two_stores_on_one_file_merge_and_deletions_are_not_resurrected(tmp_path: Path) -> None:
    first = NotesStore.open(tmp_path, DOC)
    shared = first.add(anchor_for_block(DOC, 1), "shared")
    first.save()
    second = NotesStore.open(tmp_path, DOC)
    first.add(anchor_for_block(DOC, 2), "from first")
    second.add(anchor_for_block(DOC, 3), "from second")
    second.delete(shared.id)
    second.save()
    first.save()  # first still holds `shared`, older than its deletion
    final = NotesStore.open(tmp_path, DOC)
    assert {n.body for n in final.notes} == {"from first", "from second"}
    assert {n.body for n in first.notes} == {"from first", "from second"}  # merged back in memory


def test_newer_edit_wins_over_older_edit(tmp_path: Path) -> None:
    first = NotesStore.open(tmp_path, DOC)
    n = first.add(anchor_for_block(DOC, 1), "v1")
    first.save()
    second = NotesStore.open(tmp_path, DOC)
    first.update(n.id, body="older edit")
    time.sleep(0.002)
    second.update(n.id, body="newer edit")
    second.save()
    first.save()
    assert [x.body for x in NotesStore.open(tmp_path, DOC).notes] == ["newer edit"]


# --------------------------------------------------------------------------- crashes, processes

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tui.model.document import BlockKind, BlockSpec, Metadata, build_document
    from tui.model.notes import anchor_for_block
    from tui.model.store import NotesStore

    data, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    paras = [f"Paragraph {i}: the river bends {i} times before reaching the sea at dawn." for i in range(20)]
    specs = [BlockSpec(BlockKind.HEADING, "A Study of Rivers", level=1)]
    specs += [BlockSpec(BlockKind.PARAGRAPH, p) for p in paras]
    doc = build_document(specs, Metadata(title="A Study of Rivers"))
    store = NotesStore.open(data, doc)
    print("ready", flush=True)
    for i in range(count):
        store.add(anchor_for_block(doc, 1 + i % 20), f"{tag}-{i}\\n" + "words " * 200)
        store.save()
    """
)


def spawn(data: Path, tag: str, count: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data), tag, str(count)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_killed_while_saving_the_file_is_always_old_or_new(tmp_path: Path) -> None:
    store = NotesStore.open(tmp_path, DOC)
    for i in range(300):
        store.add(anchor_for_block(DOC, 1 + i % 20), f"old-{i}\n" + "text " * 100)
    store.save()
    old = ids(store)
    rng = random.Random(4)
    deadline = time.monotonic() + 15
    runs = 0
    while runs < 30 and time.monotonic() < deadline:
        child = spawn(tmp_path, f"run{runs}", 1000)
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.12))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        runs += 1
        tomllib.loads(store.path.read_text("utf-8"))  # always parses
        now = NotesStore.open(tmp_path, DOC)
        assert now.problem is None
        bodies = [n.body.split("\n", 1)[0] for n in now.notes]
        new = sorted(int(b.split("-")[1]) for b in bodies if b.startswith(f"run{runs - 1}-"))
        assert new == list(range(len(new)))  # some prefix of the child's saves, nothing torn
        assert old <= ids(now)
        old = ids(now)
    assert runs >= 10


def test_two_processes_adding_concurrently_lose_nothing(tmp_path: Path) -> None:
    children = [spawn(tmp_path, "a", 50), spawn(tmp_path, "b", 50)]
    for c in children:
        assert c.stdout is not None
        c.stdout.read()
        c.stdout.close()
        assert c.wait(timeout=60) == 0
    bodies = {n.body.split("\n", 1)[0] for n in NotesStore.open(tmp_path, DOC).notes}
    assert bodies == {f"{t}-{i}" for t in "ab" for i in range(50)}


# --------------------------------------------------------------------------- broken files


@pytest.mark.parametrize(
    "content",
    [
        b'schema = 1\n[[notes]]\nid = "abc"\nbody = """unterminated\n',
        b"\xff\xfe not even utf-8",
        b'schema = 2\n[document]\ntitle = "from the future"\n[[notes]]\nid = "x"\nfuture = true\n',
        b'schema = 1\n[[notes]]\nid = "abc"\ncreated = "not a date"\n',
    ],
    ids=["syntax", "encoding", "newer-schema", "invalid-note"],
)
def test_a_broken_or_newer_file_is_never_written(tmp_path: Path, content: bytes) -> None:
    path = NotesStore.open(tmp_path, DOC).path
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    store = NotesStore.open(tmp_path, DOC)
    assert store.read_only and store.path == path
    assert store.problem is not None and str(path) in store.problem
    n = store.add(anchor_for_block(DOC, 1), "typed while the file was broken")
    store.save()
    assert path.read_bytes() == content
    # the new note went beside it, and is shown again next time
    assert store.write_path == recovered_path(path) and store.write_path.is_file()
    again = NotesStore.open(tmp_path, DOC)
    assert again.read_only and [x.id for x in again.notes] == [n.id]
    assert path.read_bytes() == content


def test_syntax_error_message_gives_line_and_column(tmp_path: Path) -> None:
    path = NotesStore.open(tmp_path, DOC).path
    path.parent.mkdir(parents=True)
    path.write_text('schema = 1\n\n[document]\ntitle = "x\n')
    problem = NotesStore.open(tmp_path, DOC).problem
    assert problem is not None and re.search(r"line 4, column \d+", problem)


def test_recovered_notes_return_to_the_fixed_file(tmp_path: Path) -> None:
    path = NotesStore.open(tmp_path, DOC).path
    path.parent.mkdir(parents=True)
    path.write_bytes(b"[[[ broken")
    store = NotesStore.open(tmp_path, DOC)
    store.add(anchor_for_block(DOC, 1), "kept")
    store.save()
    path.write_bytes(b"schema = 1\n")  # the user fixes the file
    fixed = NotesStore.open(tmp_path, DOC)
    assert fixed.problem is None and [n.body for n in fixed.notes] == ["kept"]
    fixed.save()
    assert not recovered_path(path).exists()
    assert [n.body for n in NotesStore.open(tmp_path, DOC).notes] == ["kept"]


def test_unwritable_folder_raises_store_error_and_keeps_notes(tmp_path: Path) -> None:
    notes_dir(tmp_path).parent.mkdir(parents=True, exist_ok=True)
    notes_dir(tmp_path).write_text("a file where the folder should be")
    store = NotesStore.open(tmp_path, DOC)
    n = store.add(anchor_for_block(DOC, 1), "precious")
    with pytest.raises(StoreError, match="cannot save notes"):
        store.save()
    assert store.dirty and store.notes == (n,)
    notes_dir(tmp_path).unlink()
    store.save()
    assert not store.dirty
    assert NotesStore.open(tmp_path, DOC).notes == (n,)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_read_only_folder_raises_store_error(tmp_path: Path) -> None:
    folder = notes_dir(tmp_path)
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        store = NotesStore.open(tmp_path, DOC)
        store.add(anchor_for_block(DOC, 1), "precious")
        with pytest.raises(StoreError):
            store.save()
        assert store.dirty and len(store.notes) == 1
    finally:
        folder.chmod(0o700)


# --------------------------------------------------------------------------- which file


@pytest.mark.parametrize("title", ["../../etc/passwd", "a/b", "", "CON", "📚✨", "..", "x" * 300, "a\\b:c*?"])
def test_file_names_are_safe_whatever_the_title(tmp_path: Path, title: str) -> None:
    doc = make_doc(title=title or "untitled doc")
    doc = build_document([BlockSpec(BlockKind.PARAGRAPH, b.text) for b in doc.blocks], Metadata(title=title))
    store = NotesStore.open(tmp_path, doc)
    assert store.path.parent == notes_dir(tmp_path)
    assert re.fullmatch(r"[a-z0-9-]{1,48}-[0-9a-f]{8}\.toml", store.path.name)
    store.add(anchor_for_block(doc, 0), "x")
    store.save()
    assert NotesStore.open(tmp_path, doc).notes == store.notes


def test_different_documents_with_the_same_title_never_share_a_file(tmp_path: Path) -> None:
    one = make_doc(["First document, about rivers and their long slow bends to the sea."])
    two = make_doc(["Second document, about mountains, glaciers and the snow on them."])
    s1 = NotesStore.open(tmp_path, one)
    s1.add(anchor_for_block(one, 1), "one")
    s1.save()
    s2 = NotesStore.open(tmp_path, two)
    assert s2.path != s1.path and s2.notes == ()


def test_a_moved_document_finds_its_notes(tmp_path: Path) -> None:
    doc = make_doc(source=str(tmp_path / "old" / "rivers.txt"))
    s = NotesStore.open(tmp_path, doc)
    s.add(anchor_for_block(doc, 4), "here")
    s.save()
    moved = make_doc(source=str(tmp_path / "new" / "renamed.txt"))
    assert NotesStore.open(tmp_path, moved).path == s.path


def test_an_edited_document_finds_its_notes_in_place_and_when_also_moved(tmp_path: Path) -> None:
    paras = [f"Paragraph {i}: the river bends {i} times before reaching the sea at dawn." for i in range(20)]
    doc = make_doc(paras, source=str(tmp_path / "rivers.txt"))
    s = NotesStore.open(tmp_path, doc)
    s.add(anchor_for_block(doc, 4), "here")
    s.add(anchor_for_block(doc, 9), "there")
    s.save()
    edited = [*paras[:5], "A brand new paragraph inserted by the author.", *paras[5:]]
    in_place = make_doc(edited, source=str(tmp_path / "rivers.txt"))
    assert NotesStore.open(tmp_path, in_place).path == s.path
    elsewhere = make_doc(edited, source=str(tmp_path / "copy" / "rivers-v2.txt"))
    store = NotesStore.open(tmp_path, elsewhere)
    assert store.path == s.path
    assert [p.note.body for p in store.placed(elsewhere)] == ["here", "there"]


def test_a_retitled_document_at_the_same_path_finds_its_notes(tmp_path: Path) -> None:
    src = str(tmp_path / "rivers.txt")
    s = NotesStore.open(tmp_path, make_doc(source=src))
    s.add(anchor_for_block(DOC, 2), "x")
    s.save()
    assert NotesStore.open(tmp_path, make_doc(title="Rivers, second edition", source=src)).path == s.path


def test_saving_from_a_worker_thread_while_adding_loses_nothing(tmp_path: Path) -> None:
    import threading

    store = NotesStore.open(tmp_path, DOC)
    stop = threading.Event()
    errors: list[BaseException] = []

    def saver() -> None:
        while not stop.is_set():
            try:
                store.save()
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

    worker = threading.Thread(target=saver)
    worker.start()
    added = {store.add(anchor_for_block(DOC, 1 + i % 20), f"n{i}").id for i in range(300)}
    stop.set()
    worker.join()
    store.save()
    assert not errors and not store.dirty
    assert ids(NotesStore.open(tmp_path, DOC)) == added
