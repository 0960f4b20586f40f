"""Documents the benchmark scripts share: the development corpus and big plain texts made from it."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def corpus_dir() -> Path:
    """The development corpus (``MARGINALIA_CORPUS`` or ``.corpus/`` in the checkout)."""
    return Path(os.environ.get("MARGINALIA_CORPUS", ROOT / ".corpus"))


def corpus_texts() -> list[tuple[str, bytes]]:
    """(name, bytes) of the corpus's plain-text files, in name order."""
    return [(p.name, p.read_bytes()) for p in sorted(corpus_dir().glob("*.txt"))]


def big_text(target: int) -> bytes:
    """About ``target`` bytes of UTF-8 plain text: the corpus's UTF-8 ``.txt`` files repeated.

    Without a corpus the text is synthetic: numbered sections of a repeated paragraph.
    """
    chunks: list[bytes] = []
    for _, data in corpus_texts():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        chunks.append(data)
    if not chunks:
        para = (
            "The quick brown fox jumps over the lazy dog, and then it reads a long book about "
            "terminal user interfaces, wrapping lines at a comfortable measure. "
        ) * 4
        chunks = ["".join(f"{n}. Section {n}\n\n" + (para + "\n\n") * 20 for n in range(1, 40)).encode()]
    body = bytearray()
    i = 0
    while len(body) < target:
        body += chunks[i % len(chunks)] + b"\n\n"
        i += 1
    return bytes(body[:target]).rsplit(b"\n", 1)[0] + b"\n"
