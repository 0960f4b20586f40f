"""Many keys in a row, in a fixed random order, never crash the reader."""

from __future__ import annotations

import random

import pytest

from tui.app import ReaderApp
from tui.model.load import load_bytes, load_path

KEYS = [
    "j", "k", "down", "up", "space", "b", "pagedown", "pageup", "g", "G", "home", "end",
    "left_square_bracket", "right_square_bracket", "o", "tab", "shift+tab", "enter", "escape",
    "slash", "n", "N", "f", "a", "m", "e", "d", "u", "r", "question_mark", "x", "t", "1",
    "ctrl+s", "ctrl+n", "ctrl+p",
]  # fmt: skip

MARKDOWN = b"""# Guide

Intro with a [link](#usage) and `code`.

## Usage

| a | b |
|---|--:|
| x | 1 |

```sh
echo hi
```

- one
- two
"""


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_random_keys_do_not_crash(seed: int) -> None:
    doc = load_path(None) if seed != 2 else load_bytes(MARKDOWN, "guide.md")
    rng = random.Random(seed)
    app = ReaderApp(doc)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(150):
            await pilot.press(rng.choice(KEYS))
        await pilot.pause()
        assert app.is_running
        assert app.return_code is None
