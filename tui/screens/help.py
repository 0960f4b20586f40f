"""The help screen: every key that works where the reader is, built from the bindings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.model.search import SYNTAX_HELP


def group_title(node: DOMNode) -> str:
    """A heading for the bindings that belong to ``node``."""
    title = getattr(node, "HELP_TITLE", None)
    if isinstance(title, str):
        return title
    return type(node).__name__


def binding_groups(
    active: Mapping[str, ActiveBinding], key_display: object
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Group active bindings by the widget (or app) that owns them.

    Keys bound to the same action of the same owner share one row. Bindings without a
    description are left out. ``key_display`` turns a Binding into the key's label.
    """
    groups: dict[int, tuple[str, dict[tuple[str, str], list[str]]]] = {}
    order: list[int] = []
    for active_binding in active.values():
        binding: Binding = active_binding.binding
        if not binding.description or binding.system:
            continue
        node = active_binding.node
        ident = id(node)
        if ident not in groups:
            groups[ident] = (group_title(node), {})
            order.append(ident)
        keys = groups[ident][1].setdefault((binding.action, binding.description), [])
        label = key_display(binding)  # type: ignore[operator]
        if label not in keys:
            keys.append(label)
    # Most specific first: the focused widget, then the screen, then the app.
    result = []
    for ident in reversed(order):
        title, rows = groups[ident]
        result.append((title, [(" ".join(keys), desc) for (_, desc), keys in rows.items()]))
    return result


class HelpScreen(ModalScreen[None]):
    """A modal list of the keys, grouped by where they work; any of q, ?, Esc closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > VerticalScroll {
        width: 70;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    """

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._render_table(), id="help-keys")

    def _render_table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", style=Style(bold=True), no_wrap=True)
        table.add_column()
        table.add_row(Text(""), Text("Keys", style=Style(bold=True, underline=True)))
        for title, rows in self.groups:
            table.add_row(Text(""), Text(""))
            table.add_row(Text(""), Text(title, style=Style(bold=True, italic=True)))
            for keys, description in rows:
                table.add_row(Text(keys), Text(description))
        table.add_row(Text(""), Text(""))
        title, _, syntax = SYNTAX_HELP.partition("\n")
        table.add_row(Text(""), Text(title, style=Style(bold=True, italic=True)))
        table.add_row(Text(""), Text(syntax))
        table.add_row(Text(""), Text(""))
        table.add_row(Text(""), Text("q, ? or Esc closes this help", style=Style(dim=True)))
        return table

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
