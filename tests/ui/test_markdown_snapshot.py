"""Snapshot of a Markdown document: a list, a table, highlighted code and inline styles."""

from __future__ import annotations

from tui.app import ReaderApp
from tui.model.load import load_bytes

MARKDOWN = """\
# Field notes

Some *emphasis*, some **strong** words, `inline code` and a [link](#tables).

## Lists

- first item
- second item with a longer text that wraps onto a second line when the measure is reached
  1. nested, numbered
  2. and another

## Tables

| Planet | Radius (km) | Moons |
|:-------|------------:|:-----:|
| Mercury | 2,440 | 0 |
| Earth | 6,371 | 1 |
| Jupiter | 69,911 | 95 |

## Code

```python
def greet(name: str) -> str:
    return f"Hello, {name}!"
```

> A quotation, set apart from the text.
"""


def test_markdown_with_list_table_and_code(snap_compare) -> None:
    doc = load_bytes(MARKDOWN.encode(), "notes.md")
    assert snap_compare(ReaderApp(doc), terminal_size=(100, 44))
