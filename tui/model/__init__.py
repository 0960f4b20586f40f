"""The model: parsing, search and notes. No UI imports here (a test enforces it)."""

from tui.model.document import Block, BlockKind, Document, Metadata, Section
from tui.model.load import LoadError, load_bytes, load_path

__all__ = [
    "Block",
    "BlockKind",
    "Document",
    "LoadError",
    "Metadata",
    "Section",
    "load_bytes",
    "load_path",
]
