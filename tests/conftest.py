"""Shared fixtures: the bundled article, the development corpus and a private data dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.model.load import bundled_path

ROOT = Path(__file__).resolve().parents[1]


def corpus_root() -> Path:
    """The generated development corpus (see the README); may not exist."""
    return Path(os.environ.get("MARGINALIA_CORPUS", ROOT / ".corpus"))


@pytest.fixture(scope="session")
def article_path() -> Path:
    return bundled_path()


@pytest.fixture(scope="session")
def corpus() -> Path:
    root = corpus_root()
    if not (root / "MANIFEST.tsv").is_file():
        pytest.skip("development corpus not built (bash ../shared/corpus/make-dev-corpus.sh .corpus)")
    return root


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data dir, so no test reads or writes the user's notes."""
    d = tmp_path / "data"
    monkeypatch.setenv("MARGINALIA_DATA_DIR", str(d))
    return d
