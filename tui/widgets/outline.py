"""The outline pane: the document's sections as a tree that follows the reading position."""

from __future__ import annotations

import re
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.model.document import Document, Section
from tui.widgets.cells import sanitize, text_width

_NUMBERS = re.compile(r"(?<![\d.])\d+(?:\.\d+)*")  # "1", "3.7.4.1" (a trailing dot left out)


def section_label(section: Section) -> str:
    """The text shown for a section: its number (when not already in the title) and title."""
    title = " ".join(sanitize(section.title).split())
    number = section.number
    if number and number not in _NUMBERS.findall(title[: len(number) + 12]):
        return f"{number} {title}"
    return title


class Outline(Tree[str]):
    """A tree of the document's sections; each node's data is the section id.

    Selecting a node (Enter or click) posts :class:`Outline.SectionSelected`; the owner
    scrolls the reading pane. :meth:`follow` moves the cursor to the section being read
    without taking focus. :meth:`set_counts` adds a count after a section's title
    (e.g. search hits or notes per section).
    """

    HELP_TITLE = "Outline"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Go to section", id="outline.select"),
        Binding("j", "cursor_down", "Next entry", id="outline.down", show=False),
        Binding("k", "cursor_up", "Previous entry", id="outline.up", show=False),
    ]

    class SectionSelected(Message):
        """The reader chose a section in the outline."""

        def __init__(self, section_id: str) -> None:
            self.section_id = section_id
            super().__init__()

    def __init__(self, document: Document, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Text(sanitize(document.meta.title) or "Contents"), id=id, classes=classes)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self._section_nodes: dict[str, TreeNode[str]] = {}
        self._sections: dict[str, Section] = {}
        self._counts: dict[str, int] = {}
        self._populate(document.sections, self.root)

    def _populate(self, sections: tuple[Section, ...], parent: TreeNode[str]) -> None:
        for section in sections:
            self._sections[section.id] = section
            if section.children:
                node = parent.add(self._label(section), data=section.id, expand=True)
                self._populate(section.children, node)
            else:
                node = parent.add_leaf(self._label(section), data=section.id)
            self._section_nodes[section.id] = node

    def _label(self, section: Section) -> Text:
        text = Text(section_label(section))
        count = self._counts.get(section.id)
        if count:
            text.append(f"  {count}", style=Style(dim=True, bold=True))
        return text

    def get_label_width(self, node: TreeNode[str]) -> int:
        """Width of a node's label, without rendering it (fast for thousands of sections)."""
        icon = len(self.ICON_NODE) if node.allow_expand else 0
        label = node.label
        return icon + (label.cell_len if isinstance(label, Text) else text_width(str(label)))

    @property
    def is_empty(self) -> bool:
        """True when the document has no sections."""
        return not self._section_nodes

    def set_counts(self, counts: dict[str, int]) -> None:
        """Show a count after each listed section's title (others show none)."""
        changed = set(self._counts) | set(counts)
        self._counts = dict(counts)
        for section_id in changed:
            node = self._section_nodes.get(section_id)
            if node is not None:
                node.set_label(self._label(self._sections[section_id]))

    def follow(self, section_id: str | None) -> None:
        """Put the cursor on a section (scroll-spy); does not take focus or post a selection."""
        node = self._section_nodes.get(section_id) if section_id else None
        if node is None:
            if self.cursor_line != -1 and section_id is None:
                self.move_cursor(None)
            return
        while node.line == -1 and node.parent is not None and node.parent is not self.root:
            node = node.parent
        if self.cursor_node is not node:
            self.move_cursor(node, animate=False)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.SectionSelected(event.node.data))
